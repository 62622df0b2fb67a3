"""A deterministic generator of realistic voicemail drafts for the benchmarks.

    from drafts import generate
    texts = generate(5000, seed=7)       # the same 5,000 drafts on every machine

Drafts run from about 20 to 150 words, cover every step (front matter), and mix the
forms scripts use: written, spaced and spoken phone numbers, placeholders, filler,
referrals, commitments and asks.
"""

from __future__ import annotations

import random

FIRST = ["Ana", "Marco", "Priya", "Dev", "Ruth", "Omar", "Lena", "Tomas", "Noor", "Grace", "{first_name}", "[Name]"]
CALLERS = ["Jo", "Kai", "Bea", "Eli", "Lia", "Vic", "Ines", "Sam Ortiz", "[Your Name]"]
COMPANIES = ["Pinecrest", "Harbor Lane", "Copperfield", "Tidewater", "Quarry Labs", "Saltmarsh", "{{company}}", "Orchard Freight"]
PEERS = ["Carla at Westfield", "Jin at Northgate", "Nadia at Crestline", "Arlo over at Fenwick"]
PHONES = ["312-555-0147", "(617) 555-0110", "415.555.0122", "+1 206 555 0133", "XXX-XXX-XXXX", "###-###-####",
          "five oh three, five five five, oh one four two", "3 1 2 - 5 5 5 - 0 1 4 7", "720-555-0188 x217"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "(day/date)"]
TIMES = ["9 a.m.", "10:30", "2 p.m.", "4 p.m.", "noon"]
BENEFITS = [
    "We cut invoice processing time by half for firms like yours.",
    "Teams like yours get their weekly numbers out two days sooner with us.",
    "We helped a clinic near you trim no-shows by a third last spring.",
    "Your front desk could stop chasing missed appointments.",
    "We shortened the hiring cycle by two weeks for a logistics group your size.",
    "Our customers saved about $40,000 a year on freight claims.",
    "We also run a free compliance audit that takes about an hour.",
    "I put together a short briefing on four trends hitting your market next year.",
]
CONTEXT = [
    "I know the end of the quarter is a busy time, so I will keep this short.",
    "The approach works well when the team is small and the volume is growing quickly.",
    "It took their office manager about a week to get comfortable with the new routine.",
    "Most of the change came from moving reminders to text and confirming the day before.",
    "They started with one location and rolled it out to the other three after a month.",
]
FILLER = ["Um, ", "Just checking in. ", "Hope you're having a great week! ", "", "", ""]
ASKS = ["Give me a call at {phone}.", "Call me back at {phone} when you get a minute.", "Would Thursday work for a quick chat?",
        "Text me at {phone}.", "Reply to my email and we can book a time."]


def draft(rng: random.Random, step: str) -> str:
    name, caller, company = rng.choice(FIRST), rng.choice(CALLERS), rng.choice(COMPANIES)
    phone, day, time = rng.choice(PHONES), rng.choice(DAYS), rng.choice(TIMES)
    if rng.random() < 0.2:  # the terse style: name, number, one benefit, one ask
        return f"---\nstep: {step}\n---\n{name}, {caller} at {company}, {phone}. {rng.choice(BENEFITS)} Call {phone}.\n"
    parts = [f"Hi {name}, {rng.choice(FILLER)}it's {caller} from {company}."]
    if step in ("2", "3"):
        parts.append(f"Calling {rng.choice(DAYS)} as promised.")
    parts.append("Sorry I missed you.")
    if rng.random() < 0.5:
        parts.append(f"{rng.choice(PEERS)} suggested I get in touch.")
    parts.append(rng.choice(BENEFITS))
    for _ in range(rng.choice([0, 0, 1, 2, 4, 6])):
        parts.append(rng.choice(CONTEXT))
    if step == "3":
        parts.append("Maybe I've just been calling at the wrong times.")
    if step in ("3", "generic"):
        parts.append(rng.choice(ASKS).format(phone=phone))
    if step in ("1", "2"):
        parts.append(f"I'll call you {day} at {time}.")
    elif step == "3":
        parts.append(f"If I don't hear from you, I'll try again {day}.")
    body = " ".join(parts)
    return f"---\nstep: {step}\n---\n{body}\n"


def generate(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [draft(rng, rng.choice(["1", "2", "3", "generic"])) for _ in range(n)]


if __name__ == "__main__":  # pragma: no cover
    texts = generate(200)
    words = sorted(len(t.split()) - 3 for t in texts)
    print(f"{len(texts)} drafts, {words[0]}-{words[-1]} words, median {words[len(words) // 2]}")
    print(texts[0])
