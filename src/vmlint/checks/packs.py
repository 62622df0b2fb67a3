"""Declarative rules: ``packs/*.toml`` files of ``[[rule]]`` tables, validated by pydantic.

Four kinds cover most voicemail advice:

- ``forbid``  every match of a phrase family, inline patterns or a list fact is a finding
              (``within-words = 10`` looks only at the opening words and reports the first match);
- ``require`` a finding when there is no match (or the fact is empty);
              (``fix = "remove"`` offers removing each match as a fix);
- ``swap``    each phrase has a better replacement (``swap = {"utilize" = "use"}``);
- ``limit``   a number fact (``words``, ``spoken_seconds``, ``readability.flesch_reading_ease``,
              or the length of a list fact) must stay within ``max`` / ``min``, or within the
              config key named by ``max-from`` / ``min-from``.

Messages may use ``{match}``, ``{value}``, ``{limit}`` and ``{replacement}``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import RulePackError
from ..fixes import removal
from ..models import Edit, Fix, Severity, Step
from ..phrases import Family, compile_pattern
from .base import ALL_STEPS, Hit, Rule, RuleDoc, first_sentence, last_sentence

LIST_FACTS = {
    "phone_numbers", "placeholders", "call_to_action", "commitments", "ownership", "blame", "filler",
    "ideas", "promise_reference", "value", "self_focused", "reason",
}
SINGLE_FACTS = {"caller_name", "company", "referral"}
NUMBER_FACTS = {"words", "spoken_seconds", "sentences", "readability.flesch_reading_ease", "readability.flesch_kincaid_grade"}
CONFIG_LIMITS = {"max-words", "max-seconds", "min-reading-ease"}


class PackRule(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=lambda n: n.replace("_", "-"))

    code: str = Field(pattern=r"^[A-Z]{1,6}[0-9]{1,4}$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    kind: Literal["forbid", "require", "swap", "limit"]
    severity: Severity = Severity.warning
    steps: list[Step] = Field(default_factory=lambda: ["1", "2", "3", "generic"])
    message: str
    family: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    fact: str | None = None
    swap: dict[str, str] = Field(default_factory=dict)
    max: float | None = None
    min: float | None = None
    max_from: str | None = None
    min_from: str | None = None
    within_words: int | None = Field(default=None, ge=1)
    at: Literal["first-sentence", "last-sentence", "match"] = "last-sentence"
    weight: float = Field(default=1.0, ge=0)
    unless: str | None = Field(default=None, description="a 'require' rule does not fire when this fact is present")
    unless_steps: list[Step] = Field(default_factory=lambda: ["1", "2", "3", "generic"])
    fix: Literal["remove"] | None = None
    summary: str
    what: str
    why: str
    source: str = ""
    example: str
    fixed: str

    @model_validator(mode="after")
    def _consistent(self) -> "PackRule":
        k = self.kind
        if self.fact is not None:
            known = LIST_FACTS | SINGLE_FACTS if k != "limit" else NUMBER_FACTS | LIST_FACTS
            if self.fact not in known:
                raise ValueError(f"fact '{self.fact}' is not one of: {', '.join(sorted(known))}")
        if k in ("forbid", "require") and not (self.family or self.patterns or self.fact):
            raise ValueError(f"a '{k}' rule needs 'family', 'patterns' or 'fact'")
        if self.unless is not None and k != "require":
            raise ValueError("'unless' is for 'require' rules only")
        if self.unless is not None and self.unless not in LIST_FACTS | SINGLE_FACTS:
            raise ValueError(f"'unless': no fact named '{self.unless}'")
        if self.fix is not None and k != "forbid":
            raise ValueError("'fix = \"remove\"' is for 'forbid' rules only")
        if k == "swap" and not self.swap:
            raise ValueError("a 'swap' rule needs a 'swap' table of phrase = replacement")
        if k == "limit":
            if not self.fact:
                raise ValueError("a 'limit' rule needs 'fact'")
            if self.max is None and self.min is None and not self.max_from and not self.min_from:
                raise ValueError("a 'limit' rule needs 'max', 'min', 'max-from' or 'min-from'")
        for key in (self.max_from, self.min_from):
            if key is not None and key not in CONFIG_LIMITS:
                raise ValueError(f"'{key}' is not a config limit ({', '.join(sorted(CONFIG_LIMITS))})")
        for pattern in [*self.patterns, *self.swap]:
            compile_pattern(pattern)
        return self


def _line_of(raw: str, needle: str) -> int | None:
    idx = raw.find(needle)
    return raw.count("\n", 0, idx) + 1 if idx >= 0 else None


def load_pack(path: Path) -> list[PackRule]:
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise RulePackError(f"not valid TOML: {exc}", path=str(path), line=int(found.group(1)) if found else None) from None
    extra = set(data) - {"rule"}
    if extra:
        key = sorted(extra)[0]
        raise RulePackError(f"unknown key '{key}' (a pack holds [[rule]] tables)", path=str(path), line=_line_of(raw, key))
    tables = data.get("rule", [])
    if not isinstance(tables, list):
        raise RulePackError("'rule' must be an array of tables: write [[rule]]", path=str(path))
    # Line of each [[rule]] header, to point errors at the right table.
    headers = [i + 1 for i, line in enumerate(raw.splitlines()) if line.strip() == "[[rule]]"]
    rules = []
    for index, table in enumerate(tables):
        line = headers[index] if index < len(headers) else None
        try:
            rules.append(PackRule.model_validate(table))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
            key_line = _line_of(raw[sum(len(x) + 1 for x in raw.splitlines()[: (line or 1) - 1]):], str(err["loc"][0])) if err["loc"] else None
            where = (line or 1) + (key_line - 1 if key_line else 0)
            label = f"rule {table.get('name', index + 1)!s}"
            raise RulePackError(f"{label}: {f'{loc}: ' if loc else ''}{what}", path=str(path), line=where) from None
    return rules


def rule_family(r: PackRule, index: int | None = None) -> str:
    return f"rule:{r.name}" if index is None else f"rule:{r.name}#{index}"


def families_for(rules: list[PackRule]) -> list[Family]:
    """Phrase families the pack rules bring with them (inline patterns and swap phrases)."""
    out = []
    for r in rules:
        if r.patterns:
            out.append(Family(rule_family(r), tuple(r.patterns)))
        for i, phrase in enumerate(r.swap):
            out.append(Family(rule_family(r, i), (phrase,)))
    return out


def _fact_value(facts, name: str):
    value = facts
    for part in name.split("."):
        value = getattr(value, part)
    return value


def _make_check(r: PackRule):
    def word_limit(doc):
        if r.within_words is None:
            return None
        words = doc.words
        return words[min(r.within_words, len(words)) - 1][1] if words else 0

    def spans_of(doc):
        out = []
        if r.fact:
            value = _fact_value(doc.facts, r.fact)
            items = value if isinstance(value, list) else ([value] if value is not None else [])
            out += [(s.start, s.end, s.text) for s in items]
        for fam in [*r.family, *([rule_family(r)] if r.patterns else [])]:
            for s, e in doc.matches.get(fam, []):
                span = doc.token_span(s, e)
                out.append((span.start, span.end, span.text))
        limit = word_limit(doc)
        if limit is not None:  # an opening rule reports its first match only
            out = sorted(x for x in set(out) if x[0] < limit)[:1]
        return sorted(set(out))

    def where(doc):
        return first_sentence(doc) if r.at == "first-sentence" else last_sentence(doc)

    def check(doc, config, step):
        fmt = {"match": "", "value": "", "limit": "", "replacement": ""}
        if r.kind == "forbid":
            for start, end, text in spans_of(doc):
                fix = removal(doc.text, start, end, text) if r.fix == "remove" else None
                yield Hit(start, end, r.message.format(**{**fmt, "match": text}), fix)
        elif r.kind == "require":
            if r.unless and step in r.unless_steps and _fact_value(doc.facts, r.unless):
                return
            if not spans_of(doc):
                start, end = where(doc)
                yield Hit(start, end, r.message.format(**fmt))
        elif r.kind == "swap":
            for i, (phrase, replacement) in enumerate(r.swap.items()):
                for s, e in doc.matches.get(rule_family(r, i), []):
                    span = doc.token_span(s, e)
                    # Safe only when the words matched are the words listed: "utilized" for "utilize" would lose its tense.
                    exact = span.text.lower() == phrase.lower()
                    fix = Fix(message=f"replace with '{replacement}'", safe=exact, edits=[Edit(start=span.start, end=span.end, replacement=replacement)])
                    yield Hit(span.start, span.end, r.message.format(**{**fmt, "match": span.text, "replacement": replacement}), fix)
        else:  # limit
            value = _fact_value(doc.facts, r.fact)
            value = len(value) if isinstance(value, list) else value
            hi = getattr(config, r.max_from.replace("-", "_")) if r.max_from else r.max
            lo = getattr(config, r.min_from.replace("-", "_")) if r.min_from else r.min
            start, end = where(doc) if r.at != "match" else (doc.source.body_start, doc.source.body_start)
            if hi is not None and value > hi:
                yield Hit(start, end, r.message.format(**{**fmt, "value": f"{value:g}", "limit": f"{hi:g}"}))
            elif lo is not None and value < lo:
                yield Hit(start, end, r.message.format(**{**fmt, "value": f"{value:g}", "limit": f"{lo:g}"}))

    return check


def to_rule(r: PackRule, origin: str) -> Rule:
    doc = RuleDoc(summary=r.summary, what=r.what, why=r.why, source=r.source, example=r.example, fixed=r.fixed)
    return Rule(code=r.code, name=r.name, severity=r.severity, steps=frozenset(r.steps) or ALL_STEPS, doc=doc,
                weight=r.weight, origin=origin, _check=_make_check(r))


def load_pack_dir(folder: Path) -> list[tuple[PackRule, str]]:
    return [(r, str(p)) for p in sorted(folder.glob("*.toml")) for r in load_pack(p)]
