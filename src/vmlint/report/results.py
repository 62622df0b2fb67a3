"""What reporters render: one entry per path given, a report, a sequence report or an error."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Finding, Report, SequenceReport, Severity


@dataclass(frozen=True)
class FileResult:
    """A linted path: ``report`` for a single draft, ``sequence`` for a sequence, or ``error``.

    ``text`` is the file's text; a sequence read from a folder keeps each message file's
    text in ``texts`` (path -> text).
    """

    path: str
    report: Report | None = None
    error: str | None = None
    text: str | None = None
    sequence: SequenceReport | None = None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def linted(self) -> bool:
        return self.report is not None or self.sequence is not None

    @property
    def score(self) -> float | None:
        if self.sequence is not None:
            return self.sequence.score
        return self.report.score if self.report is not None else None

    def text_of(self, path: str) -> str | None:
        return self.texts.get(path, self.text if path == self.path else None)

    def located(self) -> list[tuple[str, Finding]]:
        """Every finding with the path of the file it points into, in reading order."""
        if self.report is not None:
            return [(self.path, f) for f in self.report.findings]
        if self.sequence is None:
            return []
        out = []
        messages = self.sequence.messages
        for m in messages:
            out.extend((m.path or self.path, f) for f in m.report.findings)
        for f in self.sequence.findings:
            out.append((messages[f.message_number - 1].path or self.path, f))
        return out


def counts(results) -> dict[str, int]:
    c = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for _, f in r.located():
            c[f.severity.value] += 1
    return c


def summary_line(results) -> str:
    c = counts(results)
    total = sum(c.values())
    files = sum(1 for r in results if r.linted)
    failed = sum(1 for r in results if r.error)
    parts = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in c.items() if n]
    head = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({', '.join(parts)})" if parts else "")
    tail = f" in {files} file{'s' if files != 1 else ''}"
    if failed:
        tail += f"; {failed} file{'s' if failed != 1 else ''} could not be read"
    return head + tail + "."


__all__ = ["FileResult", "Severity", "counts", "summary_line"]
