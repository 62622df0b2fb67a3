"""Template placeholders: ``[Name]``, ``{first_name}``, ``{{company}}``, ``(day/date)``, ``____``.

A placeholder counts as what it stands for: a phone placeholder is a phone number,
a name placeholder is a name. Its kind comes from the words inside it.
"""

from __future__ import annotations

import re

from ..models import Placeholder

_WORDS = r"[A-Za-z][\w'. /-]{0,40}"
_PATTERN = re.compile(
    r"\{\{\s*(?P<curly2>[\w .-]{1,40}?)\s*\}\}"  # {{company}}
    r"|\$\{\s*(?P<dollar>[A-Za-z_][\w .-]{0,40}?)\s*\}"  # ${first_name}
    r"|\*\|(?P<merge>[A-Z][A-Z0-9_:]{0,40})\|\*"  # *|FNAME|* (mail-merge tags)
    r"|<<\s*(?P<angle2>[A-Za-z][\w .-]{0,40}?)\s*>>"  # <<First Name>>
    r"|\[\[\s*(?P<square2>" + _WORDS + r")\s*\]\]"  # [[name]]
    r"|\{\s*(?P<curly>[A-Za-z_][\w .-]{0,40}?)\s*\}"  # {first_name}
    r"|\[\s*(?P<square>" + _WORDS + r")\s*\]"  # [Your Name]
    r"|<\s*(?P<angle>[A-Za-z][\w .-]{0,40}?)\s*>"  # <Name>
    r"|%(?P<percent>[A-Z][A-Z0-9_]{1,40})%"  # %FIRST_NAME%
    r"|\((?P<paren>[A-Za-z][\w' -]{0,30}(?:/[A-Za-z][\w' -]{0,30})+)\)"  # (day/date)
    r"|\((?P<paren_word>(?i:your |insert |prospect'?s? |first |last |company |[A-Za-z]{2,12} )?"
    r"(?i:name|first name|company|company name|day|date|time|phone|phone number|number|email|title|brokerage|agency|practice|firm|business|organi[sz]ation|office|store|clinic)"
    r"(?i: here)?)\.?\)"
    r"|(?P<underscores>_{3,})"
    r"|\b(?P<xday>X)\s+(?=(?:day|date|time)\b)",
)

_KIND_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("phone", ("phone", "number", "cell", "mobile", "tel", "direct", "ext", "extension", "code", "sms")),
    ("email", ("email", "e-mail", "mail")),
    ("company", ("company", "org", "organization", "organisation", "account", "business", "firm", "employer", "brand",
                 "agency", "practice", "brokerage", "clinic", "dealership", "bank", "school", "college",
                 "charity", "nonprofit", "foundation", "store", "shop", "team", "organisation", "pharmacy", "club",
                 "studio", "salon", "gym", "restaurant", "hospital", "daycare", "school", "church", "dealer")),
    ("date", ("date", "deadline", "due")),
    ("day", ("day", "weekday")),
    ("time", ("time", "hour")),
    ("name", ("name", "first", "last", "rep", "prospect", "contact", "caller", "you", "me", "sender", "recipient", "fname", "lname")),
]


def classify(inner: str) -> str:
    # camelCase and snake_case both split into words: "senderPhone", "agent_phone"
    words = re.findall(r"[a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", inner).lower().replace("_", " "))
    # "day/date" and "X date" read as a day; "company name" is a company, "phone number" a phone.
    for kind, keys in _KIND_WORDS:
        if any(w in keys or w.startswith(keys) for w in words):
            if kind == "date" and "day" in words:
                return "day"
            return kind
    return "other"


def find_placeholders(text: str) -> list[Placeholder]:
    found: list[Placeholder] = []
    for m in _PATTERN.finditer(text):
        group = m.lastgroup
        inner = m.group(group)
        if group == "underscores":
            kind = "other"
        elif group == "xday":
            kind = "day"
            end = text.find(" ", m.end())
            end = m.end() + len(re.match(r"\w+", text[m.end():]).group(0))
            found.append(Placeholder(text=text[m.start():end], start=m.start(), end=end, kind=kind))
            continue
        else:
            kind = classify(inner)
        found.append(Placeholder(text=m.group(0), start=m.start(), end=m.end(), kind=kind))
    return found
