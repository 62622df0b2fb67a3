"""Linting many files: discovery, per-folder configuration, the result cache, worker processes.

``lint_paths`` is what the command line runs, and what a library user calls to lint a
whole script repository::

    from vmlint import lint_paths
    results = lint_paths(["scripts/"], jobs=0)          # 0: decide from the number of files
    for r in results:
        print(r.path, r.error or r.score)

Each result is a ``FileResult`` (path, report or error, text). An unreadable path is an
error result, never an exception, so one bad file does not stop the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import DEFAULT_DIR as DEFAULT_CACHE
from .config import Config, find_config
from .errors import VmlintError
from .report.results import FileResult
from .source import decode, read_path

DRAFT_SUFFIXES = {".txt", ".md"}
# Template data is read from a folder when its name, or a folder's name above it, says it holds scripts.
DATA_SUFFIXES = {".json", ".yaml", ".yml", ".csv"}
SCRIPT_WORDS = {"voicemail", "vm", "script", "scripts", "cadence", "cadences", "sequence", "sequences", "template",
                "templates", "playbook", "playbooks", "touch", "touches", "outreach", "prospecting"}
SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "build", "dist", "site-packages"}
# Below this many files, starting worker processes costs more than it saves (see BENCHMARKS.md).
PARALLEL_FROM = 48
STDIN = "-"


def iter_drafts(path: Path) -> Iterator[Path]:
    """Files under a folder with a draft suffix, skipping hidden and build folders; links to folders are not followed."""
    for root, dirs, files in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if name.startswith("."):
                continue
            if suffix in DRAFT_SUFFIXES or (suffix in DATA_SUFFIXES and _names_scripts(Path(root) / name, path)):
                yield Path(root) / name


def _names_scripts(file: Path, top: Path) -> bool:
    """A data file whose name, or the name of a folder between it and ``top``, says it holds scripts."""
    from .extract.names import words

    parts = [file.stem]
    try:
        parts += list(file.parent.relative_to(top).parts)
    except ValueError:
        pass
    parts.append(top.resolve().name)
    return any(w in SCRIPT_WORDS for part in parts for w in words(part))


def expand(paths: Iterable[str], *, sequence: bool = False) -> tuple[list[str], list[FileResult]]:
    """Paths given on the command line -> draft files in order, plus errors for empty folders.

    With ``sequence``, a folder stays one entry: its drafts are one sequence.
    """
    files: list[str] = []
    errors: list[FileResult] = []
    for raw in paths:
        p = Path(raw)
        if raw != STDIN and p.is_dir():
            found = [str(t) for t in iter_drafts(p)]
            if not found:
                errors.append(FileResult(raw, error=f"{raw}: no .txt or .md drafts in this folder"))
            elif sequence:
                files.append(raw)
            else:
                files.extend(found)
        else:
            files.append(raw)
    return files, errors


@dataclass(frozen=True)
class Options:
    """What applies to every file of one run: a config file (or None to search), overrides, a step.

    It also remembers, for this run only, the configuration found for each folder.
    """

    config: Config | None = None
    overrides: dict = field(default_factory=dict)
    step: str | None = None
    cache_dir: str | None = None
    configs: dict = field(default_factory=dict, compare=False, repr=False)


def config_for(path: str, options: Options) -> Config:
    """The configuration a file is linted with: the given one or the one found above it, plus overrides."""
    folder = str(Path.cwd() if path == STDIN else Path(path).parent.resolve())
    if folder not in options.configs:
        base = options.config if options.config is not None else (find_config(Path(folder) / "x") or Config())
        options.configs[folder] = base.merged(**options.overrides) if options.overrides else base
    return options.configs[folder]


def read(path: str, max_bytes: int) -> str:
    if path == STDIN:
        import sys

        return decode(sys.stdin.buffer.read(), "<stdin>")
    return read_path(path, max_bytes=max_bytes)


def lint_text_of(text: str, name: str, cfg: Config, step: str | None):
    """A file's text -> its Report, or its SequenceReport when it holds several messages."""
    from .engine import linter

    return linter(cfg).lint_contents(text, path=name, step=step)


def lint_one(path: str, options: Options) -> FileResult:
    """Lint one file (or standard input, ``-``, or a folder read as one sequence); errors become an error result."""
    from .cache import ResultCache
    from .models import SequenceReport

    name = "<stdin>" if path == STDIN else path
    if path != STDIN and Path(path).is_dir():
        return lint_folder_sequence(path, options)
    try:
        cfg = config_for(path, options)
        text = read(path, cfg.max_file_bytes)
        cache = ResultCache(options.cache_dir, cfg) if options.cache_dir and path != STDIN else None
        key = cache.key(text, name, options.step) if cache else None
        report = cache.get(key) if cache else None
        if report is None:
            report = lint_text_of(text, name, cfg, options.step)
            if cache:
                cache.put(key, report)
        if isinstance(report, SequenceReport):
            return FileResult(name, text=text, sequence=report)
        return FileResult(name, report, text=text)
    except VmlintError as exc:
        return FileResult(name, error=str(exc))


