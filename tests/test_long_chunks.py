"""Long whitespace-free runs (punctuation, bracket nests, emoji, letters) cost their length, not its square.

spaCy's tokenizer peels a chunk's prefixes and suffixes one character at a time, so a run
of n punctuation marks cost it about n² (issue 16). ``vmlint.chunks`` keeps every chunk
spaCy sees within ``MAX_CHUNK`` characters. These tests pin what a user relies on: every
real draft is tokenized exactly as spaCy tokenizes it, offsets stay exact, a run changes no
finding about the rest of the draft, and the tokenizer never receives an overlong chunk.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vmlint import Linter, chunks
from vmlint.cli import main
from vmlint.nlp import blank

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "data" / "long-runs"
MAX = chunks.MAX_CHUNK


def _jsonl_texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _drafts() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.jsonl")):
        out += [(f"{path.name}:{i}", t) for i, t in enumerate(_jsonl_texts(path))]
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in (".txt", ".md"):
            out.append((str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")))
    return out


DRAFTS = _drafts()


def tokens(doc, shift: int = 0) -> list[tuple[str, str, str, int]]:
    return [(t.text, t.whitespace_, t.norm_, t.idx + shift) for t in doc]


def spacy_tokens(text: str, shift: int = 0) -> list[tuple[str, str, str, int]]:
    return tokens(blank().make_doc(text), shift)


class SpyNlp:
    """An ``nlp`` whose tokenizer records every text it is given."""

    def __init__(self) -> None:
        self.vocab = blank().vocab
        self.calls: list[str] = []
        self.tokenizer = self._tokenize

    def _tokenize(self, text: str):
        self.calls.append(text)
        return blank().tokenizer(text)


def longest_chunk(texts: list[str]) -> int:
    return max((len(c) for t in texts for c in t.split()), default=0)


def assert_segment_tokens_equal_spacy(text: str, start: int, end: int) -> None:
    """``text[start:end]`` is a long run between whitespace: every token outside it is spaCy's own."""
    doc = chunks.make_doc(blank(), text)
    assert doc.text == text
    before = [t for t in tokens(doc) if t[3] < start]
    assert before == spacy_tokens(text[:start])
    # What follows a chunk is tokenized as if that chunk were a one-letter word.
    after = [t for t in tokens(doc) if t[3] >= end]
    expected = spacy_tokens("x" + text[end:], shift=end - 1)[1:]
    assert after == expected
    last_of_run = [t for t in tokens(doc) if start <= t[3] < end][-1]
    assert last_of_run[1] == blank().make_doc("x" + text[end:])[0].whitespace_


# --- ordinary text: exactly spaCy's tokens -------------------------------------------------------


def test_real_drafts_are_within_the_bound():
    """Every real draft takes the exact path (its longest chunk is a 37-letter run-on)."""
    assert len(DRAFTS) > 400
    assert longest_chunk([t for _, t in DRAFTS]) <= MAX


@pytest.mark.parametrize(("name", "text"), DRAFTS, ids=[n for n, _ in DRAFTS])
def test_every_real_draft_tokenizes_as_spacy_does(name, text):
    assert tokens(chunks.make_doc(blank(), text)) == spacy_tokens(text)


@pytest.mark.parametrize("sep", ["\n\n", " ", "  ", "\n", " \n ", "\t", "\r\n\r\n"])
def test_drafts_around_a_long_run_tokenize_as_spacy_does(sep):
    """A run in the middle forces the piecewise path: the draft around it keeps spaCy's tokens."""
    run = "!" * 3 * MAX
    for _, text in DRAFTS[::7]:
        joined = text + sep + run + sep + text
        start = len(text) + len(sep)
        assert_segment_tokens_equal_spacy(joined, start, start + len(run))


_WORDS = st.sampled_from([
    "Hi", "Dana", "I'll", "can't", "we're", "Owen's", "617-555-0110", "p.m.", "e.g.", "U.S.", "{{first_name}}",
    "[Name]", "____", "!!!", "...", "?!", "…", "—", "--", "(", ")", "\"quoted\"", "'", "$40,000", "50%", "😀",
    "café", "naïve", "x217", "www.example.com", "a@b.co", "follow-up", "Mr.", "9", "a.m.", ":)", "<3", "#1",
])
_GAPS = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", " \n", "\r\n", "\u00a0", "\u2028", ""])


