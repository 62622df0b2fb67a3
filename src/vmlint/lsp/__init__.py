"""``vmlint lsp``: a language server over standard input and output.

Needs the ``lsp`` extra (``pip install 'vmlint[lsp]'``: pygls and lsprotocol). Modules:
``positions`` (offsets <-> LSP positions), ``analysis`` (linting a document with the
library, settings), ``convert`` (diagnostics, code actions, hover), ``docs`` (the rule
pages diagnostics link to), ``server`` (the pygls server).
"""

from __future__ import annotations

import argparse
import sys

USAGE = "vmlint lsp [--stdio]"


def main(argv: list[str] | None = None) -> int:
    """Run the server until the client says exit; 2 when the lsp extra is missing."""
    p = argparse.ArgumentParser(prog="vmlint lsp", description="Run vmlint as a language server over standard input and output.")
    p.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default and only transport)")
    p.parse_args(argv or [])
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print("vmlint: error: `vmlint lsp` needs the lsp extra: pip install 'vmlint[lsp]'", file=sys.stderr)
        return 2
    from .server import server

    # The protocol owns standard output: anything else printed would corrupt it, so it goes to stderr.
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, out)
    return 0
