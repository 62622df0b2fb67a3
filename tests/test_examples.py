"""Every draft in examples/ triggers exactly the rules examples/expected.toml lists."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vmlint import lint_file, lint_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = tomllib.loads((EXAMPLES / "expected.toml").read_text(encoding="utf-8"))


def test_every_example_is_listed():
    drafts = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*.txt")}
    assert drafts == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    # A file with several front-matter blocks is a sequence: its messages' rules and the cross-message ones.
    [result] = lint_paths([EXAMPLES / name])
    assert sorted({f.rule for _, f in result.located()}) == sorted(EXPECTED[name])


def test_sequence_examples_are_sequences_and_the_good_week_scores_best():
    results = lint_paths([EXAMPLES / "sequences"])
    assert results and all(r.sequence is not None for r in results)
    scores = {Path(r.path).name: r.sequence.score for r in results}
    assert scores["week-good.txt"] == 100
    assert all(score < 100 for name, score in scores.items() if name != "week-good.txt")


def test_a_week_folder_is_one_sequence_with_sequence_true():
    [result] = lint_paths([EXAMPLES / "week"], sequence=True)
    seq = result.sequence
    assert [m.step for m in seq.messages] == ["1", "2", "3"]
    assert [m.promise_kept for m in seq.messages] == [None, True, True]
    assert seq.findings == []


def test_good_examples_outscore_bad_ones():
    for step in ("step1", "step2", "step3", "generic"):
        good = lint_file(EXAMPLES / f"{step}-good.txt").score
        bad = lint_file(EXAMPLES / f"{step}-bad.txt").score
        assert good > bad, step
