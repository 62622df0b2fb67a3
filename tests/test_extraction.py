"""Finding the voicemails inside playbooks and template files.

Each fixture in ``tests/extraction/`` has a sidecar ``NAME.expected.json``: the exact
messages that must be found (text as linted, the line it starts on, its step and day)
and phrases of blocks that must not be part of any message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vmlint.cli import main
from vmlint.extract import find_messages

FIXTURES = Path(__file__).parent / "extraction"
CASES = sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json"))


def listing(path: Path) -> list[dict]:
    found = find_messages(path.read_text(encoding="utf-8"), str(path))
    assert found is not None, f"{path.name} is read as a plain draft"
    return found.listing()


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fixture_messages(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = listing(path)
    want = expected["messages"]
    assert [m["text"] for m in got] == [m["text"] for m in want]
    assert [m["line"] for m in got] == [m["line"] for m in want]
    assert [m["step"] for m in got] == [m["step"] for m in want]
    for g, w in zip(got, want):
        if "day" in w:
            assert g["day"] == w["day"]
    for phrase in expected["absent"]:
        assert not any(phrase in m["text"] for m in got), phrase
