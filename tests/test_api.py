"""The library surface: exports, typing marker, models, config from pyproject.toml."""

from __future__ import annotations

import importlib.resources

import pytest

import vmlint
from vmlint import Config, ConfigError, InputError, Linter, Report, lint, lint_file


def test_public_names():
    for name in vmlint.__all__:
        assert hasattr(vmlint, name), name
    assert (importlib.resources.files("vmlint") / "py.typed").is_file()


def test_lint_returns_a_report():
    report = lint("Hi Ana, it's Jo from Pinecrest about the quote you asked for. I'll call you Thursday at 2 p.m.", step="1")
    assert isinstance(report, Report)
    assert report.step == "1" and report.score == 100 and report.findings == []


def test_score_falls_with_findings_and_stays_in_range():
    clean = lint("Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.")
    worse = lint("Hi Ana, Jo at Pinecrest. We cut no-shows by a third, and we also audit billing for free. Talk soon.")
    assert clean.score == 100
    assert 0 <= worse.score < clean.score
    assert worse.score == 100 - sum(f.penalty for f in worse.findings)


def test_config_changes_limits_and_selection():
    text = "Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147."
    assert any(f.rule == "too-many-words" for f in lint(text, config=Config(max_words=10)).findings)
    assert lint(text, config=Config(max_words=10, ignore=["VM101"])).findings == []
    only = lint(text, step="1", config=Config(select=["VM2"])).findings
    assert {f.rule for f in only} == {"phone-number-in-first-message"}


def test_severity_and_weights_are_configurable():
    text = "Hi Ana, Jo at Pinecrest. We cut no-shows by a third. Talk soon."
    report = lint(text, config=Config(severity={"missing-call-to-action": "info"}, weights={"info": 1}))
    finding = next(f for f in report.findings if f.rule == "missing-call-to-action")
    assert finding.severity == "info" and finding.penalty == 1


def test_unknown_rule_in_config_is_an_error():
    with pytest.raises(ConfigError, match="unknown rule 'no-such-rule'"):
        Linter(Config(ignore=["no-such-rule"]))


def test_pyproject_config_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.vmlint]\nmax-words = 12\n\n[tool.vmlint.steps]\n"**/step1*" = 1\n')
    folder = tmp_path / "scripts" / "acme"
    folder.mkdir(parents=True)
    draft = folder / "step1-intro.txt"
    draft.write_text("Hi Ana, it's Jo from Pinecrest. Sorry I missed you. The quote you asked for is ready. I'll call you Thursday at 2 p.m.")
    report = lint_file(draft)
    assert report.step == "1"
    assert [f.rule for f in report.findings] == ["too-many-words"]


def test_unknown_config_key_names_file_and_line(tmp_path):
    (tmp_path / "vmlint.toml").write_text("max-words = 30\nmax-wrods = 12\n")
    (tmp_path / "a.txt").write_text("Hi.")
    with pytest.raises(ConfigError) as info:
        lint_file(tmp_path / "a.txt")
    assert str(info.value) == f"{tmp_path / 'vmlint.toml'}:2: unknown key 'max-wrods'"


def test_wrong_type_in_config(tmp_path):
    (tmp_path / "vmlint.toml").write_text('max-words = "lots"\n')
    (tmp_path / "a.txt").write_text("Hi.")
    with pytest.raises(ConfigError, match="'max-words'"):
        lint_file(tmp_path / "a.txt")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        lint_file(tmp_path / "nope.txt")
