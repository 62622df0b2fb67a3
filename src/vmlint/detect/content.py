"""What a message is about: its reason, the value it offers, and whether it is a commercial about the caller."""

from __future__ import annotations

import re

from ..models import Span
from .facts import _span
from ..phrases import TokenMask

Matches = dict[str, list[tuple[int, int]]]

# A time phrase inside the caller's own promise ("I'll call you within the hour") is no result.
_TIME_WORDS = {"in", "within", "by", "under", "before"}
_VALUE_SLOTS = ("result", "benefit", "outcome", "saving", "value prop", "value_prop", "roi", "win")
_STRETCHED = re.compile(r"(.)\1\1")
_NOT_TOPIC_SLOTS = ("link", "url", "calendar", "calendly", "website", "site", "signature", "name", "greeting", "___")
_TOPIC_LEAD = {"about", "regarding", "re", "concerning", "your", "the", "this", "that"}


def _sentence_spans(doc, tokens: list[int]) -> list[Span]:
    """One span per sentence that holds any of these tokens (given in token order), walking the sentences once."""
    out: list[Span] = []
    sents = iter(doc.sents)
    sent = next(sents, None)
    last = None
    for i in tokens:
        while sent is not None and i >= sent.end:
            sent = next(sents, None)
        if sent is None:
            break
        if sent is last:
            continue
        last = sent
        words = [t for t in sent if not t.is_space]
        out.append(_span(doc, words[0].i, words[-1].i + 1))
    return out


def value(doc, matches: Matches, commitments: list[Span] = ()) -> list[Span]:
    """``value`` phrases, one span per sentence, outside self-praise and the caller's own promises
    ("I'll call you within the hour" names a time, not a result)."""
    wish = TokenMask(len(doc), matches.get("self_focused", []))
    for s, e in matches.get("claim", []):  # in a sentence that praises the caller's side, results are the commercial
        sent = doc[s].sent
        wish.add(sent.start, sent.end)
    promised = TokenMask(len(doc))
    for c in commitments:
        cs = doc.char_span(c.start, c.end, alignment_mode="expand")
        if cs is not None:
            promised.add(cs.start, cs.end)
    out = _sentence_spans(doc, [s for s, e in sorted(matches.get("value", []) + matches.get("value_offer", []))
                                if not (wish.hits(s, e) or (promised.hits(s, e) and doc[s].lower_ in _TIME_WORDS))])
    for tok in doc:  # a template slot for the value itself: "[The result] for outfits like yours"
        if tok.lemma_ == "-other-" and any(w in tok.lower_ for w in _VALUE_SLOTS) and not any(
                o.start <= tok.idx < o.end for o in out):
            out.append(_span(doc, tok.i, tok.i + 1))
    return sorted(out, key=lambda s: s.start)


def self_focused(doc, matches: Matches) -> list[Span]:
    """Commercial phrases about the caller, and claims (superlatives, awards, ratings) about the caller's side."""
    merged: list[list[int]] = []
    for s, e in sorted(matches.get("self_focused", []) + matches.get("claim", [])):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [_span(doc, s, e) for s, e in merged]


def reason(doc, matches: Matches, spans_out: list[Span], stop: set[str]) -> list[Span]:
    """Words that say what the call is about, once the rest of the message is set aside.

    Set aside: stop words and the ``not_reason`` words (vague subjects, courtesy, the caller's remarks
    on their own persistence), contact words (``act_target``), the caller's name and company, filler,
    ownership and blame, phone numbers and name/company/phone slots, and capitalised names outside a
    topic phrase ("Quick question for you, Helen" names the listener, "about the Wexford Street
    closing" a topic). What remains, if anything, is the reason: a message with none ("Kindly ring me
    back", "I have some exciting news") gives no reason.
    """
    return _sentence_spans(doc, reason_words(doc, matches, spans_out, stop))


def reason_words(doc, matches: Matches, spans_out: list[Span], stop: set[str]) -> list[int]:
    """The tokens left once everything that is not a reason is set aside (see ``reason``)."""
    masked = TokenMask(len(doc))
    for fam in ("not_reason", "act_target", "filler", "ownership", "blame", "act_wish", "act_listener", "act_caller"):
        for s, e in matches.get(fam, []):
            masked.add(s, e)
    for sp in spans_out:
        cs = doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if cs is not None:
            masked.add(cs.start, cs.end)
    found: list[int] = []
    for tok in doc:
        if masked.hits(tok.i, tok.i + 1):
            continue
        if tok.lemma_ == "-other-":
            if not any(w in tok.lower_ for w in _NOT_TOPIC_SLOTS):
                found.append(tok.i)
            continue
        if not tok.is_alpha or len(tok.text) < 3 or tok.lemma_ in stop or tok.lower_ in stop:
            continue
        if _STRETCHED.search(tok.lower_) or (tok.i and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_):
            continue  # a stretched spelling ("pleeea-ase") is delivery, not a subject
        if tok.text[:1].isupper() and not tok.is_sent_start:
            lead = {t.lower_ for t in doc[max(0, tok.i - 2):tok.i]}
            if not lead & _TOPIC_LEAD:
                continue
        found.append(tok.i)
    return found
