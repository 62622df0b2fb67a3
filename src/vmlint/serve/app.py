"""The drafting page's JSON API, a thin layer over the library.

    GET  /                    the page (its token in a <meta> tag)
    GET  /api/info            version, folder, whether writes are allowed, budgets, speaking rate
    GET  /api/rules           the rule catalog: code, name, severity, summary, why
    POST /api/lint            {"text", "step", "path"?}            -> the JSON report (report.schema.json)
    POST /api/spoken          {"text"}                             -> {"spoken": the words said aloud}
    POST /api/fix             {"text", "step", "path"?, "finding"?, "unsafe_fixes"?}
                              -> {"text", "applied", "report"}: every safe fix (and unsafe ones with
                              ``unsafe_fixes``, as ``--unsafe-fixes``) until stable, or one finding's fix
    GET  /api/files           the drafts in FOLDER
    GET  /api/sequence?folder=SUB   SUB's drafts linted as one sequence (as ``vmlint --sequence SUB``)
    GET  /api/files/{path}    {"path", "text", "sha256", "report"}
    PUT  /api/files/{path}    {"text", "sha256"} -> saved atomically, as --fix writes; 409 when the file
                              changed on disk since the version ``sha256`` names

``step`` is ``"auto"`` (front matter, then config) or a step. Linting runs in a worker
thread, so one long draft never holds up another request, and a text over
``max-file-bytes`` is refused (413) as ``vmlint`` refuses such a file. Errors are JSON
``{"error": "..."}`` with a 4xx status, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import __version__
from ..config import Config, normalize_step
from ..errors import VmlintError
from ..models import STEPS, SequenceReport
from ..report import json_format
from ..report.results import FileResult
from ..runner import STDIN, Options, config_for, lint_text_of
from ..source import decode, front_matter_blocks, read_path, write_path
from .folder import Drafts, PathRefused

log = logging.getLogger("vmlint.serve")
STEP_CHOICES = ("auto", *STEPS)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LintRequest(_Body):
    text: str
    step: Literal["auto", "1", "2", "3", "generic"] = "auto"
    path: str | None = Field(default=None, description="the draft this text is from, for its config and step globs")


class FixRequest(LintRequest):
    finding: int | None = Field(default=None, ge=0, description="apply only this finding's fix (index in the report)")
    unsafe_fixes: bool = Field(default=False, description="apply unsafe fixes too, as --unsafe-fixes")


class SpokenRequest(_Body):
    text: str


class SaveRequest(_Body):
    text: str
    sha256: str = Field(description="the sha256 of the text the edit started from, as GET gave it")


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Service:
    """What the routes share: the folder (if any), the run's options, whether writes are allowed."""

    def __init__(self, folder: str | None, *, writable: bool, token: str, options: Options | None = None) -> None:
        self.drafts = Drafts(folder) if folder else None
        self.writable = writable and self.drafts is not None
        self.token = token
        self.options = options or Options()
        # A text not from a file is linted with the folder's configuration (else the one found from here).
        self.default = config_for(str(self.drafts.root / "draft.txt") if self.drafts else STDIN, self.options)

    # -- helpers -------------------------------------------------------------------------

    def file(self, name: str) -> Path:
        if self.drafts is None:
            raise ApiError(404, "no folder: start `vmlint serve FOLDER` to open and save drafts")
        try:
            return self.drafts.resolve(name)
        except PathRefused as exc:
            raise ApiError(exc.status, str(exc)) from None

    def config(self, path: str | None) -> tuple[Config, str, str]:
        """For a text, by the draft it comes from (if any): its configuration, its name in reports, and
        the real path it is linted as (so step globs in the configuration match it as they do for ``vmlint``)."""
        if path is None:
            return self.default, "<draft>", "<draft>"
        real = self.file(path)
        return config_for(str(real), self.options), path, str(real)

    def check_size(self, text: str, cfg: Config) -> None:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > cfg.max_file_bytes:
            raise ApiError(413, f"the draft is {size:,} bytes, over the {cfg.max_file_bytes:,}-byte limit (max-file-bytes)")

    def lint(self, text: str, step: str, path: str | None) -> dict:
        cfg, name, real = self.config(path)
        self.check_size(text, cfg)
        return self._document(name, lint_text_of(text, real, cfg, None if step == "auto" else normalize_step(step)))

    @staticmethod
    def _document(name: str, report) -> dict:
        """The JSON report of one text, every path in it the name the page knows the draft by."""
        result = FileResult(name, sequence=report) if isinstance(report, SequenceReport) else FileResult(name, report)
        doc = json_format.document([result]).model_dump(mode="json")
        for m in doc["files"][0].get("sequence", {}).get("messages", []):
            m["path"] = m["report"]["path"] = name
        return doc

    def fix(self, req: FixRequest) -> dict:
        from ..fixes import apply, fix_text

        cfg, name, real = self.config(req.path)
        self.check_size(req.text, cfg)
        step = None if req.step == "auto" else normalize_step(req.step)

        def lint(t: str):
            return lint_text_of(t, real, cfg, step)

        if req.finding is None:
            text, report, applied = fix_text(req.text, lint, unsafe=req.unsafe_fixes)
        else:
            findings = lint(req.text).every_finding()
            if req.finding >= len(findings):
                raise ApiError(409, "that finding is gone: the draft changed; lint it again")
            fix = findings[req.finding].fix
            if fix is None:
                raise ApiError(400, f"{findings[req.finding].rule} has no fix here")
            text, applied = apply(req.text, [fix]), 1
            report = lint(text)
        return {"text": text, "applied": applied, "report": self._document(name, report)}

    def spoken(self, text: str) -> dict:
        from ..source import split_messages

        self.check_size(text, self.default)
        return {"spoken": "\n".join(" ".join(m.spoken.split()) for m in split_messages(text))}

    def read(self, name: str) -> dict:
        real = self.file(name)
        cfg = config_for(str(real), self.options)
        try:
            text = read_path(real, max_bytes=cfg.max_file_bytes)
        except VmlintError as exc:
            raise ApiError(413 if "limit" in str(exc) else 400, f"{name}: {str(exc).split(': ', 1)[-1]}") from None
        return {"path": name, "text": text, "sha256": _sha(text),
                "report": self._document(name, lint_text_of(text, str(real), cfg, None))}

    def save(self, name: str, req: SaveRequest) -> dict:
        if not self.writable:
            raise ApiError(403, "this server is read-only" + (
                "" if self.drafts is not None else " (no folder given)") + ": nothing was saved")
        real = self.file(name)
        cfg = config_for(str(real), self.options)
        self.check_size(req.text, cfg)
        try:
            current = read_path(real, max_bytes=cfg.max_file_bytes)
        except VmlintError as exc:
            raise ApiError(409, f"{name} cannot be read back before saving: {exc}") from None
        if _sha(current) != req.sha256:
            raise ApiError(409, f"{name} changed on disk since you opened it: nothing was saved; reopen it to see the new version")
        try:
            write_path(real, req.text)
        except (OSError, UnicodeEncodeError) as exc:
            raise ApiError(500, f"{name} could not be written: {getattr(exc, 'strerror', None) or exc}; the file is as it was") from None
        return {"path": name, "sha256": _sha(req.text), "report": self._document(name, lint_text_of(req.text, str(real), cfg, None))}

    def sequence(self, name: str) -> dict:
        """A sub-folder's drafts linted as one sequence, in file-name order (as ``vmlint --sequence``)."""
        from ..runner import lint_folder_sequence

        if self.drafts is None:
            raise ApiError(404, "no folder: start `vmlint serve FOLDER` to check its drafts as a sequence")
        try:
            real = self.drafts.folder(name)
        except PathRefused as exc:
            raise ApiError(exc.status, str(exc)) from None
        prefix = real.relative_to(self.drafts.root).as_posix()
        names = [n for n in self.drafts.names() if prefix == "." or n.startswith(prefix + "/")]
        if len(names) < 2:
            raise ApiError(400, f"'{name}' holds {len(names)} draft{'s' if len(names) != 1 else ''}: a sequence needs two or more")
        result = lint_folder_sequence(str(real), self.options)
        if result.error:
            raise ApiError(400, result.error.replace(str(self.drafts.root) + "/", ""))
        doc = json_format.document([result]).model_dump(mode="json")
        entry = doc["files"][0]
        entry["path"] = prefix
        for m in entry["sequence"]["messages"]:
            m["path"] = m["report"]["path"] = Path(m["path"]).resolve().relative_to(self.drafts.root).as_posix()
        return doc

    def files(self) -> dict:
        if self.drafts is None:
            return {"folder": None, "files": []}
        out = []
        for name in self.drafts.names():
            p = self.drafts.root / name
            try:
                with p.open("rb") as fh:
                    head = fh.read(64 * 1024)
                kind = "sequence" if len(front_matter_blocks(decode(head, name))) > 1 else "draft"
            except (OSError, VmlintError):
                kind = "draft"
            out.append({"path": name, "kind": kind})
        return {"folder": str(self.drafts.root), "files": out}

    def info(self) -> dict:
        cfg = self.default
        return {"version": __version__, "folder": str(self.drafts.root) if self.drafts else None,
                "writable": self.writable, "steps": list(STEP_CHOICES), "max_words": cfg.max_words,
                "max_seconds": cfg.max_seconds, "words_per_minute": cfg.words_per_minute,
                "max_file_bytes": cfg.max_file_bytes}

    def rules(self) -> list[dict]:
        from ..engine import linter

        return [{"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.doc.summary,
                 "why": r.doc.why} for r in linter(self.default).all_rules]


