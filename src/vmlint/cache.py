"""A content-hash result cache, so an unchanged file costs a hash and a read.

An entry is keyed by everything a report depends on: the file's text and path, the step
given on the command line, the whole configuration, the vmlint version (and the size and
time of its modules) and the bytes of every rule file (built-in and user packs). Entries live in ``.vmlint_cache/`` (or
``cache-dir``), a folder that is safe to delete at any time and that tells git to ignore
it. A hit never imports spaCy.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .config import Config
from .models import Report, SequenceReport

DEFAULT_DIR = ".vmlint_cache"


@lru_cache(maxsize=16)
def _rules_fingerprint(folders: tuple[str, ...]) -> str:
    """The rule files' bytes, and vmlint's own modules (size and time), so a changed install misses."""
    from .resources import rules_dir

    h = hashlib.sha256()
    for p in sorted(Path(__file__).parent.rglob("*.py")):
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    for folder in (str(rules_dir()), *folders):
        base = Path(folder)
        if not base.is_dir():
            h.update(f"missing:{folder}".encode())
            continue
        for p in sorted(base.rglob("*.toml")):
            h.update(str(p.relative_to(base)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


class ResultCache:
    def __init__(self, folder: str | os.PathLike, config: Config) -> None:
        from . import __version__

        self.folder = Path(folder)
        packs = tuple(str(Path(config.root or ".") / p) for p in config.rule_packs)
        self._prefix = "\0".join([__version__, _rules_fingerprint(packs), config.model_dump_json(), str(config.root)])

    def key(self, text: str, path: str, step: str | None) -> str:
        h = hashlib.sha256(self._prefix.encode())
        h.update(f"\0{path}\0{step}\0".encode())
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Report | SequenceReport | None:
        try:
            kind, _, data = self._file(key).read_bytes().partition(b"\n")
            model = {b"report": Report, b"sequence": SequenceReport}[kind]
            return model.model_validate_json(data)
        except (OSError, ValueError, KeyError):
            return None  # a missing or damaged entry is a miss

    def put(self, key: str, report: Report | SequenceReport) -> None:
        try:
            self._ensure_folder()
            target = self._file(key)
            target.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                kind = b"sequence" if isinstance(report, SequenceReport) else b"report"
                fh.write(kind + b"\n" + report.model_dump_json().encode())
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs speed

    def _ensure_folder(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("# Created by vmlint; safe to delete.\n*\n", encoding="utf-8")
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# vmlint result cache; safe to delete.\n", encoding="utf-8"
        )
