"""Library throughput of this checkout against another commit's, measured in the same run.

    python bench/versus.py main              # lint_many on 2,000 drafts, 5 rounds each, alternated
    python bench/versus.py aa53c81 --drafts 500 --rounds 3

The other commit's ``src/`` and ``rules/`` are exported (``git archive``) to a temporary
folder and imported from there in a subprocess; this checkout's run in another. The two
are run alternately and the median of each taken, so load on the machine moves both
alike. Each round also times bare ``spacy.blank("en")`` tokenization of the same drafts
in the same process, the reference the speed targets use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ROUND = r"""
import json, sys, time
sys.path.insert(0, {bench!r})
from drafts import generate
from vmlint import Linter
from vmlint.nlp import blank
texts = generate({n}, seed=11)
linter, nlp = Linter(), blank()
linter.lint_many(texts[:20]); list(nlp.pipe(texts[:20]))
t = time.perf_counter(); list(nlp.pipe(texts)); tok = time.perf_counter() - t
t = time.perf_counter(); linter.lint_many(texts); lint = time.perf_counter() - t
print(json.dumps({{"lint": lint, "tok": tok}}))
"""


def one_round(src: Path, n: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    code = ROUND.format(bench=str(HERE), n=n)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the commit to compare with (e.g. main)")
    ap.add_argument("--drafts", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="vmlint-versus-") as tmp:
        archive = Path(tmp) / "rev.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), args.rev, "src", "rules"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(tmp) / "rev", filter="data")
        theirs_src, ours_src = Path(tmp) / "rev" / "src", ROOT / "src"
        theirs, ours = [], []
        for _ in range(args.rounds):
            theirs.append(one_round(theirs_src, args.drafts))
            ours.append(one_round(ours_src, args.drafts))
    n = args.drafts
    t_lint, o_lint = statistics.median(r["lint"] for r in theirs), statistics.median(r["lint"] for r in ours)
    t_ratio = statistics.median(r["lint"] / r["tok"] for r in theirs)
    o_ratio = statistics.median(r["lint"] / r["tok"] for r in ours)
    print(f"| measure | this checkout | {args.rev} | ratio |\n|---|---|---|---|")
    print(f"| lint_many, {n:,} drafts | {n / o_lint:,.0f} drafts/s | {n / t_lint:,.0f} drafts/s | {t_lint / o_lint:.2f}× faster |")
    print(f"| analysis over bare tokenization | {o_ratio:.1f}× | {t_ratio:.1f}× | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
