"""Voicemails inside template data: JSON, YAML and CSV files (and json/yaml fences in Markdown).

Each file is parsed into a small tree whose strings know where they sit in the file
(``tree``: JSON by the position-keeping scanner in ``jsonpos``, YAML by PyYAML's composer,
which keeps node marks, in ``yamlpos``, CSV by the record scanner in ``csvpos``), then walked:

- a key or column whose name says voicemail (``voicemail``, ``vm_script``, ``voicemailText``)
  holds a message; one that names a part of one or an instruction (``voicemail_disclaimer``,
  ``vm_notes``, ``vmDropEnabled``) or another channel (``email_body``, ``sms``) does not;
- a ``type`` / ``channel`` / ``step_type`` field equal to ``voicemail`` (``vm``, ``voicemail_drop``)
  marks the ``script`` / ``body`` / ``text`` / ``message`` field beside it; a ``call`` step's
  script is a live talk track, and only a field beside it whose name says voicemail is one;
- ``step`` / ``touch`` and ``day`` fields beside a message give its step and day.

Bounds, so a file cannot make vmlint stall or explode (each is one clear error naming the
file, the line and the bound; the other files are still linted): nesting deeper than
``MAX_DEPTH`` levels, a string or field longer than ``MAX_FIELD_CHARS`` characters. YAML
aliases are never expanded: an alias is the node it names, walked once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from .build import Found
from .csvpos import parse_csv
from .jsonpos import _JsonError, parse_json
from .names import Verdict, classify_key, words
from .speech import spoken
from .tree import MAX_DEPTH, MAX_FIELD_CHARS, Arr, BoundError, Obj, Str, line_of as _line_of
from .yamlpos import align, parse_yaml

__all__ = ["MAX_DEPTH", "MAX_FIELD_CHARS", "Arr", "BoundError", "KeyRule", "Obj", "Str", "align", "extract_text",
           "parse_csv", "parse_json", "parse_yaml", "walk"]

_TEXT_WORDS = {"script", "body", "text", "message", "content", "copy", "template", "transcript", "wording", "msg", "voicemail", "vm"}
_TYPE_WORDS = {"type", "channel", "kind", "medium", "action", "mode", "category",
               "tipo", "canal", "typ", "kanal", "catégorie", "categoria", "categoría"}
_STEP_WORDS = {"step", "touch", "stage", "order", "attempt", "number", "position", "sequence", "index", "paso",
               "schritt", "etapa", "étape", "etape", "passo"}
_DAY_WORDS = {"day", "weekday", "send", "dia", "día", "when", "tag", "jour", "giorno"}


# -- finding the messages -------------------------------------------------------------------------

def _is(name: str, vocabulary: set[str]) -> bool:
    ws = words(name)
    return bool(ws) and ws[-1] in vocabulary or (len(ws) == 1 and ws[0] in vocabulary)


def _text_key(name: str) -> bool:
    """A key or column that holds a message's text when a type field beside it says voicemail."""
    if not _is(name, _TEXT_WORDS):
        return False
    verdict = classify_key(name)
    return verdict is None or words(name) in (["text"], ["message"], ["text", "message"])


def _named_variant(name: str) -> bool:
    """A key that names one message of a set (``first_touch``, ``breakup``), not a field about it."""
    ws = words(name)
    if not ws or (len(ws) == 1 and ws[0] in _STEP_WORDS | _DAY_WORDS | _TYPE_WORDS):
        return False
    return ws[-1] not in {"name", "id", "title", "subject", "label", "owner", "author", "tag", "tags", "url", "created",
                          "updated", "language", "lang", "number", "type", "channel", "kind", "day", "days", "date", "time"}


def _scalar(v) -> str | None:
    if isinstance(v, Str):
        return v.value.strip() or None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    if isinstance(v, str):
        return v.strip() or None
    return None


def _step_day(obj: Obj, step_key: str | None = None, day_key: str | None = None) -> tuple[str | None, str | None]:
    step = day = None
    for k, v in obj.items:
        s = _scalar(v)
        if s is None or len(s) > 24:
            continue
        if (step_key and k == step_key) or (not step_key and step is None and _is(k, _STEP_WORDS) and not _is(k, _TYPE_WORDS)
                                            and re.fullmatch(r"(?:step|touch|#)?\s*\d{1,3}", s, re.IGNORECASE)):
            m = re.search(r"\d+", s)
            step = str(int(m.group(0))) if m else s
        if (day_key and k == day_key) or (not day_key and day is None and _is(k, _DAY_WORDS)):
            day = f"Day {s}" if s.isdigit() else s.capitalize() if s.isalpha() else s
    return step, day


