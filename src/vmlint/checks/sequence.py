"""Cross-message rules: how the messages of a voicemail sequence fit together.

The method (seeds 000, 001): step 1 commits to a callback at a named time, step 2 keeps
that promise and commits again, step 3 keeps it, owns the missed connection, leaves the
number and says when the next attempt comes; later touches bring a new benefit each.
These rules read a ``Sequence`` (every message's Document and report, in order) and yield
``(message number, Hit)`` pairs; the engine turns them into findings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..detect.facts import _STOP
from ..document import Document
from ..models import Commitment, Report, Step
from ..phrases import TOMORROW
from ..source import Source
from .base import ALL_STEPS, Hit, RuleDoc, rule, sequence_check

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
_HOUR_WORDS = {w: i for i, w in enumerate(
    ["twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"])}
_HOUR_WORDS["noon"] = 12
_TIME = re.compile(
    r"\b(?:at\s+)?(?P<h>\d{1,2}|noon|" + "|".join(k for k in _HOUR_WORDS if k != "noon") + r")"
    r"(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])?\.?\s?m?\b\.?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SequenceMessage:
    number: int
    source: Source
    document: Document
    report: Report
    step: Step
    day: str | None


@dataclass(frozen=True)
class Sequence:
    messages: tuple[SequenceMessage, ...]


def weekday(word: str | None, sent: int | None = None) -> int | None:
    """0-6 for a weekday name (or today/tomorrow, given the day the message is sent)."""
    if not word:
        return None
    w = word.strip().lower().rstrip(".")
    if w in WEEKDAYS:
        return WEEKDAYS.index(w)
    if w in _SHORT:
        return _SHORT[w]
    if sent is not None and w in ("today", "tonight"):
        return sent
    if sent is not None and w in TOMORROW:
        return (sent + 1) % 7
    return None


def clock_time(text: str) -> tuple[int, int] | None:
    """(hour 1-12, minute) of the first clock time said 'at 4', '4 p.m.', '10:30', 'at four'."""
    for m in _TIME.finditer(text):
        said_at = m.group(0).lower().startswith("at")
        if not (said_at or m.group("ap") or m.group("m")) and m.group("h").lower() != "noon":
            continue
        h = m.group("h").lower()
        hour = _HOUR_WORDS[h] if h in _HOUR_WORDS else int(h)
        if not 0 < hour <= 24:
            continue
        return ((hour - 1) % 12) + 1, int(m.group("m") or 0)
    return None


def _sentences_with(msg: SequenceMessage, spans) -> list[tuple[int, int, str]]:
    out = []
    for sent in msg.document.sentences():
        if any(sent.start <= s.start < sent.end for s in spans):
            out.append((sent.start, sent.end, sent.text))
    return out


def _last_commitment(msg: SequenceMessage) -> Commitment | None:
    specific = [c for c in msg.report.facts.commitments if c.specific]
    return specific[-1] if specific else None


def _front_line(msg: SequenceMessage, *keys: str) -> tuple[int, int]:
    """The span of the first front-matter line with one of ``keys`` (else the first sentence)."""
    src = msg.source
    for key in keys:
        line = src.front_matter_line.get(key)
        if line:
            return src.line_span(line)
    sents = msg.document.sentences()
    return (sents[0].start, sents[0].end) if sents else (src.body_start, src.body_start)


@dataclass(frozen=True)
class PromiseCheck:
    kept: bool | None  # None: the message before made no specific commitment
    problems: tuple[tuple[int, int, str], ...] = ()


def promise_check(prev: SequenceMessage, cur: SequenceMessage) -> PromiseCheck:
    """Does ``cur`` keep the commitment ``prev`` made: sent that day, said so, same day and time?"""
    commitment = _last_commitment(prev)
    if commitment is None:
        return PromiseCheck(None)
    prev_sent = weekday(prev.day)
    promised_day = weekday(commitment.day, prev_sent)
    promised_time = clock_time(commitment.text)
    problems: list[tuple[int, int, str]] = []
    sent = weekday(cur.day)
    what = f"message {prev.number} promised '{commitment.text}'"
    if promised_day is not None and sent is not None and sent != promised_day:
        start, end = _front_line(cur, "day", "step")
        problems.append((start, end, f"{what}, but this message is sent {cur.day}: call when you said you would"))
    references = cur.report.facts.promise_reference
    for start, end, text in _sentences_with(cur, references):
        days = {weekday(w, sent) for w in re.findall(r"[A-Za-z]+", text)} - {None}
        wrong = sorted(d for d in days if d != promised_day and d != prev_sent) if promised_day is not None else []
        if wrong:
            problems.append((start, end, f"{what}; this message says {WEEKDAYS[wrong[0]].title()}: name the day you promised"))
            continue
        said = clock_time(text)
        if promised_time and said and said != promised_time:
            when = f"{said[0]}:{said[1]:02d}" if said[1] else str(said[0])
            problems.append((start, end, f"{what}; this message says {when}: name the time you promised"))
    return PromiseCheck(bool(references) and not problems, tuple(problems))


def _pairs(seq: Sequence):
    return zip(seq.messages, seq.messages[1:])


def _week_example(step2: str, step3: str = "") -> str:
    one = ("---\nstep: 1\nday: Monday\n---\nHi Nora, Felix from Bluepine. Sorry I missed you. Ravi at Copperline asked me "
           "to reach out. I'll call you Wednesday at 4 p.m.\n")
    return one + step2 + step3


_GOOD_STEP2 = ("---\nstep: 2\nday: Wednesday\n---\nHi Nora, Felix from Bluepine, calling Wednesday as promised. "
               "Ravi's warehouse cut late deliveries by a third. I'll try you Friday at 8 a.m.\n")


@rule(
    code="VM601", name="promise-not-kept", severity="warning", steps=ALL_STEPS, scope="sequence",
    doc=RuleDoc(
        summary="A message does not keep the callback the message before it promised.",
        what="Compares each message with the commitment the one before made: it must be sent on the promised day "
        "(when the front matter gives send days) and, where it refers to the promise, name the same day and time.",
        why="The sequence works because you do exactly what you said: the follow-up comes when you promised, and "
        "says so (seeds 000, 001).",
        source="000, 001",
        example=_week_example(_GOOD_STEP2.replace("day: Wednesday", "day: Thursday").replace("calling Wednesday", "calling Thursday")),
        fixed=_week_example(_GOOD_STEP2),
    ),
)
def promise_not_kept(seq: Sequence, config):
    for prev, cur in _pairs(seq):
        for start, end, message in promise_check(prev, cur).problems:
            yield cur.number, Hit(start, end, message)


@sequence_check("missing-promise-reference")
def missing_promise_reference_across(seq: Sequence, config):
    """Later touches (not steps 2 and 3, which the message rule covers) that ignore a commitment."""
    for prev, cur in _pairs(seq):
        if cur.step in ("2", "3") or _last_commitment(prev) is None or cur.report.facts.promise_reference:
            continue
        sents = cur.document.sentences()
        start, end = (sents[0].start, sents[0].end) if sents else (cur.source.body_start, cur.source.body_start)
        yield cur.number, Hit(start, end, f"message {prev.number} promised '{_last_commitment(prev).text}': "
                                          "say you are calling back as promised")


def _content(msg: SequenceMessage, start: int, end: int) -> set[str]:
    doc = msg.document.tokens
    return {t.lemma_ for t in doc if start <= t.idx < end and t.is_alpha and len(t) > 2 and t.lemma_ not in _STOP}


@rule(
    code="VM602", name="repeated-idea", severity="warning", steps=ALL_STEPS, scope="sequence",
    doc=RuleDoc(
        summary="A later message repeats an earlier message's idea instead of bringing a new one.",
        what="Compares each idea (benefit or offer) with the ideas of the messages before it and reports one whose "
        "content words are mostly the same (at least three shared, covering at least 60% of its own).",
        why="Each touch after the first should bring something new, a new benefit or idea, so the listener has a "
        "new reason to call back (seed 000).",
        source="000",
        example=_week_example(_GOOD_STEP2, "---\nstep: 3\nday: Friday\n---\nHi Nora, Felix at Bluepine, 206-555-0164. "
                              "As promised, calling at 8. Maybe my timing's been off. Ravi's warehouse cut late deliveries "
                              "by a third. Call me at 206-555-0164, or I'll try Tuesday at 10.\n"),
        fixed=_week_example(_GOOD_STEP2, "---\nstep: 3\nday: Friday\n---\nHi Nora, Felix at Bluepine, 206-555-0164. "
                            "As promised, calling at 8. Maybe my timing's been off. Ravi's team now saves six hours a week "
                            "on dispatch. Call me at 206-555-0164, or I'll try Tuesday at 10.\n"),
    ),
)
def repeated_idea(seq: Sequence, config):
    earlier: list[int] = []  # the message number of each earlier idea
    by_word: dict[str, list[int]] = {}  # content word -> earlier ideas that use it
    for msg in seq.messages:
        mine = []
        for idea in msg.report.facts.ideas:
            words = _content(msg, idea.start, idea.end)
            shared = Counter(i for w in words for i in by_word.get(w, ()))
            repeated = sorted(i for i, n in shared.items() if n >= 3 and n >= 0.6 * len(words))
            if repeated:
                yield msg.number, Hit(idea.start, idea.end,
                                      f"'{idea.text}' repeats the idea of message {earlier[repeated[0]]}: bring a new benefit")
            mine.append(words)
        for words in mine:  # an idea is compared with earlier messages' ideas, not its own message's
            earlier.append(msg.number)
            for w in words:
                by_word.setdefault(w, []).append(len(earlier) - 1)


def _first_name(span) -> str | None:
    if span is None or re.search(r"[\[\]{}<>%_]", span.text):
        return None  # a placeholder says nothing about who calls
    return span.text.split()[0].lower().strip(".,")


def _company_words(span) -> frozenset[str] | None:
    if span is None or re.search(r"[\[\]{}<>%_]", span.text):
        return None
    return frozenset(w.lower().strip(".,") for w in span.text.split())


@rule(
    code="VM603", name="inconsistent-caller", severity="warning", steps=ALL_STEPS, scope="sequence",
    doc=RuleDoc(
        summary="The caller's name, company or phone number changes between messages.",
        what="Compares each message's caller name (first name), company and phone numbers with the first message that "
        "gave them. 'Felix' and 'Felix Grant', or 'Bluepine' and 'Bluepine Logistics', agree; placeholders are skipped.",
        why="They should come to know one name, one voice and one number over the week (seeds 003, 000, 001); a "
        "different one sounds like a different caller.",
        source="003, 000, 001",
        example=_week_example(_GOOD_STEP2.replace("Felix from Bluepine", "Felix from Bluestone")),
        fixed=_week_example(_GOOD_STEP2),
    ),
)
def inconsistent_caller(seq: Sequence, config):
    name = company = None
    numbers: dict[str, int] = {}
    for msg in seq.messages:
        facts = msg.report.facts
        first = _first_name(facts.caller_name)
        if first:
            if name is None:
                name = (first, msg.number)
            elif first != name[0]:
                span = facts.caller_name
                yield msg.number, Hit(span.start, span.end, f"the caller is '{span.text}' here but '{name[0].title()}' in message {name[1]}")
        words = _company_words(facts.company)
        if words:
            if company is None:
                company = (words, msg.number, facts.company.text)
            elif not (words <= company[0] or company[0] <= words):
                span = facts.company
                yield msg.number, Hit(span.start, span.end, f"the company is '{span.text}' here but '{company[2]}' in message {company[1]}")
        for p in facts.phone_numbers:
            if not p.e164:
                continue
            if numbers and p.e164 not in numbers:
                first_number = min(numbers.values())
                yield msg.number, Hit(p.start, p.end, f"'{p.text}' is not the number given in message {first_number}: give one number")
            numbers.setdefault(p.e164, msg.number)


@rule(
    code="VM604", name="number-too-early", severity="warning", steps=ALL_STEPS, scope="sequence",
    doc=RuleDoc(
        summary="A phone number comes before the final message of the week.",
        what="Reports phone numbers in the step-2 messages of a sequence (step 1 has its own rule, "
        "phone-number-in-first-message). The number belongs to the final message of the week.",
        why="The first two messages ask for nothing and carry no number; the final one opens the door with it "
        "(seeds 000, 001).",
        source="000, 001",
        example=_week_example(_GOOD_STEP2.replace("calling Wednesday as promised.", "calling Wednesday as promised, 206-555-0164.")),
        fixed=_week_example(_GOOD_STEP2),
    ),
)
def number_too_early(seq: Sequence, config):
    for msg in seq.messages:
        if msg.step != "2":
            continue
        for p in msg.report.facts.phone_numbers:
            yield msg.number, Hit(p.start, p.end, f"'{p.text}' in step 2: keep the number for the final message of the week")


@rule(
    code="VM605", name="sequence-shape", severity="warning", steps=ALL_STEPS, scope="sequence",
    doc=RuleDoc(
        summary="The week is missing a step, or its steps or send days are out of order.",
        what="Checks that the week's messages run step 1, step 2, step 3, each once and in that order (later "
        "generic touches may follow), and that their send days, where given, move forward.",
        why="Each step builds on the one before: the commitment, the promise kept with a teaser, then ownership and "
        "the number (seeds 000, 001).",
        source="000, 001",
        example=_week_example("---\nstep: 3\nday: Wednesday\n---\nHi Nora, Felix at Bluepine, 206-555-0164. As promised, "
                              "calling at 4. Maybe my timing's been off. Ravi's team saves six hours a week. Call me at "
                              "206-555-0164, or I'll try Friday at 10.\n"),
        fixed=_week_example(_GOOD_STEP2, "---\nstep: 3\nday: Friday\n---\nHi Nora, Felix at Bluepine, 206-555-0164. "
                            "As promised, calling at 8. Maybe my timing's been off. Ravi's team saves six hours a week. "
                            "Call me at 206-555-0164, or I'll try Tuesday at 10.\n"),
    ),
)
def sequence_shape(seq: Sequence, config):
    expected = 1
    last_day: tuple[int, SequenceMessage] | None = None
    week_over = False
    for msg in seq.messages:
        start, end = _front_line(msg, "step")
        if msg.step == "generic":
            week_over = week_over or expected > 1
        else:
            step = int(msg.step)
            if week_over or step < expected:
                yield msg.number, Hit(start, end, f"step {step} comes after step {expected - 1}: the week runs 1, 2, 3")
            elif step > expected:
                missing = ", ".join(str(s) for s in range(expected, step))
                yield msg.number, Hit(start, end, f"step {missing} {'is' if step - expected == 1 else 'are'} missing before this step {step}")
            expected = max(expected, step + 1)
        day = weekday(msg.day)
        if day is not None and not week_over:
            if last_day is not None and day < last_day[0]:
                yield msg.number, Hit(*_front_line(msg, "day", "step"), f"sent {msg.day}, before message {last_day[1].number} ({last_day[1].day}): "
                                                       "send days should move forward")
            last_day = (day, msg)
    if 1 < expected <= 3 and len(seq.messages) > 1:
        last = seq.messages[-1]
        yield last.number, Hit(*_front_line(last, "step"), f"the week stops at step {expected - 1}: add step {expected}")

