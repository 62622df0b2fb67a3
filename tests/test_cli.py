"""The command line: output, formats, exit codes, many paths, standard input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vmlint.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_draft_exits_zero(capsys):
    code, out, _ = run(capsys, str(EXAMPLES / "step1-good.txt"))
    assert code == 0
    assert "score 100/100" in out
    assert out.rstrip().endswith("Found 0 findings in 1 file.")


def test_error_finding_exits_one_with_excerpt(capsys):
    code, out, _ = run(capsys, str(EXAMPLES / "step1-bad.txt"))
    assert code == 1
    assert "VM202 phone-number-in-first-message" in out
    assert "617-555-0110" in out and "^^^^^^^^^^^^" in out


def test_warning_only_exits_zero(capsys):
    code, out, _ = run(capsys, str(EXAMPLES / "step2-bad.txt"))
    assert code == 0
    assert "too-many-words" in out


def test_concise_line_format(capsys):
    code, out, _ = run(capsys, "--format", "concise", str(EXAMPLES / "step3-bad.txt"))
    lines = out.splitlines()
    assert lines[0].startswith(f"{EXAMPLES / 'step3-bad.txt'}:")
    assert any(": VM401 missing-ownership " in line for line in lines)


def test_json_document(capsys):
    code, out, _ = run(capsys, "--format", "json", str(EXAMPLES / "step3-good.txt"), str(EXAMPLES / "generic-bad.txt"))
    data = json.loads(out)
    assert code == 1
    assert [Path(f["path"]).name for f in data["files"]] == ["step3-good.txt", "generic-bad.txt"]
    good = data["files"][0]
    assert good["step"] == "3" and good["score"] == 100
    for key in ("words", "spoken_seconds", "phone_numbers", "call_to_action", "commitments", "ownership", "ideas", "readability"):
        assert key in good["facts"]
    assert good["facts"]["phone_numbers"][0]["e164"] == "+16175550110"
    finding = data["files"][1]["findings"][0]
    assert set(finding) >= {"rule", "code", "severity", "message", "line", "column", "end_line", "end_column", "start", "end", "penalty"}


def test_missing_file_exits_two_and_others_still_linted(capsys):
    code, out, err = run(capsys, "--format", "concise", "does-not-exist.txt", str(EXAMPLES / "step1-bad.txt"))
    assert code == 2
    assert "does-not-exist.txt: no such file" in out
    assert "phone-number-in-first-message" in out


def test_directory_is_searched(capsys):
    code, out, _ = run(capsys, "--format", "json", str(EXAMPLES / "week"))
    names = [Path(f["path"]).name for f in json.loads(out)["files"]]
    assert names == ["1-monday.txt", "2-wednesday.txt", "3-friday.txt"]


def test_step_flag_overrides_front_matter(capsys):
    code, out, _ = run(capsys, "--format", "json", "--step", "generic", str(EXAMPLES / "step1-good.txt"))
    assert json.loads(out)["files"][0]["step"] == "generic"


def test_bad_step_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--step", "4", str(EXAMPLES / "step1-good.txt"))
    assert code == 2
    assert "step must be 1, 2, 3 or generic" in err


def test_max_words_flag(capsys):
    code, out, _ = run(capsys, "--format", "concise", "--max-words", "20", str(EXAMPLES / "step1-good.txt"))
    assert "too-many-words" in out and "limit of 20" in out


def test_no_paths_is_a_usage_error(capsys):
    code, _, err = run(capsys)
    assert code == 2
    assert "give at least one PATH" in err


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "VM101   too-many-words" in out
    code, out, _ = run(capsys, "explain", "phone-number-said-once")
    assert code == 0
    for section in ("What it does", "Why", "Example", "Use instead"):
        assert section in out
    code, _, err = run(capsys, "explain", "no-such-rule")
    assert code == 2 and "no rule named" in err


def test_stdin_through_the_installed_command():
    proc = subprocess.run(
        [sys.executable, "-m", "vmlint", "--format", "concise", "--step", "1", "-"],
        input="Hi Al, Bo from Cato. Call me at 312-555-0147. I'll call you Monday.".encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1
    assert b"<stdin>:1:" in proc.stdout and b"phone-number-in-first-message" in proc.stdout


def test_a_sequence_file_shows_its_timeline_and_points_into_the_right_message(capsys):
    code, out, _ = run(capsys, "--no-cache", str(EXAMPLES / "sequences" / "week-promise-broken.txt"))
    assert code == 0  # warnings only
    assert "sequence of 3 messages" in out
    timeline = [line.split() for line in out.splitlines() if line.startswith("  ") and line.split()[:1] in (["1"], ["2"], ["3"])]
    assert [row[2] for row in timeline] == ["1", "2", "3"]  # steps
    assert [row[-1] for row in timeline] == ["-", "no", "no"]  # kept the one before
    assert "week-promise-broken.txt:8:1: VM601 promise-not-kept" in out  # the 'day: Thursday' line
    assert "score 70/100 (sequence" in out


def test_sequence_json_carries_messages_commitments_and_cross_message_findings(capsys):
    code, out, _ = run(capsys, "--no-cache", "--format", "json", str(EXAMPLES / "sequences" / "week-number-too-early.txt"))
    entry = json.loads(out)["files"][0]
    seq = entry["sequence"]
    assert [m["step"] for m in seq["messages"]] == ["1", "2", "3"]
    assert seq["messages"][0]["report"]["facts"]["commitments"][0]["specific"] is True
    assert [(f["rule"], f["message_number"]) for f in seq["findings"]] == [("number-too-early", 2)]
    assert entry["score"] == seq["score"] < 100
