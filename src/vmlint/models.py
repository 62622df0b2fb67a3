"""The data vmlint returns: spans, facts, findings and reports (pydantic models).

Every offset is a character offset into the draft's text as it was read (line endings
untranslated), so ``text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Step = Literal["1", "2", "3", "generic"]
STEPS: tuple[Step, ...] = ("1", "2", "3", "generic")


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Span(_Frozen):
    text: str
    start: int
    end: int


class PhoneNumber(Span):
    e164: str | None = None
    placeholder: bool = False
    form: Literal["written", "spaced", "spoken", "placeholder"] = "written"


class Commitment(Span):
    specific: bool
    day: str | None = Field(default=None, description="the day or date named, as written")


class Idea(Span):
    pass


class Placeholder(Span):
    kind: Literal["name", "company", "phone", "day", "time", "date", "email", "other"]


class Readability(_Frozen):
    flesch_reading_ease: float
    flesch_kincaid_grade: float


class Facts(_Frozen):
    """What one pass over a draft found; every rule reads these and nothing else."""

    words: int
    spoken_seconds: float
    sentences: int
    phone_numbers: list[PhoneNumber]
    placeholders: list[Placeholder]
    call_to_action: list[Span]
    commitments: list[Commitment]
    ownership: list[Span]
    blame: list[Span]
    filler: list[Span]
    ideas: list[Idea]
    value: list[Span] = Field(description="what the message offers the listener: a benefit, a result, an insight or resource")
    self_focused: list[Span] = Field(description="commercial about the caller or the caller's company")
    reason: list[Span] = Field(description="where the message says why the caller is calling")
    promise_reference: list[Span]
    caller_name: Span | None
    company: Span | None
    referral: Span | None
    readability: Readability

    multi_idea: bool = Field(description="more than one distinct value idea, offer or reason (more than one of ideas)")


class Edit(_Frozen):
    start: int
    end: int
    replacement: str


class Fix(_Frozen):
    message: str
    safe: bool
    edits: list[Edit]


class Finding(_Frozen):
    rule: str
    code: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    penalty: float
    fix: Fix | None = None


class Report(_Frozen):
    """The result of linting one draft."""

    path: str | None = None
    step: Step
    score: float
    facts: Facts
    findings: list[Finding]

    def every_finding(self) -> list[Finding]:
        return list(self.findings)

    @property
    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)


class SequenceFinding(Finding):
    """A finding about how messages of a sequence fit together; it points into one of them."""

    message_number: int = Field(description="the 1-based number of the message the finding points into")


class MessageReport(_Frozen):
    """One message of a sequence: where it is, its step and send day, and its own report."""

    number: int = Field(description="1-based, in sequence order")
    path: str | None = None
    line: int = Field(description="the line the message starts on")
    end_line: int | None = Field(default=None, description="the line its text ends on (when the file holds other text too)")
    step: Step
    day: str | None = Field(default=None, description="the send day from its front matter")
    promise_kept: bool | None = Field(
        default=None, description="whether it keeps the previous message's commitment; null when there was none")
    report: Report


class SequenceReport(_Frozen):
    """The result of linting a sequence: a report per message plus the cross-message findings."""

    path: str | None = None
    score: float
    messages: list[MessageReport]
    findings: list[SequenceFinding]
    is_sequence: bool = Field(
        default=True, description="the messages are steps of one sequence (cross-message rules ran); false for the "
        "separate voicemails of a playbook or a template file")

    def every_finding(self) -> list[Finding]:
        """Findings of every message, then the cross-message ones."""
        return [f for m in self.messages for f in m.report.findings] + list(self.findings)

    @property
    def worst(self) -> Severity | None:
        found = self.every_finding()
        return max((f.severity for f in found), key=lambda s: s.rank) if found else None
