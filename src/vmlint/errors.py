"""Errors vmlint raises for problems with what the user gave it.

Findings are about a draft; these are about input vmlint could not use at all::

    VmlintError
    ├── InputError        a path that cannot be read as a text draft
    ├── ConfigError       a configuration file or option that is not valid
    └── RulePackError     a rule pack in rules/ or a user folder that is not valid

Every message names the file (and the line, where there is one) and the problem,
in one line, so the CLI can print it as it is.
"""

from __future__ import annotations


class VmlintError(Exception):
    """Base class of every error vmlint raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class InputError(VmlintError):
    """A draft that cannot be read: missing, unreadable, binary, badly encoded, too large."""


class ConfigError(VmlintError):
    """A configuration file, key or value that is not valid."""


class RulePackError(VmlintError):
    """A rule pack whose data is not valid."""
