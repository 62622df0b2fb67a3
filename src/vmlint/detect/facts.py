"""Judgement facts read off the token stream and the phrase-family matches.

Each function takes the annotated spaCy ``doc`` and the matches of every phrase family
(``{family: [(start_token, end_token), ...]}``) and returns spans. Nothing here looks
at the step: rules decide what a fact means for a step.
"""

from __future__ import annotations

import re

from ..models import Commitment, Idea, Span
from ..phrases import DAYS, MONTHS, TokenMask

Matches = dict[str, list[tuple[int, int]]]

_DATE = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:" + "|".join(MONTHS) + r")\b"
    r"|\b\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?"
    r"|\b\d{1,2}:\d{2}\b"
    r"|\bthis\s+(?:morning|afternoon|evening)\b"
    r"|\b(?:noon|midday|end of (?:the )?day today)\b",
    re.IGNORECASE,
)
_TRAILING = {".", ",", ";", ":", "!", "?", "…", "-", "—", "–", '"', "'", "”", "’"}
_DAY_WORDS = set(DAYS) | {"weekday"}
_ANAPHORS = {"that", "this", "which", "it", "they", "those", "these", "so", "and", "we'd", "happy"}
_STOP = {
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from",
    "i", "you", "we", "they", "he", "she", "it", "me", "us", "them", "my", "your", "our", "their",
    "be", "have", "do", "will", "would", "can", "could", "should", "may", "might", "must", "not",
    "this", "that", "these", "those", "so", "just", "also", "very", "really", "about", "how", "what",
    "when", "who", "which", "if", "as", "than", "then", "there", "here", "more", "most", "some", "any",
    "get", "help", "want", "like", "love", "think", "know", "let", "make", "see", "go", "come", "give",
}
NAME_STOP = {
    "just", "me", "calling", "really", "the", "a", "an", "your", "so", "sorry", "again", "reaching",
    "following", "going", "not", "here", "now", "back", "trying", "still", "also", "about", "on", "in",
    "at", "from", "with", "and", "to", "for", "that", "this", "it", "great", "good", "hi", "hey",
    "hello", "glad", "happy", "calling", "circling", "checking", "touching", "hoping", "wondering",
    "sure", "afraid", "sorry", "excited", "thrilled", "the", "our", "my", "i", "we", "you", "what",
    "why", "how", "when", "who", "one", "someone", "somebody", "me", "him", "her", "them", "us",
    "leaving", "getting", "looking", "interested", "available", "busy", "around", "out", "away",
    "too", "very", "quick", "quickly", "easy", "hard", "been", "being", "is", "was", "are", "a",
    "all", "okay", "ok", "yes", "no", "actually", "finally", "today", "tomorrow", "best", "possible",
    "true", "only", "over", "up", "off", "by", "as", "if", "or", "but", "because", "time", "day",
} | set(DAYS) | set(MONTHS)
_COMPANY_GLUE = {"&", "and", "of", "the", "-", "co", "co.", "inc", "inc.", "llc", "ltd", "group", "corp", "corp."}
_INTRO = re.compile(
    r"\b(?:this\s+is|it'?s|it\s+is|its|my\s+name\s+is|name'?s|i'?m|i\s+am)\s+$", re.IGNORECASE
)


def _span(doc, start: int, end: int) -> Span:
    s = doc[start:end]
    return Span(text=s.text, start=s.start_char, end=s.end_char)


def spans(doc, matches: Matches, family: str, minus: list[tuple[int, int]] | None = None, merge: bool = False) -> list[Span]:
    """A family's matches as spans; ``merge`` joins matches that share a sentence into one."""
    mask = TokenMask(len(doc), minus or [])
    kept = [(s, e) for s, e in matches.get(family, []) if not mask.hits(s, e)]
    if merge:
        joined: list[tuple[int, int]] = []
        for s, e in kept:
            if joined and doc[s].sent.start == doc[joined[-1][0]].sent.start:
                joined[-1] = (joined[-1][0], max(e, joined[-1][1]))
            else:
                joined.append((s, e))
        kept = joined
    return [_span(doc, s, e) for s, e in kept]


def _clean_end(sent, end_tok: int) -> int:
    """Trim trailing punctuation and space tokens from a token range ending at end_tok."""
    while end_tok > sent.start and (sent.doc[end_tok - 1].text in _TRAILING or sent.doc[end_tok - 1].is_space):
        end_tok -= 1
    return end_tok


def _day_in(doc, start: int, end: int) -> str | None:
    for tok in doc[start:end]:
        if tok.lemma_ in _DAY_WORDS:
            return tok.text
    m = _DATE.search(doc[start:end].text) if end > start else None
    return m.group(0) if m else None


def commitments(doc, matches: Matches) -> list[Commitment]:
    promises = TokenMask(len(doc), matches.get("promise_reference", []))
    found: list[Commitment] = []
    for s, e in matches.get("commitment", []):
        sent = doc[s].sent
        if found and found[-1].end > doc[s].idx:
            continue
        if promises.hits(s, e):  # "I promised I'd call today" keeps an old promise
            continue
        if s > sent.start and doc[s - 1].lower_ in {"i", "we"}:
            s -= 1
        # The commitment reads to the end of its clause (a new sentence or "and if ..." ends it).
        stop = sent.end
        for tok in doc[e:sent.end]:
            if tok.lower_ in {"if", "unless", "but"} and tok.i > e:
                stop = tok.i
                break
        stop = _clean_end(sent, stop)
        day = _day_in(doc, s, stop)
        if day is None and not promises.hits(sent.start, sent.end):
            day = _day_in(doc, sent.start, s)
        found.append(Commitment(**_span(doc, s, stop).model_dump(), specific=day is not None, day=day))
    return found


