"""The language server's parts without the wire: positions, settings, linting a document, conversions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from hypothesis import given, settings
from hypothesis import strategies as st

from vmlint import lint_sequence
from vmlint.engine import linter
from vmlint.lsp import analysis, convert
from vmlint.lsp import positions
from vmlint.lsp.positions import LineIndex

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


# -- positions -----------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "unit"), [("utf-16", lambda s: len(s.encode("utf-16-le")) // 2),
                                               ("utf-8", lambda s: len(s.encode("utf-8"))),
                                               ("utf-32", len)])
def test_positions_count_the_agreed_units_and_round_trip(encoding, unit):
    contents, breaks = ["Hé 😀 you", "next 🎉 line", "third", "last"], ["\r\n", "\r", "\n", ""]
    text = "".join(c + b for c, b in zip(contents, breaks))
    index = LineIndex(text, encoding)
    start = 0
    for number, (content, brk) in enumerate(zip(contents, breaks)):
        for i in range(len(content) + 1):
            line, col = index.position(start + i)
            assert (line, col) == (number, unit(content[:i]))
            assert index.offset(line, col) == start + i
        start += len(content) + len(brk)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \r\n\u2028\x0cé😀\ud800")), max_size=40),
       st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_positions_agree_with_the_encoded_text(text, encoding):
    """Any text, any encoding: the column is the encoded length of the line up to the offset, and it maps back.

    Long lines are converted a chunk at a time: a chunk of 3 characters makes these short texts long.
    """
    for chunk in (3, positions.CHUNK):
        saved, positions.CHUNK = positions.CHUNK, chunk
        try:
            _check_positions(text, encoding)
        finally:
            positions.CHUNK = saved


def _check_positions(text: str, encoding: str) -> None:
    index = LineIndex(text, encoding)
    width = {"utf-16": 2, "utf-8": 1, "utf-32": 4}[encoding]
    codec = {"utf-16": "utf-16-le", "utf-8": "utf-8", "utf-32": "utf-32-le"}[encoding]
    for offset in range(len(text) + 1):
        line, col = index.position(offset)
        before = text[:offset]
        breaks = re.findall(r"\r\n|\r|\n", before)
        if offset < len(text) and text[offset - 1:offset + 1] == "\r\n" and offset:
            continue  # between the two characters of one line break: not a position LSP can name
        assert line == len(breaks)
        start = max(before.rfind("\n"), before.rfind("\r")) + 1
        assert col == len(before[start:].encode(codec, "surrogatepass")) // width
        assert index.offset(line, col) == offset


def test_only_lsp_line_breaks_start_lines():
    text = "a\u2028b\x0cc\nd"  # str.splitlines would break at U+2028 and form feed; LSP does not
    index = LineIndex(text)
    assert index.position(text.index("c")) == (0, 4)
    assert index.position(text.index("d")) == (1, 0)


def test_positions_clamp_and_never_split_a_character():
    text = "😀x\nyz"
    index = LineIndex(text)
    assert index.offset(0, 1) == 0  # inside the surrogate pair: the emoji's start
    assert index.offset(0, 99) == 2  # past the line's end: its end, not the next line
    assert index.offset(9, 0) == len(text)
    assert index.position(99) == (1, 2)
    with pytest.raises(ValueError, match="utf-16"):
        LineIndex(text, "latin-1")


# -- settings ------------------------------------------------------------------------------


def test_settings_at_the_top_level_or_under_vmlint():
    top, notes = analysis.parse_settings({"select": "VM1, weak-opener", "max-words": 40})
    nested, _ = analysis.parse_settings({"vmlint": {"select": ["VM1", "weak-opener"], "max-words": 40}})
    assert top == nested
    assert top.overrides() == {"select": ["VM1", "weak-opener"], "max_words": 40}
    assert notes == []
    settings, notes = analysis.parse_settings({"step": "step 2", "colour": "red"})
    assert settings.step == "2"
    assert notes == ["unknown setting 'colour' ignored (settings: select, ignore, step, max-words)"]
    assert analysis.parse_settings(None) == (analysis.Settings(), [])


@pytest.mark.parametrize(("raw", "message"), [
    ({"max-words": 0}, "max-words"), ({"max-words": True}, "max-words"), ({"step": "4"}, "step"),
    ({"ignore": [1]}, "ignore"), ("select=VM1", "object"),
])
def test_bad_settings_name_the_setting(raw, message):
    with pytest.raises(analysis.SettingsError, match=message):
        analysis.parse_settings(raw)


# -- linting a document --------------------------------------------------------------------


def test_a_document_is_linted_with_the_config_found_above_it(tmp_path):
    (tmp_path / "vmlint.toml").write_text('max-words = 5\nignore = ["VM4"]\n', encoding="utf-8")
    path = tmp_path / "drafts" / "a.txt"
    path.parent.mkdir()
    text = "Hi Ana, um, it's Jo from Pinecrest with a long message for you today.\n"
    out = analysis.lint_document(text, path.as_uri())
    found = {f.code for f in out.report.findings}
    assert "VM101" in found and not any(c.startswith("VM4") for c in found)
    # Settings override the file's keys, as the CLI's flags do.
    out = analysis.lint_document(text, path.as_uri(), settings=analysis.Settings(max_words=50, ignore=()))
    found = {f.code for f in out.report.findings}
    assert "VM101" not in found and "VM405" in found


def test_an_unsaved_document_uses_the_workspace_folders_config(tmp_path):
    (tmp_path / "vmlint.toml").write_text('step = "1"\n', encoding="utf-8")
    text = "Hi Ana, it's Jo from Pinecrest, 617-555-0110. I'll call you Thursday at 2 p.m.\n"
    out = analysis.lint_document(text, "untitled:Untitled-1", language_id="plaintext", folder=str(tmp_path))
    assert out.report.step == "1" and "VM202" in {f.code for f in out.report.findings}


def test_a_lone_surrogate_is_linted_and_offsets_still_fit():
    text = "Hi \ud800 Ana, um, it's Jo.\n"
    out = analysis.lint_document(text, "untitled:x", language_id="plaintext")
    filler = next(f for f in out.report.findings if f.rule == "filler-phrase")
    assert text[filler.start:filler.end] == "um"


def test_drafts_are_txt_and_md_files_or_unsaved_text():
    assert analysis.is_draft("file:///s/a.TXT", "python")
    assert analysis.is_draft("file:///s/a%20b.md", None)
    assert not analysis.is_draft("file:///s/a.py", "plaintext")
    assert analysis.is_draft("untitled:Untitled-1", "markdown")
    assert not analysis.is_draft("untitled:Untitled-1", "python")
    assert analysis.path_of("file:///s/a%20b.md") == "/s/a b.md"


# -- conversions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Playbook:
    """Any report with a list of messages (the shape multi-message files share) and no every_finding()."""

    messages: list
    findings: list


def test_findings_of_any_report_with_messages():
    text = (EXAMPLES / "sequences" / "week-promise-broken.txt").read_text(encoding="utf-8")
    seq = lint_sequence(text)
    generic = Playbook(messages=seq.messages, findings=seq.findings)
    assert convert.findings_of(generic) == seq.every_finding()
    index = LineIndex(text)
    diagnostics = convert.diagnostics(generic, index)
    promise = next(d for d in diagnostics if d.code == "VM601")
    assert promise.range.start.line == text[:text.index("day: Thursday")].count("\n")


def test_rule_markdown_fences_examples_that_hold_backticks():
    rule = linter().rule("filler-phrase")
    md = convert.rule_markdown(rule)
    assert md.startswith("**VM405 filler-phrase** (info; steps 1, 2, 3, generic)")
    assert f"```text\n{rule.doc.example}\n```" in md
    assert convert._block("a ``` b") == "````text\na ``` b\n````"


def test_disable_directive_uses_the_comment_style():
    assert convert.disable_directive("weak-opener", markdown=False) == "# vmlint: disable-next-line=weak-opener"
    assert convert.disable_directive("weak-opener", markdown=True) == "<!-- vmlint: disable-next-line=weak-opener -->"


def test_an_internal_error_becomes_one_diagnostic_and_a_log(monkeypatch):
    from vmlint.lsp import server as srv

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(srv.analysis, "lint_document", broken)
    done = srv.server.lint_now("file:///s/a.txt", "Hi.", 3, "plaintext")
    assert done.version == 3
    assert "internal error: RuntimeError: boom" in done.outcome.problem
    assert "Traceback" in done.failure and "boom" in done.failure
    (diag,) = srv.server.diagnostics_of(done)
    assert "boom" in diag.message


def test_without_the_lsp_extra_the_command_says_what_to_install(tmp_path):
    # A pygls that cannot be imported stands for one that is not installed.
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text("raise ImportError('No module named pygls')\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "vmlint", "lsp"], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)}, stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    assert "pip install 'vmlint[lsp]'" in run.stderr
    assert run.stdout == ""


def test_an_unused_directive_is_marked_unnecessary():
    text = "# vmlint: disable-next-line=too-many-words\nHi Ana, it's Jo from Pinecrest. I'll call you Thursday at 2 p.m.\n"
    report = linter().lint_contents(text, path="a.txt", step="1")
    diagnostics = convert.diagnostics(report, LineIndex(text))
    (unused,) = [d for d in diagnostics if d.code == "VM003"]
    assert unused.tags == [lsp.DiagnosticTag.Unnecessary]
    assert all(d.tags is None for d in diagnostics if d.code != "VM003")
