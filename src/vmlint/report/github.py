"""GitHub Actions workflow commands: one ``::error file=…,line=…,col=…::message`` line per finding."""

from __future__ import annotations

from .results import summary_line

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results, *, summary: bool = True, **_: object) -> str:
    lines = []
    for r in results:
        if r.error:
            lines.append(f"::error file={_prop(r.path)},title=vmlint::{_data(r.error)}")
            continue
        for path, f in r.located():
            props = (f"file={_prop(path)},line={f.line},endLine={f.end_line},col={f.column},"
                     f"endColumn={f.end_column},title={_prop(f'{f.code} {f.rule}')}")
            lines.append(f"::{LEVELS[f.severity.value]} {props}::{_data(f.message)}")
    if summary:
        lines.append(summary_line(results))
    return "\n".join(lines) + "\n" if lines else ""
