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


class Tally:
    """Counts findings by severity, linted files and unreadable ones, one result at a time."""

    def __init__(self) -> None:
        self.severities = {"error": 0, "warning": 0, "info": 0}
        self.files = 0
        self.failed = 0

    def add(self, result: FileResult) -> None:
        for _, f in result.located():
            self.severities[f.severity.value] += 1
        self.files += result.linted
        self.failed += bool(result.error)

    def line(self) -> str:
        c = self.severities
        total = sum(c.values())
        parts = [f"{n} {k}{'s' if n != 1 else ''}" for k, n in c.items() if n]
        head = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({', '.join(parts)})" if parts else "")
        tail = f" in {self.files} file{'s' if self.files != 1 else ''}"
        if self.failed:
            tail += f"; {self.failed} file{'s' if self.failed != 1 else ''} could not be read"
        return head + tail + "."


def _tally(results) -> Tally:
    t = Tally()
    for r in results:
        t.add(r)
    return t


def counts(results) -> dict[str, int]:
    return _tally(results).severities


def summary_line(results) -> str:
    return _tally(results).line()


__all__ = ["FileResult", "Severity", "Tally", "counts", "summary_line"]
