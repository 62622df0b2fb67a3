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

from . import chunks

_CONTRACTION_HEADS = {"ca", "wo", "gon", "na", "sha", "ai"}
_NO_SPLIT_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "e.g.", "i.e.", "approx."}
_SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
_BULLETS = {"-", "*", "•", "–", "—", "·"}
_GLUE = {"like", "the", "a", "an", "to", "and", "or", "of", "i", "we", "you", "my", "your", "our", "with", "for", "at",
         "in", "on", "from", "that", "this", "as", "but", "so", "if", "is", "are", "be", "will", "would", "can", "get"}

LOCK = threading.RLock()


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    data = importlib.resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    return json.loads(gzip.decompress(data.read_bytes()))


@lru_cache(maxsize=1)
def blank():
    from .lazy_imports import import_spacy

    nlp = import_spacy().blank("en")
    nlp.max_length = 10**9  # no parser or NER runs, so long texts are safe; size is limited by max-file-bytes
    return nlp


def lemma_of(lower: str, norm: str) -> str:
    lower = lower.replace("’", "'")
    if lower == "'s" and norm in ("'s", "’s"):  # spaCy's own norm wins where it has one: "let's" is "let us"
        # "it's", "now's", "when's", "that's": in a voicemail almost always "is" (the lookup
        # table says "have"); a possessive ("Ravi's") reads as "be" too, which no pattern uses.
        return "be"
    base = norm if norm != lower and ("'" in lower or lower in _CONTRACTION_HEADS) else lower
    return lemma_table().get(base, base)


def set_lemmas(doc, kinds: dict[int, str]) -> None:
    """Give every token a lower-case lookup lemma; merged spans get ``-kind-``.

    Works on the doc's attribute arrays (one read, one write) rather than token by token.
    """
    import numpy
    from spacy.attrs import LEMMA, LOWER, NORM

    if not len(doc):
        return
    strings = doc.vocab.strings
    pairs = doc.to_array([LOWER, NORM]).tolist()
    seen: dict[tuple[int, int], int] = {}
    lemmas = []
    for i, (lower, norm) in enumerate(pairs):
        kind = kinds.get(i)
        if kind:
            lemmas.append(strings.add(f"-{kind}-"))
            continue
        key = (lower, norm)
        if key not in seen:
            seen[key] = strings.add(lemma_of(strings[lower], strings[norm]))
        lemmas.append(seen[key])
    doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))


def set_sentences(doc) -> None:
    """Sentence starts from end punctuation, blank lines, bullets and new capitalised lines."""
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START

    n = len(doc)
    if not n:
        return
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, IS_SPACE]).tolist()
    texts = [strings[orth] for orth, _ in rows]
    spaces = [bool(space) for _, space in rows]
    starts = [-1] * n
    prev_end = True
    newline_before = 0
    prev_low = ""
    for i in range(n):
        text = texts[i]
        if spaces[i]:
            newline_before += text.count("\n") + text.count("\r") - text.count("\r\n")
            starts[i] = 1 if i == 0 else -1
            continue
        if i == 0 or newline_before >= 2:
            start = True
        elif newline_before == 1:
            # A wrapped line goes on with its sentence unless the line before ended one, or this line
            # opens a list item or a capitalised line; "I" and a line ending on a function word
            # ("like\n I mentioned") never start one.
            start = prev_end or text in _BULLETS or (
                (text[:1].isupper() or text[:1].isdigit()) and text != "I" and prev_low not in _GLUE)
        else:
            start = prev_end
        starts[i] = 1 if start else -1
        newline_before = 0
        prev_low = text.lower()
        if text in _CLOSERS:
            continue
        low = text.lower()
        if low in _SENTENCE_END or (low[-1:] in "!?" and not low.isalnum()):
            prev_end = True
        elif low.endswith(".") and len(low) > 1 and low not in _NO_SPLIT_ABBREVIATIONS:
            j = i + 1
            while j < n and spaces[j]:
                j += 1
            prev_end = j < n and texts[j][:1].isupper()
        else:
            prev_end = False
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(n, 1))


def annotate(text: str, merges: Iterable[tuple[int, int, str]]):
    """Tokenize ``text``, merge the given (start, end, kind) spans, set lemmas and sentences."""
    with LOCK:
        doc = chunks.make_doc(blank(), text)  # no overlong chunk reaches spaCy's tokenizer
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
