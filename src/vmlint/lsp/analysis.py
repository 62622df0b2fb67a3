"""Linting an editor's document with the library, as the command line lints a file.

The configuration is found the way the CLI finds it (``vmlint.toml`` or ``[tool.vmlint]``
walking up from the file; for a document not saved yet, from the workspace folder); the
client's settings override it as the CLI's flags do. A file's step comes from its front
matter, then the config's ``[tool.vmlint.steps]`` globs, then ``step``. A document that
cannot be linted (binary, over ``max-file-bytes``, a bad configuration) gets an
``Outcome`` with a ``problem`` instead of a report. Nothing here knows about LSP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..config import Config, normalize_step
from ..errors import ConfigError, VmlintError
from ..runner import DRAFT_SUFFIXES, Options, config_for, lint_text_of  # the CLI's own path for one file
from ..source import decode

DRAFT_LANGUAGES = {"plaintext": ".txt", "text": ".txt", "markdown": ".md"}
SETTING_KEYS = ("select", "ignore", "step", "max-words")
_SURROGATE = re.compile("[\ud800-\udfff]")


class SettingsError(ConfigError):
    """Settings from the client that are not valid (the previous settings stay in force)."""


@dataclass(frozen=True)
class Settings:
    """The client's settings: the config keys of the same names, over the config file's."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    step: str | None = None
    max_words: int | None = None

    def overrides(self) -> dict[str, Any]:
        out = {"select": self.select, "ignore": self.ignore, "step": self.step, "max_words": self.max_words}
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in out.items() if v is not None}


def _rules(key: str, value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"setting '{key}' must be a list of rule names, codes or code prefixes (or one comma-separated string)")
    return tuple(v.strip() for v in value if v.strip())


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """Settings from ``initializationOptions`` or ``workspace/didChangeConfiguration``.

    They may stand at the top level or under a ``vmlint`` key. Returns the settings and a
    note for each key that is not a setting; a value of the wrong type raises SettingsError.
    """
    if raw is None:
        return Settings(), []
    if isinstance(raw, dict) and isinstance(raw.get("vmlint"), dict):
        raw = raw["vmlint"]
    if not isinstance(raw, dict):
        raise SettingsError(f"settings must be an object with the keys {', '.join(SETTING_KEYS)}")
    notes = [f"unknown setting '{k}' ignored (settings: {', '.join(SETTING_KEYS)})" for k in raw if k not in SETTING_KEYS]
    step = raw.get("step")
    if step is not None:
        try:
            step = normalize_step(step)
        except ValueError as exc:
            raise SettingsError(f"setting 'step': {exc}") from None
    max_words = raw.get("max-words")
    if max_words is not None and (isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 1):
        raise SettingsError(f"setting 'max-words' must be a whole number of at least 1, not {max_words!r}")
    return Settings(_rules("select", raw.get("select")), _rules("ignore", raw.get("ignore")), step, max_words), notes


def path_of(uri: str) -> str | None:
    """The local path of a ``file:`` URI; None for any other scheme (an unsaved document)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/... on Windows
        path = path[1:]
    return path


def is_draft(uri: str, language_id: str | None) -> bool:
    """Whether vmlint lints this document: a draft file (.txt, .md), or an unsaved plain-text or Markdown one."""
    path = path_of(uri)
    if path is not None and Path(path).suffix.lower() in DRAFT_SUFFIXES:
        return True
    return path is None and (language_id or "").lower() in DRAFT_LANGUAGES


def markdown(uri: str, language_id: str | None) -> bool:
    path = path_of(uri)
    if path is not None and Path(path).suffix:
        return Path(path).suffix.lower() == ".md"
    return (language_id or "").lower() == "markdown"


@dataclass(frozen=True)
class Outcome:
    """What linting one document gave: a report (Report or SequenceReport) and its config, or a problem."""

    report: Any = None
    config: Config | None = None
    problem: str | None = None
    notes: tuple[str, ...] = field(default=())


def lint_document(text: str, uri: str, *, language_id: str | None = None, settings: Settings = Settings(),
                  folder: str | None = None) -> Outcome:
    """Lint an open document's text (never read from disk: the editor's text is the truth).

    ``folder`` is the workspace folder, where the config of a document without a path is looked for.
    """
    path = path_of(uri)
    suffix = ".md" if markdown(uri, language_id) else ".txt"
    name = path if path is not None else (urlparse(uri).path.rsplit("/", 1)[-1] or "untitled") + (
        "" if uri.lower().endswith(suffix) else suffix)
    where = path if path is not None else str(Path(folder or Path.cwd()) / "untitled")
    try:
        cfg = config_for(where, Options(overrides=settings.overrides()))
    except ValueError as exc:  # an override the found config rejects
        return Outcome(problem=f"{name}: {exc}")
    except VmlintError as exc:
        return Outcome(problem=str(exc))
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > cfg.max_file_bytes:
        return Outcome(config=cfg, problem=(
            f"{name}: document is {size:,} bytes, over the {cfg.max_file_bytes:,}-byte limit (max-file-bytes); not linted"))
    # A lone UTF-16 surrogate (an editor may hold one) is read as U+FFFD: same length, so every offset still fits.
    readable = _SURROGATE.sub("\ufffd", text)
    try:
        decode(readable.encode("utf-8"), name)  # the checks a file read from disk gets: no NUL bytes
        return Outcome(report=lint_text_of(readable, name, cfg, None), config=cfg)
    except VmlintError as exc:
        return Outcome(config=cfg, problem=f"{exc}; not linted")
