"""Where the built-in rule data lives: inside the wheel, or beside ``src/`` in a checkout."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    packaged = importlib.resources.files("vmlint") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("vmlint's rules/ folder is missing from this installation")