@st.composite
def ordinary_text(draw) -> str:
    """Text like a draft: words and marks, sometimes glued together, but no chunk over the bound."""
    parts = draw(st.lists(st.tuples(_WORDS, _GAPS), max_size=40))
    text = "".join(w + g for w, g in parts)
    return " ".join(c[:MAX] for c in re.split(r"(?<=\S)(?=\s)|(?<=\s)(?=\S)", text) if c) if text else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ordinary_text(), st.sampled_from(["!", "=", "[", "'s", "😀", "a", "-*"]), st.sampled_from([" ", "\n\n", "  "]))
def test_hypothesis_text_tokenizes_as_spacy_does_with_or_without_a_run(text, unit, sep):
    assert longest_chunk([text]) <= MAX
    assert tokens(chunks.make_doc(blank(), text)) == spacy_tokens(text)
    run = unit * (2 * MAX)
    joined = text + sep + run + sep + text
    start = len(text) + len(sep)
    assert_segment_tokens_equal_spacy(joined, start, start + len(run))


# --- long runs: bounded pieces, exact offsets -------------------------------------------------------

_RUNS = {
    **{f"run of {c!r}": c * 5000 for c in string.punctuation},
    "[[[ ]]]": "[" * 2500 + "]" * 2500,
    "((( )))": "(" * 2500 + ")" * 2500,
    "{{{ }}}": "{" * 2500 + "}" * 2500,
    "emoji": "😀" * 5000,
    "mixed emoji": "".join(chr(0x1F600 + i % 80) for i in range(5000)),
    "random punctuation": "".join(string.punctuation[(i * 7) % 32] for i in range(5000)),
}
_WORDY_RUNS = {
    "letters": "abcdefghij" * 500,
    "digits": "0123456789" * 500,
    "base64": "aGVsbG8gd29ybGQ+L3ZtbGludA==" * 180,
    "URL": "https://example.com/" + "a/b-c_d.e?f=g&" * 350,
    "'s's's": "'s" * 2500,
    "a,a,a": "a," * 2500,
    "A..A..": "A.." * 1700,
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=30), st.sampled_from(list(_RUNS.values()) + list(_WORDY_RUNS.values())),
                          st.sampled_from(["!", "'s", "a", "=", "😀", "[", "a!", ",a"]).map(lambda u: u * 70)),
                max_size=6))
def test_any_text_keeps_its_offsets_and_the_tokenizer_never_sees_an_overlong_chunk(parts):
    text = "".join(parts)
    nlp = SpyNlp()
    doc = chunks.make_doc(nlp, text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx:t.idx + len(t.text)] == t.text
    assert longest_chunk(nlp.calls) <= MAX


@pytest.mark.parametrize("name", list(_RUNS) + list(_WORDY_RUNS))
def test_a_run_reaches_the_tokenizer_only_in_bounded_pieces(name):
    run = {**_RUNS, **_WORDY_RUNS}[name]
    text = f"Call me back{run} at 617-555-0110. Thanks{run}\n\n{run}"
    nlp = SpyNlp()
    doc = chunks.make_doc(nlp, text)
    assert doc.text == text
    assert longest_chunk(nlp.calls) <= MAX
    assert sum(len(c) for c in nlp.calls) <= len(text)  # every character is tokenized at most once
    # a chunk longer than any word is its head, one opaque token, and its tail
    assert len(chunks.make_doc(blank(), run)) <= 2 * MAX + 1


@pytest.mark.parametrize("name", list(_RUNS) + ["letters", "digits"])
def test_a_run_of_one_kind_is_one_token(name):
    run = {**_RUNS, **_WORDY_RUNS}[name]
    assert re.fullmatch(r"[^\W_]+|[\W_]+", run)  # letters and digits, or neither
    doc = chunks.make_doc(blank(), f"Thanks.\n\n{run}\n\nBye.")
    assert run in [t.text for t in doc]


def test_prose_glued_to_a_run_keeps_its_tokens():
    doc = chunks.make_doc(blank(), "Call me back" + "!" * 1000 + " and I'll" + "?" * 300 + " call 617-555-0110" + ")" * 100)
    words = [t.text for t in doc]
    assert words[:4] == ["Call", "me", "back", "!" * 1000]
    assert words[4:8] == ["and", "I", "'ll", "?" * 300]
    assert [t.norm_ for t in doc][6] == "will"
    assert words[-2:] == [*[t.text for t in blank().make_doc("617-555-0110")], ")" * 100][-2:]
    # 3 marks or 3 dots glued to a word within the bound: spaCy's own tokens
    assert [t.text for t in chunks.make_doc(blank(), "Wait...what?!Really!!!")] == \
        [t.text for t in blank().make_doc("Wait...what?!Really!!!")]


