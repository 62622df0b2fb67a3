"""Inline suppressions: directive lines that are never read aloud.

In .txt and .md scripts a directive is a line of its own::

    # vmlint: disable-file                      whole file, every rule
    # vmlint: disable-file=too-many-words       whole file, these rules
    # vmlint: disable=VM102,weak-opener         from here to an enable (or the end)
    # vmlint: enable=VM102                      ends a disable
    # vmlint: disable-next-line=filler-phrase   the next line that is not a directive
    <!-- vmlint: disable=too-many-words -->     the same, as a Markdown comment

Rules are named by name, code or code prefix; no list means every rule. A directive
that suppresses nothing is reported as ``unused-directive``; one with an unknown action or
rule as ``unknown-directive``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .source import Directive

ACTIONS = {"disable", "enable", "disable-next-line", "disable-file"}


@dataclass
class _Region:
    directive: Directive
    rules: tuple[str, ...]  # empty = all
    start_line: int
    end_line: int  # inclusive
    used: bool = False


def _selects(selectors: tuple[str, ...], name: str, code: str) -> bool:
    return not selectors or any(s == name or code.startswith(s.upper()) for s in selectors)


def apply(findings, directives, line_count: int, known) -> tuple[list, list[tuple[Directive, str, str]]]:
    """Drop suppressed findings. Returns (kept findings, [(directive, rule name, message)] for meta findings).

    ``known(selector) -> bool`` says whether a selector names any rule.
    """
    regions: list[_Region] = []
    problems: list[tuple[Directive, str, str]] = []
    open_disables: list[_Region] = []
    lines_with_directives = {d.line for d in directives}
    for d in directives:
        if d.action not in ACTIONS:
            problems.append((d, "unknown-directive", f"unknown directive '{d.action}' (use {', '.join(sorted(ACTIONS))})"))
            continue
        bad = [r for r in d.rules if not known(r)]
        if bad:
            problems.append((d, "unknown-directive", f"no rule named {', '.join(repr(b) for b in bad)}"))
            continue
        if d.action == "disable-file":
            regions.append(_Region(d, d.rules, 1, line_count))
        elif d.action == "disable-next-line":
            nxt = d.line + 1
            while nxt in lines_with_directives:
                nxt += 1
            regions.append(_Region(d, d.rules, nxt, nxt))
        elif d.action == "disable":
            region = _Region(d, d.rules, d.line + 1, line_count)
            regions.append(region)
            open_disables.append(region)
        else:  # enable
            closed = False
            for region in reversed(open_disables):
                if region.end_line == line_count and (not d.rules or set(d.rules) & set(region.rules) or not region.rules):
                    region.end_line = d.line - 1
                    closed = True
            if not closed:
                problems.append((d, "unused-directive", "this enable ends no disable"))
    kept = []
    for f in findings:
        hit = [r for r in regions if r.start_line <= f.line <= r.end_line and _selects(r.rules, f.rule, f.code)]
        for r in hit:
            r.used = True
        if not hit:
            kept.append(f)
    for r in regions:
        if not r.used:
            what = ", ".join(r.rules) if r.rules else "any rule"
            problems.append((r.directive, "unused-directive", f"this directive suppresses nothing ({what} has no finding here)"))
    return kept, problems
