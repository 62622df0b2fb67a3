"""Accuracy of vmlint's facts: on real voicemails (the measure), on minimal pairs, on the own corpus.

    python bench/accuracy.py                  # real set, minimal pairs, own corpus
    python bench/accuracy.py --wrong          # also list every wrong record, predicted vs labelled
    python bench/accuracy.py --set real       # one set only (real, contrast, own)

The real set (``tests/corpus/real/real-dev.jsonl``) holds real voicemails from public pages and
script repositories, paraphrased and labelled fact by fact by the labelling guide; it is read
here exactly as ``shared/tools/score_real.py`` reads it through the CLI: each record is linted
with the step a user of the three-step method would declare (``step_for``), and each fact is
read from the report's facts under the guide's name. Per fact: precision, recall, F1; then words
within 1 and phone count exact; then the score's AUC, the chance that a whole message its source
calls good outscores one it calls bad (fragments left out).

The fresh-hand sets (``tests/corpus/fresh/``: ``fresh.jsonl``, 160 drafts, ``fresh2.jsonl`` and
``fresh3.jsonl``, 200 each, ``fresh4.jsonl``, 150) were written and labelled by the guide by people who had not seen the detectors; the first
half of ``fresh.jsonl`` (fr001-fr080), ``fresh2.jsonl``, ``fresh3.jsonl`` and ``fresh4.jsonl`` were looked at while tuning, the second
half of ``fresh.jsonl`` (fr081-fr160) never was: that half is the honest estimate of what a new
set will show.

The minimal pairs (``contrast-dev.jsonl``) flip one fact by one edit; a pair counts when both of
its messages are read right. The own corpus (``tests/corpus/*.jsonl``, drafts written for this
project) is a regression set, not the measure: drafts written by the hands that wrote the
detectors agree with them.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
REAL = CORPUS / "real" / "real-dev.jsonl"
CONTRAST = CORPUS / "real" / "contrast-dev.jsonl"
FRESH = CORPUS / "fresh" / "fresh.jsonl"

FACTS = ["has_phone", "cta", "commitment_any", "commitment_specific", "promise_reference", "ownership",
         "blame", "filler", "multi_idea", "value", "self_focused", "reason", "names_caller",
         "names_company", "referral"]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, found: bool, true: bool, record_id: str) -> None:
        self.tp += found and true
        self.fp += found and not true
        self.fn += true and not found
        if found != true:
            self.wrong.append(f"{record_id} (found {found}, labelled {true})")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def step_for(record: dict) -> str:
    """The step a user of the three-step method would declare for a real record (as score_real.py)."""
    pos = record.get("position")
    if pos in ("first", "second") and not record["cta"]:
        return {"first": "1", "second": "2"}[pos]
    if pos in ("third", "final"):
        return "3"
    return "generic"


def predicted(report, key: str) -> bool:
    """A fact as the guide names it, read off a report."""
    f = report.facts
    if key == "has_phone":
        return bool(f.phone_numbers)
    if key == "commitment_any":
        return bool(f.commitments)
    if key == "commitment_specific":
        return any(c.specific for c in f.commitments)
    if key == "commitment":
        return "none" if not f.commitments else ("specific" if any(c.specific for c in f.commitments) else "vague")
    attr = {"cta": "call_to_action", "names_caller": "caller_name", "names_company": "company"}.get(key, key)
    value = getattr(f, attr)
    return bool(value) if not isinstance(value, list) else bool(len(value))


def labelled(record: dict, key: str) -> bool | str:
    if key == "has_phone":
        return record["phones"] > 0
    if key == "commitment_any":
        return record["commitment"] != "none"
    if key == "commitment_specific":
        return record["commitment"] == "specific"
    if key == "commitment":
        return record["commitment"]
    return bool(record[key])


def _linter():
    from vmlint import Linter

    return Linter()


def evaluate_real(records: list[dict]) -> dict:
    linter = _linter()
    facts = {k: Counts() for k in FACTS}
    words_ok = phones_ok = 0
    good, bad = [], []
    reports = {}
    for r in records:
        report = linter.lint_text(r["text"] + "\n", step=step_for(r))
        reports[r["id"]] = report
        for k in FACTS:
            facts[k].add(predicted(report, k), labelled(r, k), r["id"])
        words_ok += abs(report.facts.words - r["words"]) <= 1
        phones_ok += len(report.facts.phone_numbers) == r["phones"]
        if not r.get("fragment") and r.get("verdict") in ("good", "bad"):
            (good if r["verdict"] == "good" else bad).append(report.score)
    pairs = [(g > b) + 0.5 * (g == b) for g in good for b in bad]
    auc = sum(pairs) / len(pairs) if pairs else 0.0
    return {"facts": facts, "words": words_ok, "phones": phones_ok, "n": len(records), "auc": auc,
            "good": sorted(good), "bad": sorted(bad), "reports": reports}


def evaluate_contrast(records: list[dict]) -> dict:
    linter = _linter()
    pairs: dict[str, list[dict]] = {}
    for r in records:
        pairs.setdefault(r["pair"], []).append(r)
    per: dict[str, list[bool]] = {}
    wrong = []
    for pid, members in sorted(pairs.items()):
        key = members[0]["flips"]
        ok = True
        for r in members:
            got = predicted(linter.lint_text(r["text"] + "\n", step="generic"), key)
            if got != labelled(r, key):
                ok = False
                wrong.append(f"{pid}/{r['id']} {key}: found {got}, labelled {labelled(r, key)}: {r['text'][:90]!r}")
        per.setdefault(key, []).append(ok)
    return {"per": per, "wrong": wrong}


def evaluate_own(records: list[dict]) -> dict:
    from vmlint import lint

    facts = {k: Counts() for k in ["cta", "commitment_any", "commitment_specific", "ownership", "blame",
                                   "filler", "multi_idea", "names_caller", "names_company", "referral"]}
    good, bad = [], []
    for d in records:
        report = lint(d["text"], step=d["step"])
        own = {"cta": d["call_to_action"], "commitment_any": d["commitment"] != "none",
               "commitment_specific": d["commitment"] == "specific", "ownership": d["ownership"],
               "blame": d["blame"], "filler": d["filler"], "multi_idea": d["multi_idea"],
               "names_caller": d["caller_name"], "names_company": d["company"], "referral": d["referral"]}
        for k, counts in facts.items():
            counts.add(predicted(report, k), bool(own[k]), d["id"])
        (good if d["verdict"] == "good" else bad).append(report.score)
    pairs = [(g > b) + 0.5 * (g == b) for g in good for b in bad]
    return {"facts": facts, "auc": sum(pairs) / len(pairs) if pairs else 0.0, "n": len(records)}


def fact_table(facts: dict[str, Counts]) -> list[str]:
    lines = [f"{'fact':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'positives':>11}"]
    for name, k in facts.items():
        lines.append(f"{name:<22}{k.precision:>10.2f}{k.recall:>8.2f}{k.f1:>7.2f}{k.tp + k.fn:>11}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=["real", "fresh", "contrast", "own", "all"], default="all")
    ap.add_argument("--wrong", action="store_true", help="list every wrong record, predicted vs labelled")
    args = ap.parse_args(argv)
    out: list[str] = []
    if args.set in ("real", "all"):
        res = evaluate_real(load(REAL))
        out.append(f"real set ({REAL.relative_to(ROOT)}): {res['n']} records")
        out += fact_table(res["facts"])
        out.append(f"{'words within 1':<22}{res['words']:>10}/{res['n']}")
        out.append(f"{'phone count exact':<22}{res['phones']:>10}/{res['n']}")
        out.append(f"score AUC, good over bad whole messages: {res['auc']:.2f} "
                   f"({len(res['good'])} good, {len(res['bad'])} bad)")
        if args.wrong:
            for name, k in res["facts"].items():
                for w in k.wrong:
                    out.append(f"  {name}: {w}")
        out.append("")
    if args.set in ("fresh", "all"):
        rows = load(FRESH)
        second = load(FRESH.parent / "fresh2.jsonl")
        third = load(FRESH.parent / "fresh3.jsonl")
        fourth = load(FRESH.parent / "fresh4.jsonl")
        for label, part in (("fr001-fr080, looked at", [r for r in rows if int(r["id"][2:]) <= 80]),
                            ("fresh2.jsonl (200 drafts by a second fresh hand), looked at", second),
                            ("fresh3.jsonl (200 drafts by a third fresh hand), looked at", third),
                            ("fresh4.jsonl (150 drafts by a fourth fresh hand), looked at", fourth),
                            ("fr081-fr160, never looked at", [r for r in rows if int(r["id"][2:]) > 80])):
            res = evaluate_real(part)
            out.append(f"fresh-hand set, {label}: {res['n']} drafts")
            out += fact_table(res["facts"])
            out.append(f"{'words within 1':<22}{res['words']:>10}/{res['n']}")
            out.append(f"{'phone count exact':<22}{res['phones']:>10}/{res['n']}")
            out.append(f"score AUC: {res['auc']:.2f} ({len(res['good'])} good, {len(res['bad'])} bad)")
            if args.wrong and "never" not in label:
                for name, k in res["facts"].items():
                    out += [f"  {name}: {w}" for w in k.wrong]
            out.append("")
    if args.set in ("contrast", "all"):
        res = evaluate_contrast(load(CONTRAST))
        total = sum(sum(v) for v in res["per"].values())
        n = sum(len(v) for v in res["per"].values())
        out.append(f"minimal pairs ({CONTRAST.relative_to(ROOT)}): {total}/{n} pairs right = {total / n:.2f}")
        out.append("  " + "; ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(res["per"].items())))
        if args.wrong:
            out += [f"  {w}" for w in res["wrong"]]
        out.append("")
    if args.set in ("own", "all"):
        records = [d for p in sorted(CORPUS.glob("*.jsonl")) for d in load(p)]
        res = evaluate_own(records)
        out.append(f"own corpus (tests/corpus/*.jsonl, regression only): {res['n']} drafts")
        out += fact_table(res["facts"])
        out.append(f"score AUC, good over bad: {res['auc']:.2f}")
        if args.wrong:
            for name, k in res["facts"].items():
                for w in k.wrong:
                    out.append(f"  {name}: {w}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
