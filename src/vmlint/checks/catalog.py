"""Rules that need judgement beyond a phrase list: numbers, commitments, identity, focus, templates."""

from __future__ import annotations

import re

from ..models import Edit, Fix
from .base import ALL_STEPS, Hit, RuleDoc, first_sentence, last_sentence, rule

_CALLBACK_ASK = re.compile(r"\b(call|ring|phone|dial|reach|buzz|number)\b|\bget back to me\b", re.IGNORECASE)
_FIRST_PERSON = {"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"}
_SECOND_PERSON = {"you", "your", "yours", "yourself", "y'"}


@rule(
    code="VM203", name="missing-phone-number", severity="error", steps={"3", "generic"},
    doc=RuleDoc(
        summary="The message asks for a call back but gives no number.",
        what="Reports a step-3 message with no phone number, and a generic message whose call to action is "
        "a call back (call me, ring me, reach me) with no phone number. A phone placeholder counts as a number.",
        why="The final message of the week gives the number so they can call you back, and any message that "
        "asks for a call must make that easy (seeds 001, 004).",
        source="001, 004",
        example="Hi Ruth, Ben at Corvid. Maybe I've picked bad times to call. Give me a ring when you can, or I'll try again Monday.",
        fixed="Hi Ruth, Ben at Corvid, 720-555-0188. Maybe I've picked bad times to call. Give me a ring at "
        "720-555-0188, or I'll try again Monday.",
    ),
)
def missing_phone_number(doc, config, step):
    facts = doc.facts
    if facts.phone_numbers:
        return
    if step == "3" or any(_CALLBACK_ASK.search(c.text) for c in facts.call_to_action):
        target = facts.call_to_action[-1] if facts.call_to_action else None
        start, end = (target.start, target.end) if target else last_sentence(doc)
        yield Hit(start, end, "no phone number to call back on: give it at the start and again at the end")


@rule(
    code="VM204", name="invalid-phone-number", severity="error", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="A phone number is not a valid number for the region.",
        what="Checks every written, spaced or spoken number with phonenumbers against the configured region "
        "(US by default). Placeholders are skipped. A seven-digit local number is reported as missing its area code.",
        why="A number the listener cannot dial, or has to guess the area code of, wastes the call back (seeds 002, 004).",
        source="002, 004",
        example="Hi Ana, Jo at Pinecrest, 312-555-014. We cut no-shows by a third. Call me at 312-555-014.",
        fixed="Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.",
        options=("region (default US)",),
    ),
)
def invalid_phone_number(doc, config, step):
    for p in doc.facts.phone_numbers:
        if p.placeholder or p.e164:
            continue
        digits = re.sub(r"\D", "", p.text.split("x")[0].split("ext")[0]) if p.form != "spoken" else ""
        if p.form == "written" and len(digits) == 7:
            msg = f"'{p.text}' has no area code: give the full number"
        else:
            msg = f"'{p.text}' is not a valid {config.region} phone number"
        yield Hit(p.start, p.end, msg)


_EXTENSION = re.compile(r"[ \t]*,?[ \t]*(?:x|ext\.?|extension)[ \t]*\d+$", re.IGNORECASE)


def _groups(text: str) -> list[int]:
    return [len(g) for g in re.findall(r"\d+", text)]


def _readable_forms(e164: str, region: str) -> tuple[str, list[list[int]]]:
    """The grouped form to suggest, and every digit grouping that counts as readable."""
    import phonenumbers

    number = phonenumbers.parse(e164)
    fmt = phonenumbers.PhoneNumberFormat
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    international = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    home = phonenumbers.region_code_for_number(number) == region
    ok = [_groups(national), _groups(international), [len(str(number.country_code)), *_groups(national)]]
    return (national if home else international), ok


@rule(
    code="VM205", name="ungrouped-phone-number", severity="warning", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="A phone number is written without the usual grouping.",
        what="Reports a written phone number whose digits are run together or grouped unusually (3125550147, "
        "31 25 55 01 47) and offers the grouped form, (312) 555-0147, as a safe fix. Spoken and spaced-out numbers "
        "and vanity numbers (1-800-FLOWERS) are left alone.",
        why="You should be able to write the number down while you say it, and so should they; a grouped number "
        "is read at the pace it can be written (seeds 002, 004).",
        source="002, 004",
        example="Hi Ana, Jo at Pinecrest, 3125550147. We cut no-shows by a third. Call me at 3125550147.",
        fixed="Hi Ana, Jo at Pinecrest, (312) 555-0147. We cut no-shows by a third. Call me at (312) 555-0147.",
        options=("region (default US)",),
    ),
)
def ungrouped_phone_number(doc, config, step):
    for p in doc.facts.phone_numbers:
        if p.form != "written" or not p.e164:
            continue
        ext = _EXTENSION.search(p.text)
        main = p.text[: ext.start()] if ext else p.text
        if re.search(r"[A-Za-z]", main):
            continue  # a vanity number (1-800-FLOWERS) is written that way on purpose
        suggested, readable = _readable_forms(p.e164, config.region)
        if _groups(main) in readable:
            continue
        fix = Fix(message=f"write it as {suggested}", safe=True, edits=[Edit(start=p.start, end=p.start + len(main), replacement=suggested)])
        yield Hit(p.start, p.start + len(main), f"'{main}' is hard to write down: group it as {suggested}", fix)


