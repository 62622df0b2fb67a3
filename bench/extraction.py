"""How well vmlint finds the voicemails in playbooks and template files.

    python bench/extraction.py                 # the fixtures in tests/extraction/
    python bench/extraction.py DIR [DIR...]    # any folders of FILE + FILE-stem.expected.json pairs
    python bench/extraction.py --verbose       # list every miss and every extra message

Each file has a sidecar ``NAME.expected.json`` (``{"messages": [{"text", "line", "step"}], ...}``).
A found message matches an expected one when their texts agree once white space is
collapsed (a looser match, 90% of the words in common, also counts, so one stray label
word does not hide a correct block). Reported over all files:

- precision: matched found messages / all found messages;
- recall: matched expected messages / all expected messages;
- line accuracy: matched messages whose line is within one line of the expected line;
- step accuracy: matched messages whose step is the expected step.

The targets (issue 18): precision and recall at least 0.95, lines right within one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vmlint.extract import find_messages  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split())


def _similar(a: str, b: str) -> bool:
    if _norm(a) == _norm(b):
        return True
    wa, wb = set(_norm(a).lower().split()), set(_norm(b).lower().split())
    if not wa or not wb:
        return False
    return len(wa & wb) / max(len(wa), len(wb)) >= 0.9


def score(folders: list[Path], verbose: bool = False) -> dict:
    found_n = expected_n = matched = lines_ok = steps_ok = files = 0
    for folder in folders:
        for sidecar in sorted(folder.glob("*.expected.json")):
            stem = sidecar.name.removesuffix(".expected.json")
            candidates = [p for p in folder.iterdir() if p.stem == stem and p != sidecar]
            if not candidates:
                continue
            path = candidates[0]
            files += 1
            expected = json.loads(sidecar.read_text(encoding="utf-8"))["messages"]
            text = path.read_text(encoding="utf-8")
            extraction = find_messages(text, str(path))
            got = extraction.listing() if extraction is not None else [{"text": text.strip(), "line": 1, "step": None}]
            found_n += len(got)
            expected_n += len(expected)
            unused = list(range(len(got)))
            for want in expected:
                hit = next((i for i in unused if _similar(got[i]["text"], want["text"])), None)
                if hit is None:
                    if verbose:
                        print(f"missed   {path.name}:{want['line']}: {_norm(want['text'])[:70]}")
                    continue
                unused.remove(hit)
                matched += 1
                lines_ok += abs(got[hit]["line"] - want["line"]) <= 1
                steps_ok += got[hit]["step"] == want.get("step")
            if verbose:
                for i in unused:
                    print(f"extra    {path.name}:{got[i]['line']}: {_norm(got[i]['text'])[:70]}")
    return {
        "files": files,
        "expected": expected_n,
        "found": found_n,
        "precision": matched / found_n if found_n else 1.0,
        "recall": matched / expected_n if expected_n else 1.0,
        "line_accuracy": lines_ok / matched if matched else 1.0,
        "step_accuracy": steps_ok / matched if matched else 1.0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests" / "extraction"])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    result = score(args.folders, args.verbose)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['files']} files, {result['expected']} expected messages, {result['found']} found")
        for key in ("precision", "recall", "line_accuracy", "step_accuracy"):
            print(f"  {key:<14} {result[key]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
