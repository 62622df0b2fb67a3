"""Bad input gets a clear one-line error naming the file; no text crashes the linter."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vmlint import Linter, lint, lint_file
from vmlint.cli import main
from vmlint.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DRAFT = "Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147."


def cli(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# --- bad input, each a one-line error, exit 2, other files still linted -------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Hi\x00there", "binary file (contains NUL bytes), not a text draft"),
        (b"Hi Ana \xff\xfe caf\xe9", "not valid UTF-8 at byte offset 7 (byte 0xff)"),
        (b"Caf\xc3", "not valid UTF-8 at byte offset 3 (byte 0xc3)"),
    ],
)
def test_unreadable_content(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(DRAFT)
    code, out, _ = cli(capsys, "--format", "concise", bad, good)
    assert code == 2
    assert any(line.startswith(f"{bad}: {message}") for line in out.splitlines())
    assert "score" not in out and "Found 0 findings in 1 file; 1 file could not be read." in out


def test_permission_denied(tmp_path, capsys, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(DRAFT)
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    code, out, _ = cli(capsys, "--format", "concise", locked)
    assert code == 2
    assert f"{locked}: permission denied" in out


def test_file_over_the_size_limit_is_refused(tmp_path, capsys):
    (tmp_path / "vmlint.toml").write_text("max-file-bytes = 1000\n")
    big = tmp_path / "big.txt"
    big.write_text("word " * 400)
    code, out, _ = cli(capsys, "--format", "concise", big)
    assert code == 2
    assert f"{big}: file is 2,000 bytes, over the 1,000-byte limit (max-file-bytes)" in out


@pytest.mark.parametrize("text", ["", "   \n\t\n", "---\nstep: 1\n---\n"])
def test_empty_files_get_one_clear_finding(tmp_path, text):
    path = tmp_path / "empty.txt"
    path.write_text(text)
    report = lint_file(path)
    assert [f.rule for f in report.findings] == ["empty-message"]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, b""])
def test_utf8_with_or_without_bom(tmp_path, bom):
    path = tmp_path / "d.txt"
    path.write_bytes(bom + DRAFT.encode("utf-8"))
    report = lint_file(path)
    assert report.findings == []
    assert report.facts.phone_numbers[0].start == DRAFT.index("312")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    path = tmp_path / "d.txt"
    data = DRAFT.encode(codec)
    if codec != "utf-16":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    path.write_bytes(data)
    assert lint_file(path).facts.words == 16


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_keep_lines_columns_and_offsets(tmp_path, newline):
    text = newline.join(["---", "step: 3", "---", "Hi Ruth, Ben at Corvid.", "Ring me at 720-555-0188."]) + newline
    path = tmp_path / "d.txt"
    path.write_bytes(text.encode())
    report = lint_file(path)
    assert report.step == "3"
    finding = next(f for f in report.findings if f.rule == "phone-number-said-once")
    assert (finding.line, finding.column, finding.end_column) == (5, 12, 24)
    assert text[finding.start:finding.end] == "720-555-0188"


def test_a_very_long_line_and_a_large_file(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text(("We cut costs by a third for Acme and we also audit payroll. " * 3000) + "Call 312-555-0147.")
    code, out, _ = cli(capsys, path)
    assert code == 0
    excerpt = [line for line in out.splitlines() if line.startswith("1 | ")]
    assert excerpt and all(len(line) < 120 for line in excerpt)


def test_directory_recursion_skips_hidden_and_survives_symlink_loops(tmp_path, capsys):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "a.txt").write_text(DRAFT)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text(DRAFT)
    (tmp_path / "scripts" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    code, out, _ = cli(capsys, "--format", "json", tmp_path)
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert code == 0
    assert paths == [str(tmp_path / "scripts" / "a.txt")]


def test_front_matter_with_a_bad_step_is_a_finding_on_its_line(tmp_path, capsys):
    path = tmp_path / "d.txt"
    path.write_text("---\nday: Monday\nstep: 7\n---\nHi there.\n")
    code, out, _ = cli(capsys, "--format", "concise", path)
    assert code == 1
    assert f"{path}:3:1: VM002 invalid-front-matter step must be 1, 2, 3 or generic, not '7'; linted as step generic" in out


# --- bad configuration and rule packs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("max-words = [", "vmlint.toml:1: not valid TOML"),
        ("max-words = 30\ncolour = true\n", "vmlint.toml:2: unknown key 'colour'"),
        ('max-words = "many"\n', "vmlint.toml:1: 'max-words': Input should be a valid integer"),
        ('region = "Atlantis"\n', "vmlint.toml:1: 'region': Value error, unknown region 'Atlantis'"),
        ("[steps]\n\"*.txt\" = 9\n", "'steps'"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path, capsys, config, message):
    (tmp_path / "vmlint.toml").write_text(config)
    (tmp_path / "d.txt").write_text(DRAFT)
    code, out, _ = cli(capsys, "--format", "concise", tmp_path / "d.txt")
    assert code == 2
    assert message in out


def test_rule_pack_with_an_invalid_pattern(tmp_path, capsys):
    pack = tmp_path / "pack" / "phrases"
    pack.mkdir(parents=True)
    (pack / "filler.toml").write_text('patterns = [\n  "at any rate",\n  "<weekday> vibes",\n]\n')
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["pack"]\n')
    (tmp_path / "d.txt").write_text(DRAFT)
    code, out, _ = cli(capsys, "--format", "concise", tmp_path / "d.txt")
    assert code == 2
    assert f"{pack / 'filler.toml'}:3: invalid pattern: unknown class '<weekday>'" in out


def test_rule_pack_adds_phrases_to_a_built_in_family(tmp_path):
    pack = tmp_path / "pack" / "phrases"
    pack.mkdir(parents=True)
    (pack / "act_target.toml").write_text('patterns = ["beep"]\n')  # a team's own contact verb
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["pack"]\n')
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Ana, Jo at Pinecrest. We cut no-shows by a third. Beep me anytime.")
    assert "missing-call-to-action" not in {f.rule for f in lint_file(draft).findings}
    assert "missing-call-to-action" in {f.rule for f in lint(draft.read_text()).findings}


def test_a_catastrophic_regex_in_a_pack_cannot_hang(tmp_path):
    # Patterns are spaCy token patterns, never regular expressions: "(a+)+$" is read as
    # literal tokens and matched in linear time. A hang would trip the timeout.
    pack = tmp_path / "pack" / "phrases"
    pack.mkdir(parents=True)
    (pack / "filler.toml").write_text('patterns = ["(a+)+$"]\n')
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["pack"]\n')
    (tmp_path / "d.txt").write_text("a" * 5000 + "!")
    proc = subprocess.run(
        [sys.executable, "-m", "vmlint", "--format", "concise", str(tmp_path / "d.txt")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr


# --- properties over arbitrary text ----------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=400,
)
SEEDS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]
SPECIALS = ["\u200b", "\u202e", "\u0301", "🙂", "\r", "\r\n", "\n\n", "---\n", "# vmlint: disable=VM101\n", "[Name]", "{{", "}}", "312-555-0147", "five five five", "x217", "(", ")", "’", "\t", "\x0b", "\u2028"]


@st.composite
def mutated_drafts(draw):
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "special"]))
        if action == "insert":
            text = text[:pos] + draw(TEXT) + text[pos:]
        elif action == "delete":
            end = draw(st.integers(pos, min(len(text), pos + 30)))
            text = text[:pos] + text[end:]
        else:
            text = text[:pos] + draw(st.sampled_from(SPECIALS)) + text[pos:]
    return text


def check_report(text: str) -> None:
    report = lint(text, step=None)
    assert 0 <= report.score <= 100
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        line_start = sum(len(line) + 1 for line in lines[: f.line - 1])
        # line/column agree with the offset (in the newline-normalised text, where CRLF is one char)
        normalised_offset = len(text[: f.start].replace("\r\n", "\n"))
        assert normalised_offset == line_start + f.column - 1
    for p in report.facts.phone_numbers:
        assert text[p.start:p.end] == p.text
    for span in report.facts.call_to_action + report.facts.ownership + report.facts.ideas:
        assert text[span.start:span.end] == span.text
    assert lint(text) == report


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_lint_never_raises_on_arbitrary_text(text):
    check_report(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_drafts())
def test_lint_never_raises_on_mutated_drafts(text):
    check_report(text)


def test_threads_give_the_same_results_as_serial():
    texts = SEEDS * 4
    linter = Linter()
    serial = [linter.lint_text(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(linter.lint_text, texts))
    assert parallel == serial


def test_a_user_pack_rule_is_selected_configured_and_reported_like_a_built_in(tmp_path, capsys):
    packs = tmp_path / "house" / "packs"
    packs.mkdir(parents=True)
    (packs / "house.toml").write_text(
        """[[rule]]
