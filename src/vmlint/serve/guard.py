"""The checks every request passes before the app sees it (a plain ASGI middleware).

- **Host**: the ``Host`` header must name this server (``127.0.0.1:PORT``, ``localhost:PORT``
  or the address it was told to bind). A page on another site that rebinds its DNS name to
  127.0.0.1 sends its own name, and is refused.
- **Sec-Fetch-Site**: a browser request from another site may only open the page itself.
- **Origin**: a request that is not ``GET``/``HEAD`` must come from this server's own page:
  an ``Origin`` other than ours, or a ``Sec-Fetch-Site`` other than ``same-origin``/``none``,
  is refused, and its body must be JSON (``Content-Type: application/json``), which a
  cross-site form cannot send.
- **Token**: a write (``PUT``) must carry the per-process token the page was served with,
  in the ``X-Vmlint-Token`` header.
- **Size**: a body over the limit is refused with 413 before it is read in full.

Every refusal is a JSON ``{"error": "..."}``. Every response gets headers that keep the page
from being framed, sniffed or sent to another site's referrer log.
"""

from __future__ import annotations

import hmac
import json

SAFE_METHODS = {"GET", "HEAD"}
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", PAGE_CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


def _error(status: int, message: str):
    body = json.dumps({"error": message}).encode()
    return status, [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())], body


class Guard:
    def __init__(self, app, *, hosts: set[str], token: str, max_body: int) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message, headers=list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names])
            await send(message)

        async def refuse(status: int, text: str):
            code, headers, body = _error(status, text)
            await send_with_headers({"type": "http.response.start", "status": code, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        headers = {}
        for k, v in scope.get("headers", []):
            headers.setdefault(k.decode("latin-1").lower(), v.decode("latin-1"))
        host = headers.get("host", "").strip().lower()
        if host not in self.hosts:
            return await refuse(421, f"Host '{host[:100]}' is not this server: open the address vmlint serve printed")
        method = scope["method"]
        site = headers.get("sec-fetch-site", "same-origin")
        if site == "cross-site" and not (method in SAFE_METHODS and scope["path"] == "/"):
            return await refuse(403, "cross-site request refused: only the page itself may be opened from another site")
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin.lower() != f"http://{host}":
                return await refuse(403, f"cross-origin request from '{origin[:100]}' refused")
            if site not in ("same-origin", "none"):
                return await refuse(403, "cross-site request refused")
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                return await refuse(415, "send the request body as JSON (Content-Type: application/json)")
            if method == "PUT" and not hmac.compare_digest(headers.get("x-vmlint-token", ""), self.token):
                return await refuse(403, "missing or wrong X-Vmlint-Token: reload the page vmlint serve printed")
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return await refuse(413, f"request body over the {self.max_body:,}-byte limit")
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    return await refuse(413, f"request body over the {self.max_body:,}-byte limit")
                chunks.append(chunk)
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            replayed = False

            async def receive_body():
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}

            return await self.app(scope, receive_body, send_with_headers)
        return await self.app(scope, receive, send_with_headers)
