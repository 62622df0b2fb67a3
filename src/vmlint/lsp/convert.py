"""Findings -> LSP diagnostics, fixes -> code actions, rule documentation -> hover Markdown.

Everything here is a pure function of a lint ``Outcome`` and the document's text; the
server only moves the results over the wire.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from ..models import Finding
from .positions import LineIndex

SOURCE = "vmlint"
SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
# Findings that sit on a directive line: "disable on the next line" cannot silence them.
_NOT_DISABLED_BY_LINE = {"unused-directive", "unknown-directive"}
_INDENT = re.compile(r"[ \t]*")
# Findings about text that does nothing: editors fade it.
_UNNECESSARY = {"unused-directive"}


def findings_of(report: Any) -> list[Finding]:
    """Every finding of a report: a Report's, or those of each message of any report with messages."""
    if report is None:
        return []
    every = getattr(report, "every_finding", None)
    if callable(every):
        return list(every())
    out: list[Finding] = []
    for m in getattr(report, "messages", None) or []:
        out.extend(findings_of(getattr(m, "report", m)))
    out.extend(getattr(report, "findings", None) or [])
    return out


def to_range(index: LineIndex, start: int, end: int) -> lsp.Range:
    a, b = index.position(start), index.position(end)
    return lsp.Range(start=lsp.Position(line=a[0], character=a[1]), end=lsp.Position(line=b[0], character=b[1]))


def diagnostic(f: Finding, index: LineIndex, doc_url: Callable[[str], str | None] | None = None) -> lsp.Diagnostic:
    href = doc_url(f.rule) if doc_url else None
    return lsp.Diagnostic(
        range=to_range(index, f.start, f.end),
        message=f.message,
        severity=SEVERITIES[f.severity.value],
        code=f.code,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        tags=[lsp.DiagnosticTag.Unnecessary] if f.rule in _UNNECESSARY else None,
        data={"rule": f.rule, "start": f.start, "end": f.end},
    )


def diagnostics(report: Any, index: LineIndex, doc_url: Callable[[str], str | None] | None = None) -> list[lsp.Diagnostic]:
    return [diagnostic(f, index, doc_url) for f in findings_of(report)]


def problem_diagnostic(message: str) -> lsp.Diagnostic:
    """The one diagnostic of a document vmlint could not lint, at its start."""
    start = lsp.Position(line=0, character=0)
    return lsp.Diagnostic(range=lsp.Range(start=start, end=start), message=message,
                          severity=lsp.DiagnosticSeverity.Warning, source=SOURCE)


def _overlaps(f: Finding, start: int, end: int) -> bool:
    if f.start == f.end or start == end:
        return f.start <= end and start <= f.end
    return f.start < end and start < f.end


def at(report: Any, start: int, end: int) -> list[Finding]:
    """Findings whose span touches [start, end]."""
    return [f for f in findings_of(report) if _overlaps(f, start, end)]


def _edit(uri: str, version: int | None, edits: list[lsp.TextEdit], document_changes: bool) -> lsp.WorkspaceEdit:
    if document_changes:
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits=edits)])
    return lsp.WorkspaceEdit(changes={uri: edits})


def _front_matter_lines(text: str, index: LineIndex) -> set[int]:
    """0-based lines inside front-matter blocks (a directive line there would break the block)."""
    from ..source import front_matter_blocks

    lines: set[int] = set()
    for start, end in front_matter_blocks(text):
        first, last = index.position(start)[0], index.position(max(start, end - 1))[0]
        lines.update(range(first, last + 1))
    return lines


def _line_break(text: str, index: LineIndex, line: int) -> str:
    nxt = index.starts[line + 1] if line + 1 < len(index.starts) else None
    if nxt is not None:
        return "\r\n" if text[nxt - 2:nxt] == "\r\n" else text[nxt - 1]
    # The last line: the break the file uses elsewhere, "\n" when it has none.
    if len(index.starts) > 1:
        first = index.starts[1]
        return "\r\n" if text[first - 2:first] == "\r\n" else text[first - 1]
    return "\n"


def disable_directive(rule: str, markdown: bool) -> str:
    """The directive line that silences a rule on the line after it, in the file's comment style."""
    return f"<!-- vmlint: disable-next-line={rule} -->" if markdown else f"# vmlint: disable-next-line={rule}"


