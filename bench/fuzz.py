"""Fuzz the document model and the rules with hypothesis for a time budget.

    python bench/fuzz.py --seconds 5

Generates arbitrary Unicode text and mutated example drafts (sequence files among them),
lints each as a draft and as a whole file, and checks the same properties as
tests/test_robustness.py (no exception, spans inside the text and equal
to it, score in [0, 100], deterministic). Every third input is instead a mutated playbook
or template file (tests/extraction/, plus deep nests and YAML alias bombs): reading it may
only fail with an InputError naming the file, and every message and finding it yields
must point inside the file. Mutations include the pathological runs of
bench/pathological.py (punctuation runs, bracket nests, long letters, digits, base64,
URLs, emoji, up to 8,000 characters, glued to a word or in a paragraph of their own); an
input that takes more than 20 times as long per character as ordinary prose (plus half a
second) is reported as a stall, the sign of a superlinear layer. Exits non-zero with the
failing input on a bug.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from vmlint import Linter, lint

_LINTER = Linter()

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pathological import prose, shapes  # noqa: E402

RUNS = list(shapes().values())
SPECIALS = ["\u200b", "\u202e", "\u0301", "🙂", "\r", "\r\n", "\n\n", "---\n", "step: 3\n", "# vmlint: disable\n",
            "[Name]", "{{", "}}", "{", "312-555-0147", "five five five oh one", "x217", "(", ")", "’", "\t",
            "\x0b", "\u2028", "p.m.", "I'll call you", "Monday", "call me", "also", "%", "$", "###-####"]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 8)):
        pos = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.1:
            run = rng.choice(RUNS)(rng.randint(65, 8000))
            text = text[:pos] + rng.choice(["", " ", "\n\n"]) + run + rng.choice(["", " ", "\n\n"]) + text[pos:]
        elif op < 0.35:
            text = text[:pos] + rng.choice(SPECIALS) + text[pos:]
        elif op < 0.6:
            text = text[:pos] + text[pos + rng.randint(1, 20):]
        elif op < 0.8:
            text = text[:pos] + "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 10))).encode(
                "utf-8", "ignore").decode("utf-8", "ignore").replace("\ud800", "") + text[pos:]
        else:
            a = rng.randint(0, len(text))
            text = text[:pos] + text[a:a + 40] + text[pos:]
    return "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)


def check(text: str) -> None:
    report = lint(text)
    assert 0 <= report.score <= 100, report.score
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text), f
    for span in [*report.facts.phone_numbers, *report.facts.call_to_action, *report.facts.ideas, *report.facts.commitments]:
        assert text[span.start:span.end] == span.text, span
    assert lint(text) == report
    # The same text as a whole file: several front-matter blocks make it a sequence.
    whole = _LINTER.lint_contents(text, path="fuzz.txt")
    for f in whole.every_finding():
        assert 0 <= f.start <= f.end <= len(text), f
    for message in getattr(whole, "messages", []):
        for span in [*message.report.facts.phone_numbers, *message.report.facts.ideas, *message.report.facts.commitments]:
            assert text[span.start:span.end] == span.text, span
    assert 0 <= whole.score <= 100, whole.score


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def check_file(text: str, suffix: str) -> None:
    """A playbook or template file: only InputError may escape; every message and finding points inside the file."""
    from vmlint.errors import InputError
    from vmlint.extract import find_messages

    name = f"fuzz{suffix}"
    try:
        found = find_messages(text, name)
    except InputError as exc:
        assert str(exc).startswith(name), exc
        return
    if found is None:
        return
    for m in found.messages:
        for ms, fs, ml, fl in m.pieces:
            assert 0 <= fs and fs + fl <= len(text), (ms, fs, ml, fl)
    whole = _LINTER.lint_contents(text, path=name)
    for f in whole.every_finding():
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.line == text.count("\n", 0, f.start) + 1 or "\r" in text, f
    assert 0 <= whole.score <= 100, whole.score


def _file_seeds() -> list[tuple[str, str]]:
    folder = ROOT / "tests" / "extraction"
    seeds = [(p.read_text(encoding="utf-8"), p.suffix) for p in sorted(folder.iterdir()) if not p.name.endswith(".expected.json")]
    seeds += [("[" * 200 + "]" * 200, ".json"), ('{"vm": ' * 80 + '"x"' + "}" * 80, ".json"),
              ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\nvoicemail: Hi Ana, I'll call you.\n", ".yaml"),
              ("- " * 100 + "x\n", ".yaml"), ("> " * 60 + "Hi Ana, I'll call you Monday.\n", ".md")]
    return seeds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    seeds.append("".join(seeds[-3:]))  # a week in one file
    seeds += [run(3000) for run in RUNS[::5]]  # a file that is nothing but a run
    reference = prose(10_000)
    per_char = min(_timed(lambda: check(reference)) for _ in range(3)) / len(reference)
    files = _file_seeds()
    deadline = time.monotonic() + args.seconds
    runs = 0
    while time.monotonic() < deadline:
        if runs % 3 == 2:
            base, suffix = rng.choice(files)
            text = mutate(rng, base)
            try:
                check_file(text, suffix)
            except Exception:
                print(f"fuzz: failure after {runs} inputs on a {suffix} file {text!r}", file=sys.stderr)
                raise
            runs += 1
            continue
        text = mutate(rng, rng.choice(seeds))
        try:
            took = _timed(lambda: check(text))
        except Exception:
            print(f"fuzz: failure after {runs} inputs on {text!r}", file=sys.stderr)
            raise
        if took > 0.5 + 20 * per_char * len(text):
            print(f"fuzz: stall after {runs} inputs: {took:.2f} s for {len(text):,} characters "
                  f"(ordinary prose: {per_char * len(text):.2f} s) on {text!r}", file=sys.stderr)
            return 1
        runs += 1
    print(f"fuzz: {runs} inputs in {args.seconds:g} s, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
