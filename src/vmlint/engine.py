"""The engine: resolve the step, build the Document once, run the selected rules, score.

Rules only read the Document; the engine owns selection, severity overrides, findings
(line and column from offsets) and the score:

    penalty = weights[severity] * rule weight          (defaults: error 25, warning 10, info 3)
    score   = max(0, 100 - sum of penalties)            (100 means nothing found)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from . import suppress
from .checks import REGISTRY, Hit, Rule
from .checks.base import SEQUENCE_CHECKS
from .checks.packs import families_for, load_pack_dir, to_rule
from .config import Config, find_config, normalize_step
from .document import Document
from .errors import ConfigError, RulePackError
from .models import Edit, Finding, Fix, MessageReport, Report, SequenceFinding, SequenceReport, Severity, Step
from .phrases import Family, PhraseMatcher, load_family
from .resources import rules_dir
from .source import Source, parse, read_path, split_messages


def _families(extra_dirs: tuple[str, ...]) -> list[Family]:
    paths = sorted((rules_dir() / "phrases").glob("*.toml"))
    fams = {p.stem: load_family(p) for p in paths}
    for d in extra_dirs:
        folder = Path(d) / "phrases"
        for p in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            fam = load_family(p)
            if fam.name in fams:  # a user family adds to the built-in one of the same name
                base = fams[fam.name]
                fam = Family(fam.name, base.patterns + fam.patterns, base.exclude + fam.exclude, base.description, base.path)
            fams[fam.name] = fam
    return list(fams.values())


@lru_cache(maxsize=8)
def _rule_set(extra_dirs: tuple[str, ...]) -> tuple[tuple[Rule, ...], PhraseMatcher]:
    """Every rule (Python, built-in packs, user packs) and one matcher for all their phrases."""
    for d in extra_dirs:
        if not Path(d).is_dir():
            raise ConfigError(f"rule-packs folder '{d}' does not exist")
    pack_rules = load_pack_dir(rules_dir() / "packs")
    for d in extra_dirs:
        if (Path(d) / "packs").is_dir():
            pack_rules += load_pack_dir(Path(d) / "packs")
    rules: list[Rule] = list(REGISTRY.values())
    seen = {r.name: "built-in" for r in rules} | {r.code: "built-in" for r in rules}
    for pr, origin in pack_rules:
        for key in (pr.name, pr.code):
            if key in seen:
                raise RulePackError(f"rule '{key}' is already defined ({seen[key]})", path=origin)
            seen[key] = origin
        rules.append(to_rule(pr, origin))
    families = _families(extra_dirs) + families_for([pr for pr, _ in pack_rules])
    known = {f.name for f in families}
    for pr, origin in pack_rules:
        for fam in pr.family:
            if fam not in known:
                raise RulePackError(f"rule {pr.name}: no phrase family named '{fam}'", path=origin)
    rules.sort(key=lambda r: r.code)
    return tuple(rules), PhraseMatcher(families)


def _matches(rule: Rule, selectors: Iterable[str]) -> bool:
    for sel in selectors:
        s = sel.strip()
        if s.upper() == "ALL" or s == rule.name or rule.code.startswith(s.upper()):
            return True
    return False


class Linter:
    """Lints drafts with one configuration; build once, reuse for many drafts (thread-safe)."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        packs = tuple(
            str((Path(self.config.root) / p) if self.config.root and not Path(p).is_absolute() else Path(p))
            for p in self.config.rule_packs
        )
        self.all_rules, self._matcher = _rule_set(packs)
        for sel in [*self.config.select, *self.config.ignore, *self.config.severity, *self.config.rule_weights]:
            if not any(_matches(r, [sel]) for r in self.all_rules):
                raise ConfigError(f"unknown rule '{sel}' (see `vmlint rules`)")

    def rule(self, name_or_code: str) -> Rule | None:
        """A rule by name or code."""
        for r in self.all_rules:
            if name_or_code in (r.name, r.code) or name_or_code.upper() == r.code:
                return r
        return None

    def rules(self, step: Step | None = None, *, scope: str | None = None) -> list[Rule]:
        """The rules this configuration runs (for one step, and one scope, if given)."""
        cfg = self.config
        out = []
        for r in self.all_rules:
            if scope is not None and r.scope != scope:
                continue
            if cfg.select and not _matches(r, cfg.select):
                continue
            if cfg.ignore and _matches(r, cfg.ignore):
                continue
            if step is not None and step not in r.steps:
                continue
            out.append(r)
        return out

    def _severity(self, r: Rule) -> Severity:
        for key in (r.name, r.code):
            if key in self.config.severity:
                return self.config.severity[key]
        return r.severity

    def _weight(self, r: Rule) -> float:
        for key in (r.name, r.code):
            if key in self.config.rule_weights:
                return self.config.rule_weights[key]
        return r.weight

    def resolve_step(self, source: Source, step: str | None) -> Step:
        if step is not None:
            return normalize_step(step)
        if "step" in source.front_matter:
            try:
                return normalize_step(source.front_matter["step"])
            except ValueError:
                pass  # reported by the invalid-front-matter rule; the file is linted as if it had no step
        return self.config.step_for(source.path) or self.config.step or "generic"

    def document(self, source: Source) -> Document:
        return Document.build(source, self._matcher, region=self.config.region, rate=self.config.words_per_minute)

    def _finding(self, r: Rule, hit, doc: Document) -> Finding:
        severity = self._severity(r)
        line, col = doc.line_col(hit.start)
        end_line, end_col = doc.line_col(hit.end)
        return Finding(
            rule=r.name, code=r.code, severity=severity, message=hit.message,
            line=line, column=col, end_line=end_line, end_column=end_col,
            start=hit.start, end=hit.end, penalty=getattr(self.config.weights, severity.value) * self._weight(r), fix=hit.fix,
        )

    def lint_source(self, source: Source, *, step: str | None = None) -> Report:
        return self._lint(source, self.resolve_step(source, step))[0]

    def _lint(self, source: Source, resolved: Step) -> tuple[Report, Document]:
        doc = self.document(source)
        rules = self.rules(resolved, scope="message")
        if not doc.facts.words:
            rules = [r for r in rules if r.name in ("empty-message", "invalid-front-matter")]
        findings = [self._finding(r, hit, doc) for r in rules for hit in r.check(doc, self.config, resolved)]
        if source.directives:
            findings, problems = suppress.apply(
                findings, source.directives, doc.line_col(len(source.text))[0],
                known=lambda sel: any(_matches(r, [sel]) for r in self.all_rules),
            )
            selected = {r.name: r for r in rules}
            for directive, name, message in problems:
                if name in selected:
                    findings.append(self._finding(selected[name], Hit(directive.start, directive.end, message), doc))
        findings.sort(key=lambda f: (f.start, f.code))
        score = max(0.0, round(100.0 - sum(f.penalty for f in findings), 1))
        return Report(path=source.path, step=resolved, score=score, facts=doc.facts, findings=findings), doc

    def lint_sequence(self, sources: list[Source], *, step: str | None = None) -> SequenceReport:
        """Lint the messages of a sequence, in order: a report per message and the cross-message findings.

        Each message's step comes from its front matter (or config); ``step`` only fills in for
        a message that names none. Score: the mean of the message scores, less the penalties
        of the cross-message findings, floored at 0.
        """
        return self.lint_messages(sources, step=step)

    def lint_messages(self, sources: list[Source], *, step: str | None = None, path: str | None = None,
                      sequence: bool = True) -> SequenceReport:
        """Lint the messages a file holds (zero or more), each on its own text, reported at the file's lines.

        With ``sequence`` the messages are steps of one sequence and the cross-message rules run;
        without it (the voicemails of a playbook, alternatives to each other) each stands alone.
        """
        from .checks.sequence import Sequence, SequenceMessage, promise_check

        messages = []
        for number, src in enumerate(sources, 1):
            resolved = self.resolve_step(src, None if "step" in src.front_matter or step is None else step)
            report, doc = self._lint(src, resolved)
            messages.append(SequenceMessage(number, src, doc, report, resolved, src.front_matter.get("day")))
        findings: list[SequenceFinding] = []
        if sequence and messages:
            seq = Sequence(tuple(messages))
            selected = {r.name: r for r in self.rules()}
            checks = [(r, r._check) for r in selected.values() if r.scope == "sequence"]
            checks += [(selected[name], fn) for name, fn in SEQUENCE_CHECKS.items() if name in selected]
            for r, fn in checks:
                for number, hit in fn(seq, self.config):
                    finding = self._finding(r, hit, messages[number - 1].document)
                    findings.append(SequenceFinding(**finding.model_dump(), message_number=number))
        # Every message was linted on its own text: move offsets and lines to the file's.
        findings = [_shift(f, messages[f.message_number - 1].source) for f in findings]
        findings.sort(key=lambda f: (f.message_number, f.start, f.code))
        reports = []
        for i, m in enumerate(messages):
            kept = promise_check(messages[i - 1], m).kept if i and sequence else None
            end_line = _end_line(m.source)
            reports.append(MessageReport(number=m.number, path=m.source.path, line=m.source.first_line, end_line=end_line,
                                         step=m.step, day=m.day, promise_kept=kept, report=_shift(m.report, m.source)))
        mean = sum(m.report.score for m in messages) / len(messages) if messages else 100.0
        score = max(0.0, round(mean - sum(f.penalty for f in findings), 1))
        first = sources[0].path if sources else None
        return SequenceReport(path=path or first, score=score, messages=reports, findings=findings, is_sequence=sequence)

    def lint_text(self, text: str, *, step: str | None = None, path: str | None = None) -> Report:
        return self.lint_source(parse(text, path), step=step)

    def lint_many(self, texts: Iterable[str], *, step: str | None = None) -> list[Report]:
        """Lint many drafts with this configuration (the batch API; see BENCHMARKS.md for its speed)."""
        return [self.lint_source(parse(t), step=step) for t in texts]

    def lint_contents(self, text: str, *, path: str | None = None, step: str | None = None) -> Report | SequenceReport:
        """A file's whole text: one draft gets a Report; several front-matter blocks are a sequence;
        a playbook or a template file gets a report per message found in it (zero or more)."""
        from .extract import find_messages

        found = find_messages(text, path, self.config)
        if found is not None:
            return self.lint_messages(found.sources(), step=step, path=path or "<text>", sequence=found.sequence)
        messages = split_messages(text, path)
        if len(messages) > 1:
            return self.lint_sequence(messages, step=step)
        return self.lint_source(messages[0], step=step)

    def lint_path(self, path: str | Path, *, step: str | None = None) -> Report | SequenceReport:
        """Lint a draft file (a sequence file gets a SequenceReport)."""
        return self.lint_contents(read_path(path, max_bytes=self.config.max_file_bytes), path=str(path), step=step)


