"""SARIF 2.1.0: one run, the rules that fired as ``tool.driver.rules``, one result per finding.

Columns count Unicode code points, as vmlint's do (``columnKind: unicodeCodePoints``).
Files that could not be read become tool execution notifications.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .results import counts

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:")


def _rule(name: str, code: str, severity: str, rule) -> dict:
    out = {"id": code, "name": name, "defaultConfiguration": {"level": LEVELS[severity]}}
    if rule is not None:
        d = rule.doc
        out["shortDescription"] = {"text": d.summary}
        out["fullDescription"] = {"text": d.what}
        out["help"] = {"text": f"{d.why}\n\nExample:\n{d.example}\n\nUse instead:\n{d.fixed}"}
    return out


def document(results, rules: dict | None = None) -> dict:
    from .. import __version__

    rules = rules or {}
    index: dict[str, int] = {}
    driver_rules: list[dict] = []
    out_results = []
    notifications = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error}, "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]})
            continue
        for path, f in r.located():
            if f.code not in index:
                index[f.code] = len(driver_rules)
                driver_rules.append(_rule(f.rule, f.code, f.severity.value, rules.get(f.rule)))
            location = {"physicalLocation": {
                "artifactLocation": {"uri": _uri(path)},
                "region": {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                           "charOffset": f.start, "charLength": f.end - f.start},
            }}
            result = {"ruleId": f.code, "ruleIndex": index[f.code], "level": LEVELS[f.severity.value],
                      "message": {"text": f.message}, "locations": [location]}
            if f.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f.fix.message + ("" if f.fix.safe else " (unsafe)")},
                    "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": [
                        {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                         "insertedContent": {"text": e.replacement}} for e in f.fix.edits]}],
                }]
            out_results.append(result)
    run = {
        "tool": {"driver": {"name": "vmlint", "version": __version__, "informationUri": "https://pypi.org/project/vmlint/",
                            "rules": driver_rules}},
        "columnKind": "unicodeCodePoints",
        "results": out_results,
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "properties": {"summary": counts(results)},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results, *, rules: dict | None = None, **_: object) -> str:
    return json.dumps(document(results, rules), indent=2, ensure_ascii=False) + "\n"
