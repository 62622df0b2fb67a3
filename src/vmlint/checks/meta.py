"""Rules about the draft as a whole rather than its advice."""

from __future__ import annotations

from ..config import normalize_step
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


@rule(
    code="VM002", name="invalid-front-matter", severity="error", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="The front matter names a step that does not exist.",
        what="Reports a front-matter `step:` that is not 1, 2, 3 or generic. The draft is then linted "
        "with the step the command line or config gives, else as generic.",
        why="The step decides which advice applies; a typo there silently changes every other finding.",
        source="",
        example="---\nstep: 4\n---\nHi Ivy, it's Cal from Fernway. I'll call you Thursday at 3 p.m.",
        fixed="---\nstep: 1\n---\nHi Ivy, it's Cal from Fernway. I'll call you Thursday at 3 p.m.",
    ),
)
def invalid_front_matter(doc, config, step):
    src = doc.source
    if "step" not in src.front_matter:
        return
    try:
        normalize_step(src.front_matter["step"])
    except ValueError as exc:
        yield Hit(*src.line_span(src.front_matter_line["step"]), f"{exc}; linted as step {step}")


def _engine_reported(doc, config, step):
    """Directive findings come from the engine, which sees every other finding (vmlint.suppress)."""
    return iter(())


rule(
    code="VM003", name="unused-directive", severity="info", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="A suppression directive suppresses nothing.",
        what="Reports a `# vmlint: disable...` line (or `<!-- vmlint: ... -->`) under which no finding was suppressed, "
        "and an `enable` that ends no `disable`.",
        why="Stale suppressions hide future problems; remove them once the draft is fixed.",
        source="",
        example="# vmlint: disable=too-many-words\nHi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.",
        fixed="Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.",
    ),
)(_engine_reported)

rule(
    code="VM004", name="unknown-directive", severity="warning", steps=ALL_STEPS,
    doc=RuleDoc(
        summary="A suppression directive names an unknown action or rule.",
        what="Reports a directive whose action is not disable, enable, disable-next-line or disable-file, or that names "
        "a rule vmlint does not have.",
        why="A typo in a directive silently suppresses nothing; saying so keeps suppressions honest.",
        source="",
        example="# vmlint: disable=too-many-wrods\nHi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.",
        fixed="Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.",
    ),
)(_engine_reported)
