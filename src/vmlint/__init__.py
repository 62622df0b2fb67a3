"""vmlint: a linter for sales voicemail scripts.

    >>> from vmlint import lint
    >>> report = lint("Hi Ana, it's Jo from Pinecrest. I'll call you Thursday at 2 p.m.", step="1")
    >>> report.score
    100.0

Public API: ``lint``, ``lint_file``, ``lint_paths`` (many files), ``Linter`` (``lint_many`` for
many texts), ``render`` (any output format), ``fix_text``, ``Config``, ``load_config``, the
models (``Report``, ``Finding``, ``Facts``, ``Span``, ...) and the errors.
"""

from .config import Config, find_config as load_config
from .engine import Linter, lint, lint_file
from .errors import ConfigError, InputError, RulePackError, VmlintError
from .fixes import fix_text
from .models import Commitment, Facts, Finding, Fix, Edit, Idea, PhoneNumber, Placeholder, Readability, Report, Severity, Span, Step

from .report import render
from .report.results import FileResult
from .runner import lint_paths

__version__ = "0.1.0"

__all__ = [
    "Commitment",
    "Config",
    "ConfigError",
    "Edit",
    "Facts",
    "FileResult",
    "Finding",
    "Fix",
    "Idea",
    "InputError",
    "Linter",
    "PhoneNumber",
    "Placeholder",
    "Readability",
    "Report",
    "RulePackError",
    "Severity",
    "Span",
    "Step",
    "VmlintError",
    "__version__",
    "fix_text",
    "lint",
    "lint_file",
    "lint_paths",
    "load_config",
    "render",
]
