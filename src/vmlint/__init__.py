"""vmlint: a linter for sales voicemail scripts.

    >>> from vmlint import lint
    >>> report = lint("Hi Ana, it's Jo from Pinecrest. I'll call you Thursday at 2 p.m.", step="1")
    >>> report.score
    100.0

Public API: ``lint``, ``lint_file``, ``lint_paths``, ``Linter``, ``Config``, ``load_config``,
the models (``Report``, ``Finding``, ``Facts``, ``Span``, ...) and the errors.
"""

from .config import Config, find_config as load_config
from .engine import Linter, lint, lint_file
from .errors import ConfigError, InputError, RulePackError, VmlintError
from .models import Commitment, Facts, Finding, Fix, Edit, Idea, PhoneNumber, Placeholder, Readability, Report, Severity, Span, Step

__version__ = "0.1.0"

__all__ = [
    "Commitment",
    "Config",
    "ConfigError",
    "Edit",
    "Facts",
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
    "lint",
    "lint_file",
    "load_config",
]
