"""Building a message's text from pieces of its file, remembering where each piece came from."""

from __future__ import annotations

from dataclasses import dataclass, field

_OPEN_QUOTES = "\"“„«'‘"
_CLOSE_QUOTES = "\"”“»'’"


@dataclass
class Found:
    """A message found in a file: its text as linted, where its pieces sit, and the step and day named for it."""

    text: str
    pieces: tuple[tuple[int, int, int, int], ...]
    step: str | None = None
    day: str | None = None
    where: str = ""  # what marked it: a heading path, a key path, a column
    sequence_key: object = None  # messages sharing one are steps of one sequence
    explicit_step: bool = False  # the step was given by a directive, not read from a heading or a field


@dataclass
class Segments:
    """Runs of file text ``(start, end, separator)``; the separator joins a run to the one before."""

    runs: list[tuple[int, int, str]] = field(default_factory=list)

    def add(self, start: int, end: int, separator: str = "\n") -> None:
        if end > start:
            self.runs.append((start, end, separator if self.runs else ""))

    def strip_markup(self, text: str) -> None:
        """Leave emphasis markers (``**Dana**``, ``*really*``, ``_“Hi ...”_``) out of the text; placeholders like
        ``{first_name}`` and blanks like ``___`` stay."""
        import re

        marker = re.compile(r"\*\*\*|\*\*|__(?=\w)|(?<=\w)__|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])"
                            r"|(?<!\w)_(?=[^\s_])|(?<=[^\s_])_(?!\w)")
        runs: list[tuple[int, int, str]] = []
        for s, e, sep in self.runs:
            pos = s
            first = True
            for m in marker.finditer(text, s, e):
                if m.start() > pos:
                    runs.append((pos, m.start(), sep if first else ""))
                    first = False
                pos = m.end()
            if pos < e:
                runs.append((pos, e, sep if first else ""))
        self.runs = runs

    def trim(self, text: str) -> None:
        """Drop white space at both ends, and a pair of quotation marks wrapped round the whole message."""
        runs = self.runs
        while runs:
            s, e, sep = runs[0]
            while s < e and text[s].isspace():
                s += 1
            if s < e:
                runs[0] = (s, e, "")
                break
            runs.pop(0)
        while runs:
            s, e, sep = runs[-1]
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                runs[-1] = (s, e, sep)
                break
            runs.pop()
        if runs and text[runs[0][0]] in _OPEN_QUOTES[:3] and text[runs[-1][1] - 1] in _CLOSE_QUOTES[:3]:
            inner = "".join(text[s:e] for s, e, _ in runs)
            if len(inner) > 2 and not any(q in inner[1:-1] for q in "\"“”") :
                s, e, sep = runs[0]
                runs[0] = (s + 1, e, sep)
                s, e, sep = runs[-1]
                runs[-1] = (s, e - 1, sep)
                self.runs = [r for r in runs if r[1] > r[0]]
                self.trim(text)

    def build(self, text: str, **meta) -> Found | None:
        self.trim(text)
        if not self.runs:
            return None
        parts: list[str] = []
        pieces: list[tuple[int, int, int, int]] = []
        n = 0
        prev_end = None
        for s, e, sep in self.runs:
            if prev_end is not None:
                pieces.append((n, prev_end, len(sep), s - prev_end))
                parts.append(sep)
                n += len(sep)
            pieces.append((n, s, e - s, e - s))
            parts.append(text[s:e])
            n += e - s
            prev_end = e
        return Found("".join(parts), tuple(pieces), **meta)


def with_directives(found: Found, text: str, spans: list[tuple[int, int]]) -> Found:
    """The message with directive lines (file spans) put before its text, so they apply to it and only to it."""
    if not spans:
        return found
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    n = 0
    for s, e in spans:
        pieces.append((n, s, e - s, e - s))
        parts.append(text[s:e])
        n += e - s
        first = found.pieces[0][1] if found.pieces else e
        nxt = next((a for a, _ in spans if a > s), first)
        pieces.append((n, e, 1, max(0, nxt - e)))
        parts.append("\n")
        n += 1
    pieces.extend((ms + n, fs, ml, fl) for ms, fs, ml, fl in found.pieces)
    return Found("".join(parts) + found.text, tuple(pieces), found.step, found.day, found.where, found.sequence_key,
                 found.explicit_step)
