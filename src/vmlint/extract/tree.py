"""The small tree template files are read into: strings that know where they sit in the file.

Every reader (``jsonpos``, ``yamlpos``, ``csvpos``) gives the same shapes: ``Obj`` (keys in
file order), ``Arr``, and ``Str``, whose ``pieces`` map each character of its decoded value
to the file (``(value_start, file_start, value_length, file_length)``, as ``source.Placement``
reads them). Other scalars are plain Python values. The bounds every reader enforces are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError

MAX_DEPTH = 64
MAX_FIELD_CHARS = 100_000


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class BoundError(InputError):
    """A data file past one of the bounds (depth, field size)."""


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
