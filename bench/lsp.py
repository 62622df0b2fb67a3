"""How long `vmlint lsp` takes to publish diagnostics for a 60-word draft, against the library.

    python bench/lsp.py               # 40 rounds
    python bench/lsp.py --smoke       # 3 rounds: checks that the harness still works (CI)

The server runs as an editor runs it (``python -m vmlint lsp`` in a subprocess, stdio) and
is driven by pygls' client. Each round edits the draft (another listener's name), then
times, alternately: the reference, the library's own ``lint_contents`` on the same text in
this process; the server, from ``didChange`` to the ``publishDiagnostics`` of that version
(the server waits ``DEBOUNCE_SECONDS`` for typing to pause first); and from ``didSave``
(linted at once) to its diagnostics. Medians of each; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from drafts import generate  # noqa: E402

NAMES = ["Ana", "Marco", "Priya", "Dev", "Ruth", "Omar", "Lena", "Tomas", "Noor", "Grace"]


def sixty_word_draft() -> str:
    """The first generated draft of 58-62 words, with a greeting whose name each round changes."""
    from vmlint import lint

    for text in generate(400, seed=11):
        body = text.split("---\n")[-1]
        if 58 <= lint(body).facts.words <= 62 and body.startswith("Hi "):
            return body
    raise SystemExit("no 60-word draft among the generated ones")


def variant(text: str, i: int) -> str:
    head, _, rest = text.partition(",")
    return f"Hi {NAMES[i % len(NAMES)]}," + rest


async def run(rounds: int) -> list[tuple[str, float, float, str]]:
    from vmlint.engine import linter
    from vmlint.config import Config
    from vmlint.lsp.server import DEBOUNCE_SECONDS

    text = sixty_word_draft()
    folder = Path(tempfile.mkdtemp(prefix="vmlint-bench-lsp-"))
    path = folder / "draft.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    lint = linter(Config())
    lint.lint_contents(text, path=str(path))  # load spaCy here too, outside the timings

    client = LanguageClient("vmlint-bench", "1")
    waiting: dict[object, asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        for key in (params.version, "any"):
            fut = waiting.pop(key, None)
            if fut is not None and not fut.done():
                fut.set_result(params)

    def expect(key) -> asyncio.Future:
        waiting[key] = asyncio.get_running_loop().create_future()
        return waiting[key]

    await client.start_io(sys.executable, "-m", "vmlint", "lsp")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), process_id=None))
    client.initialized(lsp.InitializedParams())
    first = expect(1)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await asyncio.wait_for(first, 120)

    ref, change, save = [], [], []
    for i in range(rounds):
        new = variant(text, i + 1)
        start = time.perf_counter()
        lint.lint_contents(new, path=str(path))
        ref.append(time.perf_counter() - start)

        version = i + 2
        done = expect(version)
        start = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=new)]))
        await asyncio.wait_for(done, 60)
        change.append(time.perf_counter() - start)

        done = expect("any")
        start = time.perf_counter()
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
        await asyncio.wait_for(done, 60)
        save.append(time.perf_counter() - start)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    r = statistics.median(ref)
    words = lint.lint_text(text).facts.words
    after_change = statistics.median(change)
    return [
        (f"diagnostics after a change, {words}-word draft (includes the {DEBOUNCE_SECONDS * 1000:.0f} ms debounce)", after_change, r),
        ("the same, less the debounce", after_change - DEBOUNCE_SECONDS, r),
        (f"diagnostics after a save, {words}-word draft (no debounce)", statistics.median(save), r),
    ]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--smoke", action="store_true", help="3 rounds")
    args = p.parse_args()
    rows = asyncio.run(run(3 if args.smoke else args.rounds))
    print(f"rounds: {3 if args.smoke else args.rounds}; reference: the library's lint_contents on the same text, same run")
    print("| measure | vmlint lsp | reference (library `lint_contents`) | ratio |")
    print("|---|---|---|---|")
    for name, ours, ref in rows:
        print(f"| {name} | {ours * 1000:.1f} ms | {ref * 1000:.1f} ms | {ours / ref:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
