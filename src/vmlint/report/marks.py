"""A draft's text cut into runs, each with the findings whose span covers it.

The HTML report marks every finding on its own words: the text is split at every
finding's start and end, and each run knows which findings cover it. Findings that
overlap share a run; a finding with an empty span (``start == end``) covers nothing and
is only anchored at its offset. Offsets outside the text are clamped into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    covering: tuple[int, ...]  # indexes into the findings given, in their order
    anchored: tuple[int, ...]  # findings whose span starts here (their marker goes before the run)


def runs(text: str, spans: list[tuple[int, int]]) -> list[Run]:
    """Cut ``text`` at every span edge. ``spans`` are (start, end) offsets, one per finding."""
    n = len(text)
    clamped = [(min(max(s, 0), n), min(max(e, s, 0), n)) for s, e in spans]
    cuts = sorted({0, n, *(s for s, _ in clamped), *(e for _, e in clamped)})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        anchored = tuple(i for i, (s, _) in enumerate(clamped) if s == a)
        if b is None:  # the end of the text: only markers of findings that start there
            if anchored:
                out.append(Run(a, a, (), anchored))
            break
        covering = tuple(i for i, (s, e) in enumerate(clamped) if s <= a and e >= b and e > s)
        out.append(Run(a, b, covering, anchored))
    return out


def line_starts(text: str) -> list[int]:
    """The offset each line starts at (line 1 at index 0), by the line breaks vmlint counts: CRLF, CR, LF."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def lines_around(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the whole lines that hold ``text[start:end]``, line breaks left out."""
    a = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    found = [i for i in (text.find("\n", end), text.find("\r", end)) if i != -1]
    return a, min(found) if found else len(text)
