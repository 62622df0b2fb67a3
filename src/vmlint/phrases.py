"""Phrase families: the pattern language of ``rules/phrases/*.toml`` and one Matcher for all.

A pattern is a line of space-separated items, each matching one token:

- ``call``         the word in any form: call, calls, calling, called (lookup lemma, any case)
- ``=calling``     exactly this form (any case)
- ``call|ring``    any of these words, each in any form (a ``<class>`` may be one of them)
- ``back?``        an item that may be left out (``?`` after any item)
- ``~3``           up to three tokens of anything
- ``<day>``        a class: ``<day>`` (weekday, today, tomorrow, a day/date placeholder),
                   ``<phone>`` (a phone number or phone placeholder), ``<name>``,
                   ``<company>``, ``<num>``, ``<cap>`` (a capitalised word), ``<any>``
- ``,`` ``?``      punctuation matches itself

Contractions are split as spaCy splits them, and lemmas follow spaCy's normalisation:
``i will call`` matches "I'll call", ``have not hear`` matches "haven't heard".
Every family is compiled into one matcher (``token_matcher.TokenMatcher``, which runs
these patterns as spaCy's ``Matcher`` would, indexed by first word) so a draft is scanned
once for all.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RulePackError
from .nlp import blank, lemma_of
from .token_matcher import TokenMatcher

DAYS = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "today", "tomorrow", "tonight", "-day-", "-date-",
    "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "2moro", "2morrow",
]
TOMORROW = {"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "2moro", "2morrow"}
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
]
PLACEHOLDER_LEMMAS = ["-name-", "-company-", "-phone-", "-day-", "-time-", "-date-", "-email-", "-other-"]
CLASSES: dict[str, dict] = {
    "day": {"LEMMA": {"IN": DAYS}},
    "month": {"LOWER": {"IN": MONTHS}},
    "phone": {"LEMMA": "-phone-"},
    "name": {},  # a name placeholder or a capitalised word: see _class_spec
    "company": {},  # a company placeholder or a capitalised word: see _class_spec
    "num": {"LIKE_NUM": True},
    "cap": {"IS_TITLE": True},
    "placeholder": {"LEMMA": {"IN": PLACEHOLDER_LEMMAS}},
    "any": {},
    "punct": {"IS_PUNCT": True},
}
_ITEM = re.compile(r"^(?P<body>.+?)(?P<op>\?)?$")


@dataclass(frozen=True)
class Family:
    name: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    description: str = ""
    path: str = ""


def _class_spec(name: str) -> list[dict]:
    if name == "name":
        return [{"LEMMA": "-name-"}, {"IS_TITLE": True}]
    if name == "company":
        return [{"LEMMA": "-company-"}, {"IS_TITLE": True}]
    return [CLASSES[name]]


@lru_cache(maxsize=4096)
def _word_lemmas(word: str) -> tuple[tuple[str], ...]:
    """The lemma sequence(s) a pattern word stands for, tokenized as drafts are."""
    doc = blank().make_doc(word)
    return tuple((lemma_of(t.lower_, t.norm_),) for t in doc)


def compile_pattern(src: str) -> list[list[dict]]:
    """Compile one pattern line into spaCy Matcher patterns (classes may expand it).

    Each pattern is compiled once per process (families are checked when loaded, then
    added to the matcher); callers get their own copy to change as they like.
    """
    return [[dict(token) for token in variant] for variant in _compiled(src)]


@lru_cache(maxsize=8192)
def _compiled(src: str) -> tuple[tuple[dict, ...], ...]:
    variants: list[list[dict]] = [[]]
    for item in src.split():
        m = _ITEM.match(item)
        body, optional = m.group("body"), bool(m.group("op"))
        if item == "?":
            body, optional = "?", False
        specs: list[list[dict]]
        if re.fullmatch(r"~\d{1,2}", body):
            if optional:
                raise ValueError(f"'{item}': a gap is already optional")
            specs = [[{"IS_SENT_START": False, "OP": "{0," + body[1:] + "}"}]]
        elif body.startswith("<") and body.endswith(">") and "|" not in body:
            cls = body[1:-1]
            if cls not in CLASSES:
                raise ValueError(f"unknown class '{body}' (known: {', '.join('<' + c + '>' for c in CLASSES)})")
            specs = [[dict(s)] for s in _class_spec(cls)]
        elif body.startswith("="):
            specs = [[{"LOWER": w.lower()} for w in body[1:].split("|")]] if "|" not in body else [
                [{"LOWER": {"IN": [w.lower().lstrip("=") for w in body[1:].split("|")]}}]
            ]
        elif "|" in body:
            alts = [a for a in body.split("|") if a]
            classes = [a for a in alts if a.startswith("<") and a.endswith(">")]
            for cls in classes:
                if cls[1:-1] not in CLASSES:
                    raise ValueError(f"unknown class '{cls}'")
            lemmas = []
            for alt in alts:
                if alt in classes:
                    continue
                seq = _word_lemmas(alt)
                if len(seq) != 1:
                    raise ValueError(f"'{alt}' in '{body}' is more than one token; write it as its own item")
                lemmas.append(seq[0][0])
            specs = [[{"LEMMA": {"IN": sorted(set(lemmas))}}]] if lemmas else []
            specs += [[dict(spec)] for cls in classes for spec in _class_spec(cls[1:-1])]
        else:
            seq = _word_lemmas(body)
            if not seq:
                raise ValueError(f"empty item in '{src}'")
            if optional and len(seq) > 1:
                raise ValueError(f"'{item}' is more than one token and cannot be optional")
            specs = [[{"LEMMA": s[0]} for s in seq]]
        new_variants = []
        for v in variants:
            for spec in specs:
                tokens = [dict(t) for t in spec]
                if optional:
                    tokens[0]["OP"] = "?"
                new_variants.append(v + tokens)
        variants = new_variants
    if not variants[0]:
        raise ValueError("empty pattern")
    if all("OP" in t and t["OP"] in ("?", "*") or t.get("OP", "").startswith("{0,") for t in variants[0]):
        raise ValueError(f"pattern '{src}' could match nothing at all; give it one required item")
    return tuple(tuple(v) for v in variants)


def _line_of(text: str, needle: str) -> int | None:
    idx = text.find(needle)
    return text.count("\n", 0, idx) + 1 if idx >= 0 else None


def load_family(path: Path) -> Family:
    raw = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"not valid TOML: {exc}", path=str(path)) from None
    allowed = {"description", "patterns", "exclude"}
    for key in data:
        if key not in allowed:
            raise RulePackError(f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})", path=str(path), line=_line_of(raw, key))
    for key in ("patterns", "exclude"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RulePackError(f"'{key}' must be a list of strings", path=str(path), line=_line_of(raw, key))
        for pat in value:
            try:
                compile_pattern(pat)
            except ValueError as exc:
                raise RulePackError(f"invalid pattern: {exc}", path=str(path), line=_line_of(raw, pat)) from None
    return Family(
        name=path.stem,
        patterns=tuple(data.get("patterns", [])),
        exclude=tuple(data.get("exclude", [])),
        description=data.get("description", ""),
        path=str(path),
    )


def spacy_matcher(families: list[Family]):
    """These families in spaCy's own Matcher: the reference the tests hold TokenMatcher to.

    Returns ``doc -> [(key, start, end)]``, the same shape TokenMatcher returns.
    """
    from spacy.matcher import Matcher

    matcher = Matcher(blank().vocab, validate=True)
    for fam in families:
        for key, pats in ((fam.name, fam.patterns), (fam.name + "!exclude", fam.exclude)):
            compiled = [v for p in pats for v in compile_pattern(p)]
            if compiled:
                matcher.add(key, compiled)
    return lambda doc: [(doc.vocab.strings[m], s, e) for m, s, e in matcher(doc)]


class PhraseMatcher:
    """All phrase families compiled into one indexed matcher; one scan finds them all."""

    def __init__(self, families: list[Family]) -> None:
        self.families = {f.name: f for f in families}
        self._matcher = TokenMatcher()
        for fam in families:
            for key, pats in ((fam.name, fam.patterns), (fam.name + "!exclude", fam.exclude)):
                self._matcher.add(key, [v for p in pats for v in compile_pattern(p)])

    def __call__(self, doc) -> dict[str, list[tuple[int, int]]]:
        from spacy.attrs import SENT_START

        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        columns = getattr(doc, "columns", None)
        if columns is not None:
            starts = columns.get("IS_SENT_START", [])
        else:
            starts = [v == 1 for v in doc.to_array(SENT_START).tolist()] if len(doc) else []
        for key, start, end in self._matcher(doc):
            # A phrase never runs across a sentence boundary.
            if any(starts[start + 1:end]):
                continue
            found[key].append((start, end))
        result: dict[str, list[tuple[int, int]]] = {}
        for name in self.families:
            matched = found.get(name)
            if not matched:  # most families match nothing in a given draft
                result[name] = []
                continue
            exclude = found.get(name + "!exclude")
            if exclude:
                excluded = TokenMask(len(doc), exclude)
                candidates = [m for m in set(matched) if not excluded.hits(*m)]
            else:
                candidates = list(set(matched))
            # Longest first, then earliest; keep those that overlap nothing kept.
            candidates.sort(key=lambda m: (m[0] - m[1], m[0]))
            kept = TokenMask(len(doc))
            chosen: list[tuple[int, int]] = []
            for s, e in candidates:
                if not kept.hits(s, e):
                    kept.add(s, e)
                    chosen.append((s, e))
            result[name] = sorted(chosen)
        return result


class TokenMask:
    """Which tokens some spans cover: overlap questions in time proportional to the span."""

    def __init__(self, size: int, spans=()) -> None:
        self._covered = bytearray(size + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self._covered[start:end] = b"\x01" * (end - start)

    def hits(self, start: int, end: int) -> bool:
        return 1 in self._covered[start:end]
