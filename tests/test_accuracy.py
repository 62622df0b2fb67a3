"""Detector accuracy, measured on real voicemails (see bench/accuracy.py).

The real set is the measure: floors per fact hold what the detectors reach on it today, so a
change that loses real-world accuracy fails here. The minimal pairs check that detectors read
who acts, polarity, condition and scope; the own corpus is a regression set of drafts written for
this project.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("accuracy", Path(__file__).resolve().parents[1] / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
sys.modules["accuracy"] = accuracy
_spec.loader.exec_module(accuracy)

# Floors on the real dev set: every fact the labelling guide defines, at what vmlint reaches today.
REAL_FLOORS = {
    "has_phone": 0.95, "cta": 0.95, "commitment_any": 0.95, "commitment_specific": 0.9,
    "promise_reference": 0.95, "ownership": 0.95, "blame": 0.95, "filler": 0.95, "multi_idea": 0.5,
    "value": 0.85, "self_focused": 0.95, "reason": 0.95, "names_caller": 0.95, "names_company": 0.95,
    "referral": 0.95,
}


@pytest.fixture(scope="module")
def real():
    return accuracy.evaluate_real(accuracy.load(accuracy.REAL))


def test_real_set_is_the_shared_one():
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-dev.jsonl"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == accuracy.REAL.read_text(encoding="utf-8")
    assert len(accuracy.load(accuracy.REAL)) >= 150


def test_real_set_floors(real):
    for name, floor in REAL_FLOORS.items():
        counts = real["facts"][name]
        assert counts.f1 >= floor, f"{name}: F1 {counts.f1:.2f} < {floor}; wrong: {counts.wrong}"
    n = real["n"]
    assert real["words"] >= 0.97 * n
    assert real["phones"] >= 0.94 * n


def test_fresh_hand_sets_hold_what_they_reach():
    """The fresh-hand sets (written by someone who had not seen the detectors) as a regression floor."""
    rows = [r for name in ("fresh.jsonl", "fresh2.jsonl", "fresh3.jsonl", "fresh4.jsonl") for r in accuracy.load(accuracy.FRESH.parent / name)]
    res = accuracy.evaluate_real(rows)
    for name, floor in {"cta": 0.93, "commitment_any": 0.93, "reason": 0.93, "names_caller": 0.95,
                        "has_phone": 0.95, "ownership": 0.8, "blame": 0.8, "value": 0.7}.items():
        counts = res["facts"][name]
        assert counts.f1 >= floor, f"{name}: F1 {counts.f1:.2f} < {floor}"


def test_minimal_pairs():
    res = accuracy.evaluate_contrast(accuracy.load(accuracy.CONTRAST))
    total = sum(sum(v) for v in res["per"].values())
    n = sum(len(v) for v in res["per"].values())
    assert total / n >= 0.85, res["wrong"]
    for fact in ("cta", "commitment", "ownership", "blame", "reason"):
        assert all(res["per"][fact]), [w for w in res["wrong"] if f" {fact}:" in w]


def test_own_corpus_regressions():
    records = [d for p in sorted(accuracy.CORPUS.glob("*.jsonl")) for d in accuracy.load(p)]
    res = accuracy.evaluate_own(records)
    for name, counts in res["facts"].items():
        assert counts.f1 >= 0.85, f"{name}: F1 {counts.f1:.2f}; wrong: {counts.wrong}"
    assert res["auc"] >= 0.85
