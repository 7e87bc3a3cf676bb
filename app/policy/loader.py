"""Loading policy packs from TOML, with errors that name the file, the key and what was expected.

Why: a pack is written by a person at an organisation; when it is wrong they must be told
exactly where and how, and LessonGuard must never fall back silently to weaker rules.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from app.errors import ConfigurationError, LessonGuardError
from app.inputs import read_bounded
from app.policy import shipped_packs
from app.policy.floor import floor_problems
from app.policy.schema import PolicyPack
from app.resources import resources_dir
from app.texts import _

log = logging.getLogger(__name__)

MAX_PACK_BYTES = 256 * 1024  # the largest shipped pack (strict) is 44 KB
# Counted before tomllib sees the text, because tomllib's time and memory grow with the square
# of a dotted key's depth (20,000 levels in 40 KB took 1.6 GB) and with every table it makes.
# Nesting: tables, arrays, inline tables and the parts of a dotted key inside one another
# (the shipped packs nest at most 5 deep). Items: keys, dotted-key parts, tables, arrays and
# array items (the strict pack has about 1,500).
MAX_NESTING = 16
MAX_ITEMS = 10_000
MAX_PROBLEMS = 50  # listed; the rest are counted


class PolicyError(ConfigurationError):
    """A pack that cannot be used; `problems` lists every error found, one per line."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        listed = "\n  ".join(problems)
        super().__init__(
            _("The policy pack {path} is not valid (1 problem):\n  {problems}", path=path,
              problems=listed) if len(problems) == 1 else
            _("The policy pack {path} is not valid ({count} problems):\n  {problems}",
              path=path, count=len(problems), problems=listed),
            _("Correct the file, or choose another pack; LessonGuard will not use it as it "
              "is."),
        )


def policies_dir() -> Path:
    return resources_dir() / "policies"


def shipped_pack_ids() -> list[str]:
    """The packs built into LessonGuard (app/policy/shipped_packs.py), not whatever .toml
    files happen to lie in the folder."""
    return sorted(shipped_packs.SHA256)


_TYPE_TAGS = {"int", "str", "float", "bool", "list", "dict", "none"}


def _is_union_tag(item: str) -> bool:
    """pydantic names union branches ('constrained-int', "literal['unspecified']", 'AgeBand');
    they mean nothing to the person editing the file."""
    return ("[" in item or "-" in item or item in _TYPE_TAGS or item[:1].isupper())


def _key_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif not _is_union_tag(str(item)):
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _describe(errors: list[ErrorDetails]) -> list[str]:
    by_key: dict[str, list[tuple[str, str]]] = {}
    for err in errors:
        kind = err["type"]
        if kind == "extra_forbidden":
            message = "unknown key (check its spelling; unknown keys are refused)"
        elif kind == "missing":
            message = "missing: this key is required"
        else:
            message = err["msg"]
            if "input" in err and not isinstance(err["input"], dict):
                shown = repr(err["input"])
                message += f" (found {shown[:60]}{'…' if len(shown) > 60 else ''})"
        by_key.setdefault(_key_path(tuple(err["loc"])), []).append((kind, message))
    problems = []
    for key, found in by_key.items():
        # A rule's value is "X or 'unspecified'": report what was wrong as an X.
        real = [m for k, m in found if k != "literal_error"] or [found[0][1]]
        problems.append(f"{key}: {real[0]}")
    return _at_most(problems)


def _at_most(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS],
            _("… and {count} more problems", count=len(problems) - MAX_PROBLEMS)]


_SIGNIFICANT = re.compile(r"[#\"'\[\]{}=,.\n]")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}'  # multi-line basic
    r"|'''[\s\S]*?'{3,5}"  # multi-line literal
    r'|"(?:[^"\\\n]|\\.)*"'  # basic
    r"|'[^'\n]*'")  # literal


