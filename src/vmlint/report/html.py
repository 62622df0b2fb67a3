"""One self-contained HTML page: every draft with its findings marked on its own words.

The page reads the same document as ``--format json`` (``json_format.document``), so it
shows exactly what the JSON report holds, and the rule catalog for each rule's
documentation. It loads nothing: the style and the small script are inline, allowed by
their hashes in a Content-Security-Policy that forbids every other source, and the
summary chart is inline SVG. Every piece of text from a draft, a path or a rule is escaped.

Any file entry holding a ``messages`` list (a sequence, or another kind of multi-message
file that reuses its shape) is drawn as a timeline, one card per message.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from collections.abc import Callable
from html import escape

from . import json_format
from .marks import line_starts, lines_around, runs

ICONS = {"error": "\u2716", "warning": "\u25b2", "info": "\u2139"}  # ✖ ▲ ℹ: severity is never colour alone
DASH = "\u2014"
RANK = {"error": 2, "warning": 1, "info": 0}

CSS = """
:root{--ink:#1d1d1f;--muted:#555;--line:#d0d0d6;--bg:#fff;--card:#f6f6f8;
--error:#b3261e;--error-bg:#fde7e4;--warning:#8a5a00;--warning-bg:#fff1cc;--info:#1f5fa8;--info-bg:#e3eefb;
--good:#1e7a3c;--ok:#8a5a00;--bad:#b3261e}
*{box-sizing:border-box}
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg);margin:0}
main,header.top{max-width:72rem;margin:0 auto;padding:0 1rem}
a{color:#1a4f8b}
a:focus-visible,summary:focus-visible,mark:focus-visible{outline:3px solid #1a4f8b;outline-offset:2px}
.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
h1{font-size:1.6rem;margin:1rem 0 .25rem}h2{font-size:1.3rem;margin:0}h3{font-size:1.1rem;margin:.75rem 0 .25rem}
.meta{color:var(--muted);margin:0 0 1rem}
section.file{border-top:2px solid var(--line);padding:1rem 0 1.5rem}
.facts{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin:.5rem 0;padding:0;list-style:none}
.facts li{background:var(--card);border-radius:.4rem;padding:.25rem .6rem}
.over{color:var(--bad);font-weight:600}
.score{font-weight:700}
.band-good{color:var(--good)}.band-ok{color:var(--ok)}.band-bad{color:var(--bad)}
pre.draft{white-space:pre-wrap;overflow-wrap:anywhere;font:1.05rem/1.9 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;
background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:.5rem 0}
mark{color:inherit;border-radius:.2rem;padding:0 .05rem}
mark.sev-error{background:var(--error-bg);border-bottom:3px solid var(--error)}
mark.sev-warning{background:var(--warning-bg);border-bottom:3px dashed var(--warning)}
mark.sev-info{background:var(--info-bg);border-bottom:2px dotted var(--info)}
a.ref{font:700 .7rem/1 system-ui,sans-serif;text-decoration:none;vertical-align:super;padding:0 .1rem;border-radius:.2rem}
.sev-error.ref,.sev-error>.icon,li.sev-error>.head .icon{color:var(--error)}
.sev-warning.ref,li.sev-warning>.head .icon{color:var(--warning)}
.sev-info.ref,li.sev-info>.head .icon{color:var(--info)}
ol.findings{list-style:none;padding:0;margin:.5rem 0}
ol.findings>li{border-left:4px solid var(--line);padding:.4rem .75rem;margin:.5rem 0;background:var(--card);border-radius:0 .4rem .4rem 0}
ol.findings>li.sev-error{border-left-color:var(--error)}ol.findings>li.sev-warning{border-left-color:var(--warning)}
ol.findings>li.sev-info{border-left-color:var(--info)}
ol.findings>li:target{outline:3px solid #1a4f8b}
.head{display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:baseline}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem;letter-spacing:.03em}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
.where{color:var(--muted);font-size:.9rem}
.msg{margin:.2rem 0}
.why{margin:.2rem 0;color:var(--muted)}
details{margin:.25rem 0}summary{cursor:pointer}details pre{white-space:pre-wrap;overflow-wrap:anywhere}
.fix{margin:.25rem 0}.fix pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0;padding:.3rem .5rem;background:#fff;border:1px dashed var(--line)}
ol.timeline{list-style:none;padding:0;margin:.5rem 0;border-left:3px solid var(--line)}
ol.timeline>li{position:relative;margin:0 0 1rem;padding:.25rem 0 .25rem 1rem}
ol.timeline>li::before{content:"";position:absolute;left:-.55rem;top:.6rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--ink)}
table{border-collapse:collapse;margin:.5rem 0;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{max-width:48rem}.chart svg{width:100%;height:auto}
.kept-yes{color:var(--good)}.kept-no{color:var(--bad)}
.clean{color:var(--good);font-weight:600}
.errors li{color:var(--bad)}
kbd{border:1px solid var(--line);border-radius:.2rem;padding:0 .25rem;font-size:.85rem}
.table-wrap{overflow-x:auto}td{overflow-wrap:break-word}
@media print{.skip,.keys{display:none}a{color:inherit;text-decoration:none}section.file{break-inside:auto}
ol.findings>li,ol.timeline>li{break-inside:avoid}pre.draft{border-color:#999}}
"""

# Tiny and optional: "n" / "p" move to the next / previous finding; printing opens every detail.
JS = """
(function(){
var refs=Array.prototype.slice.call(document.querySelectorAll('a.ref'));
document.addEventListener('keydown',function(e){
if(e.ctrlKey||e.metaKey||e.altKey||/^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName))return;
if(e.key!=='n'&&e.key!=='p'||!refs.length)return;
var i=refs.indexOf(document.activeElement);
if(i<0&&location.hash)i=refs.indexOf(document.getElementById('m-'+location.hash.slice(1)));
i=e.key==='n'?(i+1)%refs.length:(i<=0?refs.length-1:i-1);
refs[i].focus();e.preventDefault();});
window.addEventListener('beforeprint',function(){
document.querySelectorAll('details').forEach(function(d){d.open=true;});});
})();
"""


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


CSP = (f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(JS)}; img-src data:; "
       "base-uri 'none'; form-action 'none'")


def _e(value) -> str:
    return escape(str(value), quote=True)


def _band(score: float) -> str:
    return "good" if score >= 90 else "ok" if score >= 60 else "bad"


def _num(x: float) -> str:
    return f"{x:g}"


def _worst(findings: list[dict]) -> str | None:
    return max((f["severity"] for f in findings), key=RANK.__getitem__, default=None)


class _Page:
    """Builds the page: numbers every finding, looks up rule docs and limits."""

    def __init__(self, rules: dict, limits: Callable[[str], object]) -> None:
        self.rules = rules
        self.limits = limits
        self.count = 0
        self.messages = 0

    # -- one draft's text with its marks --------------------------------------------------

    def marked(self, text: str, findings: list[dict], ids: list[str], base: int = 0) -> str:
        spans = [(f["start"] - base, f["end"] - base) for f in findings]
        out = ['<pre class="draft">']
        for run in runs(text, spans):
            for i in run.anchored:
                f = findings[i]
                out.append(f'<a class="ref sev-{f["severity"]}" id="m-{ids[i]}" href="#{ids[i]}" '
                           f'aria-label="{_e(f["severity"])} {_e(f["code"])}: {_e(f["message"])}">'
                           f'{ICONS[f["severity"]]}{_e(ids[i].rsplit("-", 1)[1])}</a>')
            piece = _e(text[run.start:run.end])
            if run.covering:
                covering = [findings[i] for i in run.covering]
                title = "; ".join(f'{f["code"]} {f["message"]}' for f in covering)
                out.append(f'<mark class="sev-{_worst(covering)}" title="{_e(title)}">{piece}</mark>')
            else:
                out.append(piece)
        out.append("</pre>")
        return "".join(out)

    # -- the list of findings under a draft ------------------------------------------------

    def finding_items(self, text: str | None, findings: list[dict], ids: list[str], base: int = 0) -> str:
        if not findings:
            return '<p class="clean">\u2714 No findings.</p>'
        out = ['<ol class="findings">']
        for f, fid in zip(findings, ids):
            sev = f["severity"]
            anchor = f'<a href="#m-{fid}">line {f["line"]}, column {f["column"]}</a>' if text is not None else \
                f'line {f["line"]}, column {f["column"]}'
            span = text[f["start"] - base:f["end"] - base] if text is not None else ""
            out.append(
                f'<li id="{fid}" class="finding sev-{sev}" data-rule="{_e(f["rule"])}" data-code="{_e(f["code"])}">'
                f'<div class="head"><span class="icon" aria-hidden="true">{ICONS[sev]}</span>'
                f'<span class="sev">{sev}</span><span class="rule">{_e(f["code"])} {_e(f["rule"])}</span>'
                f'<span class="where">{anchor}'
                + (f' \u00b7 message {f["message_number"]}' if "message_number" in f else "")
                + (f' \u00b7 \u201c{_e(_short(span))}\u201d' if span.strip() else "")
                + f' \u00b7 \u2212{_num(f["penalty"])}</span></div>'
                f'<p class="msg">{_e(f["message"])}</p>'
                + self._why(f["rule"]) + self._fix(text, f, base) + "</li>")
        out.append("</ol>")
        return "".join(out)

    def _why(self, name: str) -> str:
        rule = self.rules.get(name)
        if rule is None:
            return ""
        d = rule.doc
        cited = d.source and d.source[0].isdigit() and "seed" not in d.why
        source = f' <span class="source">(source: seed {_e(d.source)})</span>' if cited else ""
        return (f'<p class="why"><strong>Why:</strong> {_e(d.why)}{source}</p>'
                f'<details><summary>About {_e(rule.code)} {_e(rule.name)}</summary>'
                f'<p>{_e(d.what)}</p><p><strong>Example</strong></p><pre>{_e(d.example)}</pre>'
                f'<p><strong>Use instead</strong></p><pre>{_e(d.fixed)}</pre></details>')

    def _fix(self, text: str | None, f: dict, base: int) -> str:
        fix = f.get("fix")
        if not fix:
            return ""
        label = "safe fix" if fix["safe"] else "unsafe fix (check it reads well)"
        out = f'<div class="fix"><strong>{label}:</strong> {_e(fix["message"])}'
        if text is not None and fix["edits"]:
            edits = sorted(((e["start"] - base, e["end"] - base, e["replacement"]) for e in fix["edits"]), reverse=True)
            lo, hi = min(e[0] for e in edits), max(e[1] for e in edits)
            if 0 <= lo <= hi <= len(text):
                a, b = lines_around(text, lo, hi)
                after = text[a:b]
                for s, e, rep in edits:
                    after = after[:s - a] + rep + after[e - a:]
                out += f'<pre aria-label="after the fix">{_e(after)}</pre>'
        return out + "</div>"

    # -- facts ----------------------------------------------------------------------------

    def facts(self, path: str, step: str, score: float, facts: dict) -> str:
        cfg = self.limits(path)
        words, seconds = facts["words"], facts["spoken_seconds"]
        over_w = ' class="over"' if words > cfg.max_words else ""
        over_s = ' class="over"' if seconds > cfg.max_seconds else ""
        return (f'<ul class="facts"><li>score <span class="score band-{_band(score)}">{_num(score)}/100</span></li>'
                f'<li>step {_e(step)}</li>'
                f'<li{over_w}>{words} words of {cfg.max_words}{" (over)" if over_w else ""}</li>'
                f'<li{over_s}>about {_num(seconds)} s of {_num(cfg.max_seconds)} s{" (over)" if over_s else ""}</li>'
                f'<li>{facts["sentences"]} sentence{"s" if facts["sentences"] != 1 else ""}</li></ul>')

    def ids(self, n: int) -> list[str]:
        out = [f"f-{self.count + i + 1}" for i in range(n)]
        self.count += n
        return out

    # -- one file ---------------------------------------------------------------------------

    def single(self, entry: dict, text: str | None) -> str:
        findings = entry["findings"]
        ids = self.ids(len(findings))
        body = self.facts(entry["path"], entry["step"], entry["score"], entry["facts"])
        if text is not None:
            body += self.marked(text, findings, ids)
        return body + self.finding_items(text, findings, ids)

    def timeline(self, entry: dict, holder: dict, result) -> str:
        messages = holder["messages"]
        cross = holder.get("findings", [])
        file_text = result.text_of(entry["path"]) if result is not None else None
        starts = line_starts(file_text) if file_text is not None else []
        rows = []
        has_day = any(m.get("day") for m in messages)
        has_kept = any("promise_kept" in m for m in messages)
        out = ['<ol class="timeline">']
        for i, m in enumerate(messages):
            rep = m["report"]
            mine = rep["findings"] + [f for f in cross if f.get("message_number") == m.get("number", i + 1)]
            mine.sort(key=lambda f: (f["start"], f["code"]))
            ids = self.ids(len(mine))
            path = m.get("path") or entry["path"]
            text, base = None, 0
            if path != entry["path"] and result is not None:
                text = result.text_of(path)
            elif file_text is not None:
                line = m.get("line", 1)
                nxt = messages[i + 1].get("line") if i + 1 < len(messages) else None
                base = starts[line - 1] if line - 1 < len(starts) else len(file_text)
                end = starts[nxt - 1] if nxt and nxt - 1 < len(starts) else len(file_text)
                text = file_text[base:end]
            commitments = rep["facts"]["commitments"]
            made = next((c for c in commitments if c["specific"]), commitments[0] if commitments else None)
            kept = m.get("promise_kept")
            kept_html = ("\u2014" if kept is None else '<span class="kept-yes">\u2714 kept</span>' if kept
                         else '<span class="kept-no">\u2716 not kept</span>')
            number = m.get("number", i + 1)
            self.messages += 1
            mid = f"msg-{self.messages}"
            line_no = f'line {m["line"]}' if "line" in m else ""
            where = line_no if path == entry["path"] else _e(path) + (f", {line_no}" if line_no else "")
            rows.append(f'<tr><td class="num"><a href="#{mid}">{number}</a></td><td>{where}</td>'
                        f'<td>{_e(m.get("step", rep["step"]))}</td>'
                        + (f'<td>{_e(m.get("day") or DASH)}</td>' if has_day else "")
                        + f'<td>{_e(made["text"]) if made else "none"}</td>'
                        + (f"<td>{kept_html}</td>" if has_kept else "") + "</tr>")
            out.append(f'<li id="{mid}"><h3>Message {number}'
                       + (f' \u00b7 {_e(m["day"])}' if m.get("day") else "") + "</h3>"
                       + f'<p class="meta">{where} \u00b7 commitment made: '
                       + (f"\u201c{_e(made['text'])}\u201d" if made else "none")
                       + (f" \u00b7 kept the one before: {kept_html}" if has_kept else "") + "</p>"
                       + self.facts(path, m.get("step", rep["step"]), rep["score"], rep["facts"])
                       + (self.marked(text, mine, ids, base) if text is not None else "")
                       + self.finding_items(text, mine, ids, base) + "</li>")
        out.append("</ol>")
        head = ('<div class="table-wrap"><table><caption class="meta">The messages in order</caption><thead><tr><th class="num">#</th>'
                "<th>where</th><th>step</th>" + ("<th>day</th>" if has_day else "") + "<th>commitment made</th>"
                + ("<th>kept the one before</th>" if has_kept else "") + "</tr></thead><tbody>"
                + "".join(rows) + "</tbody></table></div>")
        score = holder.get("score", entry.get("score"))
        scores = ", ".join(_num(m["report"]["score"]) for m in messages)
        return (f'<ul class="facts"><li>score <span class="score band-{_band(score)}">{_num(score)}/100</span></li>'
                f'<li>{len(messages)} messages (scores {scores})</li>'
                f'<li>{len(cross)} cross-message finding{"s" if len(cross) != 1 else ""}</li></ul>' + head + "".join(out))


def _short(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "\u2026"


def _messages_holder(entry: dict) -> dict | None:
    """The part of a file entry that lists its messages (``sequence``, or any other with a ``messages`` list)."""
    if isinstance(entry.get("messages"), list):
        return entry
    for value in entry.values():
        if isinstance(value, dict) and isinstance(value.get("messages"), list):
            return value
    return None


def _all_findings(entry: dict) -> list[dict]:
    if "findings" in entry and "facts" in entry:
        return entry["findings"]
    holder = _messages_holder(entry) or {}
    return [f for m in holder.get("messages", []) for f in m["report"]["findings"]] + holder.get("findings", [])


def _chart(entries: list[dict]) -> str:
    """Scores as horizontal bars, worst first; each bar carries its number (colour is never the only cue)."""
    bar_h, gap, label_w, bar_w = 22, 6, 300, 300
    folder = os.path.commonpath([e["path"] for e in entries]) if len(entries) > 1 else ""
    folder = folder if folder and not any(e["path"] == folder for e in entries) else ""
    height = len(entries) * (bar_h + gap) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
             f'aria-labelledby="chart-title"><title id="chart-title">Scores of {len(entries)} file'
             f'{"s" if len(entries) != 1 else ""}, worst first</title>']
    colours = {"good": "#1e7a3c", "ok": "#b07800", "bad": "#b3261e"}
    for i, e in enumerate(entries):
        y = i * (bar_h + gap)
        w = max(1.0, bar_w * e["score"] / 100)
        name = e["path"][len(folder):].lstrip("/\\") if folder else e["path"]
        name = name if len(name) <= 40 else "\u2026" + name[-39:]
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="13" '
                     f'fill="#1d1d1f">{_e(name)}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{bar_w}" height="{bar_h}" fill="#ececf0"/>'
                     f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colours[_band(e["score"])]}"/>'
                     f'<text x="{label_w + bar_w + 6}" y="{y + bar_h * 0.7:.1f}" font-size="13" fill="#1d1d1f">'
                     f'{_num(e["score"])}</text>')
    y = len(entries) * (bar_h + gap) + 14
    for tick in (0, 60, 90, 100):
        x = label_w + bar_w * tick / 100
        parts.append(f'<text x="{x:.1f}" y="{y}" font-size="11" text-anchor="middle" fill="#555">{tick}</text>')
    if folder:
        parts.append(f'<text x="0" y="{y}" font-size="11" fill="#555">in {_e(folder)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _summary(entries: list[dict], errors: list[dict], counts: dict, anchors: dict[int, str]) -> str:
    total = sum(counts.values())
    out = ['<section aria-labelledby="summary"><h2 id="summary">Summary</h2>',
           f'<p>{len(entries)} file{"s" if len(entries) != 1 else ""} linted; {total} finding{"s" if total != 1 else ""}: '
           + ", ".join(f'<span class="sev-{k}"><span class="icon" aria-hidden="true">{ICONS[k]}</span> {n} {k}'
                       f'{"s" if n != 1 else ""}</span>' for k, n in counts.items())
           + (f'; {len(errors)} could not be read' if errors else "") + ".</p>"]
    order = sorted(range(len(entries)), key=lambda i: (entries[i]["score"], entries[i]["path"]))
    if entries:
        out.append('<div class="chart">' + _chart([entries[i] for i in order]) + "</div>")
        out.append('<h3>Files, worst first</h3><div class="table-wrap"><table><thead><tr><th>file</th><th class="num">score</th>'
                   + "".join(f'<th class="num">{k}s</th>' for k in ICONS) + "</tr></thead><tbody>")
        for i in order:
            found = Counter(f["severity"] for f in _all_findings(entries[i]))
            out.append(f'<tr><td><a href="#{anchors[i]}">{_e(entries[i]["path"])}</a></td>'
                       f'<td class="num band-{_band(entries[i]["score"])}">{_num(entries[i]["score"])}</td>'
                       + "".join(f'<td class="num">{found.get(k, 0)}</td>' for k in ICONS) + "</tr>")
        out.append("</tbody></table></div>")
    per_rule: Counter = Counter()
    about: dict[str, tuple[str, str]] = {}
    for e in entries:
        for f in _all_findings(e):
            per_rule[f["rule"]] += 1
            about[f["rule"]] = (f["code"], f["severity"])
    if per_rule:
        out.append('<h3>Findings per rule</h3><table><thead><tr><th>rule</th><th>severity</th>'
                   '<th class="num">findings</th></tr></thead><tbody>')
        for name, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], about[kv[0]][0])):
            code, sev = about[name]
            out.append(f'<tr><td><span class="rule">{_e(code)} {_e(name)}</span></td>'
                       f'<td class="sev-{sev}"><span class="icon" aria-hidden="true">{ICONS[sev]}</span> {sev}</td>'
                       f'<td class="num">{n}</td></tr>')
        out.append("</tbody></table>")
    if errors:
        out.append('<h3>Could not be read</h3><ul class="errors">'
                   + "".join(f"<li>{_e(err['message'])}</li>" for err in errors) + "</ul>")
    out.append("</section>")
    return "".join(out)


def _default_rules() -> dict:
    from ..engine import linter

    return {r.name: r for r in linter().all_rules}


def render(results, *, rules: dict | None = None, limits: Callable[[str], object] | None = None, **_: object) -> str:
    """The HTML page. ``rules`` maps rule names to catalog entries (their docs); ``limits(path)``
    gives the configuration whose ``max_words`` and ``max_seconds`` each file is measured against."""
    from .. import __version__
    from ..config import Config

    doc = json_format.document(results).model_dump(mode="json")
    rules = _default_rules() if rules is None else rules
    default = Config()
    page = _Page(rules, limits or (lambda _path: default))
    linted = [r for r in results if not r.error]
    entries: list[dict] = doc["files"]
    anchors = {i: f"file-{i + 1}" for i in range(len(entries))}
    sections = []
    for i, (entry, result) in enumerate(zip(entries, linted)):
        holder = _messages_holder(entry)
        kind = "sequence" if holder is not None else "draft"
        if holder is not None:
            body = page.timeline(entry, holder, result)
        else:
            body = page.single(entry, result.text_of(entry["path"]))
        sections.append(f'<section class="file {kind}" id="{anchors[i]}" aria-labelledby="{anchors[i]}-h">'
                        f'<h2 id="{anchors[i]}-h">{_e(entry["path"])}</h2>{body}</section>')
    title = "vmlint report" + (f": {entries[0]['path']}" if len(entries) == 1 else "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="vmlint {_e(__version__)}">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        '<a class="skip" href="#files">Skip to the files</a>'
        f'<header class="top"><h1>vmlint report</h1><p class="meta">vmlint {_e(__version__)} \u00b7 '
        '<span class="keys">keys: <kbd>n</kbd> next finding, <kbd>p</kbd> previous \u00b7 </span>'
        f'{ICONS["error"]} error, {ICONS["warning"]} warning, {ICONS["info"]} info</p></header><main>'
        + _summary(entries, doc["errors"], doc["summary"], anchors)
        + '<div id="files">' + "".join(sections) + "</div>"
        + f"</main><script>{JS}</script></body></html>\n"
    )
