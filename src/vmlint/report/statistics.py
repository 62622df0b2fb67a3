"""``--statistics``: how many findings each rule made, most first."""

from __future__ import annotations

import json
from collections import Counter


def rows(results) -> list[dict]:
    seen: Counter = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for r in results:
        for _, f in r.located():
            seen[f.code] += 1
            meta[f.code] = (f.rule, f.severity.value)
    return [{"code": code, "rule": meta[code][0], "severity": meta[code][1], "count": n}
            for code, n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(results, format: str = "text") -> str:
    table = rows(results)
    if format == "json":
        return json.dumps(table, indent=2) + "\n"
    width = max([len(str(t["count"])) for t in table] + [1])
    lines = [f"{t['count']:>{width}}  {t['code']:<7} {t['rule']:<32} {t['severity']}" for t in table]
    errors = sum(1 for r in results if r.error)
    if errors:
        lines.append(f"{errors:>{width}}  {'':<7} {'(files that could not be read)':<32}")
    return "\n".join(lines) + ("\n" if lines else "")
