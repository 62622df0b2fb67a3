"""Time per byte on pathological input, against ordinary prose of the same size, in one run.

    python bench/pathological.py              # every shape at 1 KB, 10 KB, 100 KB and 1 MB (a few minutes)
    python bench/pathological.py --smoke      # every shape at 1 KB and 4 KB, one repeat (CI: the harness works)
    python bench/pathological.py --sizes 1000000 --only '=' --only base64

Each input is a draft of ordinary prose with one long whitespace-free run in it: glued to
the end of a word (``... call me back!!!!!!...``), so the prose that touches the run is
read too, with more prose after it. The shapes are a run of each ASCII punctuation mark,
bracket nests (``[[[...]]]``, ``((( )))``, ``{{{...}}}``), and long tokens of letters,
digits, base64, a URL, emoji, ``'s's's...``, ``a,a,a...``, ``A..A..``, dotted and
hyphenated letters, random punctuation and random printable ASCII. The reference is ordinary prose (the benchmark drafts, one after another) of the
same size; each is linted as a whole file (``Linter.lint_contents``), alternately with its
reference, and the median of each is taken. Targets (from issue 16): every shape within
3x prose per byte at every size, and 1 MB of anything under 10 s. Nothing is asserted:
the table goes in BENCHMARKS.md.

The last rows are not runs but text dense in tokens, lines or messages (``! ! !``,
``a, a, a``, blank lines, a sequence file of tiny messages): what they cost is the cost of
that many tokens or messages, shown so the table does not hide it. ``shapes()`` is what
``bench/fuzz.py`` draws pathological runs from.
"""

from __future__ import annotations

import argparse
import base64
import random
import statistics
import string
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from drafts import generate  # noqa: E402

SIZES = (1_000, 10_000, 100_000, 1_000_000)
SMOKE_SIZES = (1_000, 4_000)
LEAD = "Hi Dana, it's Owen from Larkspur. We cut claim denials by a third for clinics like yours. Call me back"
TAIL = " at 617-555-0110, that's 617-555-0110. I'll try you again Thursday at 10 a.m.\n"


