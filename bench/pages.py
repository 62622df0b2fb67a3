"""The HTML report and the drafting page's API, each measured against a reference in the same run.

    python bench/pages.py             # 1,000 drafts, 200 API requests
    python bench/pages.py --smoke     # tiny sizes: checks the harness works

- ``render(results, "html")`` against ``render(results, "json")`` of the same results
  (the page is built from the JSON document, so the ratio is what the page adds);
- ``POST /api/lint`` to a real ``vmlint serve`` on loopback, one request at a time,
  against ``lint_text_of`` on the same drafts in the same process (the ratio is what HTTP,
  the guard and the thread hop add);
- a small draft's ``/api/lint`` while a draft at the ``max-file-bytes`` limit is being
  linted, against the same request on an idle server (what one huge draft costs the others).
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from drafts import generate  # noqa: E402


def median_time(fn, repeats: int) -> float:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return statistics.median(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    n, requests, repeats = (20, 10, 1) if args.smoke else (1000, 200, 3)

    import uvicorn

    from vmlint import render
    from vmlint.config import Config
    from vmlint.report.results import FileResult
    from vmlint.runner import lint_text_of
    from vmlint.serve.command import build

    texts = generate(n)
    cfg = Config()
    results = [FileResult(f"d{i}.txt", lint_text_of(t, f"d{i}.txt", cfg, None), text=t) for i, t in enumerate(texts)]
    t_json = median_time(lambda: render(results, "json"), repeats)
    t_html = median_time(lambda: render(results, "html"), repeats)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app, _ = build(None, host="127.0.0.1", port=port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)

    def post(text: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        body = json.dumps({"text": text, "step": "auto"})
        conn.request("POST", "/api/lint", body, {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"})
        res = conn.getresponse()
        res.read()
        assert res.status == 200, res.status
        conn.close()

    sample = texts[:requests]
    t_direct = median_time(lambda: [lint_text_of(t, "<draft>", cfg, None) for t in sample], repeats)
    t_api = median_time(lambda: [post(t) for t in sample], repeats)

    small = sample[0]
    idle = median_time(lambda: post(small), 5 * repeats)
    corpus = " ".join(texts) + " "
    size = cfg.max_file_bytes // (50 if args.smoke else 4)
    huge = (corpus * (size // len(corpus.encode()) + 1))[:size]
    t_huge = median_time(lambda: post(huge), 1)
    busy_times = []
    for _ in range(repeats):
        worker = threading.Thread(target=post, args=(huge,))
        worker.start()
        time.sleep(min(0.2, t_huge / 4))  # let the big draft get into its worker thread
        busy_times.append(median_time(lambda: post(small), 5))
        worker.join()
    busy = statistics.median(busy_times)
    server.should_exit = True

    rows = [
        ("`render(..., \"html\")`, %d drafts" % n, f"{t_html:.2f} s", f"{t_json:.2f} s (json)", f"{t_html / t_json:.2f}×"),
        ("`POST /api/lint`, %d drafts one at a time" % requests, f"{t_api / requests * 1000:.1f} ms each",
         f"{t_direct / requests * 1000:.1f} ms each (in process)", f"{t_api / t_direct:.2f}×"),
        (f"`POST /api/lint` of a draft while a {len(huge.encode()) // 1000:,} kB one is linted", f"{busy * 1000:.1f} ms",
         f"{idle * 1000:.1f} ms (idle server)", f"{busy / idle:.2f}× (the big one alone: {t_huge:.1f} s)"),
    ]
    print("| measure | vmlint | reference | ratio |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
