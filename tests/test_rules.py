"""Each rule's fixture file in tests/rules/ holds drafts that must trigger it and drafts that must not."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vmlint import Config, Linter, fix_text, lint
from vmlint.engine import lint_sequence

RULES_DIR = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(RULES_DIR.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_rule_fixture(rule, case):
    config = Config(rendered=True) if case.get("rendered") else None
    if case.get("sequence"):  # several messages, each with its front matter
        report = lint_sequence(case["text"], config=config)
        fired = {f.rule for f in report.every_finding()}
    else:
        report = lint(case["text"], step=case.get("step"), config=config)
        fired = {f.rule for f in report.findings}
    if case["expect"] == "fail":
        assert rule in fired, f"{rule} should fire; report: {report.model_dump_json()}"
    else:
        assert rule not in fired, f"{rule} should not fire: {[f.message for f in report.findings if f.rule == rule]}"
    if "fixed" in case:  # the text after every safe fix, applied until stable
        fixed, after, _ = fix_text(case["text"], lambda t: lint(t, step=case.get("step"), config=config))
        assert fixed == case["fixed"]
        assert rule not in {f.rule for f in after.findings}


def test_every_rule_has_fixtures_both_ways():
    for name in (r.name for r in Linter().all_rules):
        path = RULES_DIR / f"{name}.toml"
        assert path.is_file(), f"no fixture file for {name}"
        expects = {c["expect"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["case"]}
        assert expects == {"pass", "fail"}, f"{name} needs cases that pass and cases that fail"
