"""The language server: documents in, diagnostics, code actions and hovers out (pygls).

Each open ``.txt`` / ``.md`` draft is linted on open and save at once, and after a change
once the typing has paused for ``DEBOUNCE_SECONDS``. Linting runs on a thread pool, never
on the event loop, so a slow document does not hold up the others or the requests; a
result is published only if the document has not changed since. Whatever goes wrong with
one document (a bad config, a file it cannot lint, a bug) is reported for that document
and logged; the server goes on serving.

Documents are synchronised whole (``TextDocumentSyncKind.Full``): the client sends the
full text on each change, so the server's copy can never drift from the editor's (an
incremental edit is placed by line, and line breaks are where editors and libraries
disagree most).
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__
from . import analysis, convert
from .docs import RulePages
from .positions import LineIndex

DEBOUNCE_SECONDS = 0.15
WORKERS = 2
log = logging.getLogger("vmlint.lsp")


@dataclass
class Linted:
    """The last lint of a document: the text and version it was made on, and what it gave."""

    version: int | None
    text: str
    index: LineIndex
    outcome: analysis.Outcome
    language_id: str | None
    failure: str | None = None  # the traceback of an internal error, logged from the event loop


class VmlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("vmlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.settings = analysis.Settings()
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.running: dict[str, asyncio.Future] = {}
        self.languages: dict[str, str | None] = {}
        self.executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="vmlint-lint")
        self.pages = RulePages()
        self.skipped: set[str] = set()
        self.ready: Future | None = None  # the warm-up: imports are not thread-safe, so lints wait for it

    # -- messages to the client -------------------------------------------------------------

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        log.log({lsp.MessageType.Error: logging.ERROR, lsp.MessageType.Warning: logging.WARNING}.get(kind, logging.INFO), message)
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def tell(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        """A message the user should see (settings that could not be used), also logged."""
        self.log(message, kind)
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    # -- settings ---------------------------------------------------------------------------

    def use_settings(self, raw: Any) -> bool:
        """Take new settings from the client; invalid ones are reported and the old ones kept."""
        try:
            settings, notes = analysis.parse_settings(raw)
        except analysis.SettingsError as exc:
            self.tell(f"vmlint: {exc}; the previous settings are kept")
            return False
        for note in notes:
            self.log(f"vmlint: {note}", lsp.MessageType.Warning)
        self.settings = settings
        return True

    # -- linting ----------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding or "utf-16"
        return str(getattr(enc, "value", enc))

    def folder(self) -> str | None:
        for f in self.workspace.folders.values():
            path = analysis.path_of(f.uri)
            if path:
                return path
        return self.workspace.root_path

    def lint_now(self, uri: str, text: str, version: int | None, language_id: str | None,
                 folder: str | None = None, encoding: str = "utf-16") -> Linted:
        """Lint a document's text (on a worker thread); never raises."""
        failure = None
        if self.ready is not None:
            self.ready.result()
        try:
            outcome = analysis.lint_document(text, uri, language_id=language_id, settings=self.settings, folder=folder)
        except Exception as exc:  # a bug: report it on the document, log it, keep serving
            failure = traceback.format_exc()
            outcome = analysis.Outcome(problem=f"vmlint could not lint this document (internal error: {type(exc).__name__}: {exc}); "
                                               "see the language server's log")
        return Linted(version, text, LineIndex(text, encoding), outcome, language_id, failure)

    def diagnostics_of(self, done: Linted) -> list[lsp.Diagnostic]:
        outcome = done.outcome
        if outcome.problem is not None:
            return [convert.problem_diagnostic(outcome.problem)]
        return convert.diagnostics(outcome.report, done.index, self.pages.linker(self.rule_lookup(outcome)))

    @staticmethod
    def rule_lookup(outcome: analysis.Outcome):
        from ..engine import linter

        if outcome.config is None:
            return lambda name: None
        lint = linter(outcome.config)
        return lint.rule

    async def lint_and_publish(self, uri: str, delay: float = 0.0) -> None:
        if delay:
            await asyncio.sleep(delay)
        running = self.running.get(uri)
        if running is not None and not running.done():
            # One lint per document at a time: a slow document must not take every worker.
            await asyncio.wait([running])
        if uri not in self.languages:
            return  # closed (pygls would read a closed document from disk)
        doc = self.workspace.get_text_document(uri)
        text, version, language_id = doc.source, doc.version, self.languages.get(uri)
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(self.executor, self.lint_now, uri, text, version, language_id,
                                    self.folder(), self.encoding)
        self.running[uri] = work
        done = await asyncio.shield(work)  # cancelling this task (a newer change) lets the lint finish
        if uri not in self.languages or self.workspace.get_text_document(uri).version != version:
            return  # closed or changed meanwhile: a newer lint follows
        try:
            diagnostics = await loop.run_in_executor(self.executor, self.diagnostics_of, done)
        except Exception as exc:
            self.log(f"vmlint: internal error reporting {uri}:\n{traceback.format_exc()}", lsp.MessageType.Error)
            diagnostics = [convert.problem_diagnostic(f"vmlint could not report on this document (internal error: {exc})")]
        if uri not in self.languages or self.workspace.get_text_document(uri).version != version:
            return
        if done.failure is not None:
            self.log(f"vmlint: internal error linting {uri}:\n{done.failure}", lsp.MessageType.Error)
        before = self.linted.get(uri)
        if done.outcome.problem is not None and (before is None or before.outcome.problem != done.outcome.problem):
            self.log(f"vmlint: {done.outcome.problem}", lsp.MessageType.Warning)  # once, not at every keystroke
        self.linted[uri] = done
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def schedule(self, uri: str, delay: float = 0.0) -> asyncio.Task:
        old = self.pending.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        task = asyncio.ensure_future(self._guarded(uri, delay))
        self.pending[uri] = task
        task.add_done_callback(lambda t, uri=uri: self.pending.pop(uri, None) if self.pending.get(uri) is t else None)
        return task

    async def _guarded(self, uri: str, delay: float) -> None:
        try:
            await self.lint_and_publish(uri, delay)
        except asyncio.CancelledError:
            raise
        except Exception:
            self.log(f"vmlint: internal error on {uri}:\n{traceback.format_exc()}", lsp.MessageType.Error)

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document as it is now: waits for a pending one first."""
        for _ in range(3):
            task = self.pending.get(uri)
            if task is None:
                break
            try:
                await asyncio.shield(task)
            except asyncio.CancelledError:
                if task.cancelled():
                    continue  # replaced by a newer lint: wait for that one
                raise
        return self.linted.get(uri)

    def fix_all(self, uri: str, done: Linted, folder: str | None, document_changes: bool) -> lsp.CodeAction | None:
        """The action applying every safe fix, linting again until nothing changes (as ``vmlint --fix``)."""
        from ..fixes import fix_text

        def lint(text: str):
            outcome = analysis.lint_document(text, uri, language_id=done.language_id, settings=self.settings, folder=folder)
            if outcome.report is None:
                raise RuntimeError(outcome.problem)
            return outcome.report

        try:
            text, _, applied = fix_text(done.text, lint)
            return convert.fix_all_action(uri, done.version, done.text, text, done.index, applied,
                                          document_changes=document_changes)
        except Exception:
            log.exception("fixing %s", uri)
            return None

    def relint_all(self) -> None:
        for uri in list(self.languages):
            self.schedule(uri)


server = VmlintServer()


@server.feature(lsp.INITIALIZE)
def _initialize(ls: VmlintServer, params: lsp.InitializeParams) -> None:
    if params.initialization_options is not None:
        ls.use_settings(params.initialization_options)


# Files whose change changes every lint: configurations, and the phrase and rule files of packs.
WATCHED = ("**/pyproject.toml", "**/vmlint.toml", "**/phrases/*.toml", "**/packs/*.toml")


@server.feature(lsp.INITIALIZED)
async def _initialized(ls: VmlintServer, params: lsp.InitializedParams) -> None:
    # Load the rules and spaCy now, off the loop, so the first document does not wait for them.
    from ..config import Config
    from ..engine import linter

    def warm() -> None:
        try:
            linter(Config()).lint_text("Hi.")
        except Exception:
            log.exception("warming up")

    ls.ready = ls.executor.submit(warm)
    caps = ls.client_capabilities.workspace
    if caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration:
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="vmlint-config-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED]))]))
        except Exception as exc:
            ls.log(f"vmlint: the client would not watch the configuration files ({exc}); "
                   "a changed config applies from each document's next change or save", lsp.MessageType.Info)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _did_change_watched_files(ls: VmlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    from .. import engine

    # Configurations are read at every lint; rule sets are kept per folder list and must be built again.
    engine._rule_set.cache_clear()
    engine._linter_for.cache_clear()
    ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: VmlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    if not analysis.is_draft(doc.uri, doc.language_id):
        if doc.uri not in ls.skipped:
            ls.skipped.add(doc.uri)
            ls.log(f"vmlint: {doc.uri} is not a .txt or .md draft; not linted")
        return
    ls.languages[doc.uri] = doc.language_id
    ls.schedule(doc.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: VmlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    if params.text_document.uri in ls.languages:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: VmlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri in ls.languages:
        ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: VmlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.skipped.discard(uri)
    if ls.languages.pop(uri, "absent") == "absent":
        return
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.linted.pop(uri, None)
    ls.running.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def _did_change_configuration(ls: VmlintServer, params: lsp.DidChangeConfigurationParams) -> None:
    settings = params.settings
    caps = ls.client_capabilities.workspace
    if settings is None and caps is not None and caps.configuration:
        # No settings pushed: ask for the "vmlint" section (the pull model).
        try:
            answer = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="vmlint")]))
            settings = answer[0] if answer else None
        except Exception as exc:
            ls.log(f"vmlint: could not read the settings from the client: {exc}", lsp.MessageType.Warning)
            return
    if ls.use_settings(settings):
        ls.relint_all()


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, convert.FIX_ALL], resolve_provider=False))
async def _code_action(ls: VmlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    done = await ls.current(uri)
    if done is None or done.outcome.report is None:
        return None
    only = params.context.only
    caps = ls.client_capabilities.workspace
    document_changes = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
    actions: list[lsp.CodeAction] = []
    if convert.wants(only, lsp.CodeActionKind.QuickFix):
        r = params.range
        start = done.index.offset(r.start.line, r.start.character)
        end = done.index.offset(r.end.line, r.end.character)
        link = ls.pages.linker(ls.rule_lookup(done.outcome))
        actions += convert.code_actions(
            done.outcome.report, done.text, done.index, uri, done.version, start, end,
            markdown=analysis.markdown(uri, done.language_id), document_changes=document_changes,
            diagnostic_for=lambda f: convert.diagnostic(f, done.index, link))
    if convert.wants(only, convert.FIX_ALL) and any(
            f.fix is not None and f.fix.safe for f in convert.findings_of(done.outcome.report)):
        loop = asyncio.get_running_loop()
        action = await loop.run_in_executor(ls.executor, ls.fix_all, uri, done, ls.folder(), document_changes)
        actions += [action] if action is not None else []
    return actions or None


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
async def _hover(ls: VmlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    done = await ls.current(params.text_document.uri)
    if done is None or done.outcome.report is None:
        return None
    offset = done.index.offset(params.position.line, params.position.character)
    return convert.hover(done.outcome.report, done.index, offset, ls.rule_lookup(done.outcome))


@server.feature(lsp.SHUTDOWN)
def _shutdown(ls: VmlintServer, params: Any) -> None:
    ls.pages.remove()
