"""One JSON document: ``{"version", "files": [{"path", "step", "score", "facts", "findings"}], "errors", "summary"}``.

A sequence file's entry is ``{"path", "score", "sequence": {"score", "messages", "findings"}}``:
each message has its number, path, line, step, send day, whether it kept the previous
message's commitment, and its own report (facts, commitments included, and findings).

The document is built from pydantic models, so its JSON Schema is generated from them:
``report.schema.json`` beside this module (``python -m vmlint.report.json_format`` prints it,
and a test keeps the file up to date).
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from ..models import Facts, Finding, MessageReport, SequenceFinding, Step
from .results import counts


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class FileEntry(_Strict):
    path: str
    step: Step
    score: float = Field(ge=0, le=100)
    facts: Facts
    findings: list[Finding]


class Sequence(_Strict):
    """A sequence: its messages in order (each with its own report and commitments) and the cross-message findings."""

    score: float = Field(ge=0, le=100)
    messages: list[MessageReport]
    findings: list[SequenceFinding]


class SequenceFileEntry(_Strict):
    path: str
    score: float = Field(ge=0, le=100)
    sequence: Sequence


class ErrorEntry(_Strict):
    path: str
    message: str = Field(description="one line naming the file and the problem")


class Summary(_Strict):
    error: int
    warning: int
    info: int


class JsonReport(_Strict):
    """What ``vmlint --format json`` prints."""

    model_config = ConfigDict(extra="forbid", title="vmlint report")
    version: str
    files: list[FileEntry | SequenceFileEntry]
    errors: list[ErrorEntry]
    summary: Summary


def document(results) -> JsonReport:
    from .. import __version__

    files = []
    errors = []
    for r in results:
        if r.error:
            errors.append(ErrorEntry(path=r.path, message=r.error))
            continue
        if r.sequence is not None:
            seq = r.sequence
            files.append(SequenceFileEntry(path=r.path, score=seq.score, sequence=Sequence(
                score=seq.score, messages=seq.messages, findings=seq.findings)))
            continue
        rep = r.report
        files.append(FileEntry(path=r.path, step=rep.step, score=rep.score, facts=rep.facts, findings=rep.findings))
    return JsonReport(version=__version__, files=files, errors=errors, summary=Summary(**counts(results)))


def schema() -> dict:
    return JsonReport.model_json_schema()


def render(results, **_: object) -> str:
    return json.dumps(document(results).model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(schema(), indent=2))