def code_actions(report: Any, text: str, index: LineIndex, uri: str, version: int | None, start: int, end: int, *,
                 markdown: bool, document_changes: bool = True,
                 diagnostic_for: Callable[[Finding], lsp.Diagnostic] | None = None) -> list[lsp.CodeAction]:
    """Quick fixes for the findings touching [start, end]: every fix (safe ones preferred), then one
    "disable this rule on the next line" per rule, for the findings a directive can silence."""
    actions: list[lsp.CodeAction] = []
    found = at(report, start, end)
    message_findings = {id(f) for f in _message_findings(report)}
    diag = diagnostic_for or (lambda f: diagnostic(f, index))
    for f in found:
        if f.fix is None or not f.fix.edits:
            continue
        edits = [lsp.TextEdit(range=to_range(index, e.start, e.end), new_text=e.replacement) for e in f.fix.edits]
        actions.append(lsp.CodeAction(
            title=f"{f.fix.message[:1].upper()}{f.fix.message[1:]} ({f.code} {f.rule})" + ("" if f.fix.safe else " [unsafe]"),
            kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag(f)], is_preferred=f.fix.safe or None,
            edit=_edit(uri, version, edits, document_changes)))
    front = None
    done: set[tuple[str, int]] = set()
    for f in found:
        if f.rule in _NOT_DISABLED_BY_LINE or id(f) not in message_findings:
            continue  # cross-message findings are not silenced by a directive in one message
        line = index.position(f.start)[0]
        if (f.rule, line) in done:
            continue
        front = _front_matter_lines(text, index) if front is None else front
        if line in front:
            continue
        done.add((f.rule, line))
        line_start = index.starts[line]
        indent = _INDENT.match(text, line_start).group(0)
        new_text = indent + disable_directive(f.rule, markdown) + _line_break(text, index, line)
        pos = lsp.Position(line=line, character=0)
        actions.append(lsp.CodeAction(
            title=f"Disable {f.rule} ({f.code}) on the next line",
            kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag(f)],
            edit=_edit(uri, version, [lsp.TextEdit(range=lsp.Range(start=pos, end=pos), new_text=new_text)], document_changes)))
    return actions


FIX_ALL = "source.fixAll.vmlint"


def wants(only: list[str] | None, kind: str) -> bool:
    """Whether a code action of ``kind`` answers a request limited to ``only`` (kinds are dotted prefixes)."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def fix_all_action(uri: str, version: int | None, old: str, new: str, index: LineIndex, applied: int, *,
                   document_changes: bool = True) -> lsp.CodeAction | None:
    """One action applying every safe fix: a single edit over the part of the text that changes."""
    if new == old:
        return None
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    edit = lsp.TextEdit(range=to_range(index, head, len(old) - tail), new_text=new[head:len(new) - tail])
    return lsp.CodeAction(title=f"Fix all safe vmlint fixes ({applied})", kind=FIX_ALL,
                          edit=_edit(uri, version, [edit], document_changes))


def _message_findings(report: Any) -> list[Finding]:
    """The findings of single messages (those a suppression directive applies to)."""
    if report is None:
        return []
    messages = getattr(report, "messages", None)
    if messages is None:
        return list(getattr(report, "findings", []))
    return [f for m in messages for f in _message_findings(getattr(m, "report", m))]


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _block(text: str) -> str:
    fence = _fence(text)
    return f"{fence}text\n{text}\n{fence}"


def rule_markdown(rule) -> str:
    """A rule's documentation as Markdown: what it does, why, an example and the fixed version."""
    d = rule.doc
    steps = "a sequence of messages" if rule.scope == "sequence" else "steps " + ", ".join(
        s for s in ("1", "2", "3", "generic") if s in rule.steps)
    why = d.why + (f" (source: seed {d.source})" if d.source and d.source[0].isdigit() else "")
    parts = [
        f"**{rule.code} {rule.name}** ({rule.severity.value}; {steps})",
        d.summary,
        f"**What it does**\n\n{d.what}",
        f"**Why**\n\n{why}",
        f"**Example**\n\n{_block(d.example)}",
        f"**Use instead**\n\n{_block(d.fixed)}",
    ]
    if d.options:
        parts.append("**Options**\n\n" + "\n".join(f"- {o}" for o in d.options))
    if rule.origin != "built-in":
        parts.append(f"Defined in `{rule.origin}`")
    return "\n\n".join(parts) + "\n"


def hover(report: Any, index: LineIndex, offset: int, rule_of: Callable[[str], Any]) -> lsp.Hover | None:
    """The documentation of every rule with a finding under ``offset``, one after another."""
    found = at(report, offset, offset)
    if not found:
        return None
    seen: list[str] = []
    sections = []
    for f in found:
        if f.rule in seen:
            continue
        seen.append(f.rule)
        rule = rule_of(f.rule)
        head = f"{f.message}\n\n"
        sections.append(head + (rule_markdown(rule) if rule is not None else f"**{f.code} {f.rule}**\n"))
    first = min(found, key=lambda f: f.start)
    last = max(found, key=lambda f: f.end)
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(sections)),
                     range=to_range(index, first.start, last.end))
