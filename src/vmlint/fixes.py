"""Fixes: text edits that findings carry, and applying them.

A ``Fix`` is a list of ``Edit`` (start, end, replacement) over the file's text, marked
safe (it keeps the meaning and the grammar) or unsafe (it may need a human look).
``apply`` takes the fixes of one lint pass, skips any that overlaps one already taken,
and applies the rest from the end backwards; ``fix_text`` lints and applies again
until nothing changes, so a fixed text, fixed again, stays the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .models import Edit, Finding, Fix, Report, SequenceReport

MAX_PASSES = 10
_CLAUSE_PUNCT = ",;:—–"
_SENTENCE_END = ".!?…"


def removal(text: str, start: int, end: int, what: str) -> Fix:
    """Remove ``text[start:end]`` so the words around it still read well.

    Safe when the phrase stands on its own, set off by punctuation or a sentence edge
    on both sides ("Hi Dev, um, Kai here" or "Hope you're well! Kai here"); otherwise
    the removal may break the sentence, so it is offered as unsafe.
    """
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    left = text[before - 1] if before > 0 else "\n"
    right = text[after] if after < len(text) else "\n"
    sentence_start = left in _SENTENCE_END + "\r\n"
    left_ok = sentence_start or left in _CLAUSE_PUNCT
    right_ok = right in _CLAUSE_PUNCT + _SENTENCE_END + "\r\n"
    message = f"remove '{what}'"
    if not (left_ok and right_ok):
        # Mid-sentence: take the phrase and the space after it (or before it, at a line end).
        if after > end:
            return Fix(message=message, safe=False, edits=[Edit(start=start, end=after, replacement="")])
        return Fix(message=message, safe=False, edits=[Edit(start=before, end=end, replacement="")])
    if right in _CLAUSE_PUNCT:
        # "um, Kai" -> "Kai": the phrase, its comma and the space after it.
        cut_end = after + 1
        while cut_end < len(text) and text[cut_end] in " \t":
            cut_end += 1
        cut_start = start
    elif right in _SENTENCE_END and not sentence_start:
        # "Hi Dev, hope you're well. Kai" -> "Hi Dev. Kai": keep the full stop, drop the comma.
        cut_start, cut_end = before - 1, end
        while cut_end < len(text) and text[cut_end] in " \t":
            cut_end += 1
        cut_end = min(cut_end, after)
    elif right in _SENTENCE_END:
        # A whole sentence of filler: it, its end mark and the space after.
        cut_end = after
        while cut_end < len(text) and text[cut_end] in _SENTENCE_END:
            cut_end += 1
        while cut_end < len(text) and text[cut_end] in " \t":
            cut_end += 1
        cut_start = start
    else:  # the phrase ends its line
        cut_start, cut_end = before - (left in _CLAUSE_PUNCT), end
    replacement = ""
    if sentence_start and cut_end < len(text) and text[cut_end].islower():
        # The word that now starts the sentence gets its capital.
        replacement = text[cut_end].upper()
        cut_end += 1
    return Fix(message=message, safe=True, edits=[Edit(start=cut_start, end=cut_end, replacement=replacement)])


def chosen(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Fix]:
    """The fixes to apply from one pass: safe ones (and unsafe ones if asked), none overlapping."""
    taken: list[Fix] = []
    spans: list[tuple[int, int]] = []
    for f in findings:
        fix = f.fix
        if fix is None or not fix.edits or (not fix.safe and not unsafe):
            continue
        mine = [(e.start, e.end) for e in fix.edits]
        if any(_overlap(a, b) for a in mine for b in spans):
            continue
        taken.append(fix)
        spans.extend(mine)
    return taken


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    # Edits that touch collide too: an insertion right where a removal ends reads differently after it.
    return a[0] <= b[1] and b[0] <= a[1]


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """Apply non-overlapping fixes; text outside their edits is kept as it is."""
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end), reverse=True)
    for e in edits:
        text = text[: e.start] + e.replacement + text[e.end:]
    return text


def fix_text(text: str, lint: Callable[[str], Report | SequenceReport], *, unsafe: bool = False) -> tuple[str, Report | SequenceReport, int]:
    """Lint, apply fixes, and repeat until stable. Returns (text, final report, fixes applied)."""
    report = lint(text)
    applied = 0
    for _ in range(MAX_PASSES):
        fixes = chosen(report.every_finding(), unsafe=unsafe)
        if not fixes:
            break
        new = apply(text, fixes)
        if new == text:
            break
        text, applied = new, applied + len(fixes)
        report = lint(text)
    return text, report, applied
