"""Walking a pack's rules with their sources, for `policy show` and the traceability test.

Why: every rule must lead back to the words of the organisation's own policy; this is how
a person (or a test) finds each rule and the clause it cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from app.policy.schema import PolicyPack, Rule, Source

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalise(text: str) -> str:
    """Compare quotes by their words: typographic quotes, dashes and spacing set aside."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def quote_in(quote: str, seed_text: str) -> bool:
    return normalise(quote) in normalise(seed_text)


@dataclass(frozen=True)
class TracedRule:
    key: str
    value: Any
    source: Source | None  # None: the pack says "unspecified"
    strength: str = ""  # "required" or "recommended", for a rule
    applies_to: tuple[str, ...] = ()  # the roles a rule is for; empty: everyone
    note: str = ""


def _short(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude={"source"})
    if isinstance(value, list):
        return [_short(v) for v in value]
    return value


def iter_rules(pack: PolicyPack) -> Iterator[TracedRule]:
    """Every rule in the pack, in file order, as (dotted key, value, source)."""

    def walk(node: Any, key: str) -> Iterator[TracedRule]:
        if isinstance(node, Rule):
            yield TracedRule(key, _short(node.value), node.source, node.strength,
                             tuple(node.applies_to), node.note)
            if isinstance(node.value, list):
                for i, item in enumerate(node.value):
                    source = getattr(item, "source", None) if isinstance(item, BaseModel) else None
                    if isinstance(source, Source):
                        yield TracedRule(f"{key}[{i}]", _short(item), source)
            elif isinstance(node.value, BaseModel):
                yield from walk(node.value, key + ".value")
            return
        if isinstance(node, BaseModel):
            source = getattr(node, "source", None)
            if isinstance(source, Source):
                yield TracedRule(key, _short(node), source)
                return
            for name in type(node).model_fields:
                yield from walk(getattr(node, name), f"{key}.{name}" if key else name)
        elif isinstance(node, dict):
            for name, item in node.items():
                yield from walk(item, f"{key}.{name}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from walk(item, f"{key}[{i}]")

    yield from walk(pack, "")


def sources(pack: PolicyPack) -> Iterator[tuple[str, Source]]:
    for traced in iter_rules(pack):
        if traced.source is not None:
            yield traced.key, traced.source
