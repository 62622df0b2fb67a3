"""The built-in rules. Importing this package registers them all in ``REGISTRY``."""

from . import catalog, headline, meta, sequence  # noqa: F401
from .base import REGISTRY, Hit, Rule, RuleDoc

__all__ = ["REGISTRY", "Hit", "Rule", "RuleDoc"]