def _type_verdict(value: str) -> Verdict | None:
    """What a step-type value says: ``voicemail``, ``vm_drop``; also a channel joined to a voicemail (``Phone - Voicemail``, ``Call + VM``)."""
    verdict = classify_key(value)
    if verdict is Verdict.PART:
        from .names import classify_heading

        if classify_heading(value) is Verdict.VOICEMAIL:
            return Verdict.VOICEMAIL
    return verdict


def _type_value(obj: Obj) -> str:
    """The value of an object's type / channel field, or ''."""
    for k, v in obj.items:
        if _is(k, _TYPE_WORDS) and isinstance(v, Str):
            return v.value
    return ""


def _type_of(obj: Obj) -> Verdict | str | None:
    for k, v in obj.items:
        if _is(k, _TYPE_WORDS) and isinstance(v, Str):
            verdict = _type_verdict(v.value)
            if verdict is Verdict.VOICEMAIL:
                return Verdict.VOICEMAIL
            if verdict is not None:
                return Verdict.OTHER
    # no type field: a name or title that says what the template is ("VM 1 - Intro", "Follow-up email")
    for k, v in obj.items:
        if words(k) in (["name"], ["title"], ["label"], ["template", "name"]) and isinstance(v, Str) and len(v.value) <= 80:
            from .names import classify_heading

            verdict = classify_heading(v.value)
            if verdict is Verdict.VOICEMAIL:
                return Verdict.VOICEMAIL
            if verdict is Verdict.OTHER:
                return Verdict.OTHER
    return None


def _found(s: Str, step, day, where, key) -> Found | None:
    if not s.value.strip():
        return None
    lead = len(s.value) - len(s.value.lstrip())
    text = s.value.strip()
    pieces = _slice(s.pieces, lead, lead + len(text))
    return Found(text, pieces, step, day, where, key)


# "VM: Hi ...", "Voicemail - Hi ...", "If no answer: Hi ..." inside a call task's text: the voicemail after the label
_INNER_LABEL = re.compile(
    r"(?:^|(?<=[.!?\n])\s*)(?:vm|voice\s*mail|if\s+(?:no\s+answer|voice\s*mail|vm)|leave\s+(?:this\s+)?(?:vm|voice\s*mail))"
    r"\s*[:—–-]\s+(?=\S)", re.IGNORECASE)
_NEXT_LABEL = re.compile(r"(?<=[.!?])\s+[A-Z][A-Za-z ]{1,24}:\s")
_WRITTEN = {"email", "sms", "text", "linkedin", "inmail", "letter", "dm", "whatsapp", "mail"}


def _inner_voicemail(s: Str, step, day, where, key) -> Found | None:
    """A voicemail labelled inside a longer text (a call task's notes: 'Ask about X. VM: Hi ...')."""
    m = _INNER_LABEL.search(s.value)
    if not m:
        return None
    end = _NEXT_LABEL.search(s.value, m.end())
    b = end.start() if end else len(s.value)
    body = s.value[m.end():b]
    text = body.strip()
    if not text or not spoken(text):
        return None
    a = m.end() + (len(body) - len(body.lstrip()))
    return Found(text, _slice(s.pieces, a, a + len(text)), step, day, where, key)


def _written_channel(value: str) -> bool:
    return bool(_WRITTEN & set(words(value)))


def _slice(pieces, a: int, b: int):
    """The pieces of message characters a..b, renumbered from 0."""
    out = []
    for ms, fs, ml, fl in pieces:
        lo, hi = max(ms, a), min(ms + ml, b)
        if hi <= lo:
            continue
        if ml == fl:
            out.append((lo - a, fs + (lo - ms), hi - lo, hi - lo))
        else:
            out.append((lo - a, fs, hi - lo, fl))
    return tuple(out)


