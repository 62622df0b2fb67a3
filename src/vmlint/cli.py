"""The command line: ``vmlint [options] PATH...``, ``vmlint rules``, ``vmlint explain RULE``, ``vmlint lsp``.

A thin layer over the library: ``runner.lint_paths`` finds, reads and lints the files,
``fixes`` applies fixes, a reporter renders the results. Exit codes: 0 nothing at or
above ``--fail-on`` (and every score at or above ``--fail-under``); 1 otherwise; 2 a usage
error or a path that could not be read (the others are still linted).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from . import __version__
from .config import Config, find_config, load_file, normalize_step
from .errors import VmlintError
from .models import Severity

FORMATS = ("text", "concise", "json", "sarif", "github", "html")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="vmlint",
        description="Lint sales voicemail scripts. Subcommands: 'vmlint rules' lists the rules, "
        "'vmlint explain RULE' prints one rule's documentation, 'vmlint serve [FOLDER]' starts the drafting page, "
        "'vmlint lsp' runs the language server.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="draft files, folders (searched for .txt and .md), or - for standard input")
    p.add_argument("--step", help="sequence step of every draft: 1, 2, 3 or generic (overrides front matter and config)")
    p.add_argument("--max-words", type=int, help="word limit for too-many-words (default 35)")
    p.add_argument("--region", help="default phone region for numbers without a country code (default US)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    p.add_argument("--sequence", action="store_true", help="lint each folder given as one sequence of messages, in file-name order")
    p.add_argument("--list-messages", action="store_true", help="print the messages found in each file (path, line, step, day, first words) instead of linting them")
    p.add_argument("--output-file", "-o", metavar="PATH", help="write the report to this file instead of standard output")
    p.add_argument("--statistics", action="store_true", help="print how many findings each rule made instead of the findings")
    p.add_argument("--config", metavar="FILE", help="use this vmlint.toml or pyproject.toml instead of searching for one")
    p.add_argument("--select", metavar="RULES", help="comma-separated rule names, codes or code prefixes to run")
    p.add_argument("--ignore", metavar="RULES", help="comma-separated rule names, codes or code prefixes to skip")
    p.add_argument("--rendered", action="store_true", default=None, help="the drafts are rendered messages: report unfilled placeholders")
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files (standard input: print the fixed text)")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing")
    p.add_argument("--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails the run (default error)")
    p.add_argument("--fail-under", type=float, metavar="SCORE", help="fail when a file scores under SCORE (0-100)")
    p.add_argument("--exit-zero", action="store_true", default=None, help="exit 0 even when findings would fail the run")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default 0: automatic, serial for a few files)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--cache-dir", metavar="DIR", help="result cache folder (default .vmlint_cache in the current folder)")
    p.add_argument("--no-color", action="store_true", help="never colour the output (NO_COLOR is honoured too)")
    p.add_argument("--version", action="version", version=f"vmlint {__version__}")
    return p


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _overrides(args) -> dict:
    return {
        "max_words": args.max_words,
        "region": args.region,
        "select": _split(args.select),
        "ignore": _split(args.ignore),
        "rendered": args.rendered,
        "fail_on": args.fail_on,
        "fail_under": args.fail_under,
        "exit_zero": args.exit_zero,
    }


def _default_linter():
    from .engine import linter

    return linter(find_config(Path.cwd()) or Config())


def _rules_command() -> int:
    print(f"{'code':<7} {'name':<32} {'severity':<8} steps")
    for r in _default_linter().all_rules:
        steps = "sequence" if r.scope == "sequence" else ",".join(s for s in ("1", "2", "3", "generic") if s in r.steps)
        print(f"{r.code:<7} {r.name:<32} {r.severity.value:<8} {steps}")
    return 0


def explain(name: str) -> str | None:
    """A rule's documentation as text, by name or code; None if there is no such rule."""
    r = _default_linter().rule(name)
    if r is None:
        return None
    d = r.doc
    steps = "a sequence of messages" if r.scope == "sequence" else "steps " + ", ".join(
        s for s in ("1", "2", "3", "generic") if s in r.steps)
    parts = [
        f"{r.code} {r.name} ({r.severity.value}; {steps})",
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


def _usage_error(message: str) -> int:
    print(f"vmlint: error: {message}", file=sys.stderr)
    return 2


def _fix_results(results, options, *, write: bool, unsafe: bool) -> tuple[list, list[str], int]:
    """Apply fixes to every linted file. Returns (results with final reports, diffs, fixes applied)."""
    from .fixes import fix_text
    from .models import SequenceReport
    from .report.results import FileResult
    from .runner import STDIN, config_for, lint_text_of
    from .source import write_path

    out, diffs, total = [], [], 0
    for r in results:
        if not r.linted or r.text is None:  # errors, and sequences read from folders (fix their files one by one)
            out.append(r)
            continue
        path = STDIN if r.path == "<stdin>" else r.path
        cfg = config_for(path, options)
        fixed, report, applied = fix_text(r.text, lambda t: lint_text_of(t, r.path, cfg, options.step), unsafe=unsafe)
        total += applied
        if fixed != r.text:
            old_name, new_name = (r.path, r.path) if Path(r.path).is_absolute() else (f"a/{r.path}", f"b/{r.path}")
            diffs.append("".join(difflib.unified_diff(
                r.text.splitlines(keepends=True), fixed.splitlines(keepends=True), old_name, new_name)))
            if write and path != STDIN:
                try:
                    write_path(path, fixed)
                except OSError as exc:
                    out.append(FileResult(r.path, error=f"{r.path}: could not write the fixed file: {exc.strerror or exc}"))
                    continue
        if isinstance(report, SequenceReport):
            out.append(FileResult(r.path, text=fixed, sequence=report))
        else:
            out.append(FileResult(r.path, report, text=fixed))
    return out, diffs, total


def _fails(results, options) -> bool:
    from .runner import STDIN, config_for

    for r in results:
        if not r.linted:
            continue
        cfg = config_for(STDIN if r.path == "<stdin>" else r.path, options)
        if cfg.exit_zero:
            continue
        if any(f.severity.rank >= cfg.fail_on.rank for _, f in r.located()):
            return True
        if cfg.fail_under is not None and r.score < cfg.fail_under:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`vmlint ... | head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    # vmlint uses no pydantic plugins; looking for them scans every installed package's
    # metadata, a third of a cached run's time. Set the variable yourself to override.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["rules"] and not Path("rules").is_file():
        return _rules_command()
    if argv[:1] == ["serve"] and not Path("serve").exists():
        from .serve.command import main as serve

        return serve(argv[1:])
    if argv[:1] == ["lsp"] and not Path("lsp").is_file():
        from .lsp import main as lsp_main

        return lsp_main(argv[1:])
    if argv[:1] == ["explain"] and not Path("explain").is_file():
        if len(argv) != 2:
            return _usage_error("usage: vmlint explain RULE")
        text = explain(argv[1])
        if text is None:
            return _usage_error(f"no rule named '{argv[1]}' (see `vmlint rules`)")
        sys.stdout.write(text)
        return 0

    args = _parser().parse_args(argv)
    if not args.paths:
        _parser().print_usage(sys.stderr)
        return _usage_error("give at least one PATH (or - for standard input)")
    if args.unsafe_fixes and not (args.fix or args.diff):
        return _usage_error("--unsafe-fixes works with --fix or --diff")
    from .runner import DEFAULT_CACHE, Options, lint_with

    try:
        base = load_file(Path(args.config)) if args.config else None
        if args.config and base is None:
            base = Config()
        step = normalize_step(args.step) if args.step is not None else None
        overrides = {k: v for k, v in _overrides(args).items() if v is not None}
        (base or Config()).merged(**overrides)  # a bad override is a usage error before any file is read
    except (VmlintError, ValueError) as exc:
        return _usage_error(str(exc).removeprefix("1 validation error for Config\n"))

    if args.list_messages:
        return _list_messages(args, Options(config=base, overrides=overrides, step=step))
    fixing = args.fix or args.diff
    cache_dir = None if (args.no_cache or fixing) else (args.cache_dir or DEFAULT_CACHE)
    options = Options(config=base, overrides=overrides, step=step, cache_dir=cache_dir)
    stream = lint_with(args.paths, options, jobs=args.jobs, sequence=args.sequence)
    if not fixing and not args.statistics and args.format in ("text", "concise", "github"):
        return _stream(stream, args, options)
    try:
        results = list(stream)
    except VmlintError as exc:
        return _usage_error(str(exc))

    fixed_stdin = None
    if fixing:
        results, diffs, applied = _fix_results(results, options, write=args.fix and not args.diff, unsafe=args.unsafe_fixes)
        if args.diff:
            sys.stdout.write("".join(diffs))
            print(f"Would fix {applied} finding{'s' if applied != 1 else ''} in {len(diffs)} file{'s' if len(diffs) != 1 else ''}.", file=sys.stderr)
            return 2 if any(r.error for r in results) else (1 if diffs else 0)
        if "-" in args.paths:
            fixed_stdin = next((r.text for r in results if r.path == "<stdin>" and r.linted), None)

    output = _render(results, args, options)
    if fixing:
        output += f"Fixed {applied} finding{'s' if applied != 1 else ''}.\n" if args.format in ("text", "concise") else ""
    if fixed_stdin is not None:
        sys.stdout.write(fixed_stdin)
        sys.stderr.write(output)
    elif (failed := _write_output(output, args)) is not None:
        return failed
    return _exit_code([r.error for r in results if r.error], _fails(results, options), args)


def _write_output(output: str, args) -> int | None:
    """The report to ``--output-file`` or standard output; the usage-error exit code if the file cannot be written."""
    if not args.output_file:
        sys.stdout.write(output)
        return None
    try:
        Path(args.output_file).write_text(output, encoding="utf-8")
    except OSError as exc:
        return _usage_error(f"{args.output_file}: could not write the report: {exc.strerror or exc}")
    return None


def _list_messages(args, options) -> int:
    """``--list-messages``: what vmlint would lint in each file, so a team can check the extraction."""
    import json

    from .runner import list_messages

    entries, errors = list_messages(args.paths, options)
    if args.format == "json":
        found = [e for e in entries if e["text"] is not None]
        output = json.dumps({"messages": found}, indent=2, ensure_ascii=False) + "\n"
    else:
        lines = []
        for e in entries:
            if e["text"] is None:
                lines.append(f"{e['path']}: no voicemail found")
                continue
            words = " ".join(e["text"].split())
            first = words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0] + " …"
            lines.append(f"{e['path']}:{e['line']}: step {e['step'] or '-'}, day {e['day'] or '-'}: {first}")
        n = sum(e["text"] is not None for e in entries)
        lines.append(f"Found {n} message{'s' if n != 1 else ''} in {len({e['path'] for e in entries})} file{'s' if len({e['path'] for e in entries}) != 1 else ''}.")
        output = "\n".join(lines) + "\n"
    if (failed := _write_output(output, args)) is not None:
        return failed
    for error in errors:
        print(f"vmlint: {error}", file=sys.stderr)
    return 2 if errors else 0


def _exit_code(errors: list[str], fails: bool, args) -> int:
    """2 when a path could not be read (said again on stderr unless the text report said it), else 1 on failure."""
    if errors:
        if args.format != "text" or args.output_file:
            for error in errors:
                print(f"vmlint: {error}", file=sys.stderr)
        return 2
    return 1 if fails else 0


def _stream(stream, args, options) -> int:
    """Line formats print each file's findings as soon as it is linted: memory stays flat over any number of files."""
    from .report import render
    from .report.results import Tally

    color = _color(args)
    tally = Tally()
    errors: list[str] = []
    fails = False
    try:
        out = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout
    except OSError as exc:
        return _usage_error(f"{args.output_file}: could not write the report: {exc.strerror or exc}")
    try:
        for r in stream:
            out.write(render([r], args.format, color=color, summary=False))
            tally.add(r)
            if r.error:
                errors.append(r.error)
            fails = fails or _fails([r], options)
        out.write(tally.line() + "\n")
    except VmlintError as exc:
        return _usage_error(str(exc))
    finally:
        if out is not sys.stdout:
            out.close()
    return _exit_code(errors, fails, args)


def _color(args) -> bool:
    return (not args.no_color and "NO_COLOR" not in os.environ and args.format == "text"
            and not args.output_file and sys.stdout.isatty())


def _render(results, args, options) -> str:
    from .report import render
    from .report import statistics

    if args.statistics:
        return statistics.render(results, "json" if args.format in ("json", "sarif") else "text")
    color = _color(args)
    extra = {}
    if args.format in ("sarif", "html"):
        from .engine import linter
        from .runner import STDIN, config_for

        extra["rules"] = {r.name: r for res in results if res.linted
                          for r in linter(config_for(STDIN if res.path == "<stdin>" else res.path, options)).all_rules}
    if args.format == "html":
        extra["limits"] = lambda path: config_for(STDIN if path == "<stdin>" else path, options)
    return render(results, args.format, color=color, **extra)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
