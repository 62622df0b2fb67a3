"""Tokenization in time proportional to the text: spaCy never sees an overlong chunk.

spaCy's tokenizer works on whitespace-free chunks one at a time. From each it peels
prefixes and suffixes one character at a time and searches what is left again, so a chunk
of n characters it can peel (``!!!!``, ``[[[[``, ``''''``, ``'s's's``, emoji) costs about
n² (6,000 ``=`` took 10 s). Chunks are independent of each other, so:

- a text whose chunks are all at most ``MAX_CHUNK`` characters is tokenized by spaCy
  exactly as before, in one call (every real draft: see below);
- a longer chunk is cut into pieces. A run of more than ``MAX_SYMBOL_RUN`` characters
  that are not letters or digits, or of more than ``MAX_CHUNK`` letters and digits, is
  one opaque token however long it is (spaCy never sees it, and a 1 MB run is one token,
  so it moves no rule's window of tokens); the rest is cut, where a run of letters and
  digits meets a run of other characters, into pieces of at most ``MAX_CHUNK`` characters
  that spaCy tokenizes. So ``Thanks!!!!…`` keeps ``Thanks``, and ``617-555-0110!!!…``
  keeps the number's tokens.

The tokens are assembled into one ``Doc`` from their words and spaces (with the norms
spaCy's special cases gave, so ``'ll`` still means "will"), so every token's offset is its
offset in the text and ``doc.text == text``.

Why 64 and 8. In the 430 drafts of the test corpora, the examples, the labelled real
messages and the articles, the longest whitespace-free chunk is 37 characters (a run-on
typo) and the longest run of punctuation 7 (``"?!?!?)``, ``______,``). What a script can
hold is a little longer but still under 64: the longest English dictionary word (45),
e-mail addresses and placeholders (``{{contact.first_name}}``, 22), phone numbers with
an extension (``+1 (617) 555-0110 ext. 1234`` is split at its spaces anyway), a UUID (36)
or a base64 SHA-256 (44). Only a URL can be longer; cut into pieces it is still in the
text, with the same offsets, and nobody reads a URL aloud. The bound also caps the
cost: a chunk spaCy peels character by character costs it about 0.085 µs per character
per character of chunk, so 64 keeps the worst chunk near 5 µs a character, the cost of
ordinary prose through the whole linter.
"""

from __future__ import annotations

import re

MAX_CHUNK = 64
MAX_SYMBOL_RUN = 8

# Runs of letters and digits (str.isalnum: \w without the underscore) and runs of anything else.
_RUN = re.compile(r"[^\W_]+|[\W_]+")


def _long_chunk(max_chunk: int) -> re.Pattern:
    # Anchored at a chunk's start by the lookbehind, so a text of many short chunks is scanned once.
    return re.compile(r"(?<!\S)\S{%d,}" % (max_chunk + 1))


_LONG_CHUNK = _long_chunk(MAX_CHUNK)


def pieces(text: str, start: int, end: int, max_chunk: int = MAX_CHUNK,
           max_symbol_run: int = MAX_SYMBOL_RUN) -> list[tuple[int, int, bool]]:
    """Cut the overlong chunk ``text[start:end]`` into ``(start, end, opaque)`` pieces.

    An opaque piece is one token: a run of more than ``max_symbol_run`` symbols, or of more
    than ``max_chunk`` letters and digits. What lies between opaque pieces goes to the
    tokenizer in pieces of at most ``max_chunk`` characters, each cut where a run of
    letters and digits meets a run of other characters.
    """
    out: list[tuple[int, int, bool]] = []
    pending = start  # where the text gathered for the tokenizer starts
    for m in _RUN.finditer(text, start, end):
        a, b = m.span()
        if b - a > (max_chunk if text[a].isalnum() else max_symbol_run):
            if a > pending:
                out.append((pending, a, False))
            out.append((a, b, True))
            pending = b
        elif b - pending > max_chunk:
            out.append((pending, a, False))  # a > pending: this run alone fits the bound
            pending = a
    if end > pending:
        out.append((pending, end, False))
    return out


def make_doc(nlp, text: str, max_chunk: int = MAX_CHUNK, max_symbol_run: int = MAX_SYMBOL_RUN):
    """``nlp.make_doc(text)``, except that no chunk longer than ``max_chunk`` reaches ``nlp.tokenizer``."""
    long_chunk = _LONG_CHUNK if max_chunk == MAX_CHUNK else _long_chunk(max_chunk)
    first = long_chunk.search(text)
    if first is None:
        return nlp.tokenizer(text)

    from spacy.attrs import NORM
    from spacy.tokens import Doc

    tokenizer = nlp.tokenizer
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[int] = []

    def add_tokens(segment: str) -> None:
        if not segment:
            return
        if segment[0] == " " and words and not spaces[-1]:
            # spaCy gives a single space after a chunk to the chunk's last token
            spaces[-1] = True
            segment = segment[1:]
            if not segment:
                return
        doc = tokenizer(segment)
        words.extend(t.text for t in doc)
        spaces.extend(bool(t.whitespace_) for t in doc)
        norms.extend(doc.to_array(NORM).tolist())

    pos = 0
    for m in long_chunk.finditer(text, first.start()):
        add_tokens(text[pos:m.start()])
        for a, b, opaque in pieces(text, m.start(), m.end(), max_chunk, max_symbol_run):
            if opaque:
                piece = text[a:b]
                words.append(piece)
                spaces.append(False)
                norms.append(nlp.vocab[piece].norm)
            else:
                add_tokens(text[a:b])
        pos = m.end()
    add_tokens(text[pos:])
    import numpy

    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
    return doc
