"""The default format: each finding with a source excerpt and carets, a score per file.

A sequence is shown message by message (its findings under it), then a timeline of the
week (step, send day, the commitment made, whether the next message kept it) and the
cross-message findings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .concise import finding_line
from .results import summary_line

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m", "reset": "\033[0m"}
_WIDTH = 100


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_COLORS[style]}{text}{_COLORS['reset']}" if color else text


@lru_cache(maxsize=8)
def _lines(source: str) -> list[str]:
    # Split once per file, not once per finding (a 1 MB draft with 3,000 findings took 18 s).
    return re.split(r"\r\n|\r|\n", source)


def _excerpt(source: str, f, color: bool) -> list[str]:
    lines = _lines(source)
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


def _findings(out: list[str], located, result, color: bool) -> None:
    for path, f in located:
        head = finding_line(path, f)
        out.append(_paint(head, "bold", color) if color else head)
        text = result.text_of(path)
        if text is not None:
            out.extend(_excerpt(text, f, color))
        out.append("")


def _timeline(seq) -> list[str]:
    rows = [("#", "line", "step", "day", "commitment made", "kept the one before")]
    for m in seq.messages:
        made = next((c.text for c in reversed(m.report.facts.commitments) if c.specific), None)
        made = made or (m.report.facts.commitments[-1].text + " (vague)" if m.report.facts.commitments else "-")
        kept = {True: "yes", False: "no", None: "-"}[m.promise_kept]
        where = f"{m.path}:{m.line}" if m.path and len({x.path for x in seq.messages}) > 1 else str(m.line)
        rows.append((str(m.number), where, m.step, m.day or "-", made, kept))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]


def render(results, *, color: bool = False, summary: bool = True, **_: object) -> str:
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(_paint(f"error: {r.error}", "error", color))
            continue
        if r.sequence is not None:
            seq = r.sequence
            for m in seq.messages:
                if m.report.findings:
                    where = f"{m.path or r.path}:{m.line}"
                    out.append(_paint(f"message {m.number} (step {m.step}{', ' + m.day if m.day else ''}) at {where}:", "dim", color))
                    _findings(out, [(m.path or r.path, f) for f in m.report.findings], r, color)
            if not seq.messages:
                out.append(_paint(f"{r.path}: no voicemail found", "bold", color)
                           + " (see `vmlint --list-messages`; README: Playbooks and template files)")
                continue
            if not seq.is_sequence:
                scores = ", ".join(f"{m.report.score:g}" for m in seq.messages)
                n = len(seq.messages)
                out.append(_paint(f"{r.path}: score {seq.score:g}/100", "bold", color)
                           + f" ({n} message{'s' if n != 1 else ''} found; "
                           + (f"messages {scores})" if n > 1 else f"step {seq.messages[0].step})"))
                continue
            out.append(_paint(f"{r.path}: sequence of {len(seq.messages)} messages", "bold", color))
            out.extend(_timeline(seq))
            out.append("")
            _findings(out, [(seq.messages[f.message_number - 1].path or r.path, f) for f in seq.findings], r, color)
            scores = ", ".join(f"{m.report.score:g}" for m in seq.messages)
            out.append(_paint(f"{r.path}: score {seq.score:g}/100", "bold", color) + f" (sequence; messages {scores})")
            continue
        rep = r.report
        _findings(out, r.located(), r, color)
        f = rep.facts
        out.append(
            _paint(f"{r.path}: score {rep.score:g}/100", "bold", color)
            + f" (step {rep.step}, {f.words} words, about {f.spoken_seconds:g} s)"
        )
    if summary:
        out.append(summary_line(results))
    return "\n".join(out) + "\n" if out else ""
