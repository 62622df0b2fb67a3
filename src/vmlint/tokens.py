"""A read-only, pure-Python view of an annotated spaCy ``Doc``, built once per draft.

The detectors ask each token the same few questions many times (its text, lower form,
lemma, whether it is space, punctuation, alphabetic, a number, a sentence start, which
sentence holds it). On a spaCy ``Doc`` every ``doc[i]`` makes a new ``Token`` and every
``token.lower_`` goes back to the string store; on the benchmark drafts that was about a
third of a lint. ``Tokens`` reads every attribute in one ``to_array`` pass and keeps one
plain object per token, so the detectors read Python attributes instead.

It answers the subset of spaCy's ``Doc``/``Token``/``Span`` interface the detectors use,
with spaCy's semantics (slices clamped as spaCy clamps them, a span's text without the
last token's trailing space, sentences from the sentence-start flags); anything else is
passed through to the spaCy object, so a detector never sees a different answer.

No reference cycles: a token points back to its ``Tokens`` by a weak reference and sentences
are made on request, so a draft's tokens are freed as soon as its Document is, without
waiting for the cycle collector (which cost about a sixth of a batch's time when they were).
``tests/test_tokens.py`` compares the two on every attribute.
"""

from __future__ import annotations

import weakref

_ATTRS = ("ORTH", "LOWER", "LEMMA", "IDX", "SPACY", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "LIKE_NUM", "SENT_START", "IS_TITLE")


class Tok:
    """One token: the attributes of spaCy's ``Token`` that vmlint reads, precomputed."""

    __slots__ = ("_doc", "i", "text", "lower_", "lemma_", "idx", "whitespace_", "is_space", "is_punct", "is_alpha",
                 "like_num", "is_sent_start", "_sent")

    @property
    def doc(self) -> "Tokens":
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Tokens this token belongs to are gone")
        return doc

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    @property
    def sent(self) -> "Slice":
        start, end = self._sent
        return Slice(self.doc, start, end)

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    def __getattr__(self, name: str):
        if name.startswith("_") or name in self.__slots__ or name in ("doc", "sent"):
            raise AttributeError(name)  # an unset slot, or a property that failed: never a question for spaCy
        return getattr(self.doc.spacy[self.i], name)


class Slice:
    """Tokens ``start`` to ``end`` (spaCy's ``Span`` for the attributes vmlint reads)."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "Tokens", start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self):
        return iter(self.doc.tokens[self.start:self.end])

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b = _clamp(len(self), key.start, key.stop, key.step)
            return Slice(self.doc, self.start + a, self.start + b)
        n = len(self)
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError(key)
        return self.doc.tokens[self.start + key]

    @property
    def start_char(self) -> int:
        toks = self.doc.tokens
        return toks[self.start].idx if self.start < len(toks) else len(self.doc.text)

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        last = self.doc.tokens[self.end - 1]
        return last.idx + len(last.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __getattr__(self, name: str):
        if name.startswith("_") or name in self.__slots__:
            raise AttributeError(name)
        return getattr(self.doc.spacy[self.start:self.end], name)


def _clamp(length: int, start, stop, step) -> tuple[int, int]:
    """spaCy's ``normalize_slice``."""
    if not (step is None or step == 1):
        raise ValueError("slices with a step are not supported")
    start = 0 if start is None else start + length if start < 0 else start
    start = min(length, max(0, start))
    stop = length if stop is None else stop + length if stop < 0 else stop
    return start, min(length, max(start, stop))


class Tokens:
    """The tokens of an annotated ``Doc`` (``nlp.annotate``), as plain Python objects."""

    def __init__(self, doc, text: str | None = None) -> None:
        """``text``, when given, is the text the doc was made from (spaCy rebuilds ``doc.text`` token by token)."""
        from spacy import attrs

        self.spacy = doc
        self.text: str = doc.text if text is None else text
        self.vocab = doc.vocab
        n = len(doc)
        toks: list[Tok] = []
        #: Per-token columns, as the phrase matcher reads them (``token_matcher.FEATURES``).
        self.columns: dict[str, list] = {}
        if n:
            strings = doc.vocab.strings
            cols = list(zip(*doc.to_array([getattr(attrs, a) for a in _ATTRS]).tolist()))
            orth, lower, lemma, idx, spacy_ws, space, punct, alpha, num, sent, title = cols
            # Only the distinct hashes of this doc are looked up in the string store.
            names = {h: strings[h] for h in {*orth, *lower, *lemma}}
            texts = [names[h] for h in orth]
            lowers = [names[h] for h in lower]
            lemmas = [names[h] for h in lemma]
            puncts = [bool(v) for v in punct]
            starts = [v == 1 for v in sent]
            self.columns = {"LEMMA": lemmas, "LOWER": lowers, "IS_TITLE": [bool(v) for v in title],
                            "LIKE_NUM": [bool(v) for v in num], "IS_PUNCT": puncts, "IS_SENT_START": starts}
            me = weakref.ref(self)
            for i in range(n):
                t = Tok()
                t._doc, t.i, t.idx = me, i, idx[i]
                t.text, t.lower_, t.lemma_ = texts[i], lowers[i], lemmas[i]
                t.whitespace_ = " " if spacy_ws[i] else ""
                t.is_space, t.is_punct, t.is_alpha, t.like_num = bool(space[i]), puncts[i], bool(alpha[i]), bool(num[i])
                # spaCy: the first token always starts a sentence; 0 means "not set".
                t.is_sent_start = True if i == 0 else (None if sent[i] == 0 else starts[i])
                toks.append(t)
        self.tokens = toks
        self._sents: list[tuple[int, int]] = []
        if n:
            firsts = [i for i, t in enumerate(toks) if i == 0 or t.is_sent_start]
            self._sents = list(zip(firsts, firsts[1:] + [n]))
            for bounds in self._sents:
                for i in range(*bounds):
                    toks[i]._sent = bounds

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getitem__(self, key):
        if isinstance(key, slice):
            a, b = _clamp(len(self.tokens), key.start, key.stop, key.step)
            return Slice(self, a, b)
        return self.tokens[key]

    @property
    def sents(self):
        return (Slice(self, a, b) for a, b in self._sents)

    def char_span(self, start: int, end: int, label=0, kb_id=0, vector=None, alignment_mode: str = "strict", **kw):
        span = self.spacy.char_span(start, end, label, kb_id, vector, alignment_mode=alignment_mode, **kw)
        return None if span is None else Slice(self, span.start, span.end)

    def __getattr__(self, name: str):
        if name.startswith("_") or name == "spacy":
            raise AttributeError(name)
        return getattr(self.spacy, name)
