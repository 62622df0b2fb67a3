"""What a rule is: its identity, its documentation, and a ``check`` that reads a Document.

A rule never walks the text itself: it reads ``doc.facts`` (and, where it must, the
Document's sentences and words) and yields ``Hit`` objects. The engine turns hits into
findings with line, column, severity and penalty.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..config import Config
from ..document import Document
from ..models import Fix, Severity, Step


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    what: str
    why: str
    source: str
    example: str
    fixed: str
    options: tuple[str, ...] = ()
    step: str | None = None  # the step the example and fixed version are linted with


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    steps: frozenset[Step]
    doc: RuleDoc
    weight: float = 1.0
    origin: str = "built-in"
    scope: str = "message"  # "sequence": checks how the messages of a sequence fit together
    _check: object = field(default=None, repr=False, compare=False)

    def check(self, doc: Document, config: Config, step: Step) -> Iterator[Hit]:
        yield from self._check(doc, config, step)


ALL_STEPS: frozenset[Step] = frozenset({"1", "2", "3", "generic"})
REGISTRY: dict[str, Rule] = {}


def rule(*, code: str, name: str, severity: str, steps, doc: RuleDoc, weight: float = 1.0, scope: str = "message"):
    """Register a check function as a rule: ``fn(doc, config, step) -> Iterator[Hit]`` for a
    message rule, ``fn(sequence, config) -> Iterator[(message number, Hit)]`` for a sequence rule."""

    def wrap(fn):
        if name in REGISTRY or any(r.code == code for r in REGISTRY.values()):
            raise ValueError(f"rule {code} {name} registered twice")
        REGISTRY[name] = Rule(code=code, name=name, severity=Severity(severity), steps=frozenset(steps), doc=doc,
                              weight=weight, scope=scope, _check=fn)
        return fn

    return wrap


# Message rules that also look across a sequence: rule name -> fn(sequence, config).
SEQUENCE_CHECKS: dict[str, object] = {}


def sequence_check(name: str):
    """Register the cross-message half of a message rule (reported under the same name and code)."""

    def wrap(fn):
        SEQUENCE_CHECKS[name] = fn
        return fn

    return wrap


def last_sentence(doc: Document) -> tuple[int, int]:
    sents = doc.sentences()
    if not sents:
        return doc.source.body_start, doc.source.body_start
    return sents[-1].start, sents[-1].end


def first_sentence(doc: Document) -> tuple[int, int]:
    sents = doc.sentences()
    if not sents:
        return doc.source.body_start, doc.source.body_start
    return sents[0].start, sents[0].end
