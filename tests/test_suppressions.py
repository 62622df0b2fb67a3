"""Inline directives: disable, enable, next line, whole file, in text and Markdown forms."""

from __future__ import annotations

import pytest

from vmlint import lint

LONG = "Hi Ana, it's Jo from Pinecrest, 312-555-0147, and I'm calling because we cut no-shows by a third for a busy family clinic just down the road from your office on Elm Street last spring. Call me at 312-555-0147."


def rules(text, step="generic"):
    return [f.rule for f in lint(text, step=step).findings]


def test_disable_file_for_one_rule():
    assert "too-many-words" in rules(LONG)
    assert rules("# vmlint: disable-file=too-many-words\n" + LONG) == []


def test_disable_file_for_every_rule():
    assert rules("<!-- vmlint: disable-file -->\nhey um call me\n") == []


def test_markdown_comment_form_and_code():
    assert rules("<!-- vmlint: disable=VM101 -->\n" + LONG) == []


def test_disable_next_line_only_covers_the_next_line():
    text = "Hi Ana, it's Jo from Pinecrest, 312-555-0147.\n# vmlint: disable-next-line=filler-phrase\nUm, we cut no-shows by a third.\nUh, call me at 312-555-0147.\n"
    found = lint(text).findings
    fillers = [f for f in found if f.rule == "filler-phrase"]
    assert [f.line for f in fillers] == [4]


def test_enable_ends_a_disable():
    text = "# vmlint: disable=filler-phrase\nHi Ana, um, it's Jo from Pinecrest, 312-555-0147.\n# vmlint: enable=filler-phrase\nUh, we cut no-shows by a third. Call me at 312-555-0147.\n"
    fillers = [f.line for f in lint(text).findings if f.rule == "filler-phrase"]
    assert fillers == [4]


def test_directive_lines_are_not_words_or_spoken_time():
    plain = lint(LONG)
    with_directive = lint("# vmlint: disable=filler-phrase\n" + LONG)
    assert with_directive.facts.words == plain.facts.words
    assert with_directive.facts.spoken_seconds == plain.facts.spoken_seconds


def test_unused_directive_is_reported():
    text = "# vmlint: disable=too-many-words\nHi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147."
    found = lint(text).findings
    assert [(f.rule, f.line) for f in found] == [("unused-directive", 1)]


@pytest.mark.parametrize(
    ("directive", "message"),
    [("# vmlint: disable=too-many-wrods", "no rule named 'too-many-wrods'"), ("# vmlint: silence", "unknown directive 'silence'")],
)
def test_unknown_directive_is_reported(directive, message):
    found = lint(directive + "\n" + LONG).findings
    unknown = [f for f in found if f.rule == "unknown-directive"]
    assert len(unknown) == 1 and message in unknown[0].message and unknown[0].line == 1