def walk(tree, *, rule=None) -> list[Found]:
    """Messages in a parsed tree, by what names say (or by a configured key path)."""
    out: list[Found] = []
    # (node, path, context verdict, list it is an item of)
    stack = [(tree, (), None, None, (None, None))]
    while stack:
        node, path, context, parent_list, inherited = stack.pop()
        if isinstance(node, Arr):
            for i in reversed(range(len(node.items))):
                item = node.items[i]
                if isinstance(item, Str) and context is Verdict.VOICEMAIL and rule is None and spoken(item.value):
                    f = _found(item, None, None, _path_text(path + (i,)), id(node))
                    if f:
                        out.append(f)
                elif isinstance(item, (Obj, Arr)):
                    stack.append((item, path + (i,), context, node, inherited))
            continue
        if not isinstance(node, Obj):
            continue
        if rule is not None:
            for k, v in node.items:
                here = path + (k,)
                if isinstance(v, Str) and rule.matches(here):
                    step, day = _step_day(node, rule.step, rule.day)
                    f = _found(v, step, day, _path_text(here), id(parent_list) if parent_list is not None else None)
                    if f:
                        out.append(f)
                elif isinstance(v, (Obj, Arr)):
                    stack.append((v, here, None, parent_list if isinstance(v, Obj) else None, inherited))
            continue
        kind = _type_of(node)
        step, day = _step_day(node)
        step, day = step or inherited[0], day or inherited[1]
        seq_key = id(parent_list) if parent_list is not None else id(node)
        texts_taken = False
        children = []
        for k, v in node.items:
            here = path + (k,)
            verdict = classify_key(k)
            if isinstance(v, Str):
                if verdict is Verdict.VOICEMAIL:
                    f = _found(v, step, day, _path_text(here), seq_key)
                elif kind is Verdict.VOICEMAIL and not texts_taken and _text_key(k):
                    f = _found(v, step, day, _path_text(here), seq_key)
                    texts_taken = f is not None
                elif context is Verdict.VOICEMAIL and kind is None and _text_key(k) and not texts_taken:
                    f = _found(v, step, day, _path_text(here), seq_key)
                    texts_taken = f is not None
                elif context is Verdict.VOICEMAIL and kind is None and verdict is None and _named_variant(k) and spoken(v.value):
                    # voicemail_templates: {first_touch: "...", breakup: "..."}: each value is one
                    f = _found(v, step, day, _path_text(here), seq_key)
                elif kind is not Verdict.VOICEMAIL and verdict is None and context is not Verdict.OTHER \
                        and (_text_key(k) or words(k)[-1:] in (["notes"], ["note"], ["description"])) \
                        and not _written_channel(_type_value(node)):
                    # a call task's text or notes with "VM: Hi ..." inside
                    f = _inner_voicemail(v, step, day, _path_text(here), seq_key)
                else:
                    f = None
                if f:
                    out.append(f)
            elif isinstance(v, (Obj, Arr)):
                child_context = context
                if verdict is Verdict.VOICEMAIL:
                    child_context = Verdict.VOICEMAIL
                elif verdict in (Verdict.OTHER, Verdict.PART):
                    child_context = Verdict.OTHER
                if kind is Verdict.OTHER and verdict is not Verdict.VOICEMAIL:
                    child_context = Verdict.OTHER
                elif kind is Verdict.VOICEMAIL and verdict is None:
                    child_context = Verdict.VOICEMAIL  # {"type": "voicemail", "template": {"body": "..."}}
                # a nested template keeps the step, the day and the sequence of the step it belongs to
                children.append((v, here, child_context, parent_list if kind is Verdict.VOICEMAIL else None, (step, day)))
        if kind is Verdict.VOICEMAIL and not texts_taken and not any(
                isinstance(v, Str) and classify_key(k) is Verdict.VOICEMAIL for k, v in node.items):
            # {"taskType": "VOICEMAIL", "taskNotes": "Hi ..."}: no text field, so the spoken one is the script
            spoken_fields = [(k, v) for k, v in node.items if isinstance(v, Str) and _named_variant(k)
                             and classify_key(k) is not Verdict.OTHER and spoken(v.value)]
            if spoken_fields:
                k, v = max(spoken_fields, key=lambda kv: len(kv[1].value))
                f = _found(v, step, day, _path_text(path + (k,)), seq_key)
                if f:
                    out.append(f)
        for child in reversed(children):
            stack.append(child)
    out.sort(key=lambda f: f.pieces[0][1] if f.pieces else 0)
    return out


