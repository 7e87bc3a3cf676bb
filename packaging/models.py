"""Extract LessonGuard's MediaPipe models from the mediapipe 0.10.21 wheel and check their hashes.

Why: the app must never download a model at run time, so the `.tflite` files live in
`resources/models/`. This script shows where they came from and proves they are unchanged.

    python packaging/models.py verify                 # check resources/models against NOTICE hashes
    python packaging/models.py extract [--wheel W]    # re-extract from the wheel (pip downloads it)
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL_REQUIREMENT = "mediapipe==0.10.21"
MODELS_DIR = Path(__file__).resolve().parent.parent / "resources" / "models"

# name in resources/models -> (path inside the wheel, SHA-256)
MODELS: dict[str, tuple[str, str]] = {
    "selfie_segmentation_landscape.tflite": (
        "mediapipe/modules/selfie_segmentation/selfie_segmentation_landscape.tflite",
        "a77d03f4659b9f6b6c1f5106947bf40e99d7655094b6527f214ea7d451106edd",
    ),
    "selfie_segmentation.tflite": (
        "mediapipe/modules/selfie_segmentation/selfie_segmentation.tflite",
        "9ee168ec7c8f2a16c56fe8e1cfbc514974cbbb7e434051b455635f1bd1462f5c",
    ),
    "face_detection_short_range.tflite": (
        "mediapipe/modules/face_detection/face_detection_short_range.tflite",
        "bbff11cebd1eb27a1e004cae0b0e63ec8c551cbf34a4451148b4908b8db3eca8",
    ),
    "face_detection_full_range_sparse.tflite": (
        "mediapipe/modules/face_detection/face_detection_full_range_sparse.tflite",
        "2c3728e6da56f21e21a320433396fb06d40d9088f2247c05e5635a688d45dfe1",
    ),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(models_dir: Path = MODELS_DIR) -> list[str]:
    """Return one message per missing or altered model; empty when all match."""
    problems = []
    for name, (_, expected) in MODELS.items():
        path = models_dir / name
        if not path.is_file():
            problems.append(f"{name}: missing from {models_dir}")
        elif (actual := sha256(path)) != expected:
            problems.append(f"{name}: SHA-256 {actual} but NOTICE says {expected}")
    return problems


def download_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "--python-version", "3.11", "--platform", "manylinux_2_28_x86_64",
         "-d", str(dest), WHEEL_REQUIREMENT],
        check=True,
    )
    return next(dest.glob("mediapipe-0.10.21-*.whl"))


def extract(wheel: Path, models_dir: Path = MODELS_DIR) -> None:
    models_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as zf:
        for name, (inner, _) in MODELS.items():
            (models_dir / name).write_bytes(zf.read(inner))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("verify")
    ex = sub.add_parser("extract")
    ex.add_argument("--wheel", type=Path, help="a local mediapipe-0.10.21 wheel")
    args = parser.parse_args(argv)
    if args.cmd == "extract":
        if args.wheel:
            extract(args.wheel)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                extract(download_wheel(Path(tmp)))
    problems = verify()
    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f"all {len(MODELS)} models match their SHA-256 in {MODELS_DIR}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
