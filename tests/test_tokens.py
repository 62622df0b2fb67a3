"""The detectors' token view answers every question exactly as the spaCy Doc it was built from."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vmlint.engine import Linter
from vmlint.source import parse
from vmlint.tokens import Tokens

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

TOKEN_ATTRS = ("i", "text", "lower_", "lemma_", "idx", "whitespace_", "is_space", "is_punct", "is_alpha", "like_num",
               "is_sent_start", "text_with_ws")
EDGE = ["", "   ", "\n\n", "call", "Hi.\n\n- one\n- two\n\nDr. Smith at 312-555-0147, {first_name}!!  Thanks…",
        "It's Jo (Pinecrest) — won't you call?  [Your Name] 555 0147 x217 ’til 3 p.m. e.g. now"]


def _texts() -> list[str]:
    from drafts import generate

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts + generate(60, seed=5) + EDGE


@pytest.fixture(scope="module")
def docs():
    linter = Linter()
    return [linter.document(parse(t)).tokens for t in _texts()]


def test_every_token_attribute_is_spacys(docs):
    for view in docs:
        real = view.spacy
        assert len(view) == len(real) and view.text == real.text
        for mine, theirs in zip(view, real):
            for name in TOKEN_ATTRS:
                assert getattr(mine, name) == getattr(theirs, name), (view.text, theirs.i, name)
            assert len(mine) == len(theirs)
            assert (mine.sent.start, mine.sent.end) == (theirs.sent.start, theirs.sent.end)


def test_sentences_slices_and_char_spans_are_spacys(docs):
    for view in docs:
        real = view.spacy
        assert [(s.start, s.end, s.text) for s in view.sents] == [(s.start, s.end, s.text) for s in real.sents]
        n = len(real)
        for a, b in [(0, n), (1, 3), (-3, None), (2, 1), (n, n + 4), (None, -1), (0, 0)]:
            mine, theirs = view[a:b], real[a:b]
            assert (mine.start, mine.end, mine.start_char, mine.end_char, mine.text, len(mine)) == \
                   (theirs.start, theirs.end, theirs.start_char, theirs.end_char, theirs.text, len(theirs)), (view.text, a, b)
            assert [t.i for t in mine] == [t.i for t in theirs]
        text = view.text
        for start, end in [(0, len(text)), (1, max(1, len(text) // 2)), (len(text) // 3, len(text) - 1)]:
            if start > end:
                continue
            mine = view.char_span(start, end, alignment_mode="expand")
            theirs = real.char_span(start, end, alignment_mode="expand")
            assert (mine is None) == (theirs is None)
            if theirs is not None:
                assert (mine.start, mine.end, mine.text) == (theirs.start, theirs.end, theirs.text)


def test_a_question_the_view_does_not_answer_itself_goes_to_spacy(docs):
    view = next(d for d in docs if len(d) > 3)
    assert view[1].shape_ == view.spacy[1].shape_
    assert view[0:2].lemma_ == view.spacy[0:2].lemma_
    assert view.count_by is not None and isinstance(Tokens(view.spacy), Tokens)


def test_each_index_is_one_token_object(docs):
    view = next(d for d in docs if len(d) > 3)
    assert view[2] is view[0:4][2] is list(view)[2]
    assert view[-1] is view[len(view) - 1]
    with pytest.raises(IndexError):
        view[0:2][5]


def test_the_matcher_columns_are_the_docs(docs):
    from vmlint.token_matcher import _columns

    for view in docs:
        if len(view):
            assert view.columns == _columns(view.spacy), view.text


def test_a_half_made_view_says_what_it_lacks_instead_of_recursing():
    bare = Tokens.__new__(Tokens)
    with pytest.raises(AttributeError):
        bare.count_by
    from vmlint.tokens import Tok

    with pytest.raises(AttributeError):
        Tok().sent
