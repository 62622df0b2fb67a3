"""One line per finding: ``path:line:col: CODE name message``."""

from __future__ import annotations

from .results import summary_line


def finding_line(path: str, f) -> str:
    return f"{path}:{f.line}:{f.column}: {f.code} {f.rule} {f.message}"


def render(results, *, summary: bool = True, **_: object) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"{r.error}")
            continue
        if r.sequence is not None and not r.sequence.messages:
            lines.append(f"{r.path}: no voicemail found")
        lines.extend(finding_line(path, f) for path, f in r.located())
    if summary:
        lines.append(summary_line(results))
    return "\n".join(lines) + "\n" if lines else ""