def is_name_token(tok) -> bool:
    if tok.lemma_ == "-name-":
        return True
    text = tok.text
    return text.isalpha() and text.lower() not in NAME_STOP and len(text) > 1


def caller_identity(doc, matches: Matches) -> tuple[Span | None, Span | None]:
    """The caller's name and company from 'this is Sam from Acme', 'Sam here with Acme'..."""
    name = company = None
    referral_starts = {s for s, _ in matches.get("referral", [])}
    limit = min(len(doc), 60)
    head = doc[:limit]
    all_lower = head.text.islower()
    for tok in doc[:limit]:
        if tok.is_space or tok.is_punct:
            continue
        prev_text = doc[max(0, tok.i - 6):tok.i].text + doc[tok.i - 1].whitespace_ if tok.i else ""
        intro = bool(_INTRO.search(prev_text)) and is_name_token(tok)
        k = tok.i + 1
        if k < len(doc) and is_name_token(doc[k]) and doc[k].text[:1].isupper():
            k += 1
        nxt = doc[k] if k < len(doc) else None
        here = (
            nxt is not None and nxt.lower_ in {"here", "from", "with", "at"} and is_name_token(tok)
            and (tok.is_sent_start or (tok.i > 0 and doc[tok.i - 1].is_punct)) and tok.text[:1].isupper()
            and tok.i not in referral_starts
        )
        if intro or here:
            end = tok.i + 1
            if end < len(doc) and is_name_token(doc[end]) and doc[end].text[:1].isupper() and doc[tok.i].text[:1].isupper():
                end += 1
            name = _span(doc, tok.i, end)
            break
    for tok in doc[:limit]:
        if tok.lower_ not in {"from", "with", "at"}:
            continue
        prev = doc[tok.i - 1] if tok.i else None
        after_name = name is not None and 0 <= tok.idx - name.end <= 2
        after_intro = prev is not None and prev.lower_ in {"calling", "here", "over", "'m", "am", "’m"}
        if not (after_name or after_intro):
            continue
        i = tok.i + 1
        if i < len(doc) and doc[i].lower_ == "at":
            i += 1
        start = i
        while i < len(doc) and i - start < 5:
            t = doc[i]
            if t.lemma_ == "-company-" or t.lemma_ == "-other-":
                i += 1
                break
            if (t.text[:1].isupper() or t.text[:1].isdigit() or (t.lower_ in _COMPANY_GLUE and i > start)) and t.lower_ not in NAME_STOP | {"i"}:
                i += 1
                continue
            if all_lower and t.is_alpha and t.lower_ not in NAME_STOP and i - start < 2:
                i += 1
                continue
            break
        while i > start and doc[i - 1].lower_ in _COMPANY_GLUE - {"inc.", "inc", "llc", "ltd", "corp", "corp.", "co", "co."}:
            i -= 1
        if i > start:
            company = _span(doc, start, i)
            break
    return name, company


def referral(doc, matches: Matches) -> Span | None:
    for s, e in matches.get("referral", []):
        first = doc[s]
        if first.text[:1].isupper() and first.lower_ in NAME_STOP:
            continue
        return _span(doc, s, e)
    return None


def _clauses(doc, sent, additive: set[int]):
    """Split a sentence at additive markers, semicolons and dashes: (start, end, additive?)."""
    cuts = [(sent.start, False)]
    for tok in sent:
        if tok.i == sent.start:
            continue
        if tok.i in additive:
            cuts.append((tok.i, True))
        elif tok.text in {";", "—", "–"} or (tok.text == "-" and tok.whitespace_):
            cuts.append((tok.i + 1, False))
    if sent.start in additive:
        cuts[0] = (sent.start, True)
    out = []
    for (s, add), (e, _) in zip(cuts, cuts[1:] + [(sent.end, False)]):
        if e > s:
            out.append((s, e, add))
    return out


def ideas(doc, matches: Matches, not_ideas: list[tuple[int, int]]) -> list[Idea]:
    """Distinct value ideas: benefit/offer clauses, merged when they elaborate the same point."""
    blocked = TokenMask(len(doc), not_ideas)

    def keep(m: tuple[int, int]) -> bool:
        first = doc[m[0]]
        proper = first.text[:1].isupper() and not first.is_sent_start and first.lower_ != "i"
        return not proper and not blocked.hits(*m)

    benefit_at = {m[0] for m in matches.get("benefit", []) if keep(m)}
    offer_at = {m[0] for m in matches.get("offer", []) if keep(m)}
    additive_at = {s for s, _ in matches.get("additive", [])}
    groups: list[dict] = []
    for sent in doc.sents:
        for s, e, add in _clauses(doc, sent, additive_at):
            ben = any(i in benefit_at for i in range(s, e))
            off = any(i in offer_at for i in range(s, e))
            if not ben and not off:
                continue
            content = {t.lemma_ for t in doc[s:e] if t.is_alpha and t.lemma_ not in _STOP and len(t) > 2}
            first_word = next((t.lower_ for t in doc[s:e] if not t.is_punct and not t.is_space), "")
            new = not groups or add
            if not new and ben and sent.start != groups[-1]["sent"]:
                new = first_word not in _ANAPHORS and not (content & groups[-1]["content"])
            if new:
                groups.append({"start": s, "end": e, "content": set(content), "sent": sent.start})
            else:
                g = groups[-1]
                g["end"] = max(g["end"], e)
                g["content"] |= content
                g["sent"] = sent.start
    out = []
    for g in groups:
        sent = doc[g["start"]].sent
        end = _clean_end(sent, g["end"])
        start = g["start"]
        while start < end and (doc[start].is_space or doc[start].is_punct):
            start += 1
        out.append(Idea(**_span(doc, start, end).model_dump()))
    return out