def _end_line(source: Source) -> int | None:
    place = source.placement
    if place is None:
        return None
    end = source.text.rstrip()
    return place.lines.line_col(max(place.offset(len(end))[0] - 1, 0))[0] if end else source.first_line


def _shift(model, source: Source):
    """A copy of a report or finding with offsets, lines and fixes moved to where ``source`` sits in its file."""
    place = source.placement
    if place is None:
        return model

    def move(obj):
        if isinstance(obj, list):
            return [move(x) for x in obj]
        if not isinstance(obj, BaseModel):
            return obj
        if isinstance(obj, Fix):
            return _moved_fix(obj, source)
        update = {}
        for name, value in obj:
            if name in ("start", "end") and isinstance(value, int):
                update[name] = place.offset(value)[0]
            elif isinstance(value, (BaseModel, list)):
                update[name] = move(value)
        if isinstance(obj, Finding):
            start, end = update.get("start", obj.start), update.get("end", obj.end)
            end = max(end, start)
            update["end"] = end
            update["line"], update["column"] = place.lines.line_col(start)
            update["end_line"], update["end_column"] = place.lines.line_col(end)
        return obj.model_copy(update=update)

    return move(model)


def _moved_fix(fix: Fix, source: Source) -> Fix:
    """A fix in file offsets; one that cannot be made exactly, or that would leave the file invalid, is offered with no edits."""
    place = source.placement
    edits = [place.edit(e.start, e.end, e.replacement) for e in fix.edits]
    if all(e is not None for e in edits):
        if place.check is None or place.check(edits, _applied(source.text, fix)):
            return fix.model_copy(update={"edits": [Edit(start=a, end=b, replacement=r) for a, b, r in edits]})
    return fix.model_copy(update={"edits": [], "message": fix.message + " (not applied: the file would not stay valid; edit it by hand)"})


