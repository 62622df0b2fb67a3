"""Tokenization in time proportional to the text: spaCy never sees an overlong chunk.

spaCy's tokenizer works on whitespace-free chunks one at a time. From each it peels
prefixes and suffixes one character at a time and searches what is left again, so a chunk
of n characters it can peel (``!!!!``, ``[[[[``, ``''''``, ``'s's's``, emoji) costs about
n² (6,000 ``=`` took 10.7 s). Chunks are independent of each other, so:

- a text whose chunks are all at most ``MAX_CHUNK`` characters is tokenized by spaCy
  exactly as before, in one call (every real draft: see below);
- a longer chunk is not a word: its head and its tail (each at most ``MAX_CHUNK``
  characters, cut where letters and digits meet other characters, and stopping at a run
  of more than ``MAX_SYMBOL_RUN`` symbols or ``MAX_CHUNK`` letters and digits) are
  tokenized by spaCy, so prose glued to a run keeps its words (``Thanks!!!!…`` keeps
  ``Thanks``, ``…!!!!617-555-0110`` the number's tokens); everything between them is one
  opaque token however long it is. spaCy never sees it, and a 1 MB run is one token, so it
  moves no rule's window of tokens and costs the rules no more than a word.

The tokens are assembled into one ``Doc`` from their words and spaces (with the norms
spaCy's special cases gave, so ``'ll`` still means "will"), so every token's offset is its
offset in the text and ``doc.text == text``.

Why 64 and 16. In the 784 drafts of the test corpora (the labelled real messages among
them) and the examples, and in the five articles, the longest whitespace-free chunk is 37
characters (a run-on typo) and the longest run of symbols 13 (``###-###-####.``, a phone
number's mask). What a script can hold is longer but still under 64: the longest English
dictionary word (45), e-mail addresses and placeholders (``{{contact.first_name}}`` is
22), a phone number with an extension (``+1(617)555-0110x1234`` is 20), a UUID (36), a
base64 SHA-256 (44). Only a URL can be longer; its head and tail are still tokenized, its
offsets are exact, and the word count and spoken length read the text, not the tokens.
The bound also caps the cost: a chunk spaCy peels character by character costs it about
0.085 µs per character per character of chunk, so 64 keeps the worst chunk near 5 µs a
character, about what ordinary prose costs through the whole linter.
"""

from __future__ import annotations

import re

MAX_CHUNK = 64
MAX_SYMBOL_RUN = 16

# Runs of letters and digits (str.isalnum: \w without the underscore) and runs of anything else.
_RUN = re.compile(r"[^\W_]+|[\W_]+")


def _long_chunk(max_chunk: int) -> re.Pattern:
    # Anchored at a chunk's start by the lookbehind, so a text of many short chunks is scanned once.
    return re.compile(r"(?<!\S)\S{%d,}" % (max_chunk + 1))


_LONG_CHUNK = _long_chunk(MAX_CHUNK)


def _opaque_run(text: str, a: int, b: int, max_chunk: int, max_symbol_run: int) -> bool:
    return b - a > (max_chunk if text[a].isalnum() else max_symbol_run)


def pieces(text: str, start: int, end: int, max_chunk: int = MAX_CHUNK,
           max_symbol_run: int = MAX_SYMBOL_RUN) -> list[tuple[int, int, bool]]:
    """Cut the overlong chunk ``text[start:end]`` into ``(start, end, opaque)`` pieces.

    Its head and its tail, each at most ``max_chunk`` characters cut where a run of letters
    and digits meets a run of other characters, and stopping at a long run (more than
    ``max_symbol_run`` symbols or ``max_chunk`` letters and digits), go to the tokenizer;
    everything between them is one opaque token.
    """
    head = start
    for m in _RUN.finditer(text, start, end):
        a, b = m.span()
        if b - start > max_chunk or _opaque_run(text, a, b, max_chunk, max_symbol_run):
            break
        head = b
    tail = end
    window = max(head, end - max_chunk)
    for m in reversed(list(_RUN.finditer(text, window, end))):
        a, b = m.span()
        if a == window and a > head and text[a - 1].isalnum() == text[a].isalnum():
            break  # the run started before the window: the tail cannot start inside it
        if _opaque_run(text, a, b, max_chunk, max_symbol_run):
            break
        tail = a
    out = [(start, head, False), (head, tail, True), (tail, end, False)]
    return [p for p in out if p[1] > p[0]]


def make_doc(nlp, text: str, max_chunk: int = MAX_CHUNK, max_symbol_run: int = MAX_SYMBOL_RUN):
    """``nlp.make_doc(text)``, except that no chunk longer than ``max_chunk`` reaches ``nlp.tokenizer``."""
    long_chunk = _LONG_CHUNK if max_chunk == MAX_CHUNK else _long_chunk(max_chunk)
    first = long_chunk.search(text)
    if first is None:
        return nlp.tokenizer(text)

    import numpy
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
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
    return doc
