"""The command line: ``vmlint [options] PATH...``, ``vmlint rules``, ``vmlint explain RULE``.

A thin layer over the library: it finds files, reads config, calls ``Linter`` and
hands the results to a reporter. Exit codes: 0 no error-level finding, 1 error-level
findings, 2 a usage error or a path that could not be read (the others are still linted).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .config import Config, find_config, load_file
from .engine import Linter, linter
from .errors import VmlintError
from .models import Severity
from .report import FORMATS, render
from .report.results import FileResult
from .source import decode, parse, read_path

DRAFT_SUFFIXES = {".txt", ".md"}
_SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv", "build", "dist", "site-packages"}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vmlint",
        description="Lint sales voicemail scripts. Subcommands: 'vmlint rules' lists the rules, "
        "'vmlint explain RULE' prints one rule's documentation.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="draft files, folders (searched for .txt and .md), or - for standard input")
    p.add_argument("--step", help="sequence step of every draft: 1, 2, 3 or generic (overrides front matter and config)")
    p.add_argument("--max-words", type=int, help="word limit for too-many-words (default 35)")
    p.add_argument("--region", help="default phone region for numbers without a country code (default US)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default text)")
    p.add_argument("--config", metavar="FILE", help="use this vmlint.toml or pyproject.toml instead of searching for one")
    p.add_argument("--select", metavar="RULES", help="comma-separated rule names, codes or code prefixes to run")
    p.add_argument("--ignore", metavar="RULES", help="comma-separated rule names, codes or code prefixes to skip")
    p.add_argument("--rendered", action="store_true", default=None, help="the drafts are rendered messages: report unfilled placeholders")
    p.add_argument("--no-color", action="store_true", help="never colour the output (NO_COLOR is honoured too)")
    p.add_argument("--version", action="version", version=f"vmlint {__version__}")
    return p


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def iter_drafts(path: Path):
    """Files under a folder with a draft suffix, skipping hidden and build folders; links are not followed."""
    for root, dirs, files in os.walk(path, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in DRAFT_SUFFIXES:
                yield Path(root) / name


def _overrides(args) -> dict:
    return {
        "max_words": args.max_words,
        "region": args.region,
        "select": _split(args.select),
        "ignore": _split(args.ignore),
        "rendered": args.rendered,
    }


def _default_linter() -> Linter:
    return linter(find_config(Path.cwd()) or Config())


def _rules_command(argv: list[str]) -> int:
    print(f"{'code':<7} {'name':<32} {'severity':<8} steps")
    for r in _default_linter().all_rules:
        steps = ",".join(s for s in ("1", "2", "3", "generic") if s in r.steps)
        print(f"{r.code:<7} {r.name:<32} {r.severity.value:<8} {steps}")
    return 0


def explain(name: str) -> str | None:
    """A rule's documentation as text, by name or code; None if there is no such rule."""
    r = _default_linter().rule(name)
    if r is None:
        return None
    d = r.doc
    steps = ", ".join(s for s in ("1", "2", "3", "generic") if s in r.steps)
    parts = [
        f"{r.code} {r.name} ({r.severity.value}; steps {steps})",
        "",
        d.summary,
        "",
        "What it does",
        f"  {d.what}",
        "",
        "Why",
        f"  {d.why}" + (f" (source: seed {d.source})" if d.source and d.source[0].isdigit() else ""),
        "",
        "Example",
        *("  " + line for line in d.example.splitlines()),
        "",
        "Use instead",
        *("  " + line for line in d.fixed.splitlines()),
    ]
    if d.options:
        parts += ["", "Options", *("  " + o for o in d.options)]
    if r.origin != "built-in":
        parts += ["", f"Defined in {r.origin}"]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["rules"] and not Path("rules").is_file():
        return _rules_command(argv[1:])
    if argv[:1] == ["explain"] and not Path("explain").is_file():
        if len(argv) != 2:
            print("vmlint: usage: vmlint explain RULE", file=sys.stderr)
            return 2
        text = explain(argv[1])
        if text is None:
            print(f"vmlint: no rule named '{argv[1]}' (see `vmlint rules`)", file=sys.stderr)
            return 2
        sys.stdout.write(text)
        return 0

    args = _parser().parse_args(argv)
    if not args.paths:
        _parser().print_usage(sys.stderr)
        print("vmlint: error: give at least one PATH (or - for standard input)", file=sys.stderr)
        return 2
    color = not args.no_color and "NO_COLOR" not in os.environ and args.format == "text" and sys.stdout.isatty()
    overrides = _overrides(args)
    try:
        base = load_file(Path(args.config)) if args.config else None
        if args.config and base is None:
            base = Config()
        step = args.step
        if step is not None:
            from .config import normalize_step

            step = normalize_step(step)
    except (VmlintError, ValueError) as exc:
        print(f"vmlint: {exc}", file=sys.stderr)
        return 2

    linters: dict[str, Linter] = {}

    def linter_for(path: Path) -> Linter:
        folder = str(path.parent.resolve())
        if folder not in linters:
            cfg = base if base is not None else (find_config(path) or Config())
            linters[folder] = linter(cfg.merged(**overrides))
        return linters[folder]

    results: list[FileResult] = []
    for raw in args.paths:
        if raw == "-":
            try:
                text = decode(sys.stdin.buffer.read(), "<stdin>")
                lt = linter_for(Path.cwd() / "stdin")
                results.append(FileResult("<stdin>", lt.lint_source(parse(text, "<stdin>"), step=step), text=text))
            except VmlintError as exc:
                results.append(FileResult("<stdin>", error=str(exc)))
            continue
        path = Path(raw)
        targets = list(iter_drafts(path)) if path.is_dir() else [path]
        if path.is_dir() and not targets:
            results.append(FileResult(raw, error=f"{raw}: no .txt or .md drafts in this folder"))
        for target in targets:
            try:
                lt = linter_for(target)
                text = read_path(target, max_bytes=lt.config.max_file_bytes)
                results.append(FileResult(str(target), lt.lint_source(parse(text, str(target)), step=step), text=text))
            except VmlintError as exc:
                results.append(FileResult(str(target), error=str(exc)))

    sys.stdout.write(render(results, args.format, color=color))
    if any(r.error for r in results):
        for r in results:
            if r.error and args.format != "text":
                print(f"vmlint: {r.error}", file=sys.stderr)
        return 2
    worst = [f.severity for r in results if r.report for f in r.report.findings]
    return 1 if Severity.error in worst else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
