"""Bandwidth check: upload and download each measured against the pack's threshold."""

from __future__ import annotations

from typing import Any

from app.texts import _
from checks.base import Check, CheckContext, CheckResult
from checks.speedtest import MBIT, SpeedResult, SpeedTest

DEFAULT_SPEED_URL = "https://speed.cloudflare.com"
BUDGET_S = 10.0
OTHER_TRAFFIC_BYTES = 1_000_000


def _fmt(mbps: float | None) -> str:
    if mbps is None:
        return _("not measured")
    return _("{mbps} Mbit/s", mbps=f"{mbps:.1f}" if mbps < 100 else f"{mbps:.0f}")


DIRECTION = {"download": _("download"), "upload": _("upload")}


class BandwidthCheck(Check):
    id = "bandwidth"
    title = _("Internet speed")
    timeout_s = BUDGET_S + 2.5

    def run(self, ctx: CheckContext) -> CheckResult:
        params = ctx.requirement.params if ctx.requirement else {}
        up_min = float(params.get("min_upload_mbps", 2.0))
        down_min = float(params.get("min_download_mbps", 2.0))
        url = ctx.services.speed_url or DEFAULT_SPEED_URL
        test = SpeedTest(url, up_min, down_min, progress=ctx.services.speed_progress)
        result = test.run(min(BUDGET_S, max(1.0, ctx.remaining() - 1.5)))
        figures = self._figures(result, url, up_min, down_min)
        if result.error is not None and not (result.download.samples and result.upload.samples):
            summary: str = result.error.message
            if result.timed_out and (result.download.samples or result.upload.samples):
                summary = _("{problem} What was measured so far is shown.", problem=summary)
            return self.result(ctx, "inconclusive", summary, result.error.fix, **figures)
        failing = [d for d in (result.download, result.upload) if d.verdict == "fail"]
        unknown = [d for d in (result.download, result.upload) if d.verdict == "unknown"]
        words = _("Download {down}, upload {up}", down=_fmt(result.download.mbps),
                  up=_fmt(result.upload.mbps))
        steps: list[str] = [
            _("Move closer to the Wi-Fi router, or connect with a cable."),
            _("Ask others on the same connection to pause downloads, games and video while "
              "the lesson runs."),
            _("Close other programs that use the internet.")]
        busy = result.other_bytes > max(OTHER_TRAFFIC_BYTES, 0.25 * result.our_bytes)
        if busy:
            steps.insert(0, _("Another program on this computer is using the connection: "
                              "pause it (updates, cloud backup, downloads, streaming)."))
        if failing:
            need = {"download": down_min, "upload": up_min}
            short = [_("{direction} needs {mbps} Mbit/s", direction=DIRECTION[d.name],
                       mbps=f"{need[d.name]:g}") for d in failing]
            return self.result(ctx, "fail", _("{measured}: too slow ({needs}).",
                                              measured=words, needs=short), steps, **figures)
        if unknown:
            return self.result(ctx, "inconclusive",
                               _("{measured}: the {direction} could not be measured in time.",
                                 measured=words, direction=DIRECTION[unknown[0].name]),
                               steps, **figures)
        if busy:
            return self.result(ctx, "warn", _("{measured}: both fast enough (at least {mbps} "
                                              "Mbit/s). Another program is using the "
                                              "connection at the same time.", measured=words,
                                              mbps=f"{max(up_min, down_min):g}"),
                               steps[:2], **figures)
        return self.result(ctx, "pass", _("{measured}: both fast enough (at least {mbps} "
                                          "Mbit/s).", measured=words,
                                          mbps=f"{max(up_min, down_min):g}"), [], **figures)

    @staticmethod
    def _figures(result: SpeedResult, url: str, up_min: float, down_min: float
                 ) -> dict[str, Any]:
        def direction(d: Any, need: float) -> dict[str, Any]:
            return {"mbps": None if d.mbps is None else round(d.mbps, 2), "verdict": d.verdict,
                    "confidence": d.confidence, "threshold_mbps": need,
                    "samples_mbps": [round(s, 2) for s in d.samples], "bytes": d.bytes,
                    "streams": d.streams}
        return {
            "endpoint": url,
            "download": direction(result.download, down_min),
            "upload": direction(result.upload, up_min),
            "latency_ms": None if result.latency_ms is None else round(result.latency_ms, 1),
            "jitter_ms": None if result.jitter_ms is None else round(result.jitter_ms, 1),
            "seconds": round(result.duration_s, 2),
            "timed_out": result.timed_out,
            "error": result.error.kind if result.error else None,
            "other_traffic_mbit": round(result.other_bytes / MBIT / max(result.duration_s, 0.1),
                                        2),
        }
