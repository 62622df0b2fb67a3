"""Character offsets <-> LSP positions.

vmlint's offsets count Unicode code points in the text as it is (line endings kept). LSP
positions are a 0-based line and a column counted in the encoding the client and server
agreed on: UTF-16 code units unless the client offered another (an emoji is two UTF-16
units, four UTF-8 bytes, one UTF-32 unit). LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r``
and nowhere else (not at the other breaks ``str.splitlines`` knows).
"""

from __future__ import annotations

import bisect
import re

_BREAK = re.compile(r"\r\n|\r|\n")
ENCODINGS = ("utf-16", "utf-8", "utf-32")
CHUNK = 256


def _units(ch: str, encoding: str) -> int:
    cp = ord(ch)
    if encoding == "utf-32":
        return 1
    if encoding == "utf-16":
        return 2 if cp > 0xFFFF else 1
    if cp < 0x80:
        return 1
    if cp < 0x800:
        return 2
    return 3 if cp <= 0xFFFF else 4  # a lone surrogate counts as the three bytes it would take


class LineIndex:
    """Where each line of a text starts, to turn offsets into (line, column) and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"position encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]  # "\r\n" is matched whole: one break
        self._chunk_marks: dict[int, list[int]] = {}

    def _line_end(self, line: int) -> int:
        """Offset where a line's content ends (its line break left out)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def _marks(self, line: int) -> list[int]:
        """Code units from the line's start to every CHUNK-th character of it (built once per line asked about).

        They keep every conversion to at most CHUNK characters of work, however long the line.
        """
        marks = self._chunk_marks.get(line)
        if marks is None:
            start, end = self.starts[line], self._line_end(line)
            marks = [0]
            for a in range(start, end, CHUNK):
                marks.append(marks[-1] + self._width(self.text[a:min(a + CHUNK, end)]))
            self._chunk_marks[line] = marks
        return marks

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column in code units) of a character offset; offsets past the end clamp to it."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if self.encoding == "utf-32" or offset - start <= CHUNK:
            return line, self._width(self.text[start:offset])
        end = self._line_end(line)
        inside = min(offset, end) - start
        chunk = inside // CHUNK
        a = start + chunk * CHUNK
        return line, self._marks(line)[chunk] + self._width(self.text[a:min(offset, end)]) + max(0, offset - end)

    def _width(self, segment: str) -> int:
        if self.encoding == "utf-32" or segment.isascii():
            return len(segment)
        if self.encoding == "utf-16":
            return len(segment.encode("utf-16-le", "surrogatepass")) // 2
        return len(segment.encode("utf-8", "surrogatepass"))

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 0-based (line, column); past a line's end clamps to it, past the last line to the text's end.

        A column inside a character (half of a UTF-16 surrogate pair) falls on that character's start.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self._line_end(line)
        column = max(0, column)
        if self.encoding == "utf-32":
            return min(start + column, end)
        units, i = 0, start
        if end - start > CHUNK:
            marks = self._marks(line)
            chunk = max(0, bisect.bisect_right(marks, column) - 1)
            chunk = min(chunk, len(marks) - 2)
            units, i = marks[chunk], start + chunk * CHUNK
        for i in range(i, end):
            units += _units(self.text[i], self.encoding)
            if units > column:
                return i
        return end
