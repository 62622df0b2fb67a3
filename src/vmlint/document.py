"""The document model: one immutable analysis of a draft that every rule reads.

``Document.build`` runs every detector once: words, spoken length, phone numbers,
placeholders, tokens and sentences, phrase-family matches and the facts made of them.
Offsets index ``text`` (the file as decoded); analysis runs on ``source.spoken``,
which has the same offsets with front matter and directive lines blanked out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from . import nlp
from .detect import content as C
from .detect import facts as F
from .detect.phones import find_phone_numbers
from .detect.placeholders import find_placeholders
from .detect.readability import readability
from .detect.spoken import spoken_seconds
from .models import Facts, Span
from .phrases import PhraseMatcher
from .source import Source
from .tokens import Tokens

_WORD = re.compile(r"\S+")
_HAS_ALNUM = re.compile(r"[^\W_]")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words as a word processor counts them: whitespace-separated chunks with a letter or digit."""
    return [m.span() for m in _WORD.finditer(text) if _HAS_ALNUM.search(m.group(0))]


@dataclass(frozen=True)
class Document:
    source: Source
    doc: object  # spacy.tokens.Doc over source.spoken
    words: tuple[tuple[int, int], ...]
    facts: Facts
    matches: dict[str, list[tuple[int, int]]]
    tokens: Tokens  # the same tokens as plain Python objects: what the detectors read (vmlint.tokens)

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        i = 0
        n = len(text)
        while i < n:
            c = text[i]
            if c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            elif c == "\n":
                starts.append(i + 1)
            i += 1
        return starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character offset."""
        starts = self._line_starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def sentences(self) -> list[Span]:
        out = []
        for sent in self.tokens.sents:
            toks = [t for t in sent if not t.is_space]
            if toks:
                out.append(Span(text=self.text[toks[0].idx:toks[-1].idx + len(toks[-1])], start=toks[0].idx, end=toks[-1].idx + len(toks[-1])))
        return out

    def token_span(self, start_tok: int, end_tok: int) -> Span:
        s = self.tokens[start_tok:end_tok]
        return Span(text=self.text[s.start_char:s.end_char], start=s.start_char, end=s.end_char)

    @classmethod
    def build(cls, source: Source, matcher: PhraseMatcher, *, region: str = "US", rate: float = 150.0) -> "Document":
        spoken = source.spoken
        placeholders = find_placeholders(spoken)
        phones = find_phone_numbers(spoken, region, placeholders)
        merges = [(p.start, p.end, "phone") for p in phones]
        merges += [(p.start, p.end, p.kind) for p in placeholders if p.kind != "phone"]
        parsed = nlp.annotate(spoken, merges)
        with nlp.LOCK:
            doc = Tokens(parsed, spoken)
            matches = matcher(doc)
        words = tuple(word_spans(spoken))

        found = F.speech_acts(doc, matches)
        cta_spans = F.calls_to_action(doc, found)
        cta = [_tokens(doc, c) for c in cta_spans]
        blame = matches.get("blame", [])
        commitments = F.commitments(doc, matches, found)
        commit_tokens = [(doc.char_span(c.start, c.end, alignment_mode="expand").start,
                          doc.char_span(c.start, c.end, alignment_mode="expand").end) for c in commitments]
        not_ideas = cta + blame + commit_tokens + matches.get("promise_reference", []) + matches.get(
            "ownership", []) + matches.get("filler", []) + matches.get("self_focused", []) + matches.get("claim", [])
        name, company = F.caller_identity(doc, matches)
        ideas = F.ideas(doc, matches, not_ideas)
        sentences = sum(1 for s in doc.sents if any(not t.is_space for t in s))
        facts = Facts(
            words=len(words),
            spoken_seconds=spoken_seconds(spoken, phones, placeholders, rate),
            sentences=sentences,
            phone_numbers=phones,
            placeholders=placeholders,
            call_to_action=cta_spans,
            commitments=commitments,
            ownership=F.ownership(doc, matches),
            blame=F.spans(doc, matches, "blame"),
            filler=F.spans(doc, matches, "filler"),
            ideas=ideas,
            multi_idea=len(ideas) > 1,
            value=C.value(doc, matches, commitments),
            self_focused=C.self_focused(doc, matches),
            reason=C.reason(doc, matches, [sp for sp in (name, company) if sp is not None], F.REASON_STOP),
            promise_reference=F.promise_references(doc, matches, found),
            caller_name=name,
            company=company,
            referral=F.referral(doc, matches),
            readability=readability(spoken),
        )
        if spoken != source.text:
            facts = _with_file_text(facts, source.text)
        return cls(source=source, doc=parsed, words=words, facts=facts, matches=matches, tokens=doc)


def _tokens(doc, span: Span) -> tuple[int, int]:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (s.start, s.end)


def _with_file_text(facts: Facts, text: str) -> Facts:
    """Spans read from the file's text: one that runs over a blanked-out line (a directive) shows it as written."""

    def fix(span):
        return span.model_copy(update={"text": text[span.start:span.end]}) if span.text != text[span.start:span.end] else span

    update = {}
    for name, value in facts:
        if isinstance(value, Span):
            update[name] = fix(value)
        elif isinstance(value, list) and value and isinstance(value[0], Span):
            update[name] = [fix(v) for v in value]
    return facts.model_copy(update=update)