def _path_text(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


@dataclass(frozen=True)
class KeyRule:
    """A configured layout: the key path of the text (``steps[*].script``) and the keys of step and day beside it."""

    text: str
    step: str | None = None
    day: str | None = None

    def matches(self, path) -> bool:
        want = [p for p in re.split(r"\.|(?=\[)", self.text) if p]
        got = list(path)
        if len(want) != len(got):
            return False
        for w, g in zip(want, got):
            if w in ("*", "[*]", "[]"):
                continue
            if w.startswith("[") and w.endswith("]"):
                if not isinstance(g, int) or w[1:-1] != str(g):
                    return False
                continue
            if isinstance(g, int) or w != g:
                return False
        return True


def extract_text(text: str, kind: str, *, path: str | None, rule: KeyRule | None = None) -> list[Found]:
    """The messages of a JSON, YAML or CSV text; malformed input is an InputError naming the line."""
    try:
        if kind == "json":
            try:
                trees = [parse_json(text)]
            except _JsonError as exc:
                raise InputError(f"not valid JSON: {exc.message}", path=path, line=_line_of(text, exc.pos)) from None
        elif kind == "yaml":
            trees = parse_yaml(text)
        else:
            return _csv_messages(parse_csv(text), rule)
    except InputError as exc:
        if exc.path is None and path is not None:
            raise type(exc)(exc.detail, path=path, line=exc.line) from None
        raise
    out: list[Found] = []
    for tree in trees:
        out.extend(walk(tree, rule=rule))
    if kind == "yaml":
        out = _yaml_directives(text, out)
    return out


_YAML_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*vmlint:.*$", re.MULTILINE | re.IGNORECASE)


def _yaml_directives(text: str, found: list[Found]) -> list[Found]:
    """``# vmlint: disable=...`` comment lines right above a message's key apply to that message; ``disable-file`` to all."""
    from .build import with_directives

    comments = [(m.start(), m.end()) for m in _YAML_DIRECTIVE.finditer(text)]
    if not comments:
        return found
    whole_file = [c for c in comments if "disable-file" in text[c[0]:c[1]].lower()]
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    import bisect

    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    by_line = {line_of(a): (a, b) for a, b in comments}
    out = []
    for f in found:
        if not f.pieces:
            out.append(f)
            continue
        line = line_of(f.pieces[0][1])
        # the key's line: the value's own line, or the one above a block scalar's first line
        key_line = line
        head = text[starts[line]:f.pieces[0][1]]
        if not re.search(r"\S", head) and line > 0:
            key_line = line - 1
            while key_line > 0 and not text[starts[key_line]:starts[key_line + 1]].strip():
                key_line -= 1
        above = []
        k = key_line - 1
        while k >= 0 and k in by_line:
            above.insert(0, by_line[k])
            k -= 1
        spans = [c for c in whole_file if c not in above] + above
        out.append(with_directives(f, text, sorted(spans)))
    return out


def _step_column(header: list[str], rows: list[list[Str]]) -> int | None:
    """The column of step numbers: one named step or touch first, then order or number; its cells hold numbers."""
    def numeric(i: int) -> bool:
        cells = [r[i].value.strip() for r in rows if i < len(r) and r[i].value.strip()]
        return bool(cells) and all(re.fullmatch(r"(?:step|touch|#)?\s*\d{1,3}", c, re.IGNORECASE) for c in cells)

    ranked = sorted((0 if set(words(h)) & {"step", "touch", "paso"} else 1, i) for i, h in enumerate(header)
                    if _is(h, _STEP_WORDS) and not _is(h, _TYPE_WORDS))
    return next((i for _, i in ranked if numeric(i)), None)


def _csv_messages(rows: list[list[Str]], rule: KeyRule | None) -> list[Found]:
    if not rows:
        return []
    header = [f.value.strip() for f in rows[0]]
    cols_vm = [i for i, h in enumerate(header) if classify_key(h) is Verdict.VOICEMAIL]
    type_col = next((i for i, h in enumerate(header) if _is(h, _TYPE_WORDS)), None)
    text_col = next((i for i, h in enumerate(header) if _text_key(h)), None)
    step_col = _step_column(header, rows[1:])
    day_col = next((i for i, h in enumerate(header) if _is(h, _DAY_WORDS)), None)
    if rule is not None:
        cols_vm = [i for i, h in enumerate(header) if h == rule.text]
        type_col = None
        step_col = header.index(rule.step) if rule.step in header else None
        day_col = header.index(rule.day) if rule.day in header else None
    out = []
    for row in rows[1:]:
        def cell(i):
            return row[i] if i is not None and i < len(row) else None

        step = _scalar(cell(step_col))
        day = _scalar(cell(day_col))
        if step:
            m = re.search(r"\d+", step)
            step = str(int(m.group(0))) if m else step
        if day and day.isdigit():
            day = f"Day {day}"
        cols = list(cols_vm)
        t = cell(type_col)
        if t is not None and text_col is not None and _type_verdict(t.value) is Verdict.VOICEMAIL:
            cols.append(text_col)
        elif t is not None and text_col is not None and not cols and not _written_channel(t.value):
            c = cell(text_col)
            f = _inner_voicemail(c, step, day, header[text_col], "csv") if c is not None else None
            if f:
                out.append(f)
        for i in sorted(set(cols)):
            c = cell(i)
            if c is not None:
                f = _found(c, step, day, header[i], "csv")
                if f:
                    out.append(f)
    return out
