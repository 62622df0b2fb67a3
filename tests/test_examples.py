"""Every draft in examples/ triggers exactly the rules examples/expected.toml lists."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vmlint import lint_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = tomllib.loads((EXAMPLES / "expected.toml").read_text(encoding="utf-8"))


def test_every_example_is_listed():
    drafts = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.txt")}
    assert drafts == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    report = lint_file(EXAMPLES / name)
    assert sorted({f.rule for f in report.findings}) == sorted(EXPECTED[name])


def test_good_examples_outscore_bad_ones():
    for step in ("step1", "step2", "step3", "generic"):
        good = lint_file(EXAMPLES / f"{step}-good.txt").score
        bad = lint_file(EXAMPLES / f"{step}-bad.txt").score
        assert good > bad, step
