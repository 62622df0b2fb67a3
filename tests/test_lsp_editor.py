"""`vmlint lsp` in a real editor: headless Neovim starts the server and shows its findings.

Neovim converts the server's UTF-16 positions to byte columns itself, so the columns
checked here are bytes. Without Neovim the test is skipped, except in CI (`.ci/run`
installs it), where a missing editor is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "data" / "nvim_lsp.lua"
DRAFT = ("Hi Marco 😀, um, Dee from Harbor Lane. I was um thinking about your onboarding. We cut onboarding "
         "time in half for teams like yours. Call me at 617-555-0110. Again, 617-555-0110.\n")


@pytest.mark.slow
def test_neovim_shows_findings_applies_a_fix_and_hovers(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI"):
            pytest.fail("nvim is not installed (.ci/run installs it)")
        pytest.skip("nvim is not installed")
    (tmp_path / "vmlint.toml").write_text('step = "generic"\n', encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "seen.jsonl"
    env = {**os.environ, "VMLINT_PYTHON": sys.executable, "VMLINT_DRAFT": str(draft), "VMLINT_OUT": str(out),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run([nvim, "--headless", "--clean", "-u", str(SCRIPT)], cwd=tmp_path, env=env, timeout=240,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
    assert out.exists(), f"Neovim wrote nothing (exit {run.returncode}): {run.stderr[-2000:]}"
    seen: dict[str, list] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        seen.setdefault(item["kind"], []).append(item["value"])

    (before,) = seen["diagnostics"]
    first_um = len(DRAFT[:DRAFT.index("um")].encode("utf-8"))  # bytes: the emoji is four
    filler = [d for d in before if d["code"] == "VM405"]
    assert filler[0]["col"] == first_um and filler[0]["end_col"] == first_um + 2
    assert filler[0]["severity"] == 3  # information
    assert "VM406" in {d["code"] for d in before}

    preferred = [a["title"] for a in seen["action"] if a["preferred"]]
    assert preferred == ["Remove 'um' (VM405 filler-phrase)"]
    assert any(a["title"].startswith("Disable filler-phrase") for a in seen["action"])
    (fixed,) = seen["line"]
    assert fixed == DRAFT.rstrip("\n").replace("um, ", "", 1)

    (after,) = seen["after"]
    left = [d for d in after if d["code"] == "VM405"]
    assert [d["col"] for d in left] == [len(fixed[:fixed.index("um")].encode("utf-8"))]
    (hover,) = seen["hover"]
    assert "VM405 filler-phrase" in hover and "**What it does**" in hover
