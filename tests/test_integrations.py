"""Where teams work: fixes on disk, diff, output formats validated against their schemas, thresholds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from vmlint.cli import main
from vmlint.report import json_format

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCHEMA_FILE = Path(json_format.__file__).with_name("report.schema.json")
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

# generic: filler between commas (safe), a run-together number (safe), the number given once (safe).
FIXABLE = "Hi Sam, um, Lia at Copperfield, 4155550123. We cut your payroll errors by half. Give me a call.\n"
FIXED = ("Hi Sam, Lia at Copperfield, (415) 555-0123. We cut your payroll errors by half. Give me a call. "
         "Again, my number is (415) 555-0123.\n")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8", "\r\n"), ("utf-8-sig", "\r"), ("utf-16", "\r\n")],
)
def test_fix_applies_safe_fixes_keeping_encoding_and_line_endings(tmp_path, capsys, encoding, newline):
    draft = tmp_path / "draft.txt"
    original = ("---\nstep: generic\n---\n" + FIXABLE).replace("\n", newline)
    draft.write_bytes(original.encode(encoding))
    code, out, _ = run(capsys, "--fix", str(draft))
    assert code == 0, out
    assert draft.read_bytes() == ("---\nstep: generic\n---\n" + FIXED).replace("\n", newline).encode(encoding)
    assert "Fixed 4 findings." in out  # the repeated number is grouped too
    before = draft.read_bytes()
    code, out, _ = run(capsys, "--fix", str(draft))
    assert draft.read_bytes() == before and "Fixed 0 findings." in out
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_diff_prints_the_change_and_touches_nothing(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")
    code, out, err = run(capsys, "--diff", "--step", "generic", str(draft))
    assert code == 1
    assert draft.read_text(encoding="utf-8") == FIXABLE
    assert f"--- {draft}" in out and "-Hi Sam, um, Lia" in out and "+Hi Sam, Lia at Copperfield, (415) 555-0123." in out
    assert "Would fix 4 findings in 1 file." in err
    draft.write_text(FIXED, encoding="utf-8")
    assert run(capsys, "--diff", "--step", "generic", str(draft))[0] == 0


def test_unsafe_fixes_need_their_flag(tmp_path, capsys):
    text = "Hi Sam, Lia at Copperfield, 415-555-0123. I just wanted to say we cut your payroll errors by half. Call me at 415-555-0123.\n"
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    run(capsys, "--fix", "--step", "generic", str(draft))
    assert draft.read_text(encoding="utf-8") == text
    run(capsys, "--fix", "--unsafe-fixes", "--step", "generic", str(draft))
    assert "just wanted to" not in draft.read_text(encoding="utf-8")
    assert run(capsys, "--unsafe-fixes", str(draft))[0] == 2


def test_a_failed_write_leaves_the_draft_intact(tmp_path, capsys, monkeypatch):
    draft = tmp_path / "draft.txt"
    draft.write_text(FIXABLE, encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, out, err = run(capsys, "--fix", "--step", "generic", str(draft))
    assert code == 2
    assert draft.read_text(encoding="utf-8") == FIXABLE
    assert f"{draft}: could not write the fixed file: No space left on device" in out + err
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_on_standard_input_prints_the_fixed_text(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FIXABLE.encode())))
    code, out, err = run(capsys, "--fix", "--step", "generic", "-")
    assert out == FIXED
    assert "Found 0 findings" in err


def test_json_schema_file_is_generated_from_the_models():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_format.schema(), (
        "regenerate it: python -m vmlint.report.json_format > src/vmlint/report/report.schema.json")


def test_json_output_validates_against_the_published_schema(capsys):
    code, out, _ = run(capsys, "--format", "json", str(EXAMPLES), "missing.txt")
    assert code == 2
    doc = json.loads(out)
    jsonschema.validate(doc, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert doc["errors"][0]["path"] == "missing.txt"
    assert any(f["fix"] for entry in doc["files"] for f in entry["findings"])


def test_sarif_output_validates_against_the_sarif_schema(capsys):
    code, out, _ = run(capsys, "--format", "sarif", str(EXAMPLES), "missing.txt")
    doc = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(doc)
    run_ = doc["runs"][0]
    results = run_["results"]
    assert results and all(r["ruleId"] == run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] for r in results)
    levels = {r["level"] for r in results}
    assert levels <= {"error", "warning", "note"} and "error" in levels
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert run_["invocations"][0]["executionSuccessful"] is False  # missing.txt


def test_github_annotations(capsys):
    code, out, _ = run(capsys, "--format", "github", str(EXAMPLES / "step1-bad.txt"))
    assert code == 1
    line = next(x for x in out.splitlines() if "VM202" in x)
    assert line.startswith(f"::error file={EXAMPLES / 'step1-bad.txt'},line=")
    assert ",col=" in line and ",title=VM202 phone-number-in-first-message::" in line


def test_statistics_counts_findings_per_rule(capsys):
    code, out, _ = run(capsys, "--statistics", "--step", "generic", str(EXAMPLES))
    rows = [line.split() for line in out.splitlines()]
    assert rows and all(r[0].isdigit() and r[1].startswith("VM") for r in rows)
    counts = [int(r[0]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    _, out_json, _ = run(capsys, "--statistics", "--format", "json", "--step", "generic", str(EXAMPLES))
    assert sum(r["count"] for r in json.loads(out_json)) == sum(counts)


def test_output_file(tmp_path, capsys):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "--format", "json", "--output-file", str(target), str(EXAMPLES / "step1-bad.txt"))
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["path"].endswith("step1-bad.txt")


def test_thresholds_decide_the_exit_code(tmp_path, capsys):
    warn_only = str(EXAMPLES / "step2-bad.txt")
    assert run(capsys, warn_only)[0] == 0
    assert run(capsys, "--fail-on", "warning", warn_only)[0] == 1
    assert run(capsys, "--fail-under", "100", warn_only)[0] == 1
    assert run(capsys, "--fail-under", "0", warn_only)[0] == 0
    assert run(capsys, "--exit-zero", str(EXAMPLES / "step1-bad.txt"))[0] == 0
    assert run(capsys, "--exit-zero", "missing.txt")[0] == 2
    assert run(capsys, "--fail-under", "101", warn_only)[0] == 2


def test_thresholds_from_config(tmp_path, capsys):
    (tmp_path / "vmlint.toml").write_text('fail-on = "info"\nfail-under = 90\n', encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Sam, um, Lia at Copperfield, 415-555-0123. We cut your payroll errors by half. Call me at 415-555-0123.\n", encoding="utf-8")
    assert run(capsys, "--step", "generic", str(draft))[0] == 1
    assert run(capsys, "--step", "generic", "--fail-on", "error", "--fail-under", "50", str(draft))[0] == 0
