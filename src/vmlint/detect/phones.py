"""Phone numbers in every form a script uses.

Written (312-555-0147, (312) 555-0147, +1 312 555 0147, 312.555.0147, 555-0148, with
x217 / ext. 217, vanity numbers such as 1-800-FLOWERS), digits spaced out for reading (3 1 2 - 5 5 5 ...), digits spoken as
words (five five five, oh one four seven), and placeholders (XXX-XXX-XXXX,
###-###-####, xxx-xxxx, [Your Number], {{phone}}). Validity comes from phonenumbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import phonenumbers

from ..models import Placeholder, PhoneNumber

_EXT = r"(?:[ \t]*,?[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,6})?"
_WRITTEN = re.compile(
    r"(?<![\w+#])(?:"
    r"\+\d{1,3}(?:[ \t.\u2010-\u2015\u2212-]?\(?\d{1,4}\)?){2,5}"  # international, +44 20 7946 0958
    r"|(?:1[ \t.\u2010-\u2015\u2212-]?)?(?:\(\d{3}\)|\d{3})[ \t.\u2010-\u2015\u2212-]?\d{3}[ \t.\u2010-\u2015\u2212-]?\d{4}"  # NANP with area code
    r"|\d{3}[.\u2010-\u2015\u2212-]\d{4}"  # local 555-0148
    r")" + _EXT + r"(?![\w-])",
    re.IGNORECASE,
)
# Digit groups that look like a phone number but are mis-grouped or short (312-555-014):
# found so invalid-phone-number can report them. Dates (2026-11-25) are left alone.
_LOOSE = re.compile(r"(?<![\w+#/.-])\d{2,4}(?:[.\u2010-\u2015\u2212-]\d{2,5}){2,3}(?![\w/-]|\.\d)")
# Digit groups set apart by single spaces (617 555 01 10, 61 75 55 01 10): a number only when phonenumbers says so.
_SPACE_GROUPED = re.compile(r"(?<![\w+#/.-])\d{2,4}(?:[ \t]\d{2,4}){2,5}(?![\w/-]|\.\d)")
# Vanity numbers: 1-800-FLOWERS, 888-GET-HELP, (800) 555-CARE. Letters are dialled as digits.
_VANITY = re.compile(
    r"(?<![\w+#])(?:1[ .\u2010-\u2015-])?(?:\(\d{3}\)|\d{3})[ .\u2010-\u2015-]"
    r"(?=[A-Z0-9-]*[A-Z])(?:[A-Z0-9]{3}[.\u2010-\u2015-]?[A-Z0-9]{4}|[A-Z]{7})(?![\w-])"
)
# National numbers with a trunk 0 (0207 946 0417, 0808 1570192, 02 5550 1473): valid in the configured
# region or in one of the regions whose scripts are common in English (GB, AU, IE, NZ).
_NATIONAL = re.compile(r"(?<![\w+#/.-])0\d{1,4}(?:[ \t.\u2010-\u2015-]\d{2,8}){1,3}(?![\w/-]|\.\d)")
_TRUNK_REGIONS = ("GB", "AU", "IE", "NZ")
# Australian 13 / 1300 / 1800 numbers: 1300 975 709, 13 22 11.
_AU_SPECIAL = re.compile(r"(?<![\w+#/.-])1[38]00[ \t.-]?\d{3}[ \t.-]?\d{3}(?![\w/-]|\.\d)")
# An underscore slot where a number is given: "My number's __ ___ ____", "get me on __ __ ____".
_SLOT = re.compile(r"(?i)(?:\bnumber|\bcell|\bline|\bphone|\bmobile|\b(?:me|us)[ \t]+(?:on|at))(?:['’]s|[ \t]+is)?[ \t:]*(_{2,}(?:[ \t.-]+_{2,})*)")
_DATE_LIKE = re.compile(r"^(?:19|20)\d\d[.\u2010-\u2015\u2212-]\d{1,2}[.\u2010-\u2015\u2212-]\d{1,2}$|^\d{1,2}[.\u2010-\u2015\u2212-]\d{1,2}[.\u2010-\u2015\u2212-](?:19|20)?\d\d$")
_SPACED = re.compile(r"(?<![\w-])\d(?:(?:[ \t]+|[ \t]*[-.][ \t]*)\d){6,14}(?![\w-])")
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
    "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9"}
_SPOKEN_WORD = (r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|hundred|"
                + "|".join([*_TEENS, *_TENS]) + ")")
_SPOKEN = re.compile(
    r"\b" + _SPOKEN_WORD + r"(?:(?:[ \t]*[,.–-][ \t]*|[ \t]+|[ \t]+dash[ \t]+)" + _SPOKEN_WORD + r"){5,30}\b",
    re.IGNORECASE,
)
_MASK = re.compile(
    r"(?<![\w#])(?:\+?1[ \t.\u2010-\u2015\u2212-]?)?(?:\(?[X#x\d]{3}\)?[ \t.\u2010-\u2015\u2212-]?)?[X#x\d]{3}[ \t.\u2010-\u2015\u2212-]?[X#x\d]{4}(?![\w#])"
)


_EXTENSION = re.compile(r"(?i)[ \t]*,?[ \t]*(?:x|ext\.?|extension)[ \t]*\d")
_NON_DIGIT = re.compile(r"\D")


def spoken_digits(text: str) -> str:
    """The digits a run of number words spells, or '' if it does not spell a number."""
    digits: list[str] = []
    repeat = 0
    tens_open = False  # the last word was "thirty" and so on: a unit may complete it
    for word in re.findall(r"[a-z]+", text.lower()):
        if word == "dash":
            continue
        if word in ("double", "triple"):
            if repeat:
                return ""
            repeat = 2 if word == "double" else 3
            continue
        if word == "hundred":
            if not digits or repeat:
                return ""
            digits.extend("00")
            continue
        if word in _TEENS or word in _TENS:  # "twelve thirty-four": the last four said as pairs
            if repeat:
                return ""
            digits.extend(_TEENS.get(word) or _TENS[word] + "0")
            tens_open = word in _TENS
            continue
        d = _DIGIT_WORDS[word]
        if tens_open and d != "0" and word not in ("oh", "o"):
            digits[-1] = d  # "thirty four" is 34, not 304
        else:
            digits.extend(d * (repeat or 1))
        tens_open = False
        repeat = 0
    return "" if repeat else "".join(digits)


@lru_cache(maxsize=4096)
def _e164(digits_text: str, region: str) -> str | None:
    """The E.164 form of a candidate, or None; cached, since drafts repeat their numbers and parsing is slow."""
    try:
        number = phonenumbers.parse(digits_text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _possible(digits: str) -> bool:
    """A national number of a plausible length in one of the trunk-0 regions, valid or not."""
    for r in _TRUNK_REGIONS:
        try:
            if phonenumbers.is_possible_number(phonenumbers.parse(digits, r)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _candidates(text: str, region: str, placeholders: Iterable[Placeholder]):
    for m in _WRITTEN.finditer(text):
        raw = m.group(0)
        main = _EXTENSION.split(raw)[0]
        yield m.start(), m.end(), "written", _e164(main, region)
    for m in _LOOSE.finditer(text):
        digits = _NON_DIGIT.sub("", m.group(0))
        if 8 <= len(digits) <= 12 and not _DATE_LIKE.match(m.group(0)):
            yield m.start(), m.end(), "written", _e164(digits, region)
    for m in _SPACE_GROUPED.finditer(text):
        digits = _NON_DIGIT.sub("", m.group(0))
        e164 = _e164(digits, region) if 10 <= len(digits) <= 11 else None
        if e164:
            yield m.start(), m.end(), "written", e164
    for m in _NATIONAL.finditer(text):
        digits = _NON_DIGIT.sub("", m.group(0))
        if 9 <= len(digits) <= 11:
            e164 = _e164(digits, region) or next(filter(None, (_e164(digits, r) for r in _TRUNK_REGIONS)), None)
            if e164 or _possible(digits):
                # a number reserved for fiction (01632 960 584, 07700 900 412) is still a number given
                yield m.start(), m.end(), "written", e164
    for m in _AU_SPECIAL.finditer(text):
        e164 = _e164(_NON_DIGIT.sub("", m.group(0)), "AU")
        if e164:
            yield m.start(), m.end(), "written", e164
    for m in _SLOT.finditer(text):
        yield m.start(1), m.end(1), "placeholder", None
    for m in _VANITY.finditer(text):
        yield m.start(), m.end(), "written", _e164(phonenumbers.convert_alpha_characters_in_number(m.group(0)), region)
    for m in _SPACED.finditer(text):
        digits = _NON_DIGIT.sub("", m.group(0))
        yield m.start(), m.end(), "spaced", _e164(digits, region)
    for m in _SPOKEN.finditer(text):
        digits = spoken_digits(m.group(0))
        if len(digits) >= 7:
            yield m.start(), m.end(), "spoken", _e164(digits, region)
    for m in _MASK.finditer(text):
        if re.search(r"[X#x]", m.group(0)):
            yield m.start(), m.end(), "placeholder", None
    for p in placeholders:
        if p.kind == "phone":
            yield p.start, p.end, "placeholder", None


def find_phone_numbers(text: str, region: str = "US", placeholders: Iterable[Placeholder] = ()) -> list[PhoneNumber]:
    """Every phone number in ``text``; overlapping candidates keep the earliest, longest one."""
    cands = sorted(_candidates(text, region, placeholders), key=lambda c: (c[0], -(c[1] - c[0])))
    found: list[PhoneNumber] = []
    last_end = -1
    for start, end, form, e164 in cands:
        if start < last_end:
            continue
        found.append(
            PhoneNumber(
                text=text[start:end], start=start, end=end, e164=e164,
                placeholder=form == "placeholder", form=form,
            )
        )
        last_end = end
    return found
