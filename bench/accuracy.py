"""Accuracy of vmlint's detectors on the labelled corpus in tests/corpus/, and score validity.

    python bench/accuracy.py              # tuning set and held-out set
    python bench/accuracy.py --split all

Each draft in tests/corpus/*.jsonl is labelled by hand per fact. A quarter of the drafts
(``"holdout": true``) were written and labelled before any tuning and are kept out of it.

Per fact the table gives precision, recall and F1:
- yes/no facts (call_to_action, ownership, blame, filler, multi_idea, caller_name, company,
  referral, commitment present, commitment specific): the usual counts over drafts;
- counts (phones, placeholders): per draft, min(found, true) are true positives, the excess
  false positives, the shortfall false negatives;
- words: the share of drafts whose count is exactly right (reported as all three).
Score validity is the probability that a draft labelled good outscores one labelled bad
(ties count half), over all good/bad pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, found: int, true: int, draft_id: str) -> None:
        self.tp += min(found, true)
        self.fp += max(0, found - true)
        self.fn += max(0, true - found)
        if found != true:
            self.misses.append(f"{draft_id} (found {found}, labelled {true})")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(split: str = "all") -> list[dict]:
    drafts = [json.loads(line) for p in sorted(CORPUS.glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split == "tuning":
        return [d for d in drafts if not d["holdout"]]
    if split == "holdout":
        return [d for d in drafts if d["holdout"]]
    return drafts


def evaluate(drafts: list[dict]) -> tuple[dict[str, Counts], float, dict]:
    from vmlint import lint

    facts: dict[str, Counts] = {}

    def c(name: str) -> Counts:
        return facts.setdefault(name, Counts())

    scores = {"good": [], "bad": []}
    for d in drafts:
        report = lint(d["text"], step=d["step"])
        f = report.facts
        i = d["id"]
        words_ok = f.words == d["words"]
        c("words").add(1 if words_ok else 0, 1, i) if words_ok else c("words").add(0, 1, i)
        c("phones").add(len(f.phone_numbers), d["phones"], i)
        c("placeholders").add(len(f.placeholders), d["placeholders"], i)
        for name, found in (
            ("call_to_action", bool(f.call_to_action)),
            ("ownership", bool(f.ownership)),
            ("blame", bool(f.blame)),
            ("filler", bool(f.filler)),
            ("multi_idea", len(f.ideas) > 1),
            ("caller_name", f.caller_name is not None),
            ("company", f.company is not None),
            ("referral", f.referral is not None),
        ):
            c(name).add(int(found), int(d[name]), i)
        c("commitment").add(int(bool(f.commitments)), int(d["commitment"] != "none"), i)
        if f.commitments and d["commitment"] != "none":
            c("commitment_specific").add(int(any(x.specific for x in f.commitments)), int(d["commitment"] == "specific"), i)
        scores[d["verdict"]].append((report.score, i))
    pairs = [(g, b) for g, _ in scores["good"] for b, _ in scores["bad"]]
    auc = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g, b in pairs) / len(pairs) if pairs else 1.0
    return facts, auc, scores


def table(facts: dict[str, Counts], auc: float, label: str, n: int) -> str:
    lines = [f"{label}: {n} drafts", f"{'fact':<22}{'precision':>10}{'recall':>8}{'F1':>7}"]
    for name, k in facts.items():
        lines.append(f"{name:<22}{k.precision:>10.2f}{k.recall:>8.2f}{k.f1:>7.2f}")
    lines.append(f"{'score: P(good > bad)':<22}{auc:>25.2f}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tuning", "holdout", "all", "both"], default="both")
    ap.add_argument("--misses", action="store_true", help="list the drafts each fact gets wrong")
    args = ap.parse_args()
    splits = ["tuning", "holdout"] if args.split == "both" else [args.split]
    for split in splits:
        drafts = load(split)
        facts, auc, _ = evaluate(drafts)
        print(table(facts, auc, split, len(drafts)))
        if args.misses:
            for name, k in facts.items():
                for m in k.misses:
                    print(f"  {name}: {m}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