async def _json(request: Request, model: type[BaseModel]):
    raw = await request.body()
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"the request body is not JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, "the request body is not JSON vmlint reads: nested too deep") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors())
        raise ApiError(400, f"bad request: {problems}") from None


def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def create_app(folder: str | None = None, *, writable: bool = False, token: str, options: Options | None = None) -> Starlette:
    """The Starlette app (without the Guard: ``command.build`` wraps it with the Host, Origin and size checks)."""
    svc = Service(folder, writable=writable, token=token, options=options)
    page = _static("index.html").replace("__TOKEN__", token)
    assets = {"page.js": ("text/javascript", _static("page.js")), "page.css": ("text/css", _static("page.css"))}

    async def index(request: Request):
        return Response(page, media_type="text/html; charset=utf-8")

    async def asset(request: Request):
        kind, body = assets.get(request.path_params["name"], (None, None))
        if body is None:
            raise ApiError(404, "no such file")
        return Response(body, media_type=kind + "; charset=utf-8")

    async def info(request: Request):
        return JSONResponse(svc.info())

    async def rules(request: Request):
        return JSONResponse(await run_in_threadpool(svc.rules))

    async def lint(request: Request):
        req = await _json(request, LintRequest)
        return JSONResponse(await run_in_threadpool(svc.lint, req.text, req.step, req.path))

    async def fix(request: Request):
        req = await _json(request, FixRequest)
        return JSONResponse(await run_in_threadpool(svc.fix, req))

    async def spoken(request: Request):
        req = await _json(request, SpokenRequest)
        return JSONResponse(await run_in_threadpool(svc.spoken, req.text))

    async def sequence(request: Request):
        return JSONResponse(await run_in_threadpool(svc.sequence, request.query_params.get("folder", ".")))

    async def files(request: Request):
        return JSONResponse(await run_in_threadpool(svc.files))

    async def one_file(request: Request):
        name = request.path_params["name"]
        if request.method == "PUT":
            req = await _json(request, SaveRequest)
            return JSONResponse(await run_in_threadpool(partial(svc.save, name, req)))
        return JSONResponse(await run_in_threadpool(svc.read, name))

    async def api_error(request: Request, exc: ApiError):
        return JSONResponse({"error": str(exc)}, status_code=exc.status)

    async def vmlint_error(request: Request, exc: VmlintError):
        return JSONResponse({"error": str(exc)}, status_code=400)

    async def http_error(request: Request, exc: HTTPException):
        detail = {404: "no such page", 405: f"{request.method} is not allowed here"}.get(exc.status_code, str(exc.detail))
        return JSONResponse({"error": detail}, status_code=exc.status_code)

    async def crash(request: Request, exc: Exception):
        log.error("vmlint serve: %s %s failed: %r", request.method, request.url.path, exc)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); the draft on disk is unchanged"}, status_code=500)

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", asset, methods=["GET"]),
        Route("/api/info", info, methods=["GET"]),
        Route("/api/rules", rules, methods=["GET"]),
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/spoken", spoken, methods=["POST"]),
        Route("/api/files", files, methods=["GET"]),
        Route("/api/sequence", sequence, methods=["GET"]),
        Route("/api/files/{name:path}", one_file, methods=["GET", "PUT"]),
    ]
    return Starlette(routes=routes, exception_handlers={ApiError: api_error, VmlintError: vmlint_error, HTTPException: http_error, Exception: crash})
