"""The layers around the tokenizer keep their results while costing time in proportion to the text.

Each was superlinear on some input (issue 16): a sequence file's line numbers were counted
from the top for every message, the spoken-length address pattern re-scanned a run of
dashed or dotted letters from every letter, and textstat hyphenated a megabyte-long
"word". These tests pin what the bounded versions still give.
"""

from __future__ import annotations

import re

from vmlint import Linter
from vmlint.detect.readability import readability
from vmlint.detect.spoken import spoken_words
from vmlint.source import split_messages

MESSAGE = "---\nstep: {step}\n---\nHi Dana, Owen from Larkspur. I'll call you Tuesday at 10.\n"


def test_every_message_of_a_long_sequence_starts_on_its_own_line():
    breaks = ["\n", "\r\n", "\r"]
    text = "".join(MESSAGE.format(step=1 + i % 3).replace("\n", breaks[i % 3]) for i in range(300))
    messages = split_messages(text, "week.txt")
    assert len(messages) == 300
    for m in messages:
        assert m.first_line == len(re.split(r"\r\n|\r|\n", text[:m.start])), m.start
        assert text[m.start:m.start + 3] == "---"


def test_findings_in_the_last_message_of_a_long_sequence_point_at_its_lines():
    text = MESSAGE.format(step=1) * 200 + "---\nstep: 1\n---\nUm, call me at 617-555-0110.\n"
    report = Linter().lint_contents(text, path="week.txt")
    last_line = text.count("\n")
    found = [f for f in report.every_finding() if f.rule == "phone-number-in-first-message"]
    assert [(f.line, text[f.start:f.end]) for f in found] == [(last_line, "617-555-0110")]


def test_addresses_are_said_part_by_part():
    # Email (1) dana . price + vm @ larkspur - dental . co . uk (7 parts, "at", 3 dots) or visit (2)
    # www . larkspur . com / demo (4 parts, 2 dots)
    words, phones = spoken_words("Email dana.price+vm@larkspur-dental.co.uk or visit www.larkspur.com/demo")
    assert (words, phones) == (20.0, 0)


def test_a_long_dashed_run_is_said_part_by_part():
    assert spoken_words("a-b-" * 5000) == (10000.0, 0)


def test_readability_reads_an_overlong_chunk_as_its_first_64_characters():
    run = "banana" * 20_000
    assert readability("Call me back. " + run) == readability("Call me back. " + run[:64])
    assert readability("Call me back. " + run[:64]) != readability("Call me back. " + run[:12])  # still a long word
