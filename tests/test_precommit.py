"""A real pre-commit, from the package index, runs this checkout's hook in a throwaway repository.

Slow (pre-commit builds the hook's environment, spaCy included): deselect locally with
``-m 'not slow'``; ``.ci/run`` runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
BAD = "---\nstep: 1\n---\nHi Rosa, it's Vic from Alderbank. Sorry I missed you. Call me back at 617-555-0144. I'll call you Thursday at 3 p.m.\n"
GOOD = "---\nstep: 1\n---\nHi Rosa, it's Vic from Alderbank. Sorry I missed you. Jin at Northgate suggested I call. I'll call you Thursday at 3 p.m.\n"

PLAYBOOK = ("# Scripts\n\n## Cold call\n\n```\nHi Rosa, do you have a minute?\n```\n\n## Voicemail\n\n"
            "> Hi Rosa, it's Vic from Alderbank. Sorry I missed you. Give me a call back.\n")
CADENCE = ('steps:\n  - step: 1\n    type: voicemail\n'
           '    script: "Hi Rosa, it\'s Vic from Alderbank. Call me back at 617-555-0144. I\'ll call you Thursday at 3 p.m."\n')


def _git(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_blocks_a_bad_draft_and_passes_a_fixed_one(tmp_path):
    if not (CHECKOUT / ".git").exists():
        pytest.skip("not a git checkout")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=CHECKOUT, capture_output=True, text=True, check=True).stdout.strip()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "NO_COLOR": "1",
    }
    repo = tmp_path / "scripts"
    repo.mkdir()
    assert _git(repo, "init", "-q", env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {CHECKOUT}\n    rev: {rev}\n    hooks:\n      - id: vmlint\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr

    (repo / "monday.txt").write_text(BAD, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    blocked = _git(repo, "commit", "-m", "bad draft", env=env)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "VM202 phone-number-in-first-message" in blocked.stdout + blocked.stderr

    (repo / "monday.txt").write_text(GOOD, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    passed = _git(repo, "commit", "-m", "fixed draft", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "vmlint" in passed.stdout + passed.stderr

    # A playbook and a cadence file: each voicemail is reported on its own lines, the call opener is not linted.
    (repo / "playbook.md").write_text(PLAYBOOK, encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates" / "cadence.yaml").write_text(CADENCE, encoding="utf-8")
    _git(repo, "add", ".", env=env)
    blocked = _git(repo, "commit", "-m", "playbook", env=env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "playbook.md:11:57: VM203 missing-phone-number" in out
    assert "templates/cadence.yaml:4:64: VM202 phone-number-in-first-message" in out
