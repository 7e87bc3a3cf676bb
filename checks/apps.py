"""Finding the programs that should be closed for a lesson, and closing them politely.

Why: HMS asks that "all other unrelated browser windows, apps and programmes" be closed; a
messaging pop-up or a remote-access tool during a lesson with a child is a real risk. The
catalogue is data (resources/apps/catalogue.toml), extendable by a policy pack.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import psutil
from pydantic import BaseModel, ConfigDict, Field

from app.policy.schema import AppEntry as CatalogueEntry
from app.resources import resources_dir
from app.texts import _


class PlatformEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    name: str
    names: list[str] = Field(default_factory=list)
    browser_based: bool = False


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    categories: dict[str, str]
    platforms: list[PlatformEntry]
    apps: list[CatalogueEntry]


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    path = resources_dir() / "apps" / "catalogue.toml"
    return Catalogue.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))


def _base(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _norm(name: str) -> str:
    name = name.strip().lower()
    return name[:-4] if name.endswith(".exe") else name


@dataclass
class Finding:
    """One catalogued program found running (all of its processes)."""

    app_id: str
    name: str
    category: str
    why: str
    pids: list[int] = field(default_factory=list)
    process_names: list[str] = field(default_factory=list)


@dataclass
class Scan:
    findings: list[Finding]
    platforms_running: list[str]
    processes_seen: int
    seconds: float


class Matcher:
    """Look-up tables built once per scan: process name -> catalogue entry."""

    def __init__(self, entries: list[CatalogueEntry], platforms: list[PlatformEntry]) -> None:
        self.by_name: dict[str, CatalogueEntry] = {}
        self.by_path: list[tuple[str, CatalogueEntry]] = []
        for entry in entries:
            for n in entry.names:
                self.by_name.setdefault(_norm(n), entry)
            for pattern in entry.paths:
                self.by_path.append((pattern.lower(), entry))
        self.platform_names: dict[str, str] = {
            _norm(n): p.id for p in platforms for n in p.names
        }

    def match(self, name: str, exe: str) -> CatalogueEntry | None:
        key = _norm(name)
        if key in self.by_name:
            return self.by_name[key]
        if exe:
            base = _norm(_base(exe))
            if base in self.by_name:
                return self.by_name[base]
            low = exe.lower()
            for pattern, entry in self.by_path:
                if fnmatch.fnmatch(low, pattern):
                    return entry
            # macOS bundles: /Applications/Discord.app/Contents/MacOS/Discord
            if ".app/" in low:
                bundle = _norm(low.split(".app/")[0].rsplit("/", 1)[-1])
                return self.by_name.get(bundle)
        return None

    def platform(self, name: str, exe: str) -> str | None:
        return (self.platform_names.get(_norm(name))
                or (self.platform_names.get(_norm(_base(exe))) if exe else None))


def _other_processes(processes: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Every process (pid, name, exe) but LessonGuard itself and the ones that started it."""
    own = {os.getpid(), *(p.pid for p in psutil.Process().parents())}
    if processes is None:
        processes = [p.info for p in psutil.process_iter(["pid", "name", "exe"], ad_value="")]
    return [p for p in processes if p["pid"] not in own]


def scan(
    close_categories: list[str],
    allowed_platforms: list[str],
    extra: list[CatalogueEntry] | None = None,
    processes: list[dict[str, Any]] | None = None,
) -> Scan:
    """Which catalogued programs in `close_categories` are running. Browsers are left alone
    when an allowed platform runs in a browser (Meet, BandLab…)."""
    began = time.perf_counter()
    catalogue = load_catalogue()
    matcher = Matcher([*catalogue.apps, *(extra or [])], catalogue.platforms)
    browser_platform = any(p.browser_based for p in catalogue.platforms
                           if p.id in allowed_platforms)
    wanted = set(close_categories) - ({"browsers"} if browser_platform else set())
    processes = _other_processes(processes)
    findings: dict[str, Finding] = {}
    platforms: set[str] = set()
    for info in processes:
        pid, name, exe = info["pid"], info.get("name") or "", info.get("exe") or ""
        platform = matcher.platform(name, exe)
        if platform:
            platforms.add(platform)
            continue
        entry = matcher.match(name, exe)
        if entry is None or entry.category not in wanted:
            continue
        found = findings.setdefault(entry.id, Finding(
            entry.id, entry.name, entry.category, catalogue.categories.get(entry.category, "")))
        found.pids.append(pid)
        found.process_names.append(name)
    order = list(catalogue.categories)
    return Scan(sorted(findings.values(), key=lambda f: (order.index(f.category)
                                                          if f.category in order else 99, f.name)),
                sorted(platforms), len(processes), time.perf_counter() - began)


def running_platforms(processes: list[dict[str, Any]] | None = None) -> list[Finding]:
    """The lesson platforms running now (Zoom, Teams…), with their processes: for the panic
    flow's "leave the lesson", which closes them politely."""
    catalogue = load_catalogue()
    matcher = Matcher([], catalogue.platforms)
    names = {p.id: p.name for p in catalogue.platforms}
    processes = _other_processes(processes)
    found: dict[str, Finding] = {}
    for info in processes:
        platform = matcher.platform(info.get("name") or "", info.get("exe") or "")
        if platform is None:
            continue
        entry = found.setdefault(platform, Finding(platform, names.get(platform, platform),
                                                   "platform", "the lesson platform"))
        entry.pids.append(info["pid"])
        entry.process_names.append(info.get("name") or "")
    return list(found.values())


Outcome = Literal["closed", "forced", "still_running", "already_gone"]


@dataclass
class CloseReport:
    app_id: str
    name: str
    outcome: Outcome
    detail: str = ""


def _polite_close(proc: psutil.Process) -> None:
    if sys.platform == "win32":
        # taskkill without /F asks the window to close, like clicking its X.
        subprocess.run(["taskkill", "/PID", str(proc.pid)], capture_output=True, check=False)
    else:
        proc.terminate()  # SIGTERM: programs save and quit


def close(findings: list[Finding], polite_wait_s: float = 3.0, force: bool = False
          ) -> list[CloseReport]:
    """Close each finding's processes: politely first, then (only if `force`) by force.
    Reports what would not close, and why."""
    reports = []
    for finding in findings:
        procs = []
        for pid in finding.pids:
            try:
                procs.append(psutil.Process(pid))
            except psutil.NoSuchProcess:
                continue
        if not procs:
            reports.append(CloseReport(finding.app_id, finding.name, "already_gone"))
            continue
        denied = []
        for proc in procs:
            try:
                _polite_close(proc)
            except psutil.AccessDenied:
                denied.append(proc.pid)
            except psutil.NoSuchProcess:
                pass
        _gone, alive = psutil.wait_procs(procs, timeout=polite_wait_s)
        if not alive:
            reports.append(CloseReport(finding.app_id, finding.name, "closed"))
            continue
        if force:
            for proc in alive:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                    proc.kill()
            _gone, alive = psutil.wait_procs(alive, timeout=2.0)
            if not alive:
                reports.append(CloseReport(finding.app_id, finding.name, "forced"))
                continue
        why = (_("LessonGuard is not allowed to close it") if denied
               else _("it did not respond to a request to close"))
        reports.append(CloseReport(finding.app_id, finding.name, "still_running",
                                   _("{name} is still running: {why}. Close it yourself, or "
                                     "restart the computer.", name=finding.name, why=why)))
    return reports


def catalogue_path() -> Path:
    return resources_dir() / "apps" / "catalogue.toml"
