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
    promise_reference: list[Span]
    caller_name: Span | None
    company: Span | None
    referral: Span | None
    readability: Readability


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

    @property
    def worst(self) -> Severity | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)
