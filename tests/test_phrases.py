"""The indexed TokenMatcher finds exactly what spaCy's Matcher finds, on every draft we have."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vmlint.engine import Linter
from vmlint.phrases import spacy_matcher
from vmlint.source import parse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _texts() -> list[str]:
    from drafts import generate

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += generate(150, seed=3)
    texts += ["", "   ", "call", "Call me maybe, or maybe not. ~3 <name> XXX-XXX-XXXX [Name] {first_name}"]
    return texts


@pytest.fixture(scope="module")
def linter():
    return Linter()


def test_token_matcher_agrees_with_spacy_matcher(linter):
    matcher = linter._matcher
    reference = spacy_matcher(list(matcher.families.values()))
    checked = 0
    for text in _texts():
        doc = linter.document(parse(text)).doc
        ours = sorted(matcher._matcher(doc))
        theirs = sorted(set(reference(doc)))
        assert sorted(set(ours)) == theirs, text
        checked += 1
    assert checked > 300
