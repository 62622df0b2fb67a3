"""Voicemails inside Markdown playbooks, read with markdown-it-py (a CommonMark parser).

The document is walked block by block. Headings, and label lines that act as headings
(``**Touch 3 (Day 8)**``, ``Step type: VM``, ``**Leave this message:**``), form a path; the
nearest name on it that says something about a channel decides whether the blocks under
it are voicemails (``names.classify_heading``). Under a voicemail, a fenced block, a
blockquote or a run of plain paragraphs is one message, when its text reads as speech;
speaker labels (``**Rep:**``), timing notes (``*(about 20 seconds)*``), commentary
(``Why it works: ...``), lists and tables are not part of any message. ``json`` and
``yaml`` fences are read with the template-data rules, at their lines in the file.

Directives before a block: ``<!-- vmlint: message step=2 day=Wednesday -->`` marks it as a
message (with its step and day), ``<!-- vmlint: skip -->`` leaves it out. Suppression
directives (``<!-- vmlint: disable=... -->``) right before a message apply to it, and
``disable-file`` applies to every message of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .build import Found, Segments
from .names import Verdict, classify_heading, step_and_day, words
from .speech import spoken, voicemail_like

_DIRECTIVE = re.compile(r"^\s*<!--\s*vmlint:\s*(?P<body>.*?)\s*-->\s*$", re.IGNORECASE | re.DOTALL)
_QUOTE_MARKERS = re.compile(r"[ \t]{0,3}>[ \t]?")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_BOLD_LABEL = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_\n]{1,80}?)(?:\*\*|__)\s*(?P<colon>[:：—–-])?\s*")
_PLAIN_LABEL = re.compile(r"^\s*(?P<label>[A-Za-zÀ-ÿ][\w À-ÿ/&'’()#.-]{0,40}?)\s*[:：]\s+")
_TIMING = re.compile(r"^\s*[*_(\[]*\s*[~≈(]?\s*(?:about|approx\.?|around|roughly|under|~|≈)?\s*\d+\s*(?:-\s*\d+\s*)?(?:s|sec|secs|seconds|segundos|words|palabras)\b.*$", re.IGNORECASE)
_EMPHASIS_ONLY = re.compile(r"^\s*([*_]{1,3})(?P<inner>[^*_].*?)\1\s*$", re.DOTALL)
_SPEAKERS = {"rep", "you", "me", "sdr", "bdr", "ae", "caller", "agent", "salesperson", "sales rep", "seller", "tú", "tu",
             "vendedor", "usted", "yo", "your name", "voicemail", "vm", "script", "message", "say", "you say", "leave"}
_DATA_FENCES = {"json": "json", "jsonc": "json", "json5": "json", "yaml": "yaml", "yml": "yaml"}
_TEXT_FENCES = {"", "text", "txt", "plain", "plaintext", "markdown", "md", "none", "quote", "script", "voicemail", "vm"}


@dataclass
class _Level:
    depth: int  # 1-6 headings, 7 a label line
    verdict: Verdict | None
    step: str | None
    day: str | None
    text: str


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


class _Doc:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = _line_starts(text)

    def line(self, no: int) -> tuple[int, int]:
        """(start, end) of a 0-based line, line break left out."""
        if no >= len(self.starts):
            return len(self.text), len(self.text)
        s = self.starts[no]
        e = self.starts[no + 1] if no + 1 < len(self.starts) else len(self.text)
        while e > s and self.text[e - 1] in "\r\n":
            e -= 1
        return s, e

    def content(self, no: int, *, quote: bool = True, strip_list: bool = False) -> tuple[int, int]:
        """A line without its blockquote markers (and list marker), and trailing spaces."""
        s, e = self.line(no)
        if quote:
            while True:
                m = _QUOTE_MARKERS.match(self.text, s, e)
                if not m or m.end() == s:
                    break
                s = m.end()
        if strip_list:
            m = _LIST_MARKER.match(self.text, s, e)
            if m:
                s = m.end()
        while e > s and self.text[e - 1] in " \t":
            e -= 1
        return s, e


def extract(text: str) -> list[Found] | None:
    """The messages of a Markdown file; None when it has no headings and no blocks (it is one message, as before)."""
    from markdown_it import MarkdownIt

    # Only the block structure and each block's raw text are read, never inline markup: without the
    # inline parser a 1 MB run of '[' or '*' parses in milliseconds instead of seconds.
    md = MarkdownIt("commonmark").enable("table").disable("inline")
    front, text_for_parser = _front_matter(text)
    tokens = md.parse(text_for_parser)
    structural = {"heading_open", "fence", "code_block", "blockquote_open", "table_open", "bullet_list_open",
                  "ordered_list_open", "hr"}
    if not any(t.type in structural for t in tokens) and not _has_label_lines(tokens):
        return None
    found = _Walker(text, tokens).run()
    # A front-matter step or day at the top of the file is every message's default.
    for f in found:
        if f.step is None and "step" in front:
            f.step = front["step"]
        if f.day is None and "day" in front:
            f.day = front["day"]
    return found


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A front-matter block at the top: its keys, and the text with the block blanked (same offsets) for the parser."""
    from ..source import front_matter_blocks, parse

    blocks = front_matter_blocks(text)
    if not blocks or text[:blocks[0][0]].strip():
        return {}, text
    start, end = blocks[0]
    front = parse(text[:end]).front_matter
    blanked = "".join(c if c in "\r\n" else " " for c in text[:end])
    return front, blanked + text[end:]


