"""Check that a change left every report as it was: same facts, same findings, same scores.

    python bench/same_facts.py --save /tmp/before.json     # before a change
    python bench/same_facts.py --check /tmp/before.json    # after it: exit 1 and the first difference if any

The reports are the JSON reports (``render(..., "json")``, what ``vmlint --format json``
prints) of: every file under ``examples/`` linted by the command line
(``vmlint --no-cache --format json examples``), every text of the corpora in ``tests/corpus`` (own, real, minimal
pairs, each with the step ``bench/accuracy.py`` lints it with) and 400 drafts of ``bench/drafts.py``.
A speed-up must leave this output byte for byte the same; a difference is a bug, not noise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from accuracy import step_for  # noqa: E402
from drafts import generate  # noqa: E402


def corpus_texts() -> list[tuple[str, str, str | None]]:
    out = []
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            texts = [rec[k] for k in ("text", "a", "b") if isinstance(rec.get(k), str)]
            texts += [v["text"] for k in ("a", "b") if isinstance(rec.get(k), dict) and isinstance(rec[k].get("text"), str)
                      for v in [rec[k]]]
            step = step_for(rec) if "position" in rec else rec.get("step")
            for i, text in enumerate(texts):
                out.append((f"{path.relative_to(ROOT)}:{n}:{i}", text, step))
    return out


def snapshot() -> str:
    from vmlint import Linter, render

    parts = []
    cli = subprocess.run([sys.executable, "-m", "vmlint", "--no-cache", "--jobs", "1", "--format", "json", "examples"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    parts.append(("examples", cli.stdout))
    linter = Linter()
    for name, text, step in corpus_texts():
        parts.append((name, render([linter.lint_text(text, step=step, path=name)], "json")))
    for i, text in enumerate(generate(400, seed=11)):
        parts.append((f"drafts:{i}", render([linter.lint_text(text, path=f"draft{i}")], "json")))
    return json.dumps([{"name": n, "report": json.loads(r)} for n, r in parts], indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="FILE", help="write the reports to FILE")
    group.add_argument("--check", metavar="FILE", help="compare the reports with FILE (saved before the change)")
    args = ap.parse_args()
    now = snapshot()
    if args.save:
        Path(args.save).write_text(now, encoding="utf-8")
        print(f"saved {len(json.loads(now))} reports to {args.save}")
        return 0
    before = Path(args.check).read_text(encoding="utf-8")
    if now == before:
        print(f"same: {len(json.loads(now))} reports byte for byte")
        return 0
    old, new = json.loads(before), json.loads(now)
    for a, b in zip(old, new):
        if a != b:
            print(f"DIFFERENT: {a['name']}\n before: {json.dumps(a['report'])[:2000]}\n after:  {json.dumps(b['report'])[:2000]}")
            break
    else:
        print(f"DIFFERENT: {len(old)} reports before, {len(new)} now")
    return 1


if __name__ == "__main__":
    sys.exit(main())