def _applied(text: str, fix: Fix) -> str:
    for e in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.replacement + text[e.end:]
    return text


@lru_cache(maxsize=16)
def _linter_for(config_json: str, root: str | None) -> Linter:
    cfg = Config.model_validate_json(config_json)
    return Linter(cfg.merged(root=root) if root else cfg)


def linter(config: Config | None = None) -> Linter:
    """A shared Linter for this configuration (built once per distinct config)."""
    cfg = config or Config()
    return _linter_for(cfg.model_dump_json(), cfg.root)


def lint(text: str, *, step: str | None = None, config: Config | None = None) -> Report:
    """Lint one draft given as text."""
    return linter(config).lint_text(text, step=step)


def lint_file(path: str | Path, *, step: str | None = None, config: Config | None = None) -> Report | SequenceReport:
    """Lint one draft file; without a config, the one found by walking up from the file is used.

    A file with several front-matter blocks is a sequence: the result is then a SequenceReport.
    """
    cfg = config if config is not None else (find_config(Path(path)) or Config())
    return linter(cfg).lint_path(path, step=step)


def lint_sequence(text: str | list[str], *, step: str | None = None, config: Config | None = None, path: str | None = None) -> SequenceReport:
    """Lint a sequence: one text with a front-matter block per message, or a list of message texts."""
    sources = split_messages(text, path) if isinstance(text, str) else [parse(t, path) for t in text]
    return linter(config).lint_sequence(sources, step=step)
