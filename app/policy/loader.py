"""Loading policy packs from TOML, with errors that name the file, the key and what was expected.

Why: a pack is written by a person at an organisation; when it is wrong they must be told
exactly where and how, and LessonGuard must never fall back silently to weaker rules.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from app.errors import ConfigurationError
from app.policy.schema import PolicyPack
from app.resources import resources_dir
from app.texts import _

log = logging.getLogger(__name__)

MAX_PACK_BYTES = 512 * 1024


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
    return sorted(p.stem for p in policies_dir().glob("*.toml"))


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
    return problems


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
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(origin, [f"not valid TOML: {exc}"]) from exc
    except RecursionError as exc:
        raise PolicyError(origin, ["not valid TOML: nested too deeply"]) from exc
    try:
        return PolicyPack.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(origin, _describe(exc.errors())) from exc
    except RecursionError as exc:
        raise PolicyError(origin, ["nested too deeply"]) from exc


def load_pack_file(path: Path) -> PolicyPack:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(str(path), [f"cannot be read: {exc.strerror or exc}"]) from exc
    return parse_pack(data, str(path))


def resolve_pack_path(choice: str) -> Path:
    """A shipped pack's id (`hms`) or a path to a TOML file."""
    candidate = Path(choice).expanduser()
    if candidate.suffix == ".toml" or candidate.exists() or "/" in choice or "\\" in choice:
        return candidate
    shipped = policies_dir() / f"{choice}.toml"
    if shipped.is_file():
        return shipped
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
        self._state = PackState(parse_pack(data, str(self.path)), self.path,
                                hashlib.sha256(data).hexdigest())
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise PolicyError(str(self.path), [f"cannot be read: {exc.strerror or exc}"]) from exc

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
                pack = parse_pack(data, str(self.path))
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
