"""The six headline rules: length, one idea, call to action, the number twice, no number
in a first message, ownership in the third."""

from __future__ import annotations

from collections import Counter

from ..models import Edit, Fix
from .base import ALL_STEPS, Hit, RuleDoc, rule


@rule(
    code="VM101", name="too-many-words", severity="warning", steps=ALL_STEPS, weight=0.25,
    doc=RuleDoc(
        summary="The message is longer than the word budget (35 words, contact details included).",
        what="Counts words as a word processor does (whitespace-separated chunks with a letter or digit; "
        "a phone number is one word) and reports the words past the limit.",
        why="Listeners decide in the first few words whether to call back; a message of 35 words or fewer, "
        "contact details included, keeps to one point (quick tips from a telesales coach, seed 002).",
        source="002",
        example="Hi Priya, this is Marcus from Tallgrass Analytics, and I wanted to take a minute to walk you "
        "through how our reporting suite works, what it costs, and how three teams like yours have used it "
        "over the last year to get their weekly numbers out faster. Call me at 415-555-0192.",
        fixed="Hi Priya, Marcus from Tallgrass Analytics, 415-555-0192. Teams like yours get weekly numbers out "
        "two days sooner with us. Worth a chat? Call me at 415-555-0192.",
        options=("max-words (default 35)",),
    ),
)
def too_many_words(doc, config, step):
    limit = config.max_words
    words = doc.words
    if len(words) > limit:
        start = words[limit][0]
        end = words[-1][1]
        yield Hit(start, end, f"{len(words)} words, over the limit of {limit}: cut {len(words) - limit} (the overflow starts here)")


@rule(
    code="VM102", name="more-than-one-idea", severity="warning", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="The message carries more than one idea.",
        what="Counts the distinct benefits, results and offers in the message (greeting, name, apology, "
        "callback commitment and contact details are not ideas) and reports each one after the first.",
        why="One messaging statement per voicemail: a second thought dilutes the first, and there is "
        "always another message to carry it (seed 002).",
        source="002",
        example="Hi Lena, it's Omar at Brightline. We cut invoice processing time by half for firms like yours, "
        "and we also run a free security audit. Call me at 206-555-0133.",
        fixed="Hi Lena, it's Omar at Brightline. We cut invoice processing time by half for firms like yours. "
        "Call me at 206-555-0133.",
    ),
)
def more_than_one_idea(doc, config, step):
    ideas = doc.facts.ideas
    if len(ideas) > 1:
        for extra in ideas[1:]:
            yield Hit(extra.start, extra.end, f"{len(ideas)} ideas in one message: keep the first and save this one for another message")


def _phone_key(p) -> str:
    if p.placeholder:
        return "placeholder"
    if p.e164:
        return p.e164
    return "".join(c for c in p.text if c.isdigit()) or p.text.lower()


@rule(
    code="VM201", name="phone-number-said-once", severity="warning", steps={"3", "generic"},
    doc=RuleDoc(
        summary="A phone number is given only once.",
        what="Groups the phone numbers in the message (written, spaced, spoken or placeholder) and reports "
        "any number that appears once.",
        why="A number heard once is hard to write down; give it at the beginning and again at the end "
        "(seed 004). Step 1 and 2 messages should carry no number at all (seeds 000, 001).",
        source="004",
        example="Hi Ana, it's Jo from Pinecrest. We trimmed a clinic's no-shows by a third. Call me at 312-555-0147.",
        fixed="Hi Ana, it's Jo from Pinecrest, 312-555-0147. We trimmed a clinic's no-shows by a third. "
        "Call me at 312-555-0147.",
    ),
)
def phone_number_said_once(doc, config, step):
    phones = doc.facts.phone_numbers
    counts = Counter(_phone_key(p) for p in phones)
    for p in phones:
        if counts[_phone_key(p)] == 1:
            yield Hit(p.start, p.end, f"'{p.text}' is given once: say it near the start and again at the end", _repeat_number(doc, p))


def _repeat_number(doc, phone) -> Fix | None:
    """Say the number again: at the end, or (when it is only at the end) after the first sentence."""
    sentences = doc.sentences()
    if not sentences:
        return None
    first, last = sentences[0], sentences[-1]
    text = doc.text
    if phone.start >= last.start and len(sentences) > 1:
        at, words = first.end, f"My number is {phone.text}."
    else:
        at, words = last.end, f"Again, my number is {phone.text}."
    stop = "" if text[at - 1] in ".!?…" else "."
    return Fix(message=f"say {phone.text} again", safe=True, edits=[Edit(start=at, end=at, replacement=f"{stop} {words}")])


@rule(
    code="VM202", name="phone-number-in-first-message", severity="error", steps={"1"},
    doc=RuleDoc(
        summary="A first message of a sequence gives a phone number.",
        what="Reports every phone number (or phone placeholder) in a step-1 message.",
        why="The first message only lets them know you called; it asks nothing of them, so it leaves no "
        "number. You commit to calling back instead (seeds 000, 001).",
        source="000, 001",
        example="Hi Marco, it's Dee from Harbor Lane. Carla at Westfield suggested I call. Reach me at "
        "617-555-0110. I'll call you Tuesday at 9 a.m.",
        fixed="Hi Marco, it's Dee from Harbor Lane. Carla at Westfield suggested I call. I'll call you "
        "Tuesday at 9 a.m.",
    ),
)
def phone_number_in_first_message(doc, config, step):
    for p in doc.facts.phone_numbers:
        yield Hit(p.start, p.end, f"'{p.text}' in a first message: leave the number out and commit to a callback time instead")