code = "HS001"
name = "says-synergy"
kind = "forbid"
patterns = ["synergy", "circle back"]
severity = "warning"
message = "'{match}' is banned house jargon"
summary = "House jargon."
what = "Reports house jargon."
why = "Our buyers hate it."
example = "Hi Ana, Jo at Pinecrest. Let's find synergy."
fixed = "Hi Ana, Jo at Pinecrest."

[[rule]]
code = "HS002"
name = "says-utilize"
kind = "swap"
swap = {"utilize" = "use"}
message = "say '{replacement}', not '{match}'"
summary = "A plainer word exists."
what = "Swaps a word."
why = "Plain words are easier to hear."
example = "We utilize data."
fixed = "We use data."
"""
    )
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["house"]\n[severity]\nsays-synergy = "error"\n')
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Ana, Jo at Pinecrest, 312-555-0147. We utilized synergies to cut no-shows. Call me at 312-555-0147.")
    code, out, _ = cli(capsys, "--format", "concise", draft)
    assert code == 1
    assert "HS001 says-synergy 'synergies' is banned house jargon" in out
    assert "HS002 says-utilize say 'use', not 'utilized'" in out
    code, out, _ = cli(capsys, "--format", "concise", "--ignore", "HS", draft)
    assert "HS00" not in out


@pytest.mark.parametrize(
    ("pack", "message"),
    [
        ('[[rule]]\ncode = "HS001"\nname = "x"\nkind = "forbid"\n', "rule x: message: Field required"),
        ('[[rule]]\ncode = "HS001"\nname = "x"\nkind = "shout"\n', "kind: Input should be 'forbid', 'require', 'swap' or 'limit'"),
        ('[[rule]]\ncode = "HS001"\nname = "x"\nkind = "limit"\nfact = "mood"\nmessage = "m"\nsummary = "s"\nwhat = "w"\nwhy = "y"\nexample = "e"\nfixed = "f"\n', "fact 'mood' is not one of"),
        ('[[rule]]\ncode = "VM101"\nname = "x"\nkind = "forbid"\npatterns = ["a"]\nmessage = "m"\nsummary = "s"\nwhat = "w"\nwhy = "y"\nexample = "e"\nfixed = "f"\n', "rule 'VM101' is already defined"),
        ('[[rule]]\ncode = "HS001"\nname = "x"\nkind = "forbid"\nfamily = ["nope"]\nmessage = "m"\nsummary = "s"\nwhat = "w"\nwhy = "y"\nexample = "e"\nfixed = "f"\n', "no phrase family named 'nope'"),
        ("[rules]\n", "unknown key 'rules'"),
    ],
)
def test_invalid_rule_packs_name_the_file(tmp_path, capsys, pack, message):
    packs = tmp_path / "house" / "packs"
    packs.mkdir(parents=True)
    (packs / "house.toml").write_text(pack)
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["house"]\n')
    (tmp_path / "d.txt").write_text(DRAFT)
    code, out, _ = cli(capsys, "--format", "concise", tmp_path / "d.txt")
    assert code == 2
    assert str(packs / "house.toml") in out and message in out


# --- fixes: only the edited spans change, and fixing twice changes nothing ------------------------

FIX_SPECIALS = ["um, ", "Uh, ", " hope you're well!", "just checking in, ", "3125550147", "617 555 01 10", " basically"]


@st.composite
def fixable_drafts(draw):
    text = draw(mutated_drafts())
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.sampled_from(FIX_SPECIALS)) + text[pos:]
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fixable_drafts(), st.booleans())
def test_fixes_touch_only_their_spans_and_are_idempotent(text, unsafe):
    from vmlint.fixes import apply, chosen, fix_text

    report = lint(text, step="generic")
    fixes = chosen(report.findings, unsafe=unsafe)
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: e.start)
    fixed = apply(text, fixes)
    # Walk the edits: text between them is copied as it was.
    pos, out_pos = 0, 0
    for e in edits:
        keep = text[pos:e.start]
        assert fixed[out_pos:out_pos + len(keep)] == keep
        out_pos += len(keep)
        assert fixed[out_pos:out_pos + len(e.replacement)] == e.replacement
        out_pos += len(e.replacement)
        pos = e.end
    assert fixed[out_pos:] == text[pos:]

    once, _, _ = fix_text(text, lambda t: lint(t, step="generic"), unsafe=unsafe)
    twice, _, applied = fix_text(once, lambda t: lint(t, step="generic"), unsafe=unsafe)
    assert twice == once and applied == 0


def test_a_span_over_a_directive_line_shows_the_file_text():
    text = ("Hi Ana, Jo at Pinecrest, 312-555-0147. We cut no-shows by a third,\n# vmlint: disable=VM405\n"
            "which saves your front desk hours. Call me at 312-555-0147.")
    [idea] = lint(text).facts.ideas
    assert "# vmlint" in idea.text and text[idea.start:idea.end] == idea.text


@pytest.mark.parametrize("path", sorted((EXAMPLES / "sequences").glob("*.txt")), ids=lambda p: p.name)
def test_sequence_spans_and_findings_point_into_the_file(path):
    text = path.read_text(encoding="utf-8")
    report = lint_file(path)
    for message in report.messages:
        facts = message.report.facts
        for span in [*facts.phone_numbers, *facts.call_to_action, *facts.ideas, *facts.commitments, *facts.promise_reference]:
            assert text[span.start:span.end] == span.text
    lines = text.splitlines()
    for f in report.every_finding():
        first_line = text[f.start:f.end].split("\n")[0]
        assert lines[f.line - 1][f.column - 1:].startswith(first_line), f


@pytest.mark.parametrize("text", [
    "}}}}###-####}}}}",  # found by the fuzz run: a clause whose only said word is a number slot made of symbols
    "{{{{\n\n}}}}###-####}}}}",
    "###-####",
    "... ###-#### ...",
])
def test_a_clause_of_symbols_around_a_number_slot_is_linted(text):
    report = lint(text)
    for span in report.facts.call_to_action:
        assert text[span.start:span.end] == span.text


def test_a_require_rule_with_unless_stays_quiet_when_that_fact_is_present(tmp_path):
    pack = tmp_path / "pack" / "packs"
    pack.mkdir(parents=True)
    (pack / "team.toml").write_text('''[[rule]]
code = "TEAM1"
name = "no-referral"
kind = "require"
fact = "referral"
unless = "commitments"
unless-steps = ["generic"]
message = "say who referred you"
summary = "No referral."
what = "Looks for a referral."
why = "Our method names the referrer."
example = "Hi Ana, Jo at Pinecrest about your clinic's no-shows. Call me at 312-555-0147."
fixed = "Hi Ana, Jo at Pinecrest. Dana Ruiz suggested I call about your clinic's no-shows. Call me at 312-555-0147."
''')
    (tmp_path / "vmlint.toml").write_text('rule-packs = ["pack"]\n')
    asks = tmp_path / "asks.txt"
    asks.write_text("Hi Ana, Jo at Pinecrest about your clinic's no-shows. Call me at 312-555-0147.")
    commits = tmp_path / "commits.txt"
    commits.write_text("Hi Ana, Jo at Pinecrest about your clinic's no-shows. I'll call you Thursday at ten.")
    assert "no-referral" in {f.rule for f in lint_file(asks, step="generic").findings}
    assert "no-referral" not in {f.rule for f in lint_file(commits, step="generic").findings}
    assert "no-referral" in {f.rule for f in lint_file(commits, step="3").findings}