def _too_complex(text: str) -> str | None:
    """Why the text nests too deeply or holds too many items for a pack, or None.

    A cheap scan that skips comments and strings; it only counts, and tomllib still judges
    the syntax. An unterminated string ends the scan: tomllib stops there too."""
    depth = dots = items = 0
    line = 1
    pos = 0
    while (found := _SIGNIFICANT.search(text, pos)) is not None:
        char, at = found.group(), found.start()
        if char == "#":
            end = text.find("\n", at)
            pos = len(text) if end < 0 else end
            continue
        if char in "\"'":
            string = _STRING.match(text, at)
            if string is None:
                return None
            line += string.group().count("\n")
            pos = string.end()
            continue
        pos = at + 1
        if char == "\n":
            line, dots = line + 1, 0
            continue
        items += char != "]" and char != "}"
        if char == ".":
            dots += 1
        elif char in "[{":
            depth, dots = depth + 1, 0
        elif char in "]}":
            depth, dots = max(0, depth - 1), 0
        else:  # "=" or ","
            dots = 0
        if depth + dots > MAX_NESTING:
            return _("line {line}: nested too deeply: tables, arrays and the parts of dotted "
                     "keys nest at most {limit} levels", line=line, limit=MAX_NESTING)
        if items > MAX_ITEMS:
            return _("line {line}: too many keys, tables and array items: a pack has at most "
                     "{limit}", line=line, limit=MAX_ITEMS)
    return None