def lint_folder_sequence(folder: str, options: Options) -> FileResult:
    """A folder's drafts, ordered by file name, linted as one sequence."""
    from .engine import linter
    from .source import parse

    files = [str(p) for p in iter_drafts(Path(folder))]
    try:
        cfg = config_for(files[0], options)
        texts = {f: read(f, cfg.max_file_bytes) for f in files}
        sequence = linter(cfg).lint_sequence([parse(t, f) for f, t in texts.items()], step=options.step)
        return FileResult(folder, sequence=sequence, texts=texts)
    except VmlintError as exc:
        return FileResult(folder, error=str(exc))


def list_messages(paths: Sequence[str | os.PathLike], options: Options | None = None) -> tuple[list[dict], list[str]]:
    """The messages vmlint finds in files and folders, without linting them: (entries, errors).

    Each entry is ``{"path", "line", "end_line", "step", "day", "text"}``; a file in which
    nothing was found gets ``{"path", "line": None, ...}`` with ``text`` None, so a caller can say so.
    """
    from .extract import find_messages
    from .source import split_messages

    options = options or Options()
    files, problems = expand((str(p) for p in paths))
    errors = [r.error for r in problems if r.error]
    out: list[dict] = []
    for path in files:
        name = "<stdin>" if path == STDIN else path
        try:
            cfg = config_for(path, options)
            text = read(path, cfg.max_file_bytes)
            found = find_messages(text, name, cfg)
        except VmlintError as exc:
            errors.append(str(exc))
            continue
        if found is not None:
            entries = found.listing()
            out.extend(entries or [{"path": name, "line": None, "end_line": None, "step": None, "day": None, "text": None}])
            continue
        for src in split_messages(text, name):
            from .extract import _spoken_text

            body = src.spoken
            lead = len(body) - len(body.lstrip())
            tail = len(body.rstrip())
            line = src.first_line + body.count("\n", 0, lead)
            end_line = src.first_line + body.count("\n", 0, max(lead, tail - 1))
            step = src.front_matter.get("step") or cfg.step_for(name) or None
            out.append({"path": name, "line": line, "end_line": end_line, "step": step,
                        "day": src.front_matter.get("day"), "text": _spoken_text(body)})
    return out, errors


def _lint_chunk(args: tuple[list[str], Options]) -> list[FileResult]:
    paths, options = args
    return [lint_one(p, options) for p in paths]


def jobs_for(jobs: int | None, files: int) -> int:
    """Worker processes to use: ``jobs`` if given (>0), else automatic from the file count and cores."""
    if jobs and jobs > 0:
        return min(jobs, max(1, files))
    if files < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, files // (PARALLEL_FROM // 2)))


def lint_paths(paths: Sequence[str | os.PathLike], **options) -> list[FileResult]:
    """Lint files and folders (``-`` is standard input); takes the options of ``iter_lint_paths``."""
    return list(iter_lint_paths(paths, **options))


def iter_lint_paths(
    paths: Sequence[str | os.PathLike],
    *,
    config: Config | None = None,
    step: str | None = None,
    jobs: int | None = 1,
    cache_dir: str | None = None,
    sequence: bool = False,
    **overrides,
) -> Iterator[FileResult]:
    """Lint files and folders one result at a time, in order, so a caller can stream thousands of files.

    ``jobs=0`` chooses the number of worker processes. A file with several front-matter blocks
    is a sequence; with ``sequence=True`` each folder is one sequence of its drafts, in
    file-name order. Other keyword arguments override configuration keys (``max_words=45``).
    """
    options = Options(config=config, overrides={k: v for k, v in overrides.items() if v is not None}, step=step, cache_dir=cache_dir)
    yield from lint_with(paths, options, jobs=jobs, sequence=sequence)


def lint_with(paths: Sequence[str | os.PathLike], options: Options, *, jobs: int | None = 1, sequence: bool = False) -> Iterator[FileResult]:
    """``iter_lint_paths`` with the run's options already made (the CLI keeps them for exit codes and fixes)."""
    files, errors = expand((str(p) for p in paths), sequence=sequence)
    yield from errors
    workers = jobs_for(jobs, len(files))
    if workers <= 1 or STDIN in files:
        for p in files:
            yield lint_one(p, options)
        return
    size = max(1, min(64, len(files) // (workers * 4)))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = None
    if "fork" in multiprocessing.get_all_start_methods():
        # Build the linter here, once: forked workers inherit it instead of each loading spaCy.
        from .engine import linter

        try:
            linter(config_for(files[0], options))
        except VmlintError:
            pass  # the worker reports it for the file it concerns
        context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for part in pool.map(_lint_chunk, [(c, options) for c in chunks]):
            yield from part