def _random(alphabet: str, seed: str):
    def make(n: int) -> str:
        rng = random.Random(seed)
        return "".join(rng.choice(alphabet) for _ in range(n))
    return make


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nest(open_: str, close: str):
    return lambda n: open_ * (n // 2) + close * (n - n // 2)


def _base64(n: int) -> str:
    rng = random.Random("base64")
    return base64.b64encode(rng.randbytes(n * 3 // 4 + 3)).decode("ascii")[:n]


def _url(n: int) -> str:
    head = "https://calendar.example.com/larkspur/owen?utm_source=voicemail&token="
    return head + _random(string.ascii_letters + string.digits + "-_.~%/=&", "url")(max(0, n - len(head)))


_EMOJI = "".join(chr(c) for c in range(0x1F600, 0x1F650))


def shapes() -> dict[str, object]:
    """Name -> function of n giving a whitespace-free run of n characters."""
    out: dict[str, object] = {c: _repeat(c) for c in string.punctuation}
    out.update({
        "[[[ ]]]": _nest("[", "]"),
        "((( )))": _nest("(", ")"),
        "{{{ }}}": _nest("{", "}"),
        "letters": _random(string.ascii_lowercase, "letters"),
        "digits": _random(string.digits, "digits"),
        "base64": _base64,
        "URL": _url,
        "emoji (one)": _repeat("😀"),
        "emoji (mixed)": _random(_EMOJI, "emoji"),
        "'s's's": _repeat("'s"),
        "a,a,a": _repeat("a,"),
        "A..A..": _repeat("A.."),
        "a.b.c (dotted words)": _random(string.ascii_lowercase + ".", "dotted"),
        "a-b-c (hyphenated)": _random(string.ascii_lowercase + "-", "hyphens"),
        "____ (a long blank)": _repeat("_"),
        "random punctuation": _random(string.punctuation, "punctuation"),
        "random ASCII": _random(string.ascii_letters + string.digits + string.punctuation, "ascii"),
    })
    return out


def dense_shapes() -> dict[str, object]:
    """Not long runs but text dense in tokens, messages or lines: what a run costs is not all there is."""
    return {
        "! ! ! (spaced marks)": _repeat("! "),
        "a, a, a (spaced words)": _repeat("a, "),
        "blank lines": _repeat("\n"),
        "tiny messages (a sequence file)": _repeat("\n---\nstep: 1\n---\nHi Dana, Owen here. I'll call you Tuesday at 10.\n"),
    }


def pathological(run, size: int) -> str:
    """A draft of ``size`` characters: prose, the run glued to a word, more prose."""
    return LEAD + run(max(1, size - len(LEAD) - len(TAIL))) + TAIL


def prose(size: int) -> str:
    """Ordinary prose of ``size`` characters: the benchmark drafts, paragraph after paragraph."""
    out, n, i = [], 0, 0
    drafts = generate(max(50, size // 400), seed=11)
    while n < size:
        body = drafts[i % len(drafts)].split("---\n")[-1].strip() + "\n\n"
        out.append(body)
        n += len(body)
        i += 1
    return "".join(out)[:size]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(linter, texts: tuple[str, str], repeats: int) -> tuple[float, float]:
    """Median seconds to lint the reference and the pathological text, run alternately."""
    ref, ours = [], []
    for _ in range(repeats):
        ref.append(timed(lambda: linter.lint_contents(texts[0], path="prose.txt")))
        ours.append(timed(lambda: linter.lint_contents(texts[1], path="run.txt")))
    return statistics.median(ref), statistics.median(ours)


def repeats_for(size: int, smoke: bool) -> int:
    if smoke:
        return 1
    return {1_000: 21, 10_000: 9, 100_000: 3}.get(size, 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="small sizes, one repeat: check the harness works")
    ap.add_argument("--sizes", type=int, nargs="*", help="sizes in characters (default 1 KB, 10 KB, 100 KB, 1 MB)")
    ap.add_argument("--only", action="append", help="only these shapes (repeatable)")
    args = ap.parse_args()
    sizes = tuple(args.sizes) if args.sizes else (SMOKE_SIZES if args.smoke else SIZES)
    from vmlint import Linter

    linter = Linter()
    linter.lint_contents(prose(2_000), path="warm.txt")  # spaCy, rules and dictionaries loaded before timing
    table = {}
    worst = (0.0, "")
    for size in sizes:
        reference = prose(size)
        for name, run in {**shapes(), **dense_shapes()}.items():
            if args.only and name not in args.only:
                continue
            text = pathological(run, size)
            ref_s, ours_s = measure(linter, (reference, text), repeats_for(size, args.smoke))
            ratio = (ours_s / len(text)) / (ref_s / len(reference))
            table[(name, size)] = (ours_s * 1e6 / len(text), ref_s * 1e6 / len(reference), ratio, ours_s)
            if name in shapes():
                worst = max(worst, (ratio, f"{name} at {size:,}"))
            print(f"  {name!r:22} {size:>9,}: {ours_s * 1e6 / len(text):6.2f} s/MB, prose {ref_s * 1e6 / len(reference):6.2f} "
                  f"s/MB, ratio {ratio:4.2f}, {ours_s:6.3f} s", file=sys.stderr, flush=True)
    names = [n for n in {**shapes(), **dense_shapes()} if not args.only or n in args.only]
    print("| shape | " + " | ".join(f"{s:,} chars: s/MB (ratio)" for s in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in names:
        cells = [f"{table[(name, s)][0]:.2f} ({table[(name, s)][2]:.2f}×)" for s in sizes]
        print(f"| `{name}` | " + " | ".join(cells) + " |")
    print("| ordinary prose (reference) | " + " | ".join(
        f"{statistics.median(table[(n, s)][1] for n in names):.2f}" for s in sizes) + " |")
    slowest = max(((k, v) for k, v in table.items() if k[0] in shapes()), key=lambda kv: kv[1][3], default=None)
    if slowest:
        print(f"\nruns: worst ratio {worst[0]:.2f}× ({worst[1]}); slowest input {slowest[1][3]:.2f} s "
              f"({slowest[0][0]} at {slowest[0][1]:,} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
