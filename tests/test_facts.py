"""Facts on drafts written for these tests (tests/facts/*.toml): each case names the facts it must have.

The rules of English each detector follows are checked here on phrasings beyond the real records
that prompted them; the real set itself is measured in tests/test_accuracy.py.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vmlint import lint

CASES = [(p.stem, c) for p in sorted((Path(__file__).parent / "facts").glob("*.toml"))
         for c in tomllib.loads(p.read_text(encoding="utf-8"))["case"]]


def _fact(facts, key):
    if key == "commitment":
        return "none" if not facts.commitments else ("specific" if any(c.specific for c in facts.commitments) else "vague")
    if key == "has_phone":
        return bool(facts.phone_numbers)
    attr = {"cta": "call_to_action", "names_caller": "caller_name", "names_company": "company"}.get(key, key)
    value = getattr(facts, attr)
    return bool(value)


@pytest.mark.parametrize(("group", "case"), CASES, ids=[f"{g}: {c['name']}" for g, c in CASES])
def test_fact(group, case):
    facts = lint(case["text"], step="generic").facts
    for key, want in case.items():
        if key in ("name", "text"):
            continue
        assert _fact(facts, key) == want, f"{key}: found {_fact(facts, key)!r}, want {want!r} in {case['text']!r}"


def test_every_case_names_a_fact():
    for _, case in CASES:
        assert set(case) - {"name", "text"}, case["name"]
