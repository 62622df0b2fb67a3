"""Voicemails inside template data: JSON, YAML and CSV files (and json/yaml fences in Markdown).

Each file is parsed into a small tree whose strings know where they sit in the file
(JSON by a position-keeping scanner written here, YAML by PyYAML's composer, which keeps
node marks, CSV by a record scanner written here), then walked:

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
from dataclasses import dataclass, field

from ..errors import InputError
from .build import Found
from .names import Verdict, classify_key, words
from .speech import spoken

MAX_DEPTH = 64
MAX_FIELD_CHARS = 100_000

_TEXT_WORDS = {"script", "body", "text", "message", "content", "copy", "template", "transcript", "wording", "msg", "voicemail", "vm"}
_TYPE_WORDS = {"type", "channel", "kind", "medium", "action", "mode"}
_STEP_WORDS = {"step", "touch", "stage", "order", "attempt", "number", "position", "sequence", "index", "paso"}
_DAY_WORDS = {"day", "weekday", "send", "dia", "día", "when"}


class BoundError(InputError):
    """A data file past one of the bounds (depth, field size)."""


# -- the tree -----------------------------------------------------------------------------

@dataclass
class Str:
    value: str
    pieces: tuple[tuple[int, int, int, int], ...]
    line: int


@dataclass
class Obj:
    items: list[tuple[str, object]] = field(default_factory=list)


@dataclass
class Arr:
    items: list[object] = field(default_factory=list)


# -- JSON -----------------------------------------------------------------------------------

_JSON_WS = re.compile(r"[ \t\r\n]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_JSON_SPECIAL = re.compile(r'["\\\x00-\x1f]')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _JsonError(Exception):
    def __init__(self, message: str, pos: int) -> None:
        self.message, self.pos = message, pos


def parse_json(text: str) -> object:
    """JSON to a tree of Obj / Arr / Str (other scalars as Python values), without recursion."""
    pos = _JSON_WS.match(text, 0).end()
    if text.startswith("\ufeff"):
        pos = _JSON_WS.match(text, 1).end()
    stack: list[list] = []  # [container, pending key]
    root = None
    n = len(text)

    def value_at(p: int):
        c = text[p] if p < n else ""
        if c == '"':
            return _json_string(text, p)
        m = _JSON_NUMBER.match(text, p)
        if m and m.end() > p:
            return m.group(0), m.end()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, p):
                return val, p + len(word)
        raise _JsonError("expected a value" if c else "the file ends where a value was expected", p)

    expect_value = True
    while True:
        pos = _JSON_WS.match(text, pos).end()
        if expect_value:
            c = text[pos] if pos < n else ""
            if c in "{[":
                if len(stack) >= MAX_DEPTH:
                    raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=_line_of(text, pos))
                node = Obj() if c == "{" else Arr()
                stack.append([node, None])
                pos += 1
                pos = _JSON_WS.match(text, pos).end()
                closer = "}" if c == "{" else "]"
                if pos < n and text[pos] == closer:
                    stack.pop()
                    value, expect_value = node, False
                    pos += 1
                elif c == "{":
                    key, pos = _key(text, pos)
                    stack[-1][1] = key
                    continue
                else:
                    continue
            else:
                value, pos = value_at(pos)
                expect_value = False
            # attach the value
            if not stack:
                root = value
                pos = _JSON_WS.match(text, pos).end()
                if pos != n:
                    raise _JsonError("extra data after the document", pos)
                return root
            top = stack[-1]
            if isinstance(top[0], Obj):
                top[0].items.append((top[1].value if isinstance(top[1], Str) else top[1], value))
            else:
                top[0].items.append(value)
            continue
        # after a value: a comma or the end of the container
        c = text[pos] if pos < n else ""
        top = stack[-1]
        closer = "}" if isinstance(top[0], Obj) else "]"
        if c == ",":
            pos += 1
            if isinstance(top[0], Obj):
                pos = _JSON_WS.match(text, pos).end()
                key, pos = _key(text, pos)
                top[1] = key
            expect_value = True
            continue
        if c == closer:
            pos += 1
            node = stack.pop()[0]
            if not stack:
                pos = _JSON_WS.match(text, pos).end()
                if pos != n:
                    raise _JsonError("extra data after the document", pos)
                return node
            parent = stack[-1]
            if isinstance(parent[0], Obj):
                parent[0].items.append((parent[1].value if isinstance(parent[1], Str) else parent[1], node))
            else:
                parent[0].items.append(node)
            continue
        raise _JsonError(f"expected ',' or '{closer}'" if c else f"the file ends before a closing '{closer}'", pos)


def _key(text: str, pos: int):
    if pos >= len(text) or text[pos] != '"':
        raise _JsonError("expected a key in double quotes", pos)
    key, pos = _json_string(text, pos)
    pos = _JSON_WS.match(text, pos).end()
    if pos >= len(text) or text[pos] != ":":
        raise _JsonError("expected ':' after a key", pos)
    return key, pos + 1


def _json_string(text: str, start: int) -> tuple[Str, int]:
    """A JSON string at ``start`` (its opening quote): its value and where each part of it is in the file."""
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    p = start + 1
    n = len(text)
    m_len = 0
    run_start = p
    while True:
        special = _JSON_SPECIAL.search(text, p)
        if special is None:
            raise _JsonError("a string is not closed", start)
        p = special.start()
        if p - run_start + m_len > MAX_FIELD_CHARS:
            break
        c = text[p]
        if p > run_start:
            out.append(text[run_start:p])
            pieces.append((m_len, run_start, p - run_start, p - run_start))
            m_len += p - run_start
            run_start = p
        if c == '"':
            break
        if c < " ":
            raise _JsonError("a control character (such as a line break) inside a string", p)
        esc = text[p + 1] if p + 1 < n else ""
        if esc in _ESCAPES:
            ch, raw = _ESCAPES[esc], 2
        elif esc == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[p + 2:p + 6]):
            code = int(text[p + 2:p + 6], 16)
            raw = 6
            if 0xD800 <= code < 0xDC00 and text[p + 6:p + 8] == "\\u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[p + 8:p + 12]):
                low = int(text[p + 8:p + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    raw = 12
            ch = chr(code)
        else:
            raise _JsonError("an invalid escape in a string", p)
        out.append(ch)
        pieces.append((m_len, p, len(ch), raw))
        m_len += len(ch)
        p += raw
        run_start = p
        if m_len > MAX_FIELD_CHARS:
            break
        continue
    if m_len > MAX_FIELD_CHARS or p - run_start + m_len > MAX_FIELD_CHARS:
        raise BoundError(f"a string longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=_line_of(text, start))
    return Str("".join(out), tuple(pieces), 0), p + 1  # the line is counted only for an error


# -- YAML -------------------------------------------------------------------------------------

def parse_yaml(text: str) -> list[object]:
    """YAML documents to trees; aliases are the node they name (never expanded), depth bounded."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                return super().compose_node(parent, index)
            Loader.depth += 1
            try:
                if Loader.depth > MAX_DEPTH:
                    mark = self.peek_event().start_mark
                    raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                Loader.depth -= 1

    docs = []
    loader = None
    fast = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it
    try:
        if fast is not None:
            # The C composer recurses: bound the depth on the event stream first (iterative, in C).
            depth = 0
            for event in yaml.parse(text, Loader=fast):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)",
                                         line=event.start_mark.line + 1)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
            return [_from_yaml(node, text) for node in yaml.compose_all(text, Loader=fast) if node is not None]
        loader = Loader(text)
        while loader.check_node():
            docs.append(_from_yaml(loader.get_node(), text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if "nesting depth" in str(exc.problem):  # libyaml's own, larger limit, met while scanning ahead
            raise BoundError(f"nesting deeper than {MAX_DEPTH} levels (the depth bound)", line=line) from None
        raise InputError(f"not valid YAML: {exc.problem or exc.context}", line=line) from None
    except yaml.reader.ReaderError as exc:
        raise InputError(f"not valid YAML: character #x{exc.character:04x} is not allowed",
                         line=_line_of(text, exc.position)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {' '.join(str(exc).split())}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return docs


def _from_yaml(root, text: str) -> object:
    import yaml

    built: dict[int, object] = {}
    order = []
    stack = [root]
    while stack:  # visit each node once (an alias is the same node object)
        node = stack.pop()
        if id(node) in built:
            continue
        built[id(node)] = None
        order.append(node)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    claimed: set[int] = set()

    def claim(v):
        # a node reached again through an alias is not walked again: the tree holds it once
        if id(v) in claimed:
            return None
        claimed.add(id(v))
        return built[id(v)]

    for node in reversed(order):
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str" or node.style is not None:
                if len(node.value) > MAX_FIELD_CHARS:
                    raise BoundError(f"a string longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)",
                                     line=node.start_mark.line + 1)
                built[id(node)] = Str(node.value, align(node.value, text, node.start_mark.index, node.end_mark.index,
                                                        block=node.style in ("|", ">")), node.start_mark.line + 1)
            else:
                built[id(node)] = node.value
        elif isinstance(node, yaml.MappingNode):
            obj = Obj()
            for k, v in node.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else ""
                obj.items.append((str(key), claim(v)))
            built[id(node)] = obj
        else:
            built[id(node)] = Arr([claim(v) for v in node.value])
    return built[id(root)]


def align(value: str, text: str, start: int, end: int, *, block: bool = False) -> tuple[tuple[int, int, int, int], ...]:
    """Where each character of a decoded scalar sits in ``text[start:end]`` (quotes, escapes, folding, indentation).

    Copied characters become exact pieces; an escape stands for its raw characters; what the
    file has and the value lacks (quotes, indentation, a folded line break) is skipped.
    """
    pieces: list[list[int]] = []
    j = start
    if block:  # skip the '|' / '>' indicator line
        nl = text.find("\n", start, end)
        j = nl + 1 if nl >= 0 else start
    for i, c in enumerate(value):
        while j < end and text[j] != c and (text[j].isspace() or text[j] in "\"'"):
            j += 1
        if j < end and text[j] == c:
            if pieces and pieces[-1][2] == pieces[-1][3] and pieces[-1][1] + pieces[-1][3] == j and pieces[-1][0] + pieces[-1][2] == i:
                pieces[-1][2] += 1
                pieces[-1][3] += 1
            else:
                pieces.append([i, j, 1, 1])
            j += 1
            continue
        raw = 1
        if j < end and text[j] == "\\":
            nxt = text[j + 1:j + 2]
            raw = {"x": 4, "u": 6, "U": 10}.get(nxt, 2)
        pieces.append([i, min(j, end), 1, raw if j < end else 0])
        j = min(end, j + raw)
    return tuple(tuple(p) for p in pieces)


# -- CSV ----------------------------------------------------------------------------------------

def parse_csv(text: str) -> list[list[Str]]:
    """Rows of fields, each knowing its place; quoted fields may hold commas, quotes and line breaks."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ("\t" if "\t" in first_line and "," not in first_line else ",")
    rows: list[list[Str]] = []
    row: list[Str] = []
    p = 1 if text.startswith("\ufeff") else 0
    n = len(text)
    line = 1
    while p <= n:
        if p == n:
            if row:
                rows.append(row)
            break
        if text[p] == '"':
            q = p + 1
            out: list[str] = []
            pieces: list[tuple[int, int, int, int]] = []
            m = 0
            start_line = line
            while True:
                k = text.find('"', q)
                if k < 0:
                    raise InputError("not valid CSV: a quoted field is not closed", line=start_line)
                if k > q:
                    out.append(text[q:k])
                    pieces.append((m, q, k - q, k - q))
                    m += k - q
                    line += text.count("\n", q, k)
                if text[k + 1:k + 2] == '"':
                    out.append('"')
                    pieces.append((m, k, 1, 2))
                    m += 1
                    q = k + 2
                    continue
                q = k + 1
                break
            if m > MAX_FIELD_CHARS:
                raise BoundError(f"a field longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=start_line)
            row.append(Str("".join(out), tuple(pieces), start_line))
            p = q
            while p < n and text[p] in " \t" and delimiter != "\t":
                p += 1
        else:
            k = p
            while k < n and text[k] not in (delimiter, "\n", "\r"):
                k += 1
            if k - p > MAX_FIELD_CHARS:
                raise BoundError(f"a field longer than {MAX_FIELD_CHARS:,} characters (the field-size bound)", line=line)
            row.append(Str(text[p:k], ((0, p, k - p, k - p),) if k > p else (), line))
            p = k
        if p < n and text[p] == delimiter:
            p += 1
            if p == n:
                row.append(Str("", (), line))
            continue
        if p < n and text[p] in "\r\n":
            p += 2 if text.startswith("\r\n", p) else 1
            line += 1
            rows.append(row)
            row = []
            continue
        if p < n:
            raise InputError("not valid CSV: text after a closing quote", line=line)
    return [r for r in rows if any(f.value.strip() for f in r)]


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


def _type_of(obj: Obj) -> Verdict | str | None:
    for k, v in obj.items:
        if _is(k, _TYPE_WORDS) and isinstance(v, Str):
            verdict = classify_key(v.value)
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
        if t is not None and text_col is not None and classify_key(t.value) is Verdict.VOICEMAIL:
            cols.append(text_col)
        for i in sorted(set(cols)):
            c = cell(i)
            if c is not None:
                f = _found(c, step, day, header[i], "csv")
                if f:
                    out.append(f)
    return out
