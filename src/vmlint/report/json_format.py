"""One JSON document: ``{"version", "files": [{"path", "step", "score", "facts", "findings"}], "errors", "summary"}``."""

from __future__ import annotations

import json

from .results import counts


def document(results) -> dict:
    from .. import __version__

    files = []
    errors = []
    for r in results:
        if r.error:
            errors.append({"path": r.path, "message": r.error})
            continue
        rep = r.report
        files.append(
            {
                "path": r.path,
                "step": rep.step,
                "score": rep.score,
                "facts": rep.facts.model_dump(mode="json"),
                "findings": [f.model_dump(mode="json") for f in rep.findings],
            }
        )
    return {"version": __version__, "files": files, "errors": errors, "summary": counts(results)}


def render(results, **_: object) -> str:
    return json.dumps(document(results), indent=2, ensure_ascii=False) + "\n"
