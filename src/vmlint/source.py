"""Reading a draft: bytes to text, front matter, and vmlint directive lines.

The text is kept exactly as decoded (line endings untranslated), and every offset
vmlint reports indexes it. Parts that are not spoken (front matter, directive lines)
are *masked*: replaced by spaces of the same length in ``Source.spoken``, so every
analysis runs on a string with the same offsets as the file.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .errors import InputError

DEFAULT_MAX_BYTES = 2_000_000

_DIRECTIVE = re.compile(
    r"[ \t]*(?:#|<!--)[ \t]*vmlint:[ \t]*(?P<body>.*?)[ \t]*(?:-->)?[ \t]*$",
    re.IGNORECASE,
)
# In a .md script: an ATX heading ("## Step 1 - Monday") or a whole-line HTML comment.
_MARKDOWN_UNSPOKEN = re.compile(r"[ ]{0,3}(?:#{1,6}(?:[ \t].*)?|<!--.*-->[ \t]*)$")
_FRONT_KEY = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


@dataclass(frozen=True)
class Directive:
    """A ``# vmlint: ...`` or ``<!-- vmlint: ... -->`` line."""

    action: str  # disable | disable-next-line | disable-file | enable | unknown text
    rules: tuple[str, ...]
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    text: str
    spoken: str
    path: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)
    front_matter_line: dict[str, int] = field(default_factory=dict)
    directives: tuple[Directive, ...] = ()
    body_start: int = 0
    start: int = 0  # where this message starts in its file, when the file holds a sequence of them
    first_line: int = 1  # the file's line number of that start
    placement: "Placement | None" = None  # where each part of ``text`` sits in its file (None: the file is the message)

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of a 1-based line of ``text``, its line break left out."""
        for no, start, end, _ in _lines(self.text):
            if no == line:
                return start, end
        return len(self.text), len(self.text)


class FileLines:
    """A file's text and where its lines start, to turn a character offset into a line and a column."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for m in re.finditer(r"\r\n|\r|\n", text):
            starts.append(m.end())
        self.starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass(frozen=True)
class Placement:
    """Where a message's text sits in its file, piece by piece.

    A message is linted on its own text; this maps its offsets back to the file's.
    ``pieces`` are ``(message_start, file_start, message_length, file_length)``, in order and
    covering the message's text. A piece whose two lengths are equal is copied from the file
    (every offset inside it maps exactly); one whose lengths differ stands for file text that
    reads differently (an escape such as ``\\n`` in JSON, a line break plus a quote marker):
    only its two ends map exactly. A message from a front-matter sequence is one copied piece.

    ``encode`` writes replacement text the way the file needs it (JSON escapes, YAML quoting);
    ``check`` says whether the file, with edits applied, still holds this message as edited
    (the file still parses and the value reads as intended). Fixes that fail either are
    offered, never applied.
    """

    pieces: tuple[tuple[int, int, int, int], ...]
    lines: FileLines
    encode: "Callable[[str], str | None] | None" = None
    check: "Callable[[list[tuple[int, int, str]], str], bool] | None" = None

    @classmethod
    def contiguous(cls, start: int, length: int, lines: FileLines) -> "Placement":
        return cls(((0, start, length, length),), lines)

    def offset(self, i: int) -> tuple[int, bool]:
        """The file offset of message offset ``i``, and whether it is exact."""
        pieces = self.pieces
        if not pieces:
            return 0, False
        k = bisect.bisect_right(pieces, (i, float("inf"))) - 1
        k = max(0, k)
        ms, fs, ml, fl = pieces[k]
        if i <= ms:
            return fs, True
        if i >= ms + ml:
            if i == ms + ml:
                return fs + fl, True
            return fs + fl, False
        if ml == fl:
            return fs + (i - ms), True
        return fs, False

    def edit(self, start: int, end: int, replacement: str) -> tuple[int, int, str] | None:
        """A message edit as a file edit, or None when it cannot be made exactly in the file."""
        a, exact_a = self.offset(start)
        b, exact_b = self.offset(end)
        if not (exact_a and exact_b) or b < a:
            return None
        # Everything the edit removes must be copied text, so the file loses nothing it did not show.
        for ms, fs, ml, fl in self.pieces:
            if ms < end and start < ms + ml and ml != fl:
                return None
        if self.encode is not None:
            encoded = self.encode(replacement)
            if encoded is None:
                return None
            replacement = encoded
        return a, b, replacement


def decode(data: bytes, path: str | None = None) -> str:
    """Decode a draft's bytes: UTF-8 (BOM optional) or UTF-16 with a BOM; nothing is guessed."""
    name = path or "<text>"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 at byte offset {exc.start}", path=name) from None
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text draft", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
            path=name,
        ) from None


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode a draft file, with one-line errors that name it."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory", path=name)
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max-file-bytes)", path=name
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), path=name) from None
    if len(data) > max_bytes:
        raise InputError(f"file is over the {max_bytes:,}-byte limit (max-file-bytes)", path=name)
    return decode(data, name)


