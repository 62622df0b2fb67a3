"""No network, ever: the full pipeline, first import included, under a socket guard."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

GUARDED = r"""
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("network access attempted: %r" % (args,))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import nltk
nltk.download = lambda *a, **k: refuse("nltk.download", a)
from pathlib import Path
import vmlint
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    report = vmlint.lint_file(path)
    first = report.messages[0].report if isinstance(report, vmlint.SequenceReport) else report
    assert first.facts.readability.flesch_reading_ease != 0
print("ok")
"""


def test_no_network_during_import_and_lint():
    proc = subprocess.run([sys.executable, "-c", GUARDED, str(EXAMPLES)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok"
