"""Finding the messages a file holds: playbooks (Markdown) and template data (JSON, YAML, CSV).

``find_messages(text, path, config)`` returns the messages found, each with its text as
linted and its place in the file, or ``None`` when the file is a draft as before (one
message, or a sequence of front-matter blocks; ``source.split_messages`` reads those).
Every producer hands the engine the same thing: a list of ``Source`` with a
``Placement``, so findings, suppressions and fixes work per message and point into the file.

    [tool.vmlint.extract."templates/*.yaml"]   # per glob: how a team's own files hold messages
    format = "yaml"                            # auto | markdown | json | yaml | csv | text (one message)
    text = "cadence.touches[*].body"           # key path (or CSV column) of the message text
    step = "touch"                             # key (or column) of its step, beside the text
    day = "send_day"                           # key (or column) of its send day
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from ..config import Config
from ..source import FileLines, Placement, Source, parse
from .build import Found

DATA_SUFFIXES = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_VALID_STEPS = {"1", "2", "3", "generic"}


@dataclass(frozen=True)
class Extraction:
    """The messages found in one file (maybe none), and whether they are steps of one sequence."""

    path: str | None
    text: str
    messages: tuple[Found, ...]
    kind: str  # markdown | json | yaml | csv
    rule: object = None

    @property
    def sequence(self) -> bool:
        """Several messages that each name a step or a day, from one list (or one playbook): one sequence."""
        ms = self.messages
        return len(ms) >= 2 and all(m.step or m.day for m in ms) and len({m.sequence_key for m in ms}) == 1

    def sources(self) -> list[Source]:
        """The messages as Sources to lint: each parsed on its own text, placed in the file, with its step and day."""
        lines = FileLines(self.text)
        out = []
        sequence = self.sequence
        for index, m in enumerate(self.messages):
            src = parse(m.text, self.path if self.kind == "markdown" else None)
            front = {}
            # In a sequence a voicemail's step is its place among the voicemails (touch 3 of a cadence
            # may be the second voicemail); a directive's step=... is taken as it is.
            step = m.step if (m.explicit_step or not sequence) else (str(index + 1) if index < 3 else "generic")
            if step and step in _VALID_STEPS:
                front["step"] = step
            if m.day:
                front["day"] = m.day
            place = Placement(m.pieces, lines, encode=_encoder(self.kind),
                              check=_checker(self, index))
            first = place.offset(_spoken_bounds(m.text)[0])[0]
            out.append(replace(src, path=self.path, front_matter=front, placement=place,
                               start=first, first_line=lines.line_col(first)[0]))
        return out

    def listing(self) -> list[dict]:
        """``{"path", "line", "end_line", "step", "day", "text"}`` per message, for ``--list-messages``."""
        lines = FileLines(self.text)
        out = []
        for m in self.messages:
            place = Placement(m.pieces, lines)
            lead, tail = _spoken_bounds(m.text)
            start = place.offset(lead)[0]
            end = place.offset(tail)[0]
            out.append({"path": self.path, "line": lines.line_col(start)[0],
                        "end_line": lines.line_col(max(start, end - 1))[0],
                        "step": m.step, "day": m.day, "text": _spoken_text(m.text)})
        return out


def _spoken_bounds(text: str) -> tuple[int, int]:
    """Where the spoken text of a message starts and ends: directive lines before it are left out."""
    from ..source import _DIRECTIVE

    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and not _DIRECTIVE.fullmatch(line.rstrip("\r\n")):
            break
        pos += len(line)
    body = text[pos:]
    lead = pos + len(body) - len(body.lstrip())
    return lead, len(text.rstrip())


def _spoken_text(text: str) -> str:
    """A message's text without directive lines (they are never read aloud)."""
    from ..source import _DIRECTIVE

    return "\n".join(line for line in text.strip().splitlines() if not _DIRECTIVE.fullmatch(line)).strip()


def _encoder(kind: str):
    """How replacement text is written into the file: JSON strings need escapes; other formats are checked by re-reading."""
    if kind == "json":
        import json

        return lambda s: json.dumps(s, ensure_ascii=False)[1:-1]
    return None


def _checker(extraction: Extraction, index: int):
    """Whether the file, edited, still parses and holds message ``index`` as the edited text (and the others unchanged)."""

    def check(edits: list[tuple[int, int, str]], expected: str) -> bool:
        text = extraction.text
        for a, b, r in sorted(edits, reverse=True):
            text = text[:a] + r + text[b:]
        try:
            again = _extract(text, extraction.path, extraction.kind, extraction.rule)
        except Exception:  # noqa: BLE001 - any failure to read the edited file means the fix is not applied
            return False
        if again is None or len(again) != len(extraction.messages):
            return False
        for i, (old, new) in enumerate(zip(extraction.messages, again)):
            want = expected if i == index else old.text
            if new.text.strip() != want.strip():
                return False
        return True

    return check


def _rule_for(path: str | None, config: Config | None):
    if not path or config is None or not config.extract:
        return None
    p = PurePath(path)
    rel = p
    if config.root:
        try:
            rel = Path(path).resolve().relative_to(Path(config.root).resolve())
        except ValueError:
            rel = p
    for pattern, rule in config.extract.items():
        for candidate in (rel.as_posix(), p.as_posix(), p.name):
            if fnmatch.fnmatch(candidate, pattern) or PurePath(candidate).match(pattern):
                return rule
    return None


def kind_of(path: str | None, config: Config | None = None) -> str | None:
    """How a file is read: markdown, json, yaml, csv, or None (a draft: one message or a front-matter sequence)."""
    rule = _rule_for(path, config)
    if rule is not None and rule.format != "auto":
        return None if rule.format == "text" else rule.format
    suffix = PurePath(path).suffix.lower() if path else ""
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return DATA_SUFFIXES.get(suffix)


def _extract(text: str, path: str | None, kind: str, rule) -> list[Found] | None:
    if kind == "markdown":
        from .markdown import extract

        return extract(text)
    from .data import KeyRule, extract_text

    key_rule = KeyRule(rule.text, rule.step, rule.day) if rule is not None and rule.text else None
    return extract_text(text, kind, path=path, rule=key_rule)


def find_messages(text: str, path: str | None, config: Config | None = None) -> Extraction | None:
    """The messages of a playbook or template file; None for a plain draft (read as before)."""
    kind = kind_of(path, config)
    if kind is None:
        return None
    if kind == "markdown":
        from ..source import front_matter_blocks

        if len(front_matter_blocks(text)) >= 2:
            return None  # a sequence of front-matter blocks, read as before
    rule = _rule_for(path, config)
    found = _extract(text, path, kind, rule)
    if found is None:
        return None
    return Extraction(path, text, tuple(found), kind, rule)


__all__ = ["Extraction", "find_messages", "kind_of"]
