"""The clause ledgers (docs/policies/<id>.md) stay true to the policies, the packs and the code."""

from __future__ import annotations

import importlib
import inspect
import re
import subprocess
import sys

import pytest

from app.policy.ledger import TESTS, USES, build, covers, load_clauses, rule_key
from app.policy.loader import load_pack
from app.policy.trace import iter_rules, quote_in
from tests.conftest import REPO
from tests.unit.test_policy_packs import SEED_PACKS, seed_text

DOCS = REPO / "docs" / "policies"


@pytest.mark.parametrize("pack_id", list(SEED_PACKS))
def test_every_clause_is_in_its_policy_and_has_a_status(pack_id: str) -> None:
    clauses = load_clauses(DOCS / f"{pack_id}.clauses.toml")
    seed = seed_text(SEED_PACKS[pack_id])
    assert len(clauses) >= 10
    for clause in clauses:
        assert quote_in(clause.quote, seed), clause.quote
        assert clause.status in ("acted", "shown", "not_acted")
        if clause.status == "not_acted":
            assert len(clause.why) > 20, clause.quote
    assert len({c.quote for c in clauses}) == len(clauses), "a clause is listed twice"


@pytest.mark.parametrize("pack_id", list(SEED_PACKS))
def test_every_rule_of_the_pack_is_a_clause_of_the_ledger(pack_id: str) -> None:
    """A pack rule quoting words no ledger clause holds is a rule nobody looked at whole."""
    clauses = load_clauses(DOCS / f"{pack_id}.clauses.toml")
    for traced in iter_rules(load_pack(pack_id)):
        if traced.source is None:
            continue
        assert any(covers(traced.source.quote, c.quote) for c in clauses), (
            traced.key, traced.source.quote)


@pytest.mark.parametrize("pack_id", list(SEED_PACKS))
def test_clauses_acted_on_or_shown_lead_to_a_rule_and_where_it_is_applied(pack_id: str) -> None:
    pack = load_pack(pack_id)
    ledger = build(pack, load_clauses(DOCS / f"{pack_id}.clauses.toml"))
    keys = {rule_key(t.key) for t in iter_rules(pack)}
    for row in ledger.rows:
        if row.clause.status == "not_acted":
            continue
        assert row.rules, f"{pack_id}: no rule for “{row.clause.quote}”"
        assert all(k in keys for k in row.rules), row.rules
        assert row.where, row.clause.quote


def test_every_place_named_exists_and_reads_its_rule() -> None:
    for key, places in USES.items():
        name = key.split(".")[-1]
        for place in places:
            module, attr = place.split(":")
            found = getattr(importlib.import_module(module), attr)
            source = inspect.getsource(found)
            words = {key, name, name.rstrip("s"), "incidents", "notify", "guidance"} \
                if key == "incidents" else {key, name}
            # ...or it calls another place named for the same rule (a check calling the engine).
            words |= {p.split(":")[1] for p in places if p != place}
            assert any(w in source for w in words), (key, place)


def test_every_test_named_exists() -> None:
    for tests in TESTS.values():
        for test in tests:
            path, name = test.split("::")
            text = (REPO / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", text, re.M), test


def test_the_ledgers_are_current(tmp_path) -> None:  # type: ignore[no-untyped-def]  # fixture
    """docs/policies/*.md are what scripts/make_ledgers.py writes from today's packs and code."""
    out = subprocess.run([sys.executable, "-c", (
        "import sys; sys.path.insert(0, 'scripts'); import make_ledgers as m; "
        "print(m.ledger_text(sys.argv[1]), end='\\x00')"), "hms"],
        cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.rstrip("\x00") == (DOCS / "hms.md").read_text(encoding="utf-8"), (
        "docs/policies/hms.md is stale: run scripts/make_ledgers.py")
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import make_ledgers
    finally:
        sys.path.remove(str(REPO / "scripts"))
    for pack_id in SEED_PACKS:
        assert make_ledgers.ledger_text(pack_id) == (DOCS / f"{pack_id}.md").read_text(
            encoding="utf-8"), f"docs/policies/{pack_id}.md is stale: run make_ledgers.py"
    assert make_ledgers.strict_text() == (DOCS / "strict.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("pack_id", list(SEED_PACKS))
def test_the_ledger_counts_what_it_lists(pack_id: str) -> None:
    text = (DOCS / f"{pack_id}.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| .*$", text, re.M)
    counts = [int(n) for n in re.findall(r"\*\*(\d+)\*\*", text)]
    assert sum(counts) == len(rows) == len(load_clauses(DOCS / f"{pack_id}.clauses.toml"))
