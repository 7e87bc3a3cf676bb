"""Benchmark: writing and opening an incident package sealed with a passphrase.

Run:  .venv/bin/python tests/bench/bench_incident_package.py [--evidence-mb 10] [--runs 3]
Prints, for an incident with a chat, a screenshot of the given size (random bytes, so nothing
compresses) and a held recording: the time to export the sealed package, to verify it (no
passphrase), and to open it into a new folder (the scrypt key derivation included), each the
median of N runs, with the package's size and the opened folder's size, and the peak memory
(max RSS) of this process.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ["LESSONGUARD_KEYSTORE"] = "file"

from app.encrypted_file import EncryptedWriter
from app.export import Trust, check_sealed, installation_public_key
from app.incident_open import open_incident_package
from app.incident_package import export_incident
from app.incidents import Incidents
from app.people import People
from app.policy.loader import load_pack
from app.recordings import Recordings
from app.store import Store

PHRASE = "violet harbour 1947 quietly"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--evidence-mb", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lg-bench-package-"))
    data = root / "data"
    data.mkdir()
    store = Store(data)
    pack = load_pack("tutorninjas")
    recs = Recordings(store, data)
    pupil = People(store).add("pupil", "Amy Lee", age_band="11-12").id
    info, key = recs.begin(pack, pupil, data / "recordings")
    writer = EncryptedWriter(Path(info.path), key, sync=False)
    writer.write(os.urandom(1 << 20))
    writer.close()
    recs.finish(info.id, state="complete", duration_s=2.0, chunks=writer.index,
                chunk_hashes=writer.chunk_hashes, size_bytes=Path(info.path).stat().st_size)
    incidents = Incidents(store, data)
    incident = incidents.open(pack, actor="bench")
    incidents.hold_recordings(incident.id, recs, [info.id], by="bench")
    incidents.set_category(pack, incident.id, "inappropriate_language")
    incidents.record_details(incident.id, "bench", narrative="What was seen. " * 200)
    incidents.add_chat(incident.id, "a line of chat\n" * 500, by="bench")
    incidents.add_screenshot(incident.id, os.urandom(int(args.evidence_mb * (1 << 20))),
                             by="bench")
    exports, verifies, opens = [], [], []
    package = opened = root
    for n in range(args.runs):
        t = time.perf_counter()
        package = export_incident(store, data, incident.id, root / f"out{n}",
                                  passphrase=PHRASE)
        exports.append(time.perf_counter() - t)
        t = time.perf_counter()
        trust = Trust(keys=((installation_public_key(data) or b"", "this installation"),))
        assert check_sealed(package, trust).status == "trusted"
        verifies.append(time.perf_counter() - t)
        t = time.perf_counter()
        result = open_incident_package(package, PHRASE, trust, root / f"opened{n}")
        opens.append(time.perf_counter() - t)
        assert result.status == "opened", result.problems
        assert result.folder is not None
        opened = result.folder
    store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"evidence: a {args.evidence_mb:g} MB screenshot, a chat, a 1 MB recording; "
          f"{args.runs} runs (median)")
    print(f"export (sealed with a passphrase): {statistics.median(exports):.2f} s")
    print(f"verify (no passphrase):            {statistics.median(verifies):.2f} s")
    print(f"open (verify, scrypt, decrypt):    {statistics.median(opens):.2f} s")
    print(f"package size: {_size(package) / (1 << 20):.2f} MiB; opened folder: "
          f"{_size(opened) / (1 << 20):.2f} MiB")
    print(f"peak memory of this process (max RSS): {rss:.0f} MiB")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
