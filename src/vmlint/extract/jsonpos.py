"""JSON with positions: a scanner without recursion whose strings know where each character is in the file.

Python's ``json`` keeps no positions and recurses (``RecursionError`` past about 1,000
levels); this one walks with an explicit stack, stops at ``MAX_DEPTH`` levels and at
``MAX_FIELD_CHARS`` characters in one string, and counts lines only for an error.
"""

from __future__ import annotations

import re

from .tree import MAX_DEPTH, MAX_FIELD_CHARS, Arr, BoundError, Obj, Str, line_of as _line_of

_JSON_WS = re.compile(r"[ \t\r\n]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_JSON_SPECIAL = re.compile(r'["\\\x00-\x1f]')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _JsonError(Exception):
    def __init__(self, message: str, pos: int) -> None:
        self.message, self.pos = message, pos


def parse_json(text: str) -> object:
    """JSON to a tree of Obj / Arr / Str (other scalars as Python values), without recursion."""
    pos = _JSON_WS.match(text, 0).end()
    if text.startswith("\ufeff"):
        pos = _JSON_WS.match(text, 1).end()
    stack: list[list] = []  # [container, pending key]
    root = None
    n = len(text)

    def value_at(p: int):
        c = text[p] if p < n else ""
        if c == '"':
            return _json_string(text, p)
        m = _JSON_NUMBER.match(text, p)
        if m and m.end() > p:
            return m.group(0), m.end()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, p):
                return val, p + len(word)
        raise _JsonError("expected a value" if c else "the file ends where a value was expected", p)

    expect_value = True
    while True:
        pos = _JSON_WS.match(text, pos).end()
        if expect_value:
            c = text[pos] if pos < n else ""
            if c in "{[":
                if len(stack) >= MAX_DEPTH:
                    raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=_line_of(text, pos))
                node = Obj() if c == "{" else Arr()
                stack.append([node, None])
                pos += 1
                pos = _JSON_WS.match(text, pos).end()
                closer = "}" if c == "{" else "]"
                if pos < n and text[pos] == closer:
                    stack.pop()
                    value, expect_value = node, False
                    pos += 1
                elif c == "{":
                    key, pos = _key(text, pos)
                    stack[-1][1] = key
                    continue
                else:
                    continue
            else:
                value, pos = value_at(pos)
                expect_value = False
            # attach the value
            if not stack:
                root = value
                pos = _JSON_WS.match(text, pos).end()
                if pos != n:
                    raise _JsonError("extra data after the document", pos)
                return root
            top = stack[-1]
            if isinstance(top[0], Obj):
                top[0].items.append((top[1].value if isinstance(top[1], Str) else top[1], value))
            else:
                top[0].items.append(value)
            continue
        # after a value: a comma or the end of the container
        c = text[pos] if pos < n else ""
        top = stack[-1]
        closer = "}" if isinstance(top[0], Obj) else "]"
        if c == ",":
            pos += 1
            if isinstance(top[0], Obj):
                pos = _JSON_WS.match(text, pos).end()
                key, pos = _key(text, pos)
                top[1] = key
            expect_value = True
            continue
        if c == closer:
            pos += 1
            node = stack.pop()[0]
            if not stack:
                pos = _JSON_WS.match(text, pos).end()
                if pos != n:
                    raise _JsonError("extra data after the document", pos)
                return node
            parent = stack[-1]
            if isinstance(parent[0], Obj):
                parent[0].items.append((parent[1].value if isinstance(parent[1], Str) else parent[1], node))
            else:
                parent[0].items.append(node)
            continue
        raise _JsonError(f"expected ',' or '{closer}'" if c else f"the file ends before a closing '{closer}'", pos)


def _key(text: str, pos: int):
    if pos >= len(text) or text[pos] != '"':
        raise _JsonError("expected a key in double quotes", pos)
    key, pos = _json_string(text, pos)
    pos = _JSON_WS.match(text, pos).end()
    if pos >= len(text) or text[pos] != ":":
        raise _JsonError("expected ':' after a key", pos)
    return key, pos + 1


def _json_string(text: str, start: int) -> tuple[Str, int]:
    """A JSON string at ``start`` (its opening quote): its value and where each part of it is in the file."""
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    p = start + 1
    n = len(text)
    m_len = 0
    run_start = p
    while True:
        special = _JSON_SPECIAL.search(text, p)
        if special is None:
            raise _JsonError("a string is not closed", start)
        p = special.start()
        if p - run_start + m_len > MAX_FIELD_CHARS:
            break
        c = text[p]
        if p > run_start:
            out.append(text[run_start:p])
            pieces.append((m_len, run_start, p - run_start, p - run_start))
            m_len += p - run_start
            run_start = p
        if c == '"':
            break
        if c < " ":
            raise _JsonError("a control character (such as a line break) inside a string", p)
        esc = text[p + 1] if p + 1 < n else ""
        if esc in _ESCAPES:
            ch, raw = _ESCAPES[esc], 2
        elif esc == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[p + 2:p + 6]):
            code = int(text[p + 2:p + 6], 16)
            raw = 6
            if 0xD800 <= code < 0xDC00 and text[p + 6:p + 8] == "\\u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[p + 8:p + 12]):
                low = int(text[p + 8:p + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    raw = 12
            ch = chr(code)
        else:
            raise _JsonError("an invalid escape in a string", p)
        out.append(ch)
        pieces.append((m_len, p, len(ch), raw))
        m_len += len(ch)
        p += raw
        run_start = p
        if m_len > MAX_FIELD_CHARS:
            break
        continue
    if m_len > MAX_FIELD_CHARS or p - run_start + m_len > MAX_FIELD_CHARS:
        raise BoundError(f"a string longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=_line_of(text, start))
    return Str("".join(out), tuple(pieces), 0), p + 1  # the line is counted only for an error
