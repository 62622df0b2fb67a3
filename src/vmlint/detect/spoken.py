"""How long a draft takes to say.

Method (documented in the README): the text is turned into *spoken words*, then
``seconds = spoken_words * 60 / rate`` plus a pause for every phone number.

- an ordinary word is one spoken word; a hyphenated one is one per part (follow-up = 2);
- a phone number is one spoken word per digit, plus "extension" and its digits, plus a
  pause of ``PHONE_PAUSE`` seconds so the listener can write it down; a phone
  placeholder counts as ten digits;
- a time is said as hour, minutes and "a m"/"p m" (4 p.m. = 3, 10:30 am = 4);
- a number is said in full (144,000 = one hundred forty four thousand = 5; 2026 = 2);
  $ adds "dollars", % adds "percent", 4th is one word;
- an acronym of 2 to 5 capitals is spelled out letter by letter (HR = 2, B2B = 3), unless
  the whole draft is written in capitals;
- an email address or web address is said part by part with "at" and "dot";
- a placeholder counts as what it stands for (a name 1, a company 2, a date 2, a day 1);
- abbreviations like e.g., etc., & are said in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..models import Placeholder, PhoneNumber

PHONE_PAUSE = 0.5
_PLACEHOLDER_WORDS = {"name": 1, "company": 2, "phone": 10, "day": 1, "time": 2, "date": 2, "email": 4, "other": 1}
_ABBREVIATIONS = {"e.g.": 3, "i.e.": 3, "etc.": 3, "&": 1, "w/": 1, "vs.": 1, "approx.": 4, "mins": 1, "hrs": 1}
_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?[ \t]*(?P<ampm>[ap]\.?[ \t]?m\.?)(?![\w])|\b(?P<h2>\d{1,2}):(?P<m2>\d{2})\b",
    re.IGNORECASE,
)
# Bounded as addresses are (a local part of 64, labels of 63, a few labels), so a long run of
# letters, dots or dashes costs each start a bounded look-ahead, not the rest of the run.
_EMAIL_URL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,16}\b|\b(?:https?://)?(?:www\.)?[\w-]{1,63}(?:\.[\w-]{1,63}){0,16}\.(?:com|net|org|io|co|ai|us)(?:/[\w./-]*)?\b")
_NUMBER = re.compile(r"(?P<cur>[$£€])?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suffix>%|st|nd|rd|th|k|m|x)?", re.IGNORECASE)
_CHUNK = re.compile(r"\S+")


def number_words(n: int) -> int:
    """How many words it takes to say a whole number in English (144000 -> 5)."""
    if n == 0:
        return 1
    if 1900 <= n <= 2099 and n % 100:  # years: "twenty twenty-six"
        return 2 + (1 if n % 100 > 20 and n % 10 else 0)
    count = 0
    scale = 0
    while n:
        group = n % 1000
        if group:
            hundreds, rest = divmod(group, 100)
            count += 2 if hundreds else 0
            if rest:
                count += 1 if rest < 20 or rest % 10 == 0 else 2
            count += 1 if scale else 0
        n //= 1000
        scale += 1
    return count


def _number_chunk(chunk: str) -> int | None:
    m = _NUMBER.fullmatch(chunk)
    if not m:
        return None
    num = m.group("num").rstrip(",")
    whole, _, frac = num.partition(".")
    digits = whole.replace(",", "")
    if not digits.isdigit():
        return None
    words = number_words(int(digits)) if len(digits) <= 15 else len(digits)
    if frac:
        words += 1 + len(frac)  # "point" and each digit
    if m.group("cur"):
        words += 1
    suffix = (m.group("suffix") or "").lower()
    if suffix in ("%", "k", "m", "x"):
        words += 1
    return words


@lru_cache(maxsize=65536)
def _chunk_words(chunk: str, all_caps: bool) -> float:
    stripped = chunk.strip("\"'“”‘’()[]{}<>.,;:!?…*•–—-")
    lowered = chunk.lower().strip("\"'“”‘’(),;:!?")
    if lowered in _ABBREVIATIONS:
        return _ABBREVIATIONS[lowered]
    if not stripped:
        return 0.0
    n = _number_chunk(stripped)
    if n is not None:
        return float(n)
    if not all_caps and re.fullmatch(r"[A-Z][A-Z0-9&]{1,4}s?", stripped) and stripped not in ("I", "A", "OK"):
        return float(sum(1 for c in stripped if c.isalnum() and c != "s"))
    parts = [p for p in re.split(r"[-–/]", stripped) if re.search(r"[^\W_]", p)]
    return float(max(1, len(parts))) if re.search(r"[^\W_]", stripped) else 0.0


def spoken_words(
    text: str,
    phone_numbers: Iterable[PhoneNumber] = (),
    placeholders: Iterable[Placeholder] = (),
) -> tuple[float, int]:
    """Spoken words in ``text`` and the number of phone numbers said (for their pauses)."""
    chars = list(text)
    total = 0.0
    phones = 0

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            chars[i] = " "

    for p in phone_numbers:
        phones += 1
        if p.placeholder:
            total += 10
        else:
            m = re.search(r"(?i)(?:x|ext\.?|extension)[ \t]*(\d+)\s*$", p.text)
            if p.form == "spoken":
                total += len(re.findall(r"[a-z]+", p.text.lower()))
            else:
                digits = re.sub(r"\D", "", p.text[: m.start()] if m else p.text)
                total += len(digits)
            if m:
                total += 1 + len(m.group(1))
        blank(p.start, p.end)
    for ph in placeholders:
        if ph.kind == "phone" or chars[ph.start] == " ":
            continue
        total += _PLACEHOLDER_WORDS[ph.kind]
        blank(ph.start, ph.end)
    masked = "".join(chars)
    for m in _TIME.finditer(masked):
        minutes = m.group("m") or m.group("m2")
        words = 1  # the hour
        if minutes and minutes != "00":
            words += 2 if minutes.startswith("0") else number_words(int(minutes))
        if m.group("ampm"):
            words += 2
        total += words
        blank(m.start(), m.end())
    for m in _EMAIL_URL.finditer("".join(chars)):
        total += len(re.findall(r"[^\W_]+", m.group(0))) + m.group(0).count("@") + m.group(0).count(".")
        blank(m.start(), m.end())
    masked = "".join(chars)
    alpha = re.findall(r"[A-Za-z]{2,}", masked)
    all_caps = bool(alpha) and sum(w.isupper() for w in alpha) > 0.6 * len(alpha)
    for m in _CHUNK.finditer(masked):
        total += _chunk_words(m.group(0), all_caps)
    return total, phones


def spoken_seconds(
    text: str,
    phone_numbers: Iterable[PhoneNumber] = (),
    placeholders: Iterable[Placeholder] = (),
    rate: float = 150.0,
) -> float:
    """Estimated seconds to say ``text`` at ``rate`` words per minute."""
    words, phones = spoken_words(text, phone_numbers, placeholders)
    return round(words * 60.0 / rate + phones * PHONE_PAUSE, 1)
