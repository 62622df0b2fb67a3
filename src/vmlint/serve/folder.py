"""The drafts a server may read and write: files inside one folder, and nothing else.

Every path a request names is relative to the folder and is resolved (symbolic links
followed) before it is used; it must land inside the folder, on an existing ``.txt`` or
``.md`` file that is not hidden. ``..``, absolute paths, NUL bytes and links that lead
out of the folder are refused with a ``PathRefused`` that says why.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..runner import DRAFT_SUFFIXES, iter_drafts


class PathRefused(Exception):
    """A request named a path the server will not touch; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


class Drafts:
    """The draft files of one folder, by their paths relative to it (always with ``/``)."""

    def __init__(self, folder: str | Path) -> None:
        self.root = Path(folder).resolve(strict=True)
        if not self.root.is_dir():
            raise NotADirectoryError(f"{folder}: not a folder")

    def resolve(self, name: str) -> Path:
        """The real file a relative path names, or ``PathRefused``."""
        if not name or "\x00" in name or "\\" in name:
            raise PathRefused(f"'{name}' is not a draft path in this folder", 400)
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or (rel.parts and rel.parts[0].endswith(":")):
            raise PathRefused(f"'{name}' points outside the folder: give a path inside it, without '..'")
        if any(part.startswith(".") for part in rel.parts):
            raise PathRefused(f"'{name}' is hidden: vmlint serve only opens the drafts it lists", 404)
        try:
            real = (self.root / rel).resolve(strict=True)
        except (FileNotFoundError, NotADirectoryError):
            raise PathRefused(f"'{name}': no such draft in this folder", 404) from None
        except (OSError, RuntimeError) as exc:  # a link loop, a name too long
            raise PathRefused(f"'{name}' cannot be opened: {exc}", 400) from None
        if not real.is_relative_to(self.root):
            raise PathRefused(f"'{name}' leads outside the folder (through a symbolic link)")
        if not real.is_file() or real.suffix.lower() not in DRAFT_SUFFIXES:
            raise PathRefused(f"'{name}' is not a .txt or .md draft", 404)
        return real

    def folder(self, name: str) -> Path:
        """The real sub-folder a relative path names (``.`` or empty: the folder itself), or ``PathRefused``."""
        if name in ("", "."):
            return self.root
        if "\x00" in name or "\\" in name:
            raise PathRefused(f"'{name}' is not a folder path in this folder", 400)
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts or any(p.startswith(".") for p in rel.parts):
            raise PathRefused(f"'{name}' points outside the folder: give a path inside it, without '..'")
        real = (self.root / rel).resolve()
        if not real.is_relative_to(self.root):
            raise PathRefused(f"'{name}' leads outside the folder (through a symbolic link)")
        if not real.is_dir():
            raise PathRefused(f"'{name}': no such folder here", 404)
        return real

    def names(self) -> list[str]:
        """Every draft the folder holds (as ``vmlint FOLDER`` finds them), except links that lead out of it."""
        out = []
        for p in iter_drafts(self.root):
            name = p.relative_to(self.root).as_posix()
            try:
                self.resolve(name)
            except PathRefused:
                continue
            out.append(name)
        return out