def parse_pack(data: bytes, origin: str) -> PolicyPack:
    """Validate a pack's bytes; raise PolicyError naming every problem."""
    if len(data) > MAX_PACK_BYTES:
        raise PolicyError(origin, [f"the file is {len(data)} bytes; a pack is at most "
                                   f"{MAX_PACK_BYTES} bytes"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyError(origin, [f"not UTF-8 text (bad byte at position {exc.start}); "
                                   "save the file as UTF-8"]) from exc
    too_complex = _too_complex(text)
    if too_complex is not None:
        raise PolicyError(origin, [too_complex])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(origin, [f"not valid TOML: {exc}"]) from exc
    except RecursionError as exc:
        raise PolicyError(origin, ["not valid TOML: nested too deeply"]) from exc
    try:
        pack = PolicyPack.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(origin, _describe(exc.errors())) from exc
    except RecursionError as exc:
        raise PolicyError(origin, ["nested too deeply"]) from exc
    below_floor = floor_problems(pack)
    if below_floor:
        raise PolicyError(origin, below_floor)
    return pack


def read_pack_bytes(path: Path) -> bytes:
    """A pack file's bytes through app.inputs.read_bounded: regular files only (a pipe or a
    device is refused at once, never waited on), the size refused before anything is read."""
    try:
        return read_bounded(path, MAX_PACK_BYTES, _("the file"))
    except ConfigurationError as exc:
        raise PolicyError(str(path), [_("cannot be read: {reason}", reason=exc.message)]
                          ) from exc


def _shipped_id(path: Path) -> str | None:
    """The shipped pack this path is, if it is one of LessonGuard's own pack files."""
    if path.suffix != ".toml" or path.stem not in shipped_packs.SHA256:
        return None
    try:
        folder = policies_dir().resolve()
    except LessonGuardError:
        return None
    return path.stem if path.resolve().parent == folder else None


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_pack(path: Path, data: bytes) -> PolicyPack:
    """Validate a pack file's bytes: a shipped pack must be exactly as built, and any other
    file may not take a shipped pack's id or name (an unchanged copy of a shipped pack is
    that pack, and is accepted)."""
    origin = str(path)
    digest = hashlib.sha256(data).hexdigest()
    shipped = _shipped_id(path)
    if shipped is not None and digest != shipped_packs.SHA256[shipped]:
        raise PolicyError(origin, [_(
            "this is LessonGuard's shipped pack '{id}', and it was changed after LessonGuard "
            "was built (its SHA-256 is {found}, not {expected}); reinstall LessonGuard, or "
            "copy the pack, give it an id and a name of its own and choose the copy",
            id=shipped, found=digest[:16] + "…", expected=shipped_packs.SHA256[shipped][:16]
            + "…")])
    pack = parse_pack(data, origin)
    if shipped is not None or digest in shipped_packs.SHA256.values():
        return pack
    problems: list[str] = []
    if pack.id in shipped_packs.SHA256:
        problems.append(_(
            "id: '{id}' is the id of LessonGuard's shipped pack '{name}'; give your pack an id "
            "of its own, or choose the shipped pack by its id", id=pack.id,
            name=shipped_packs.NAMES[pack.id][0]))
    taken = {_normal(name): pid for pid, names in shipped_packs.NAMES.items() for name in names}
    for key, name in (("name", pack.name), ("organisation.name", pack.organisation.name)):
        owner = taken.get(_normal(name))
        if owner is not None:
            problems.append(_(
                "{key}: '{name}' is the name of LessonGuard's shipped pack '{id}'; give your "
                "pack a name of its own", key=key, name=name, id=owner))
    if problems:
        raise PolicyError(origin, problems)
    return pack


def load_pack_file(path: Path) -> PolicyPack:
    return check_pack(path, read_pack_bytes(path))


def resolve_pack_path(choice: str) -> Path:
    """A shipped pack's id (`hms`) or a path to a TOML file. A shipped id always means the
    shipped pack, even when a file of that name lies in the current folder."""
    if choice in shipped_packs.SHA256:
        return policies_dir() / f"{choice}.toml"
    candidate = Path(choice).expanduser()
    if candidate.suffix == ".toml" or candidate.exists() or "/" in choice or "\\" in choice:
        return candidate
    raise ConfigurationError(
        _("There is no policy pack called '{choice}'.", choice=choice),
        _("Choose one of: {packs}, or give the path to a .toml file.",
          packs=list(shipped_pack_ids())),
    )


def load_pack(choice: str) -> PolicyPack:
    return load_pack_file(resolve_pack_path(choice))


@dataclass(frozen=True)
class PackState:
    pack: PolicyPack
    path: Path
    digest: str
    warning: str = ""  # set when an edit on disk was refused and the last valid pack kept


class PolicyProvider:
    """The pack in force. Re-validates the file whenever it changed on disk; an invalid edit is
    refused, the last valid pack stays in force, and `warning` says so."""

    def __init__(self, choice: str) -> None:
        self.choice = choice
        self.path = resolve_pack_path(choice)
        data = self._read()
        self._state = PackState(check_pack(self.path, data), self.path,
                                hashlib.sha256(data).hexdigest())
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()

    def _read(self) -> bytes:
        return read_pack_bytes(self.path)

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def current(self) -> PackState:
        """The pack to use now, re-validated first if the file changed."""
        with self._lock:
            stamp = self._file_stamp()
            if stamp == self._stamp:
                return self._state
            self._stamp = stamp
            try:
                data = self._read()
            except PolicyError as exc:
                return self._refuse(exc)
            digest = hashlib.sha256(data).hexdigest()
            if digest == self._state.digest:
                self._state = PackState(self._state.pack, self.path, digest)
                return self._state
            try:
                pack = check_pack(self.path, data)
            except PolicyError as exc:
                return self._refuse(exc)
            log.info("policy pack %s changed on disk and was re-validated", self.path)
            self._state = PackState(pack, self.path, digest)
            return self._state

    def _refuse(self, exc: PolicyError) -> PackState:
        warning = _(
            "The policy pack file {file} was changed and is no longer valid ({problem}). "
            "LessonGuard keeps using the last valid version of '{pack}' until the file is "
            "corrected.", file=self.path.name, problem=exc.problems[0],
            pack=self._state.pack.name)
        log.warning("%s", warning)
        self._state = PackState(self._state.pack, self.path, self._state.digest, warning)
        return self._state
