"""What reporters render: one entry per path, a report or an error."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Report, Severity


@dataclass(frozen=True)
class FileResult:
    path: str
    report: Report | None = None
    error: str | None = None
    text: str | None = None


def counts(results) -> dict[str, int]:
    c = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        if r.report:
            for f in r.report.findings:
                c[f.severity.value] += 1
    return c


def summary_line(results) -> str:
    c = counts(results)
    total = sum(c.values())
    files = sum(1 for r in results if r.report)
    failed = sum(1 for r in results if r.error)
    parts = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in c.items() if n]
    head = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({', '.join(parts)})" if parts else "")
    tail = f" in {files} file{'s' if files != 1 else ''}"
    if failed:
        tail += f"; {failed} file{'s' if failed != 1 else ''} could not be read"
    return head + tail + "."


__all__ = ["FileResult", "Severity", "counts", "summary_line"]