def _has_label_lines(tokens) -> bool:
    for i, t in enumerate(tokens):
        if t.type == "inline" and tokens[i - 1].type == "paragraph_open":
            label = _label_only(t.content)
            if label is not None and classify_heading(label) is not None:
                return True
    return False


def _label_only(content: str) -> str | None:
    """The label of a paragraph that is only a label (``**Touch 3 (Day 8)**``, ``Leave this message:``), else None."""
    c = content.strip()
    if "\n" in c:
        return None
    m = _BOLD_LABEL.match(c)
    if m and m.end() >= len(c.rstrip()):
        return m.group("label").strip()
    stripped = c.strip("*_ ")
    if stripped.endswith((":", "：")) and len(stripped.split()) <= 10:
        return stripped.rstrip(":： ")
    m = re.match(r"^\s*(?P<key>[\w ]{1,25}?)\s*:\s*(?P<value>[\w -]{1,25})\s*$", stripped)
    if m and classify_heading(m.group("value")) is Verdict.VOICEMAIL and re.search(r"type|channel|kind|step|touch|action", m.group("key"), re.I):
        return stripped
    return None


def _leading_label(content: str) -> tuple[str, int] | None:
    """A label that starts a paragraph of text (``**Rep:** Hi``, ``Why it works: ...``): (label, chars it takes)."""
    m = _BOLD_LABEL.match(content)
    if m and (m.group("colon") or m.group("label").rstrip().endswith((":", "："))):
        return m.group("label").strip().rstrip(":："), m.end()
    m = _PLAIN_LABEL.match(content)
    if m and len(m.group("label").split()) <= 4:
        return m.group("label").strip(), m.end()
    return None


