"""--format html: one self-contained page that shows every finding, escapes every text, draws sequences as a timeline."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from vmlint import lint, lint_sequence, render
from vmlint.cli import main
from vmlint.models import MessageReport, SequenceReport

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
XSS = ['<script>window.__pwned = 1</script>', '"><img src=x onerror="window.__pwned = 2">', "</pre><b onmouseover=alert(1)>x</b>"]


class Page(HTMLParser):
    """The tags and attributes of a page, and the text inside each element with a given class."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None

    def having(self, tag: str, cls: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def html_of(capsys, tmp_path, *args: str) -> str:
    out = tmp_path / "report.html"
    main(["--format", "html", "--no-cache", "-o", str(out), *args])
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


def json_of(capsys, *args: str) -> dict:
    main(["--format", "json", "--no-cache", *args])
    return json.loads(capsys.readouterr().out)


def every_finding(doc: dict) -> list[tuple[str, dict]]:
    out = []
    for f in doc["files"]:
        if "sequence" in f:
            out += [(f["path"], x) for m in f["sequence"]["messages"] for x in m["report"]["findings"]]
            out += [(f["path"], x) for x in f["sequence"]["findings"]]
        else:
            out += [(f["path"], x) for x in f["findings"]]
    return out


def test_the_report_of_examples_lists_and_marks_every_finding(capsys, tmp_path):
    html = html_of(capsys, tmp_path, str(EXAMPLES))
    doc = json_of(capsys, str(EXAMPLES))
    page = Page(html)
    expected = every_finding(doc)
    items = page.having("li", "finding")
    assert len(items) == len(expected) > 20
    assert sorted((a["data-code"], a["data-rule"]) for a in items) == sorted((f["code"], f["rule"]) for _, f in expected)
    refs = page.having("a", "ref")
    assert len(refs) == len(expected)
    ids = {a["id"] for a in items}
    assert {a["href"][1:] for a in refs} == ids  # each mark links to its finding, and back
    for _, f in expected:
        assert f'<p class="msg">{escape(f["message"])}</p>' in html
    for entry in doc["files"]:
        assert f">{entry['path']}</h2>" in html
    assert html.count('class="file sequence"') == sum("sequence" in f for f in doc["files"])


def test_the_page_loads_nothing_and_its_policy_forbids_it(capsys, tmp_path):
    html = html_of(capsys, tmp_path, str(EXAMPLES))
    page = Page(html)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|file:|ftp:)", value, re.I), (tag, name, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert not (tag == "script" and "src" in attrs)
    assert "@import" not in html and "url(" not in html
    csp = next(a["content"] for a in page.having("meta") if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # the inline style and script are allowed by their own hashes, nothing else
    for kind, blocks in (("style-src", page.styles), ("script-src", page.scripts)):
        (block,) = blocks
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp


def test_a_draft_holding_markup_shows_it_as_text(capsys, tmp_path):
    name = tmp_path / 'x"><img src=x onerror=alert(1)>.txt'
    name.write_text("Hi Ana, um, " + " ".join(XSS) + " I'll call you Thursday at 2 p.m.\n", encoding="utf-8")
    html = html_of(capsys, tmp_path, str(name))
    for payload in XSS:
        assert payload not in html
    page = Page(html)
    assert not [a for t, a in page.tags if t in ("img", "b") or any(k.startswith("on") for k in a)]
    assert len(page.scripts) == 1
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "onerror=alert(1)&gt;.txt</h2>" in html


def test_each_finding_says_why_and_what_its_fix_gives(capsys, tmp_path):
    html = html_of(capsys, tmp_path, "--step", "generic", str(EXAMPLES / "step1-bad.txt"))
    assert "Why:" in html and "seed 002" in html
    assert "safe fix:</strong> remove &#x27;um&#x27;" in html
    assert "Hey Marco, just touching base." in html  # the line as the fix leaves it
    assert "36 words of 35" in html and 'class="over"' in html


def test_a_sequence_is_a_timeline_with_commitments_kept_or_not(capsys, tmp_path):
    html = html_of(capsys, tmp_path, str(EXAMPLES / "sequences" / "week-promise-broken.txt"))
    assert 'class="timeline"' in html
    assert html.count('class="kept-no"') >= 2
    assert "I&#x27;ll call you Wednesday at 10 a.m." in html
    for number, day in enumerate(("Monday", "Thursday", "Friday"), 1):
        assert f"<h3>Message {number} \u00b7 {day}</h3>" in html
    page = Page(html)
    assert len(page.having("li", "finding")) == 3


def test_a_folder_sequence_marks_each_message_file(capsys, tmp_path):
    week = tmp_path / "week"
    shutil.copytree(EXAMPLES / "week", week)
    (week / "2-wednesday.txt").write_text("---\nstep: 2\nday: Thursday\n---\nHi Dana, um, Owen again. I'll call you Friday at 9.\n")
    html = html_of(capsys, tmp_path, "--sequence", str(week))
    doc = json_of(capsys, "--sequence", str(week))
    assert html.count('<pre class="draft">') == 3
    assert "2-wednesday.txt" in html and "Hi Dana, " in html
    assert len(Page(html).having("a", "ref")) == len(every_finding(doc)) > 0


def test_any_report_with_a_messages_list_is_drawn_generically():
    first = lint("Hi Ana, Jo at Pinecrest. I'll call you Thursday at 2 p.m.", step="1")
    second = lint("Hi Ana, Jo again, um, as promised. Call me at 312-555-0147.", step="3")
    seq = SequenceReport(score=50.0, messages=[
        MessageReport(number=1, line=1, step="1", report=first),
        MessageReport(number=2, line=2, step="3", report=second),
    ], findings=[])
    html = render([seq], "html")
    assert html.count('<li id="msg-') == 2
    assert len(Page(html).having("li", "finding")) == len(first.findings) + len(second.findings)


def test_render_takes_plain_reports_without_their_text():
    html = render([lint("Hi Sam, um, Lia here. Give me a call.", step="generic")], "html")
    page = Page(html)
    assert page.having("li", "finding") and not page.having("pre", "draft")


def test_unreadable_files_are_listed(capsys, tmp_path):
    html = html_of(capsys, tmp_path, str(EXAMPLES / "step1-good.txt"), str(tmp_path / "missing.txt"))
    assert "Could not be read" in html and "missing.txt: no such file" in html


@pytest.mark.parametrize("text", ["", "\r\n\r\n", "\U0001f600 Hi Ana, um, Jo here.\r\nI'll call Thursday at 2.", "---\nstep: 9\n---\n"])
def test_odd_drafts_render(tmp_path, capsys, text):
    p = tmp_path / "d.txt"
    p.write_text(text, encoding="utf-8", newline="")
    html = html_of(capsys, tmp_path, str(p))
    doc = json_of(capsys, str(p))
    assert len(Page(html).having("li", "finding")) == len(every_finding(doc))