@rule(
    code="VM304", name="vague-callback-commitment", severity="warning", steps={"1", "2", "3"}, weight=0.5,
    doc=RuleDoc(
        summary="A callback commitment names no day or time.",
        what="Reports a commitment to the next attempt that names no day, date or clock time: 'I'll try you "
        "again next week', 'I'll circle back soon'.",
        why="A specific commitment ('Wednesday at 4 p.m.') is one you can keep and they can expect; the next "
        "message refers back to it (seeds 000, 001).",
        source="000, 001",
        example="Hi Omar, it's Bea from Tidewater. Sorry I missed you. Nadia at Crestline suggested I call. I'll try you again sometime next week.",
        fixed="Hi Omar, it's Bea from Tidewater. Sorry I missed you. Nadia at Crestline suggested I call. I'll try you again Tuesday at 10.",
    ),
)
def vague_callback_commitment(doc, config, step):
    for c in doc.facts.commitments:
        if not c.specific:
            yield Hit(c.start, c.end, f"'{c.text}' names no day or time: say when, e.g. 'Wednesday at 4 p.m.'")


@rule(
    code="VM407", name="missing-caller-identity", severity="warning", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="The message does not say who is calling.",
        what="Looks for the caller's name ('it's Sam', 'this is Sam', 'Sam here', a name placeholder) and reports a "
        "message without one, asking for the company too when that is missing ('from Acme', 'with Acme').",
        why="They should learn your name and your voice, and know the company behind it, every time (seeds 003, 000, 001).",
        source="003, 000, 001",
        example="Hi Ana, sorry I missed you. We cut no-shows by a third for a clinic near you. Call me at 312-555-0147. 312-555-0147.",
        fixed="Hi Ana, it's Jo from Pinecrest, 312-555-0147. We cut no-shows by a third for a clinic near you. Call me at 312-555-0147.",
    ),
)
def missing_caller_identity(doc, config, step):
    facts = doc.facts
    # The name is what lets them call back; the company alone is not reported (a name and no company
    # is a full intro in many scripts: "Gareth here").
    missing = [what for what, span in (("your name", facts.caller_name), ("your company", facts.company)) if span is None]
    if facts.caller_name is None:
        start, end = first_sentence(doc)
        yield Hit(start, end, f"say {' and '.join(missing)} near the start, e.g. 'it's Sam from Northwind'")


@rule(
    code="VM403", name="self-focused", severity="warning", steps=ALL_STEPS, weight=2.0,
    doc=RuleDoc(
        summary="The message is a commercial about the caller, not about the listener.",
        what="Reports self-serving phrases ('we are the leading provider', 'tell you about our company', 'learn a "
        "little about you') and messages that say I/we/our far more than you/your (more than twice as often, plus four).",
        why="A voicemail is not a commercial for your business: it must tell them how calling back helps them (seeds 002, 003).",
        source="002, 003",
        example="Hi Ana, Jo at Pinecrest. We are the leading provider of scheduling software and I'd love to tell you about our company. Call me at 312-555-0147. 312-555-0147.",
        fixed="Hi Ana, Jo at Pinecrest, 312-555-0147. Your front desk could stop chasing no-shows. Call me at 312-555-0147.",
    ),
)
def self_focused(doc, config, step):
    for span in doc.facts.self_focused:
        yield Hit(span.start, span.end, f"'{span.text}' is about you, not them: say what they get")
    from spacy.attrs import LOWER

    counts = doc.doc.count_by(LOWER)
    strings = doc.doc.vocab.strings
    first = sum(n for h, n in counts.items() if strings[h] in _FIRST_PERSON)
    second = sum(n for h, n in counts.items() if strings[h] in _SECOND_PERSON)
    if first > 2 * second + 4:
        start, end = first_sentence(doc)
        yield Hit(start, end, f"{first} I/we/our against {second} you/your: turn the message toward the listener")


@rule(
    code="VM501", name="unfilled-placeholder", severity="error", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="A rendered message still holds a template slot.",
        what="Reports placeholders ([Name], {first_name}, {{company}}, (day/date), XXX-XXX-XXXX, ____) only when "
        "the file is a rendered message: `--rendered` or `rendered = true` in config. Templates are left alone.",
        why="Placeholders are normal in a script repository, but a message about to be sent or recorded must "
        "say real names, days and numbers.",
        source="guidance",
        example="Hi {first_name}, it's Jo from Pinecrest. Sorry I missed you. I'll call you (day/date) at 2 p.m.",
        fixed="Hi Ana, it's Jo from Pinecrest. Sorry I missed you. The quote you asked for is ready. I'll call you Thursday at 2 p.m.",
        options=("rendered (default false)",),
    ),
)
def unfilled_placeholder(doc, config, step):
    if not config.rendered:
        return
    spans = {(p.start, p.end, p.text) for p in doc.facts.placeholders}
    spans |= {(p.start, p.end, p.text) for p in doc.facts.phone_numbers if p.placeholder}
    for start, end, text in sorted(spans):
        yield Hit(start, end, f"'{text}' is an unfilled placeholder in a rendered message")