class _Walker:
    def __init__(self, text: str, tokens) -> None:
        self.text = text
        self.doc = _Doc(text)
        self.tokens = tokens
        self.path: list[_Level] = []
        self.found: list[Found] = []
        self.pending: dict | None = None  # a vmlint: message / skip directive for the next block
        self.suppress: list[tuple[int, int]] = []  # suppression directive lines for the next message
        self.file_suppress: list[tuple[int, int]] = []
        self.run_segments: Segments | None = None  # plain paragraphs that continue one message
        self.run_meta: dict = {}
        self.open_quote = False
        self.caption: str | None = None  # a short line right above a list: that list's label

    # -- context ----------------------------------------------------------------------
    def _channel(self) -> tuple[Verdict | None, str | None, str | None, str]:
        verdict = None
        step = day = None
        example = False  # a nearer heading that names an example ("Example message", "Sample")
        for level in reversed(self.path):
            if verdict is None and level.verdict is None and _names_message(level.text):
                example = True
            if verdict is None and level.verdict is not None:
                verdict = level.verdict
                if verdict is Verdict.PART and example and "voicemail" in words(level.text):
                    # "# Voicemail instructions" > "## Example message" (or "## Script"): a voicemail
                    verdict = Verdict.VOICEMAIL
            step = step or level.step
            day = day or level.day
        where = " > ".join(level.text for level in self.path)
        return verdict, step, day, where

    def _distant(self) -> bool:
        """The voicemail verdict comes from above a section title (an h1 or h2) that says nothing about the channel.

        ``# Voicemail & cold call playbook`` > ``## Closing``: the blocks under "Closing" may be live talk,
        so only an unmistakable voicemail counts there.
        """
        for level in reversed(self.path):
            if level.verdict is not None:
                return False
            if level.depth <= 2 and not _names_example(level.text):
                return True
        return False

    def _push(self, depth: int, label: str) -> None:
        self._flush()
        step, day = step_and_day(label)
        verdict = classify_heading(label)
        prev = self.path[-1] if self.path and self.path[-1].depth == depth == 7 else None
        if prev is not None and step is None and day is None:
            # "Step type: VM" or "Leave this message:" after "**Touch 3 (Day 8)**" goes on with that touch
            step, day = prev.step, prev.day
            verdict = verdict or prev.verdict
            label = f"{prev.text} > {label.strip()}"
        while self.path and self.path[-1].depth >= depth:
            self.path.pop()
        self.path.append(_Level(depth, verdict, step, day, label.strip()))

    # -- messages ---------------------------------------------------------------------
    def _emit(self, segs: Segments, meta: dict, *, kind: str) -> None:
        verdict, step, day, where = self._channel()
        directive = self.pending
        self.pending = None
        if directive is not None and directive.get("skip"):
            self.suppress = []
            return
        marked = directive is not None
        trial = Segments(list(segs.runs))
        if kind != "fence":
            trial.strip_markup(self.text)
        trial.trim(self.text)
        body = "".join(self.text[s:e] for s, e, _ in trial.runs)
        if not marked:
            if verdict is Verdict.VOICEMAIL:
                if not spoken(body) or (self._distant() and not voicemail_like(body)):
                    self.suppress = []
                    return
                if kind == "paragraph" and not (voicemail_like(body) or _opens_like_voicemail(body)):
                    self.suppress = []
                    return
            elif verdict is None:
                if not voicemail_like(body):
                    self.suppress = []
                    return
            else:
                self.suppress = []
                return
        explicit = bool(directive and "step" in directive)
        if directive:
            step = directive.get("step", step)
            day = directive.get("day", day)
        step = meta.get("step") or step
        day = meta.get("day") or day
        runs = Segments()
        for s, e in self.file_suppress + self.suppress:
            runs.add(s, e)
        self.suppress = []
        head = len(runs.runs)
        trial.runs[0:1] = [(trial.runs[0][0], trial.runs[0][1], "\n" if head else "")]
        runs.runs.extend(trial.runs)
        found = runs.build(self.text, step=step, day=day, where=where, explicit_step=explicit)
        if found is not None:
            self.found.append(found)

    def _flush(self) -> None:
        if self.run_segments is not None:
            segs, meta = self.run_segments, self.run_meta
            self.run_segments, self.run_meta = None, {}
            self.open_quote = False
            self._emit(segs, meta, kind="paragraph")

    # -- blocks -----------------------------------------------------------------------
    def run(self) -> list[Found]:
        tokens = self.tokens
        i = 0
        n = len(tokens)
        while i < n:
            t = tokens[i]
            typ = t.type
            if typ == "heading_open":
                depth = int(t.tag[1])
                self._push(depth, tokens[i + 1].content)
                self.pending = None
                i += 3
                continue
            if typ == "html_block":
                self._directive(t)
                i += 1
                continue
            if typ == "fence" or typ == "code_block":
                self._flush()
                self._fence(t)
                i += 1
                continue
            if typ == "blockquote_open":
                self._flush()
                close = _closing(tokens, i)
                self._blockquote(tokens, i, close)
                i = close + 1
                continue
            if typ == "table_open":
                self._flush()
                self.pending = None
                close = _closing(tokens, i)
                self._table(tokens, i, close)
                i = close + 1
                continue
            if typ in ("bullet_list_open", "ordered_list_open"):
                self._flush()
                close = _closing(tokens, i)
                caption, self.caption = self.caption, None
                if caption is not None:
                    step, day = step_and_day(caption)
                    self.path.append(_Level(8, classify_heading(caption), step, day, caption))
                try:
                    self._list(tokens, i, close)
                finally:
                    if caption is not None:
                        self.path.pop()
                i = close + 1
                continue
            if typ == "paragraph_open":
                nxt = tokens[i + 3].type if i + 3 < n else ""
                self._paragraph(tokens[i + 1], t.map, before_list=nxt in ("bullet_list_open", "ordered_list_open"))
                i += 3
                continue
            if typ == "hr":
                self._flush()
            i += 1
        self._flush()
        return self.found

    def _details(self, html: str) -> None:
        """``<details><summary>Voicemail script</summary>``: the summary labels the blocks up to ``</details>``."""
        summary = _SUMMARY.search(html)
        if summary:
            label = re.sub(r"<[^>]{0,200}>", " ", summary.group(1)).strip()
            if label:
                self._push(7, label)
        if re.search(r"</details\s*>", html, re.IGNORECASE):
            self._flush()
            while self.path and self.path[-1].depth >= 7:
                self.path.pop()

    def _table(self, tokens, start: int, close: int) -> None:
        """A cadence table: in a row whose channel cell says voicemail, the cell under a text column is a message.

        Columns are read with the template-data rules (``| Day | Channel | Script |``); a column whose
        name says voicemail (``| VM script |``) holds one in each row. Other tables are notes.
        """
        from .data import _DAY_WORDS, _STEP_WORDS, _TYPE_WORDS, _is, _text_key, _type_verdict
        from .names import classify_key

        rows = [t.map[0] for t in tokens[start:close] if t.type == "tr_open" and t.map]
        if len(rows) < 2:
            return
        header = [self.text[a:b].strip() for a, b in self._cells(rows[0])]
        type_col = next((k for k, h in enumerate(header) if _is(h, _TYPE_WORDS)), None)
        text_col = next((k for k, h in enumerate(header) if _text_key(h)), None)
        vm_cols = [k for k, h in enumerate(header) if classify_key(h) is Verdict.VOICEMAIL]
        step_col = next((k for k, h in enumerate(header) if _is(h, _STEP_WORDS) and not _is(h, _TYPE_WORDS)), None)
        day_col = next((k for k, h in enumerate(header) if _is(h, _DAY_WORDS)), None)
        if not vm_cols and (type_col is None or text_col is None):
            return
        for no in rows[1:]:
            cells = self._cells(no)

            def value(k):
                return self.text[cells[k][0]:cells[k][1]].strip() if k is not None and k < len(cells) else ""

            cols = list(vm_cols)
            if type_col is not None and text_col is not None and _type_verdict(value(type_col)) is Verdict.VOICEMAIL:
                cols.append(text_col)
            step = value(step_col) or None
            if step:
                m = re.search(r"\d+", step)
                step = str(int(m.group(0))) if m else None
            day = value(day_col) or None
            if day and day.isdigit():
                day = f"Day {int(day)}"
            for k in sorted(set(cols)):
                if k >= len(cells) or not value(k):
                    continue
                segs = Segments()
                segs.add(*cells[k])
                self.path.append(_Level(8, Verdict.VOICEMAIL, None, None, header[k] if k < len(header) else ""))
                try:
                    self._emit(segs, {"step": step, "day": day}, kind="block")
                finally:
                    self.path.pop()

    def _cells(self, no: int) -> list[tuple[int, int]]:
        """The (start, end) of each cell of a table row line, pipes and escaped pipes handled."""
        s, e = self.doc.content(no)
        line = self.text[s:e]
        bounds = [m.start() for m in re.finditer(r"(?<!\\)\|", line)]
        if not bounds or bounds[0] != len(line) - len(line.lstrip()):
            bounds.insert(0, -1)
        if bounds[-1] != len(line.rstrip()) - 1:
            bounds.append(len(line))
        return [(s + a + 1, s + b) for a, b in zip(bounds, bounds[1:])]

    def _directive(self, t) -> None:
        m = _DIRECTIVE.match(t.content)
        if not m:
            self._details(t.content)
            return
        body = m.group("body").strip()
        action, _, rest = body.partition(" ")
        action = action.lower().split("=")[0]
        if action == "message":
            self._flush()
            pending = {}
            for key, value in re.findall(r"(\w+)\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", rest):
                pending[key.lower()] = value.strip("'\"")
            self.pending = pending
        elif action == "skip":
            self._flush()
            self.pending = {"skip": True}
        else:
            start, end = self.doc.line(t.map[0])
            if action == "disable-file":
                self.file_suppress.append((start, end))
            else:
                self._flush()
                self.suppress.append((start, end))

    def _fence(self, t) -> None:
        info = (t.info or "").strip().split()[0].lower() if (t.info or "").strip() else ""
        first = t.map[0] + (1 if t.type == "fence" else 0)
        count = t.content.count("\n")
        if info in _DATA_FENCES:
            self.pending = None
            self._data(t, first, count, _DATA_FENCES[info])
            return
        if t.type == "fence" and info not in _TEXT_FENCES:
            self.pending = None
            return
        indent = 0
        line_s, _ = self.doc.content(t.map[0])
        while line_s + indent < len(self.text) and self.text[line_s + indent] == " ":
            indent += 1
        if self.pending is None and self._channel()[0] is not Verdict.VOICEMAIL and self._voicemail_lines(first, count, indent):
            return
        segs = Segments()
        blanks = 0
        for no in range(first, first + count):
            s, e = self.doc.content(no)
            k = 0
            while k < indent and s < e and self.text[s] == " ":
                s, k = s + 1, k + 1
            s = self._strip_speaker(s, e)
            if s >= e or not self.text[s:e].strip():
                blanks += 1
                continue
            segs.add(s, e, "\n" * (1 + min(blanks, 1)))
            blanks = 0
        if segs.runs:
            self._emit(segs, {}, kind="fence")
        else:
            self.pending = None

    def _voicemail_lines(self, first: int, count: int, indent: int) -> bool:
        """In a call script: ``IF VOICEMAIL: "Hi ..."`` lines hold a voicemail, up to a blank line or the next speaker."""
        found = False
        no = first
        end = first + count
        while no < end:
            s, e = self.doc.content(no)
            lead = _leading_label(self.text[s:e])
            if lead is None or classify_heading(lead[0]) is not Verdict.VOICEMAIL:
                lead = _inline_label(self.text[s:e]) or _said_after(self.text[s:e]) or lead
            alone = _label_line(self.text[s:e])
            segs = Segments()
            if lead and classify_heading(lead[0]) is Verdict.VOICEMAIL and self.text[s + lead[1]:e].strip():
                segs.add(s + lead[1], e)
            elif alone is not None and classify_heading(alone) is Verdict.VOICEMAIL:
                # "[If voicemail]" on a line of its own: the lines after it, up to a blank line, are the message
                lead = (alone, 0)
                no += 1
                if no >= end or not self.text[slice(*self.doc.content(no))].strip():
                    continue
                s, e = self.doc.content(no)
                segs.add(s, e)
            else:
                no += 1
                continue
            no += 1
            # a voicemail that opens with a quotation mark ends at the closing one
            said = "".join(self.text[a:b] for a, b, _ in segs.runs).strip()
            quoted = said[:1] in "\"“"
            closed = quoted and len(said) > 1 and said[-1] in "\"”"
            while no < end and not closed:
                s2, e2 = self.doc.content(no)
                line = self.text[s2:e2]
                if not line.strip() or _leading_label(line) is not None or _label_line(line) is not None \
                        or _inline_label(line) is not None:
                    break
                segs.add(s2, e2)
                no += 1
                closed = quoted and line.rstrip()[-1:] in "\"”"
            self.path.append(_Level(8, Verdict.VOICEMAIL, None, None, lead[0]))
            try:
                self._emit(segs, {}, kind="fence")
            finally:
                self.path.pop()
            found = True
        return found

    def _strip_speaker(self, s: int, e: int) -> int:
        content = self.text[s:e]
        lab = _leading_label(content)
        if lab and lab[0].strip("*_ ").lower() in _SPEAKERS:
            return s + lab[1]
        return s

    def _blockquote(self, tokens, start: int, close: int) -> None:
        segs = Segments()
        sep = "\n"
        meta: dict = {}
        callout: str | None = None
        j = start + 1
        while j < close:
            t = tokens[j]
            if t.type == "paragraph_open":
                inline = tokens[j + 1]
                content = inline.content
                first_no = t.map[0]
                alert = _ALERT.match(content)
                if alert:
                    # "> [!TIP]" (a GitHub alert, an Obsidian callout) is markup: the text starts on the next
                    # line; a callout's title ("> [!example] Voicemail") labels the blockquote
                    if alert.group("title").strip():
                        callout = alert.group("title").strip()
                    content = content[alert.end():]
                    first_no += 1
                    if not content.strip():
                        j += 3
                        continue
                label = _label_only(content)
                if label is not None:
                    step, day = step_and_day(label)
                    meta.setdefault("step", step)
                    meta.setdefault("day", day)
                    verdict = classify_heading(label)
                    if verdict in (Verdict.OTHER, Verdict.PART) and label.strip("*_ ").lower() not in _SPEAKERS:
                        if segs.runs:
                            break
                        segs = Segments()
                    j += 3
                    continue
                if _is_timing(content):
                    j += 3
                    continue
                lead = _leading_label(content)
                if lead and classify_heading(lead[0]) is Verdict.PART and lead[0].lower() not in _SPEAKERS:
                    j += 3
                    continue
                first_sep = sep
                s0, e0 = self.doc.content(first_no)
                head0 = _label_only(self.text[s0:e0])
                if head0 is not None and classify_heading(head0) in (Verdict.OTHER, Verdict.PART) \
                        and head0.strip("*_ ").lower() not in _SPEAKERS:
                    j += 3  # "> **Email:**" then its text: not a voicemail
                    continue
                for k, no in enumerate(range(first_no, t.map[1])):
                    s, e = self.doc.content(no)
                    if k == 0:
                        head = _label_only(self.text[s:e])
                        if head is not None and t.map[1] - first_no > 1:
                            # "> **Voicemail script:**" on its own line, the message on the next ones
                            step, day = step_and_day(head)
                            meta.setdefault("step", step)
                            meta.setdefault("day", day)
                            continue
                        s = self._strip_speaker(s, e)
                    segs.add(s, e, first_sep)
                    first_sep = "\n"
                sep = "\n\n"
                j += 3
                continue
            if t.type in ("bullet_list_open", "ordered_list_open", "table_open", "blockquote_open", "fence", "code_block"):
                j = _closing(tokens, j) + 1 if t.nesting == 1 else j + 1
                continue
            j += 1
        if segs.runs and callout is not None:
            step, day = step_and_day(callout)
            self.path.append(_Level(8, classify_heading(callout), step, day, callout))
            try:
                self._emit(segs, meta, kind="block")
            finally:
                self.path.pop()
        elif segs.runs:
            self._emit(segs, meta, kind="block")
        else:
            self.pending = None

    def _list(self, tokens, start: int, close: int) -> None:
        """Lists are notes; only fences, blockquotes and voicemail-labelled items inside them can be messages."""
        j = start + 1
        while j < close:
            t = tokens[j]
            if t.type == "fence":
                self._fence(t)
            elif t.type == "blockquote_open":
                c = _closing(tokens, j)
                self._blockquote(tokens, j, c)
                j = c
            elif t.type == "paragraph_open":
                inline = tokens[j + 1]
                lead = _leading_label(inline.content)
                later = self._voicemail_label_line(inline.content)
                if lead and classify_heading(lead[0]) is Verdict.VOICEMAIL:
                    self._labelled(inline, t.map, lead, in_list=True)
                elif later is not None:
                    self._labelled_from(inline, t.map, later, in_list=True)
                elif self._channel()[0] is Verdict.VOICEMAIL and tokens[j - 1].type == "list_item_open":
                    self._list_voicemail(inline, t.map, lead)
            j += 1

    def _list_voicemail(self, inline, span, lead) -> None:
        """Under a voicemail heading, a list item that is a whole voicemail (``1. **The referral:** "Hi Ana, ..."``)."""
        content = inline.content
        if lead is not None:
            if classify_heading(lead[0]) in (Verdict.PART, Verdict.OTHER):
                return
            content = content[lead[1]:]
        if not voicemail_like(content.strip().strip("\"“”")):
            return
        segs = Segments()
        for k, no in enumerate(range(span[0], span[1])):
            s, e = self.doc.content(no, strip_list=k == 0)
            if k == 0 and lead is not None:
                found = _leading_label(self.text[s:e])
                if found:
                    s += found[1]
            segs.add(s, e)
        self.pending = None
        self._emit(segs, {}, kind="block")

    @staticmethod
    def _voicemail_label_line(content: str) -> int | None:
        """The index of a later line of a paragraph that starts with a voicemail label (``**Voicemail:** "Hi..."``)."""
        lines = content.split("\n")
        for k, line in enumerate(lines):
            if k == 0:
                continue
            lead = _leading_label(line)
            if lead and classify_heading(lead[0]) is Verdict.VOICEMAIL and line[lead[1]:].strip():
                return k
        return None

    def _labelled_from(self, inline, span, k: int, *, in_list: bool = False) -> None:
        """The message after a voicemail label that starts line ``k`` of a paragraph; the lines before it label it."""
        lines = inline.content.split("\n")
        before = " ".join(lines[:k])
        lead = _leading_label(lines[k])
        step, day = step_and_day(before)
        s2, d2 = step_and_day(lead[0])
        self.path.append(_Level(8, Verdict.VOICEMAIL, s2 or step, d2 or day, before.strip() or lead[0]))
        try:
            self._labelled(inline, (span[0] + k, span[1]), lead)
        finally:
            self.path.pop()

    def _labelled(self, inline, span, lead, *, in_list: bool = False) -> None:
        """``**Voicemail:** Hi Dana, ...``: the text after a voicemail label is the message."""
        segs = Segments()
        for k, no in enumerate(range(span[0], span[1])):
            s, e = self.doc.content(no, strip_list=in_list and k == 0)
            if k == 0:
                # the label is at the start of the paragraph's first line
                first = self.text[s:e]
                found = _leading_label(first) or _said_after(first)
                if found:
                    s += found[1]
            segs.add(s, e)
        step, day = step_and_day(lead[0])
        self.path.append(_Level(8, Verdict.VOICEMAIL, step, day, lead[0]))
        try:
            self._emit(segs, {}, kind="block")
        finally:
            self.path.pop()

    def _paragraph(self, inline, span, *, before_list: bool = False) -> None:
        content = inline.content
        label = _label_only(content)
        if label is None and before_list and _caption(content):
            self._flush()
            self.caption = content.strip()  # "Buzón de voz" right above a list names what that list holds
            return
        if label is not None:
            self._flush()
            if label.strip("*_ ").lower() in _SPEAKERS:
                return
            self._push(7, label)
            return
        if _is_timing(content):
            self._flush()
            return
        lead = _leading_label(content) or _said_after(content)
        if lead is not None:
            verdict = classify_heading(lead[0])
            name = lead[0].strip("*_ ").lower()
            if verdict is Verdict.VOICEMAIL and name not in ("voicemail", "vm") or (verdict is Verdict.VOICEMAIL and len(content) > len(lead[0]) + 20):
                self._flush()
                self._labelled(inline, span, lead)
                return
            if name not in _SPEAKERS and verdict in (Verdict.PART, Verdict.OTHER):
                self._flush()
                return
            if name not in _SPEAKERS and verdict is None and not _opens_speech(content[lead[1]:]):
                self._flush()
                return
        voicemail_line = self._voicemail_label_line(content)
        if voicemail_line is not None:
            self._flush()
            self._labelled_from(inline, span, voicemail_line)
            return
        if not self.open_quote and _instruction(content):
            self._flush()
            return
        if self.run_segments is not None and not self.open_quote and not _continues_speech(content):
            self._flush()  # "This works because ...": commentary after the message, judged on its own
        # plain text: continues the message being read, or starts one
        if self.run_segments is None:
            self.run_segments = Segments()
            self.run_meta = {}
            sep = ""
        else:
            sep = "\n\n"
        for k, no in enumerate(range(span[0], span[1])):
            s, e = self.doc.content(no)
            if k == 0:
                s = self._strip_speaker(s, e)
            self.run_segments.add(s, e, sep if k == 0 else "\n")
        stripped = content.strip()
        if stripped[:1] in "\"“" and not (len(stripped) > 1 and stripped[-1] in "\"”"):
            self.open_quote = True
        elif self.open_quote and stripped[-1:] in "\"”":
            self.open_quote = False
            self._flush()
        elif not self.open_quote and stripped[:1] in "\"“":
            self._flush()  # a whole quoted message in one paragraph

    def _data(self, t, first: int, count: int, kind: str) -> None:
        from . import data

        if count == 0:
            return
        start, _ = self.doc.line(first)
        _, end = self.doc.line(first + count - 1)
        body = self.text[start:end]
        try:
            found = data.extract_text(body, kind, path=None)
        except Exception:  # noqa: BLE001 - a broken example in a playbook is not the file's error
            return
        for f in found:
            pieces = tuple((ms, fs + start, ml, fl) for ms, fs, ml, fl in f.pieces)
            _, step, day, where = self._channel()
            self.found.append(Found(f.text, pieces, f.step or step, f.day or day, where, f.sequence_key))


