"""vmlint: a linter for sales voicemail scripts.

    >>> from vmlint import lint
    >>> report = lint("Hi Ana, it's Jo from Pinecrest about the quote you asked for. I'll call you Thursday at 2 p.m.", step="1")
    >>> report.score
    100.0

Public API: ``lint``, ``lint_file``, ``lint_paths`` (many files), ``lint_sequence`` (a
voicemail sequence), ``Linter`` (``lint_many`` for many texts), ``render`` (any output format), ``fix_text``, ``Config``, ``load_config``,
the models (``Report``, ``Finding``, ``Facts``, ``Span``, ...) and the errors.

Names are imported on first use, so ``import vmlint`` stays cheap: a command-line run
served from the result cache never loads spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_WHERE = {
    "Config": "config",
    "load_config": "config",
    "Linter": "engine",
    "lint": "engine",
    "lint_file": "engine",
    "lint_sequence": "engine",
    "ConfigError": "errors",
    "InputError": "errors",
    "RulePackError": "errors",
    "VmlintError": "errors",
    "fix_text": "fixes",
    "Commitment": "models",
    "Edit": "models",
    "Facts": "models",
    "Finding": "models",
    "Fix": "models",
    "Idea": "models",
    "PhoneNumber": "models",
    "Placeholder": "models",
    "Readability": "models",
    "Report": "models",
    "Severity": "models",
    "Span": "models",
    "MessageReport": "models",
    "SequenceFinding": "models",
    "SequenceReport": "models",
    "Step": "models",
    "render": "report",
    "FileResult": "report.results",
    "lint_paths": "runner",
}
_RENAMED = {"load_config": "find_config"}

__all__ = sorted([*_WHERE, "__version__"])


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'vmlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .config import find_config as load_config
    from .engine import Linter, lint, lint_file, lint_sequence
    from .errors import ConfigError, InputError, RulePackError, VmlintError
    from .fixes import fix_text
    from .models import (Commitment, Edit, Facts, Finding, Fix, Idea, MessageReport, PhoneNumber, Placeholder, Readability,
                         Report, SequenceFinding, SequenceReport, Severity, Span, Step)
    from .report import render
    from .report.results import FileResult
    from .runner import lint_paths
