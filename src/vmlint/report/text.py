"""The default format: each finding with a source excerpt and carets, a score per file."""

from __future__ import annotations

import re

from .concise import finding_line
from .results import summary_line

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}
_WIDTH = 100


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_COLORS[style]}{text}{_COLORS['reset']}" if color else text


def _excerpt(source: str, f, color: bool) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", source)
    if not lines or f.line > len(lines):
        return []
    line = lines[f.line - 1]
    col0 = f.column - 1
    end0 = f.end_column - 1 if f.end_line == f.line else len(line)
    # Keep long lines readable: a window around the start of the span.
    offset = max(0, min(col0 - 20, len(line) - _WIDTH)) if len(line) > _WIDTH else 0
    shown = line[offset:offset + _WIDTH]
    prefix = "…" if offset else ""
    suffix = "…" if offset + _WIDTH < len(line) else ""
    width = max(1, min(end0, offset + _WIDTH) - col0)
    gutter = str(f.line)
    pad = " " * len(gutter)
    caret_pad = " " * (len(prefix) + col0 - offset)
    return [
        f"{pad} |",
        f"{gutter} | {prefix}{shown}{suffix}",
        f"{pad} | {caret_pad}{_paint('^' * width, f.severity.value, color)}",
    ]


def render(results, *, color: bool = False, **_: object) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(_paint(f"error: {r.error}", "error", color))
            continue
        rep = r.report
        for f in rep.findings:
            head = finding_line(r.path, f)
            out.append(_paint(head, "bold", color) if color else head)
            if r.text is not None:
                out.extend(_excerpt(r.text, f, color))
            out.append("")
        f = rep.facts
        out.append(
            _paint(f"{r.path}: score {rep.score:g}/100", "bold", color)
            + f" (step {rep.step}, {f.words} words, about {f.spoken_seconds:g} s)"
        )
    out.append(summary_line(results))
    return "\n".join(out) + "\n"
