"""Every rule, built-in or from a pack, is documented, and its own example proves it."""

from __future__ import annotations

import pytest

from vmlint import Linter, lint
from vmlint.engine import lint_sequence

RULES = Linter().all_rules


def _step_for(rule):
    for step in ("generic", "3", "2", "1"):
        if step in rule.steps:
            return step
    raise AssertionError(rule.name)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_documented(rule):
    d = rule.doc
    assert d.summary and d.summary.endswith("."), "one-line summary"
    assert d.what and d.why and d.example and d.fixed
    assert rule.name == rule.name.lower() and " " not in rule.name


@pytest.mark.parametrize("rule", [r for r in RULES if r.name != "unfilled-placeholder"], ids=lambda r: r.name)
def test_example_triggers_and_fixed_version_does_not(rule):
    if rule.scope == "sequence":
        assert rule.name in {f.rule for f in lint_sequence(rule.doc.example).findings}
        assert rule.name not in {f.rule for f in lint_sequence(rule.doc.fixed).every_finding()}
        return
    step = None if rule.doc.example.startswith("---") else _step_for(rule)
    assert rule.name in {f.rule for f in lint(rule.doc.example, step=step).findings}
    assert rule.name not in {f.rule for f in lint(rule.doc.fixed, step=step).findings}


def test_unfilled_placeholder_example_in_rendered_mode():
    from vmlint import Config

    rule = next(r for r in RULES if r.name == "unfilled-placeholder")
    cfg = Config(rendered=True)
    assert "unfilled-placeholder" in {f.rule for f in lint(rule.doc.example, step="1", config=cfg).findings}
    assert "unfilled-placeholder" not in {f.rule for f in lint(rule.doc.fixed, step="1", config=cfg).findings}
    assert "unfilled-placeholder" not in {f.rule for f in lint(rule.doc.example, step="1").findings}


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