def _continues_speech(text: str) -> bool:
    """A paragraph that can go on with a spoken message: it speaks (I, we, you're, a callback, a number, a sign-off)."""
    from .speech import _CALLBACK, _FIRST_PERSON, _PHONE, _PLACEHOLDER

    t = text.strip()
    if re.match(r"^(?:this|that|it|the|these|why|because|note)\b", t, re.IGNORECASE) and not (
            _CALLBACK.search(t) or _FIRST_PERSON.search(t)):
        return False
    return bool(_FIRST_PERSON.search(t) or _CALLBACK.search(t) or _PHONE.search(t) or _PLACEHOLDER.search(t)
                or re.match(r"^(?:thanks|thank you|talk soon|cheers|bye|best|have a great)\b", t, re.IGNORECASE)
                or re.search(r"\byou(?:r|'re|’re)?\b", t, re.IGNORECASE))


def _instruction(text: str) -> bool:
    """A note for the rep: 'Keep it under 25 seconds.', 'Don't leave your number', 'Log the call'."""
    from .speech import _GREETING, _INSTRUCTION

    return bool(_INSTRUCTION.match(text)) and not _GREETING.match(text)


def _opens_speech(text: str) -> bool:
    """Opens with a greeting, in any of the languages ``speech`` knows (``Hi``, ``Hola``, ``Guten Tag``, ``Bonjour``)."""
    from .speech import _GREETING

    return bool(_GREETING.match(text))


