"""Rules about the draft as a whole rather than its advice."""

from __future__ import annotations

from .base import ALL_STEPS, Hit, RuleDoc, rule


@rule(
    code="VM001", name="empty-message", severity="error", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="The draft has no words to say.",
        what="Reports a file whose message (after front matter and directive lines) has no words. "
        "No other rule runs on it.",
        why="An empty script in a shared repository is almost always a mistake: a file saved too early "
        "or a template that lost its body.",
        source="",
        example="---\nstep: 1\n---\n",
        fixed="---\nstep: 1\n---\nHi Ivy, it's Cal from Fernway. Sorry I missed you. I'll call you Thursday at 3 p.m.",
    ),
)
def empty_message(doc, config, step):
    if not doc.facts.words:
        yield Hit(doc.source.body_start, doc.source.body_start, "the message is empty: there is nothing to say")
