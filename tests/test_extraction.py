"""Finding the voicemails inside playbooks and template files.

Each fixture in ``tests/extraction/`` has a sidecar ``NAME.expected.json``: the exact
messages that must be found (text as linted, the line it starts on, its step and day)
and phrases of blocks that must not be part of any message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vmlint.cli import main
from vmlint.extract import find_messages

FIXTURES = Path(__file__).parent / "extraction"
# The held-out sets of bench/extraction.py are checked too, so a change that loses one of their messages fails here.
FOLDERS = [FIXTURES, *sorted((Path(__file__).parents[1] / "bench").glob("extraction-holdout*"))]
CASES = sorted((p for folder in FOLDERS for p in folder.iterdir() if not p.name.endswith(".expected.json")),
               key=lambda p: (p.parent.name, p.name))


def listing(path: Path) -> list[dict]:
    found = find_messages(path.read_text(encoding="utf-8"), str(path))
    assert found is not None, f"{path.name} is read as a plain draft"
    return found.listing()


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fixture_messages(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got = listing(path)
    want = expected["messages"]
    assert [m["text"] for m in got] == [m["text"] for m in want]
    assert [m["line"] for m in got] == [m["line"] for m in want]
    assert [m["step"] for m in got] == [m["step"] for m in want]
    for g, w in zip(got, want):
        if "day" in w:
            assert g["day"] == w["day"]
    for phrase in expected.get("absent", []):
        assert not any(phrase in m["text"] for m in got), phrase


# -- findings point into the file --------------------------------------------------------------

def lint_results(*paths, args=()):
    from vmlint import lint_paths

    return lint_paths([str(p) for p in paths], **dict(args))


@pytest.mark.parametrize("name", ["outbound-playbook.md", "touch-labels.md", "templates.json", "cadence.yaml", "export.csv"])
def test_every_finding_lands_inside_a_message_of_the_file(name):
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    (result,) = lint_results(path)
    seq = result.sequence
    assert seq is not None and seq.messages
    spans = [(m["line"], m["end_line"]) for m in listing(path)]
    assert [m.line for m in seq.messages] == [s[0] for s in spans]
    for m, (first, last) in zip(seq.messages, spans):
        for f in m.report.findings:
            assert first <= f.line <= last, (f.rule, f.line)
            # line and column agree with the offset in the file as it is on disk
            before = text[:f.start]
            assert f.line == before.count("\n") + 1
            assert f.column == len(before) - (before.rfind("\n") + 1) + 1


def test_a_finding_in_a_cadence_table_points_into_its_cell(tmp_path):
    path = tmp_path / "cadence.md"
    path.write_text("# Cadence\n\n| Day | Channel | Script |\n|---|---|---|\n"
                    "| 1 | Email | Hi Ana, a note about detention fees. |\n"
                    "| 2 | Voicemail | Hi Ana, it's Kai from Bluepine. Um, we cut detention fees by a fifth. I'll call you Monday at 9. |\n",
                    encoding="utf-8")
    (found,) = listing(path)
    assert (found["line"], found["day"]) == (6, "Day 2")
    assert found["text"].startswith("Hi Ana, it's Kai") and found["text"].endswith("Monday at 9.")
    (result,) = lint_results(path)
    (message,) = result.sequence.messages
    (filler,) = [f for f in message.report.findings if f.rule == "filler-phrase"]
    assert path.read_text(encoding="utf-8")[filler.start:filler.end] == "Um"
    assert filler.line == 6


def test_a_filler_finding_in_json_points_at_the_word_in_the_file(tmp_path):
    path = tmp_path / "vm.json"
    path.write_text('{"vm_script": "Hi Ana, it\\u2019s Kai from Bluepine. Um, we cut detention fees by a fifth. I\'ll call you Monday at 9."}',
                    encoding="utf-8")
    (result,) = lint_results(path)
    (message,) = result.sequence.messages
    (filler,) = [f for f in message.report.findings if f.rule == "filler-phrase"]
    assert path.read_text(encoding="utf-8")[filler.start:filler.end] == "Um"


def test_fixes_edit_only_inside_the_message_and_keep_json_valid(tmp_path, capsys):
    path = tmp_path / "vm.json"
    original = ('{"name": "intro", "vm_script": "Hi Ana, it\\u2019s Kai from Bluepine. Um, we cut detention fees by a fifth. '
                'I\'ll call you Monday at 9.", "email_body": "Hi Ana, um, hello."}\n')
    path.write_text(original, encoding="utf-8")
    assert main(["--fix", "--no-cache", str(path)]) in (0, 1)
    fixed = path.read_text(encoding="utf-8")
    data = json.loads(fixed)
    assert data["vm_script"].startswith("Hi Ana, it\u2019s Kai from Bluepine. We cut")
    assert data["email_body"] == "Hi Ana, um, hello."  # not a voicemail: never touched
    assert fixed.startswith('{"name": "intro", "vm_script": "Hi Ana, it\\u2019s Kai')


def test_a_fix_in_a_quoted_yaml_value_is_applied_and_the_file_stays_valid(tmp_path):
    path = tmp_path / "cadence.yaml"
    path.write_text("voicemail: 'Hi Ana, it''s Kai from Bluepine, um, we cut detention fees by a fifth. Give me a call at 312-555-0188.'\n",
                    encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert main(["--fix", "--no-cache", str(path)]) in (0, 1)
    after = path.read_text(encoding="utf-8")
    import yaml

    value = yaml.safe_load(after)["voicemail"]
    assert "um," not in value and value.startswith("Hi Ana, it's Kai from Bluepine")
    assert after != before


def test_an_edit_that_would_change_how_yaml_reads_the_file_is_refused():
    text = "voicemail: Hi Ana, Kai from Bluepine. I'll call you Monday at 9.\nvm_notes: only after two dials\n"
    (source,) = find_messages(text, "c.yaml").sources()
    place = source.placement
    edit = place.edit(6, 6, ": nine")  # a plain scalar cannot hold ': ' (it would become a mapping)
    assert edit is not None
    assert not place.check([edit], "Hi Ana: nine, Kai from Bluepine. I'll call you Monday at 9.")
    ok = place.edit(6, 6, " there")
    assert place.check([ok], "Hi Ana there, Kai from Bluepine. I'll call you Monday at 9.")


def test_a_fix_that_cannot_be_applied_is_offered_with_no_edits(tmp_path):
    from vmlint.engine import _moved_fix
    from vmlint.models import Edit, Fix

    text = "voicemail: Hi Ana, Kai from Bluepine. I'll call you Monday at 9.\n"
    (source,) = find_messages(text, "c.yaml").sources()
    offered = _moved_fix(Fix(message="say it", safe=True, edits=[Edit(start=6, end=6, replacement=": x")]), source)
    assert offered.edits == [] and "not applied" in offered.message
    applied = _moved_fix(Fix(message="say it", safe=True, edits=[Edit(start=6, end=6, replacement=" there")]), source)
    assert [(e.start, e.end, e.replacement) for e in applied.edits] == [(17, 17, " there")]


def test_offered_fix_has_no_edits_when_the_edit_would_cross_an_escape(tmp_path):
    from vmlint.source import FileLines, Placement

    text = '"a\\nb"'
    place = Placement(((0, 1, 1, 1), (1, 2, 1, 2), (2, 4, 1, 1)), FileLines(text))
    assert place.edit(0, 1, "") == (1, 2, "")
    assert place.edit(0, 2, "") is None  # would remove the escape only in part


def test_suppression_before_a_block_applies_to_that_message():
    (result,) = lint_results(FIXTURES / "directives.md")
    rules = [f.rule for m in result.sequence.messages for f in m.report.findings]
    assert "filler-phrase" not in rules and "unused-directive" not in rules


def test_numbered_voicemails_are_linted_as_a_sequence_and_alternatives_are_not():
    week, playbook = lint_results(FIXTURES / "numbered-week.md", FIXTURES / "outbound-playbook.md")
    assert week.sequence.is_sequence and [m.step for m in week.sequence.messages] == ["1", "2", "3"]
    assert not playbook.sequence.is_sequence and playbook.sequence.findings == []


# -- what the user sees -------------------------------------------------------------------------

def test_text_output_heads_each_message_and_says_when_nothing_is_found(capsys):
    # A word budget of 10 gives each voicemail a finding of its own, on its own lines.
    code = main(["--no-cache", "--max-words", "10", str(FIXTURES / "outbound-playbook.md"), str(FIXTURES / "no-voicemail.md")])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert f"message 1 (step generic) at {FIXTURES / 'outbound-playbook.md'}:14:" in out
    assert f"message 2 (step generic) at {FIXTURES / 'outbound-playbook.md'}:26:" in out
    assert f"{FIXTURES / 'outbound-playbook.md'}:16:" in out and "VM101 too-many-words" in out
    assert f"{FIXTURES / 'no-voicemail.md'}: no voicemail found" in out
    assert "2 messages found" in out


def test_list_messages_json(capsys):
    assert main(["--list-messages", "--format", "json", str(FIXTURES / "touch-labels.md")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["messages"]
    first = data["messages"][0]
    assert set(first) == {"path", "line", "end_line", "step", "day", "text"}
    assert data["messages"][2]["line"] == 34 and data["messages"][2]["end_line"] == 35


def test_list_messages_text(capsys):
    assert main(["--list-messages", str(FIXTURES / "numbered-week.md"), str(FIXTURES / "prose-only.md")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{FIXTURES / 'numbered-week.md'}:5: step 1, day Monday: Hi Dana, it's Owen Price")
    assert out[3] == f"{FIXTURES / 'prose-only.md'}: no voicemail found"
    assert out[-1] == "Found 3 messages in 2 files."


def test_json_report_lists_messages_like_a_sequence(capsys):
    main(["--no-cache", "--format", "json", str(FIXTURES / "templates.json")])
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    messages = entry["sequence"]["messages"]
    assert [m["line"] for m in messages] == [8, 14, 18]
    assert all("report" in m and "findings" in m["report"] for m in messages)


def test_config_names_the_key_path_of_a_teams_layout(tmp_path):
    (tmp_path / "vmlint.toml").write_text(
        '[extract."touches/*.yaml"]\ntext = "cadence.touches[*].words"\nstep = "n"\nday = "when"\n', encoding="utf-8")
    (tmp_path / "touches").mkdir()
    path = tmp_path / "touches" / "week.yaml"
    path.write_text(
        "cadence:\n  touches:\n    - n: 1\n      when: monday\n      words: Hi Ana, Kai from Bluepine. I'll call you Wednesday at 11.\n"
        "    - n: 2\n      when: wednesday\n      words: Hi Ana, Kai again, calling Wednesday as promised. I'll try Friday at 3.\n",
        encoding="utf-8")
    from vmlint.config import find_config

    found = find_messages(path.read_text(encoding="utf-8"), str(path), find_config(path))
    assert [(m["line"], m["step"], m["day"]) for m in found.listing()] == [(5, "1", "Monday"), (8, "2", "Wednesday")]
    assert found.sequence


def test_unknown_extract_key_is_a_config_error(tmp_path):
    from vmlint.config import load_file
    from vmlint.errors import ConfigError

    cfg = tmp_path / "vmlint.toml"
    cfg.write_text('[extract."*.yaml"]\ntexts = "a.b"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="texts"):
        load_file(cfg)


# -- bad input and bounds -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, content, message, line",
    [
        ("broken.json", '{"voicemail": "Hi Ana",\n  "vm": }\n', "not valid JSON", 2),
        ("broken.yaml", "voicemail: 'Hi Ana\nvm: [\n", "not valid YAML", None),
        ("broken.csv", 'type,script\nvoicemail,"Hi Ana\n', "not valid CSV", 2),
        ("deep.json", "[" * 5000 + "]" * 5000, "nesting deeper than 64 levels", 1),
        ("deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", "nesting deeper than 64 levels", 1),
        ("big.json", '{"voicemail": "' + "a" * 100_001 + '"}', "longer than 100,000 characters", 1),
        ("big.csv", "type,script\nvoicemail," + "a" * 100_001 + "\n", "longer than 100,000 characters", 2),
    ],
)
def test_bad_data_files_get_one_clear_error_and_others_are_still_linted(tmp_path, name, content, message, line):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    good = tmp_path / "ok.json"
    good.write_text('{"vm": "Hi Ana, Kai from Bluepine. I\'ll call you Wednesday at 11."}', encoding="utf-8")
    results = lint_results(bad, good)
    assert results[0].error is not None and message in results[0].error
    assert results[0].error.startswith(f"{bad}:" + (f"{line}:" if line else ""))
    assert results[1].sequence is not None and len(results[1].sequence.messages) == 1


def test_yaml_aliases_are_never_expanded(tmp_path):
    levels = ["a: &a [" + ",".join(["x"] * 10) + "]"]
    for k in range(1, 9):  # 10**9 strings if expanded
        prev, cur = chr(96 + k), chr(97 + k)
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    levels.append("voicemail: Hi Ana, Kai from Bluepine. I'll call you Wednesday at 11.")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n", encoding="utf-8")
    found = find_messages(path.read_text(encoding="utf-8"), str(path))
    assert [m["text"] for m in found.listing()] == ["Hi Ana, Kai from Bluepine. I'll call you Wednesday at 11."]


def test_a_plain_markdown_draft_is_one_message_as_before(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("Hi Ana, Kai from Bluepine. I'll call you Wednesday at 11.\n", encoding="utf-8")
    assert find_messages(path.read_text(encoding="utf-8"), str(path)) is None


def test_yaml_bounds_hold_without_libyaml_too(tmp_path, monkeypatch):
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    from vmlint.errors import InputError

    with pytest.raises(InputError, match="nesting deeper than 64 levels"):
        find_messages("a: " + "[" * 500 + "]" * 500 + "\n", str(tmp_path / "deep.yaml"))
    found = find_messages("a: &a [x, x]\nb: [*a, *a, *a]\nvm: Hi Ana, Kai from Bluepine. I'll call you Monday.\n", "c.yaml")
    assert [m["line"] for m in found.listing()] == [3]


def test_github_and_sarif_annotations_land_on_the_voicemail_lines(capsys):
    path = FIXTURES / "templates.json"
    main(["--no-cache", "--format", "github", str(path)])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert lines and {int(line.split("line=")[1].split(",")[0]) for line in lines} <= {8, 14, 18}
    main(["--no-cache", "--format", "sarif", str(path)])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    text = path.read_text(encoding="utf-8")
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == text.count("\n", 0, region["charOffset"]) + 1


def test_crlf_playbook_keeps_its_lines(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes((FIXTURES / "outbound-playbook.md").read_bytes().replace(b"\n", b"\r\n"))
    assert [m["line"] for m in listing(path)] == [14, 26]
    (result,) = lint_results(path)
    assert [f.line for m in result.sequence.messages for f in m.report.findings] == \
        [f.line for m in lint_results(FIXTURES / "outbound-playbook.md")[0].sequence.messages for f in m.report.findings]


@pytest.mark.parametrize("args", [
    ["--no-cache", "--format", "concise", "examples/playbooks/outbound.md"],
    ["--no-cache", "--format", "concise", "examples/templates/cadence.yaml"],
    ["--list-messages", "examples/playbooks", "examples/templates"],
])
def test_the_readme_shows_what_vmlint_prints(capsys, monkeypatch, args):
    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    main(args)
    readme = (root / "README.md").read_text(encoding="utf-8")
    for line in capsys.readouterr().out.splitlines():
        assert line in readme, line


def test_a_yaml_comment_directive_above_a_key_applies_to_that_message_only():
    (result,) = lint_results(FIXTURES / "yaml-directives.yaml")
    first, second = result.sequence.messages
    assert "filler-phrase" not in {f.rule for f in first.report.findings}
    assert "filler-phrase" in {f.rule for f in second.report.findings}
    assert "unused-directive" not in {f.rule for f in first.report.findings}


@pytest.mark.parametrize("name, verdict", [
    ("voicemail", "voicemail"), ("vm_script", "voicemail"), ("voicemailText", "voicemail"), ("VoicemailScript", "voicemail"),
    ("voicemail-template", "voicemail"), ("if_no_answer", "voicemail"), ("voicemail_disclaimer", "part"),
    ("vm_notes", "part"), ("vmDropEnabled", "part"), ("voicemailDropAudioUrl", "part"), ("email_subject", "other"),
    ("sms", "other"), ("callScript", "other"), ("script", None), ("first_touch", None),
])
def test_key_names_are_read_by_what_their_words_say(name, verdict):
    from vmlint.extract.names import classify_key

    got = classify_key(name)
    assert (got.value if got else None) == verdict


@pytest.mark.parametrize("heading, verdict", [
    ("Voicemail (under 30 seconds)", "voicemail"), ("Even shorter version", None), ("Follow-up text", "other"),
    ("Objection handling", "other"), ("Webinar sign-ups (came in by email)", None), ("Email after voicemail", "other"),
    ("Voicemail follow-up email", "other"), ("Call + VM", "voicemail"), ("Voicemail text", "voicemail"),
    ("If no answer, leave this", "voicemail"), ("Voicemail Best Practices", "part"), ("Why it works", "part"),
    ("When you want to lead with a specific result", None), ("Mensaje de voz", "voicemail"), ("Message vocal", "voicemail"),
    ("Buzón de voz", "voicemail"), ("Voice Mail", "voicemail"), ("Voicemial scripts", "voicemail"),
])
def test_headings_are_read_by_what_they_say_about_the_channel(heading, verdict):
    from vmlint.extract.names import classify_heading

    got = classify_heading(heading)
    assert (got.value if got else None) == verdict


@pytest.mark.parametrize("heading, step, day", [
    ("Touch 2 — Wednesday", "2", "Wednesday"), ("Day 3 voicemail", None, "Day 3"), ("Step 1", "1", None),
    ("Touch 3 (Day 8)", "3", "Day 8"), ("Second voicemail", "2", None), ("Voicemail", None, None),
])
def test_headings_give_step_and_day(heading, step, day):
    from vmlint.extract.names import step_and_day

    assert step_and_day(heading) == (step, day)
