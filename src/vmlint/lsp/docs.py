"""Rule documentation pages the diagnostics link to (``codeDescription.href``).

vmlint has no website: each rule's documentation (the hover's Markdown) is written, the
first time a diagnostic needs it, to ``<code>.md`` in a folder this server made for itself
(``tempfile.mkdtemp``: private to the user) and removed when it stops. The link is a
``file:`` URI that an editor opens as a document.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .convert import rule_markdown

_SAFE = re.compile(r"[^A-Za-z0-9_-]")


class RulePages:
    def __init__(self) -> None:
        self._folder: Path | None = None
        self._written: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def url(self, rule: Any) -> str | None:
        """The ``file:`` URI of a rule's page, written on first use; None if it cannot be written."""
        text = rule_markdown(rule)
        key = (rule.code, text)
        with self._lock:
            if key in self._written:
                return self._written[key]
            try:
                if self._folder is None:
                    self._folder = Path(tempfile.mkdtemp(prefix="vmlint-lsp-rules-"))
                    atexit.register(self.remove)  # also when the client goes away without a shutdown
                # Two rules from different packs may share a code in different configs: number them apart.
                name = f"{_SAFE.sub('_', rule.code)}-{_SAFE.sub('_', rule.name)}"
                same = sum(1 for code, _ in self._written if code == rule.code)
                page = self._folder / (f"{name}.md" if not same else f"{name}-{same + 1}.md")
                page.write_text(text, encoding="utf-8")
            except OSError:
                return None
            self._written[key] = page.as_uri()
            return self._written[key]

    def linker(self, rule_of: Callable[[str], Any]) -> Callable[[str], str | None]:
        """rule name -> page URI, for the rules ``rule_of`` knows."""
        def link(name: str) -> str | None:
            rule = rule_of(name)
            return self.url(rule) if rule is not None else None
        return link

    def remove(self) -> None:
        with self._lock:  # never called while a page is being written
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
                self._written.clear()
