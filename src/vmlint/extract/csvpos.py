"""CSV with positions: a record scanner whose fields know where they sit (quoted fields may span lines)."""

from __future__ import annotations

from ..errors import InputError
from .tree import MAX_FIELD_CHARS, BoundError, Str

def parse_csv(text: str) -> list[list[Str]]:
    """Rows of fields, each knowing its place; quoted fields may hold commas, quotes and line breaks."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ("\t" if "\t" in first_line and "," not in first_line else ",")
    rows: list[list[Str]] = []
    row: list[Str] = []
    p = 1 if text.startswith("\ufeff") else 0
    n = len(text)
    line = 1
    while p <= n:
        if p == n:
            if row:
                rows.append(row)
            break
        if text[p] == '"':
            q = p + 1
            out: list[str] = []
            pieces: list[tuple[int, int, int, int]] = []
            m = 0
            start_line = line
            while True:
                k = text.find('"', q)
                if k < 0:
                    raise InputError("not valid CSV: a quoted field is not closed", line=start_line)
                if k > q:
                    out.append(text[q:k])
                    pieces.append((m, q, k - q, k - q))
                    m += k - q
                    line += text.count("\n", q, k)
                if text[k + 1:k + 2] == '"':
                    out.append('"')
                    pieces.append((m, k, 1, 2))
                    m += 1
                    q = k + 2
                    continue
                q = k + 1
                break
            if m > MAX_FIELD_CHARS:
                raise BoundError(f"a field longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=start_line)
            row.append(Str("".join(out), tuple(pieces), start_line))
            p = q
            while p < n and text[p] in " \t" and delimiter != "\t":
                p += 1
        else:
            k = p
            while k < n and text[k] not in (delimiter, "\n", "\r"):
                k += 1
            if k - p > MAX_FIELD_CHARS:
                raise BoundError(f"a field longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=line)
            row.append(Str(text[p:k], ((0, p, k - p, k - p),) if k > p else (), line))
            p = k
        if p < n and text[p] == delimiter:
            p += 1
            if p == n:
                row.append(Str("", (), line))
            continue
        if p < n and text[p] in "\r\n":
            p += 2 if text.startswith("\r\n", p) else 1
            line += 1
            rows.append(row)
            row = []
            continue
        if p < n:
            raise InputError("not valid CSV: text after a closing quote", line=line)
    return [r for r in rows if any(f.value.strip() for f in r)]
