"""A real vmlint server on a free loopback port, in a thread, and a plain HTTP client for it."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time

import uvicorn

from vmlint.serve.command import build


class LiveServer:
    """``vmlint serve`` as ``build`` makes it, listening on 127.0.0.1.

    ``policy_host`` is the address the server believes it was told to listen on (its Host
    names and write policy follow it); the socket itself is always loopback.
    """

    def __init__(self, folder=None, *, policy_host: str = "127.0.0.1", allow_write: bool = False, config=None):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}/"
        app, self.writable = build(folder, host=policy_host, port=self.port, allow_write=allow_write, config=config)
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self._token = None

    @property
    def token(self) -> str:
        """The token, read from the page as the browser gets it."""
        if self._token is None:
            _, _, body = self.request("GET", "/")
            self._token = re.search(r'name="vmlint-token" content="([^"]+)"', body.decode()).group(1)
        return self._token

    def request(self, method: str, path: str, body=None, headers: dict | None = None):
        """(status, headers, body bytes). ``body``: bytes, or anything JSON can encode."""
        h = {"Host": self.host}
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if method not in ("GET", "HEAD"):
            h["Origin"] = f"http://{self.host}"
        h.update(headers or {})
        h = {k: v for k, v in h.items() if v is not None}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=h)
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def json(self, method: str, path: str, body=None, headers: dict | None = None):
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data)

    def save(self, name: str, text: str, sha256: str, headers: dict | None = None):
        return self.json("PUT", f"/api/files/{name}", {"text": text, "sha256": sha256},
                         {"X-Vmlint-Token": self.token, **(headers or {})})

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