_ALERT = re.compile(r"^\s*\[![A-Za-z]{1,20}\][+-]?[ \t]*(?P<title>[^\n]{0,80}?)[ \t]*(?:\n|$)")
_SUMMARY = re.compile(r"<summary[^>]{0,200}>(.{1,200}?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_LABEL_LINE = re.compile(r"^\s*(?:\[(?P<b>[^\]\n]{1,60})\]|\((?P<p>[^)\n]{1,60})\)|(?P<c>[A-Za-z][^:\n\"“]{0,50}):)\s*$")
_CAPS_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9 &/+'’-]{1,40}?)\s*(?:\([^)\n]{0,40}\))?\s*:?\s*$")
_INLINE_LABEL = re.compile(r"^\s*(?:\[(?P<b>[^\]\n]{1,40})\]|\((?P<p>[^)\n]{1,40})\))\s*[:—–-]?\s*(?=\S)")


def _label_line(line: str) -> str | None:
    """A line of a script that is only a stage label: ``[If voicemail]``, ``(no answer)``, ``IF VOICEMAIL:``,
    or a label in capitals (``VOICEMAIL (no answer)``, ``OPENING (0-45 seconds)``)."""
    m = _LABEL_LINE.match(line)
    if m:
        label = (m.group("b") or m.group("p") or m.group("c")).strip()
        return label if len(label.split()) <= 6 else None
    m = _CAPS_LABEL.match(line)
    if m and len(m.group("label").split()) <= 6:
        return line.strip().rstrip(":")
    return None


_SAID_AFTER = re.compile(r"^\s*(?P<label>[^\"“:：\n]{3,80}?)\s*[:：]\s*(?=[\"“])")


def _said_after(line: str) -> tuple[str, int] | None:
    """``If you reach voicemail, say: "Hi ..."``: a clause that names the voicemail, a colon, then the quoted words."""
    m = _SAID_AFTER.match(line)
    if not m or classify_heading(m.group("label")) is not Verdict.VOICEMAIL:
        return None
    return m.group("label"), m.end()


def _inline_label(line: str) -> tuple[str, int] | None:
    """A stage label in brackets or parentheses that starts a script line: ``(If voicemail) Hi ...``: (label, its length)."""
    m = _INLINE_LABEL.match(line)
    if not m:
        return None
    return (m.group("b") or m.group("p")).strip(), m.end()


def _caption(content: str) -> bool:
    """A short line of a few words and no sentence punctuation: the caption of the list right under it."""
    c = content.strip()
    return "\n" not in c and 0 < len(c.split()) <= 5 and not re.search(r"[.!?;,\"“”]", c)


def _names_message(text: str) -> bool:
    """A heading that names a message's text: an example, a sample, a script, a template (``## Script``)."""
    from .names import _MESSAGE_WORDS

    return _names_example(text) or bool(_MESSAGE_WORDS & set(words(text)))


def _names_example(text: str) -> bool:
    """A heading that names an example or a sample of a message: ``Example message``, ``Sample``, ``Example script``."""
    return bool({"example", "examples", "sample", "samples"} & set(words(text)))


_NAME_OPENING = re.compile(
    r"^\W{0,3}(?:\[[^\]\n]{1,30}\]|\{\{?[^}\n]{1,30}\}?\}|[A-Z][a-z]+)\s*[,—–-]\s+"  # "[Name], ..." / "Dana, ..."
    r"|^\W{0,3}(?:this\s+is|it's|it’s|my\s+name\s+is|soy|ici|c'est)\b", re.IGNORECASE)


def _opens_like_voicemail(text: str) -> bool:
    """A plain paragraph opens the way a voicemail does: a greeting, the listener's name, or who is calling."""
    t = text.strip().lstrip("\"“")
    return _opens_speech(t) or bool(_NAME_OPENING.match(t))



def _is_timing(content: str) -> bool:
    c = content.strip()
    if len(c) > 80:
        return False
    m = _EMPHASIS_ONLY.match(c)
    inner = m.group("inner") if m else c
    inner = inner.strip("()[]~≈ ")
    return bool(_TIMING.match(inner)) or bool(re.match(r"^(?:\(|\*\().*\b(?:sec|seconds|segundos)\b.*\)\**$", c, re.I))


def _closing(tokens, i: int) -> int:
    t = tokens[i]
    if t.nesting != 1:
        return i
    level = t.level
    close = t.type.replace("_open", "_close")
    for j in range(i + 1, len(tokens)):
        if tokens[j].type == close and tokens[j].level == level:
            return j
    return len(tokens) - 1