def _bom_and_codec(data: bytes) -> tuple[bytes, str]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return bom, codec
    return b"", "utf-8"


def write_path(path: str | Path, text: str) -> None:
    """Replace a draft's text atomically, keeping its encoding, byte-order mark and permissions.

    The new text goes to a temporary file in the same folder, which is then renamed over
    the draft: if anything fails on the way, the draft is left as it was. Line endings are
    whatever ``text`` holds (vmlint never translates them).
    """
    p = Path(path)
    with p.open("rb") as fh:
        bom, codec = _bom_and_codec(fh.read(4))
    data = bom + text.encode(codec)
    mode = p.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".vmlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _lines(text: str):
    """Yield (line_no, start, end_without_newline, end_with_newline)."""
    pos = 0
    no = 1
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        raw_end = m.end()
        content_end = raw_end
        while content_end > pos and text[content_end - 1] in "\r\n":
            content_end -= 1
        yield no, pos, content_end, raw_end
        if raw_end == pos:  # pragma: no cover - _LINE always advances on non-empty input
            break
        pos = raw_end
        no += 1


def _mask(chars: list[str], start: int, end: int, text: str) -> None:
    for i in range(start, end):
        if text[i] not in "\r\n":
            chars[i] = " "


def parse(text: str, path: str | None = None) -> Source:
    """Split a decoded draft into front matter, directives and the spoken message."""
    chars = list(text)
    front: dict[str, str] = {}
    front_line: dict[str, int] = {}
    directives: list[Directive] = []
    body_start = 0
    lines = list(_lines(text))

    # Front matter: a first line '---' (after optional blank lines), key: value lines, '---'.
    first = next((i for i, (_, s, e, _) in enumerate(lines) if text[s:e].strip()), None)
    if first is not None and text[lines[first][1]:lines[first][2]].strip() == "---":
        close = next(
            (j for j in range(first + 1, len(lines)) if text[lines[j][1]:lines[j][2]].strip() == "---"),
            None,
        )
        if close is not None:
            body = lines[first + 1:close]
            pairs = [(no, _FRONT_KEY.match(text[s:e])) for no, s, e, _ in body if text[s:e].strip()]
            if all(m for _, m in pairs):
                for no, m in pairs:
                    key = m.group("key").lower()
                    front[key] = m.group("value").strip().strip("'\"")
                    front_line[key] = no
                body_start = lines[close][3]
                _mask(chars, 0, body_start, text)

    markdown = bool(path) and path.lower().endswith(".md")
    for no, s, e, _ in lines:
        if s < body_start:
            continue
        m = _DIRECTIVE.match(text, s, e)
        if not m or m.end() != e:
            if markdown and _MARKDOWN_UNSPOKEN.match(text, s, e):
                _mask(chars, s, e, text)  # a heading or a comment in a .md script is not read aloud
            continue
        body = m.group("body")
        action, _, names = body.partition("=")
        rules = tuple(r.strip() for r in names.split(",") if r.strip())
        directives.append(Directive(action.strip().lower(), rules, no, s, e))
        _mask(chars, s, e, text)

    return Source(
        text=text,
        spoken="".join(chars),
        path=path,
        front_matter=front,
        front_matter_line=front_line,
        directives=tuple(directives),
        body_start=body_start,
    )



def front_matter_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every front-matter block: a '---' line, key: value lines, a '---' line."""
    lines = list(_lines(text))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        _, s, e, _ = lines[i]
        if text[s:e].strip() == "---":
            j, keys = i + 1, 0
            while j < len(lines):
                _, s2, e2, _ = lines[j]
                line = text[s2:e2]
                if line.strip() == "---" or (line.strip() and not _FRONT_KEY.match(line)):
                    break
                keys += bool(line.strip())
                j += 1
            if j < len(lines) and text[lines[j][1]:lines[j][2]].strip() == "---" and keys:
                out.append((s, lines[j][3]))
                i = j + 1
                continue
        i += 1
    return out


def split_messages(text: str, path: str | None = None) -> list[Source]:
    """The messages of a sequence file: each front-matter block starts one (text before the first is one too).

    Each message is parsed on its own text; ``start`` and ``first_line`` say where it sits
    in the file, so the engine can move its offsets and lines to the file's.
    """
    starts = [s for s, _ in front_matter_blocks(text)]
    if starts and text[:starts[0]].strip():
        starts.insert(0, 0)
    if len(starts) < 2:
        return [parse(text, path)]
    starts[0] = 0
    ends = starts[1:] + [len(text)]
    messages = []
    lines = FileLines(text)
    for a, b in zip(starts, ends):
        messages.append(replace(parse(text[a:b], path), start=a, first_line=lines.line_col(a)[0],
                                placement=Placement.contiguous(a, b - a, lines)))
    return messages