# --- whole files: exact spans, the same findings as without the run ---------------------------------


def _split_after_first_sentence(text: str) -> int:
    body = re.search(r"^---\n.*?\n---\n", text, re.S)
    m = re.compile(r"[.!?](?= [A-Z])").search(text, body.end() if body else 0)
    assert m, "a draft with two sentences"
    return m.end()


def _findings(report) -> list[tuple]:
    return sorted((f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings)


LINTER = Linter()
_EXAMPLES = ["examples/step1-bad.txt", "examples/step3-good.txt", "examples/generic-bad.txt"]


@pytest.mark.parametrize("name", list(_RUNS))
def test_a_run_in_its_own_paragraph_changes_no_finding(name):
    run = _RUNS[name]
    for example in _EXAMPLES:
        text = (ROOT / example).read_text(encoding="utf-8")
        cut = _split_after_first_sentence(text)
        base = text[:cut] + "\n\n" + text[cut + 1:]
        with_run = text[:cut] + "\n\n" + run + "\n\n" + text[cut + 1:]
        shift, after = len(run) + 2, cut + 2
        expected = []
        for rule, s, e, line, col, eline, ecol, msg in _findings(LINTER.lint_contents(base, path=example)):
            moved = s >= after
            expected.append((rule, s + shift * moved, e + shift * (e > after), line + 2 * moved, col,
                             eline + 2 * (e > after), ecol, msg))
        assert _findings(LINTER.lint_contents(with_run, path=example)) == sorted(expected), example


def _line_col(text: str, offset: int) -> tuple[int, int]:
    lines = re.split(r"\r\n|\r|\n", text[:offset])
    return len(lines), len(lines[-1]) + 1


def _json_parts(entry: dict) -> list[dict]:
    """A file's findings and facts: one draft's, or each message's of a sequence or playbook."""
    if "sequence" in entry:
        seq = entry["sequence"]
        return [m["report"] for m in seq["messages"]] + [{"findings": seq["findings"], "facts": {}}]
    return [entry]


def test_fixture_files_lint_with_exact_spans(tmp_path, capsys):
    files = sorted(FIXTURES.glob("*.*"))
    assert len(files) >= 4
    code = main(["--format", "json", "--no-cache", *map(str, files)])
    out = json.loads(capsys.readouterr().out)
    assert code in (0, 1) and not out["errors"]
    assert {Path(f["path"]).name for f in out["files"]} == {p.name for p in files}
    for entry in out["files"]:
        text = Path(entry["path"]).read_text(encoding="utf-8")
        assert longest_chunk([text]) > 20 * MAX
        parts = _json_parts(entry)
        assert any(part["findings"] for part in parts), entry["path"]
        for part in parts:
            for f in part["findings"]:
                assert 0 <= f["start"] <= f["end"] <= len(text)
                assert (f["line"], f["column"]) == _line_col(text, f["start"])
                assert (f["end_line"], f["end_column"]) == _line_col(text, f["end"])
            facts = part["facts"]
            for span in [*facts.get("phone_numbers", []), *facts.get("commitments", []), *facts.get("ideas", [])]:
                assert text[span["start"]:span["end"]] == span["text"]


def _facts(report) -> list:
    return [m.report.facts for m in report.messages] if hasattr(report, "messages") else [report.facts]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.*")), ids=lambda p: p.name)
def test_fixture_files_find_what_the_draft_without_its_runs_finds(path):
    """Each fixture is a real-looking draft with long runs glued on or set apart: the facts are the draft's."""
    text = path.read_text(encoding="utf-8")
    without = re.sub(r"[^\w\s]{65,}", "", text)
    assert without != text
    full = _facts(LINTER.lint_contents(text, path=path.name))
    plain = _facts(LINTER.lint_contents(without, path=path.name))
    assert len(full) == len(plain)

    def summary(facts):
        return ([p.e164 for p in facts.phone_numbers], [c.specific for c in facts.commitments], facts.words,
                bool(facts.call_to_action), facts.caller_name is None, facts.company is None)

    assert [summary(f) for f in full] == [summary(f) for f in plain]
