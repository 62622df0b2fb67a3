"""The result cache and worker processes: same results, less work, never stale."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from vmlint import lint_paths
from vmlint.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DRAFT = "Hi Ana, it's Jo from Pinecrest, 312-555-0147. We cut no-shows by a third. Call me at 312-555-0147.\n"

WARM_RUN = r"""
import sys
from vmlint.cli import main
code = main(["--cache-dir", sys.argv[1], "--format", "concise", sys.argv[2]])
print("spacy" in sys.modules, code)
"""


def _cached_entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json"))


def test_a_cached_run_gives_the_same_report_without_loading_spacy(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = subprocess.run([sys.executable, "-c", WARM_RUN, str(cache), str(draft)], capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", WARM_RUN, str(cache), str(draft)], capture_output=True, text=True, check=True)
    assert cold.stdout.splitlines()[-1] == "True 0"  # the first run lints, with spaCy
    assert warm.stdout.splitlines()[-1] == "False 0"  # the second is served from the cache
    assert cold.stdout.splitlines()[:-1] == warm.stdout.splitlines()[:-1]
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").is_file()


def test_a_changed_draft_or_config_is_linted_again(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    cache = tmp_path / "cache"
    assert main(["--cache-dir", str(cache), str(draft)]) == 0
    assert len(_cached_entries(cache)) == 1
    draft.write_text(DRAFT.replace("Call me at 312-555-0147.", "Talk soon."), encoding="utf-8")
    assert main(["--cache-dir", str(cache), str(draft)]) == 1  # missing-call-to-action now
    (tmp_path / "vmlint.toml").write_text('ignore = ["missing-call-to-action"]\n', encoding="utf-8")
    assert main(["--cache-dir", str(cache), str(draft)]) == 0
    assert len(_cached_entries(cache)) == 3
    capsys.readouterr()


def test_a_damaged_cache_entry_is_a_miss(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    cache = tmp_path / "cache"
    main(["--cache-dir", str(cache), "--format", "concise", str(draft)])
    first = capsys.readouterr().out
    [entry] = _cached_entries(cache)
    entry.write_bytes(b"report\n{not json")
    main(["--cache-dir", str(cache), "--format", "concise", str(draft)])
    assert capsys.readouterr().out == first


def test_no_cache_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    main(["--no-cache", str(draft)])
    capsys.readouterr()
    assert not (tmp_path / ".vmlint_cache").exists()


def test_worker_processes_give_the_serial_results_in_order():
    serial = lint_paths([EXAMPLES], jobs=1)
    parallel = lint_paths([EXAMPLES], jobs=2)
    assert [r.path for r in parallel] == [r.path for r in serial]
    assert [r.report or r.sequence for r in parallel] == [r.report or r.sequence for r in serial]
