"""The spaCy side: one blank English tokenizer, lookup lemmas, sentence starts.

No statistical model is needed or loaded. Lemmas come from the lookup table that
``spacy-lookups-data`` ships, applied to the lower-cased form (after spaCy's own
normalisation of contractions, so ``'ll`` is "will" and ``n't`` is "not"). Phone
numbers and placeholders are merged into single tokens whose lemma names their kind
(``-phone-``, ``-name-``, ``-company-``, ``-day-`` ...), so phrase patterns can say
"call me at <phone>".
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
import threading
from collections.abc import Iterable
from functools import lru_cache

_CONTRACTION_HEADS = {"ca", "wo", "gon", "na", "sha", "ai"}
_NO_SPLIT_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "e.g.", "i.e.", "approx."}
_SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
_BULLETS = {"-", "*", "•", "–", "—", "·"}

LOCK = threading.RLock()


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    data = importlib.resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    return json.loads(gzip.decompress(data.read_bytes()))


@lru_cache(maxsize=1)
def blank():
    import spacy

    return spacy.blank("en")


def lemma_of(lower: str, norm: str) -> str:
    lower = lower.replace("’", "'")
    base = norm if norm != lower and ("'" in lower or lower in _CONTRACTION_HEADS) else lower
    return lemma_table().get(base, base)


def set_lemmas(doc, kinds: dict[int, str]) -> None:
    """Give every token a lower-case lookup lemma; merged spans get ``-kind-``."""
    for token in doc:
        kind = kinds.get(token.i)
        token.lemma_ = f"-{kind}-" if kind else lemma_of(token.lower_, token.norm_)


def set_sentences(doc) -> None:
    """Sentence starts from end punctuation, blank lines, bullets and new capitalised lines."""
    prev_end = True
    newline_before = 0
    for token in doc:
        if token.is_space:
            newline_before += token.text.count("\n") + token.text.count("\r") - token.text.count("\r\n")
            token.is_sent_start = False if token.i else True
            continue
        text = token.text
        if token.i == 0:
            start = True
        elif newline_before >= 2:
            start = True
        elif newline_before == 1:
            start = prev_end or text in _BULLETS or text[:1].isupper() or text[:1].isdigit()
        else:
            start = prev_end
        token.is_sent_start = start
        newline_before = 0
        if text in _CLOSERS:
            continue
        low = text.lower()
        if low in _SENTENCE_END or (low[-1:] in "!?" and not low.isalnum()):
            prev_end = True
        elif low.endswith(".") and len(low) > 1 and low not in _NO_SPLIT_ABBREVIATIONS:
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            while nxt is not None and nxt.is_space and nxt.i + 1 < len(doc):
                nxt = doc[nxt.i + 1]
            prev_end = nxt is not None and nxt.text[:1].isupper()
        else:
            prev_end = False


def annotate(text: str, merges: Iterable[tuple[int, int, str]]):
    """Tokenize ``text``, merge the given (start, end, kind) spans, set lemmas and sentences."""
    with LOCK:
        doc = blank().make_doc(text)
        kinds: dict[int, str] = {}
        spans = []
        for start, end, kind in sorted(merges):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1][0].end):
                continue
            spans.append((span, kind))
        with doc.retokenize() as retok:
            for span, _ in spans:
                if len(span) > 1:
                    retok.merge(span)
        for span, kind in spans:
            token = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
            if token is not None:
                kinds[token.start] = kind
        set_lemmas(doc, kinds)
        set_sentences(doc)
    return doc
