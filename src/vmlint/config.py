"""Configuration: ``[tool.vmlint]`` in pyproject.toml or a ``vmlint.toml``.

The file is found by walking up from the linted file's folder; the first folder with
a ``vmlint.toml``, or a ``pyproject.toml`` that has a ``[tool.vmlint]`` table, wins.
Keys are kebab-case, the same words as the CLI flags (``max-words`` is ``--max-words``).
Unknown keys and wrong types are errors that name the file, the line and the key.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path, PurePath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .models import STEPS, Severity, Step


class Weights(BaseModel):
    """Score penalty per finding, by severity; a rule's own weight multiplies it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    error: float = Field(default=25.0, ge=0)
    warning: float = Field(default=10.0, ge=0)
    info: float = Field(default=3.0, ge=0)


class ExtractRule(BaseModel):
    """How files matching one glob hold their messages (``[tool.vmlint.extract."GLOB"]``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    format: Literal["auto", "markdown", "json", "yaml", "csv", "text"] = "auto"
    text: str | None = Field(default=None, description="key path (steps[*].script) or CSV column of the message text")
    step: str | None = Field(default=None, description="key or column beside the text that gives its step")
    day: str | None = Field(default=None, description="key or column beside the text that gives its send day")


class Config(BaseModel):
    """Every setting vmlint reads. Python names use underscores; files and flags use hyphens."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True, alias_generator=lambda n: n.replace("_", "-"))

    step: Step | None = None
    steps: dict[str, Step] = Field(default_factory=dict, description="file glob -> step")
    max_words: int = Field(default=35, ge=1)
    max_seconds: float = Field(default=45.0, gt=0)
    words_per_minute: float = Field(default=150.0, gt=0)
    region: str = "US"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rule_weights: dict[str, float] = Field(default_factory=dict)
    weights: Weights = Field(default_factory=Weights)
    max_file_bytes: int = Field(default=2_000_000, ge=1)
    rendered: bool = False
    min_reading_ease: float = 50.0
    rule_packs: list[str] = Field(default_factory=list)
    fail_on: Severity = Severity.error
    fail_under: float | None = Field(default=None, ge=0, le=100)
    exit_zero: bool = False
    extract: dict[str, ExtractRule] = Field(default_factory=dict, description="file glob -> how its messages are found")
    root: str | None = Field(default=None, exclude=True, description="folder of the config file")

    @field_validator("step", mode="before")
    @classmethod
    def _step(cls, v: Any) -> Any:
        return None if v is None else normalize_step(v)

    @field_validator("steps", mode="before")
    @classmethod
    def _steps(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: normalize_step(s) for k, s in v.items()}
        return v

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        if v.upper() == "US":  # the default: no need to load phonenumbers' tables to know it
            return "US"
        import phonenumbers

        if v.upper() not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown region '{v}' (use a two-letter code such as US, GB, CA)")
        return v.upper()

    def step_for(self, path: str | None) -> Step | None:
        """The step a glob in ``steps`` gives this path, if any."""
        if not path or not self.steps:
            return None
        p = PurePath(path)
        rel = p
        if self.root:
            try:
                rel = Path(path).resolve().relative_to(Path(self.root).resolve())
            except ValueError:
                rel = p
        for pattern, step in self.steps.items():
            for candidate in (rel.as_posix(), p.as_posix(), p.name):
                if fnmatch.fnmatch(candidate, pattern) or PurePath(candidate).match(pattern):
                    return step
        return None

    def merged(self, **overrides: Any) -> "Config":
        """A copy with the given settings (None values are left as they were)."""
        data = self.model_dump(by_alias=False)
        data["root"] = self.root
        data.update({k: v for k, v in overrides.items() if v is not None})
        return Config.model_validate(data)


def normalize_step(value: Any) -> str:
    text = str(value).strip().lower()
    aliases = {"step1": "1", "step2": "2", "step3": "3", "first": "1", "second": "2", "third": "3", "step 1": "1", "step 2": "2", "step 3": "3"}
    text = aliases.get(text, text)
    if text not in STEPS:
        raise ValueError(f"step must be 1, 2, 3 or generic, not '{value}'")
    return text


def _line_of_key(raw: str, key: str) -> int | None:
    for no, line in enumerate(raw.splitlines(), 1):
        stripped = line.strip().strip('"')
        if stripped.startswith(key) or stripped.startswith(f'"{key}"') or f"{key} =" in line or f"{key}=" in line:
            return no
    return None


def from_mapping(data: dict[str, Any], *, path: str, raw: str = "", root: str | None = None) -> Config:
    try:
        return Config.model_validate({**data, "root": root})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(x) for x in err["loc"]]
        key = ".".join(loc) or "?"
        line = _line_of_key(raw, loc[-1]) if loc else None
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{key}'"
        else:
            msg = f"'{key}': {err['msg']}"
        raise ConfigError(msg, path=path, line=line) from None


def load_file(path: Path) -> Config | None:
    """Read one config file; None for a pyproject.toml without [tool.vmlint]."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(exc.strerror or str(exc), path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 at byte offset {exc.start}", path=str(path)) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else raw.count("\n") + 1
        raise ConfigError(f"not valid TOML: {exc}", path=str(path), line=line) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if "vmlint" not in tool:
            return None
        data = tool["vmlint"]
    if not isinstance(data, dict):
        raise ConfigError("[tool.vmlint] must be a table", path=str(path))
    return from_mapping(data, path=str(path), raw=raw, root=str(path.parent))


def find_config(start: Path) -> Config | None:
    """Walk up from ``start`` (a file or folder) to the first config file."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for d in (folder, *folder.parents):
        for name in ("vmlint.toml", "pyproject.toml"):
            candidate = d / name
            if candidate.is_file():
                cfg = load_file(candidate)
                if cfg is not None:
                    return cfg
    return None
