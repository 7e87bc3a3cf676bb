"""Write the Windows version resource PyInstaller embeds (from the one version source)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import __version__  # noqa: E402 - after the path is set

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
      StringStruct('CompanyName', 'LessonGuard'),
      StringStruct('FileDescription', 'LessonGuard: safe online music lessons'),
      StringStruct('FileVersion', '{s}'),
      StringStruct('InternalName', 'lessonguard'),
      StringStruct('OriginalFilename', 'lessonguard.exe'),
      StringStruct('ProductName', 'LessonGuard'),
      StringStruct('ProductVersion', '{s}')])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def main() -> None:
    parts = [int(p) for p in __version__.split(".")[:3]] + [0]
    target = ROOT / "build" / "version_info.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text(TEMPLATE.format(v=tuple(parts), s=__version__), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
