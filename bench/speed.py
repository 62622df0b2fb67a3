"""vmlint's speed, each figure measured against a reference in the same run.

    python bench/speed.py                 # the full table (a few minutes)
    python bench/speed.py --smoke         # tiny sizes: checks that the harness still works (CI)

References: bare ``spacy.blank("en")`` tokenization of the same texts (the floor any
spaCy-based linter pays) and proselint on the same files. proselint lives in the
benchmark's own environment (``bench/setup-reference.sh``), never in vmlint's; without
it those rows say so. Timed runs are interleaved (reference, vmlint, reference, ...) and
the median of each is taken, so a noisy machine moves both sides alike.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from drafts import generate  # noqa: E402

VMLINT = [sys.executable, "-m", "vmlint"]


def proselint_command() -> list[str] | None:
    local = HERE / ".venv-ref" / "bin" / "proselint"
    if local.exists():
        return [str(local)]
    found = shutil.which("proselint")
    return [found] if found else None


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(ref, ours, repeats: int) -> tuple[float, float]:
    """Median seconds of the reference and of vmlint, run alternately."""
    a, b = [], []
    for _ in range(repeats):
        a.append(timed(ref))
        b.append(timed(ours))
    return statistics.median(a), statistics.median(b)


def run_quiet(cmd: list[str], env: dict | None = None) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)


def write_files(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"draft{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, what: str, ours: str, ref: str, ratio: str, target: str) -> None:
        self.rows.append((what, ours, ref, ratio, target))
        print(f"  {what}: vmlint {ours}, reference {ref}, ratio {ratio} ({target})", file=sys.stderr, flush=True)

    def markdown(self) -> str:
        head = "| measure | vmlint | reference | ratio | target |\n|---|---|---|---|---|\n"
        return head + "\n".join(f"| {' | '.join(r)} |" for r in self.rows) + "\n"


def throughput(table: Table, n: int, repeats: int) -> None:
    from vmlint import Linter
    from vmlint.nlp import blank

    texts = generate(n, seed=11)
    nlp = blank()
    linter = Linter()
    linter.lint_many(texts[:20])  # warm both sides: tables, dictionaries, compiled patterns
    list(nlp.pipe(texts[:20]))
    ref, ours = interleaved(lambda: list(nlp.pipe(texts)), lambda: linter.lint_many(texts), repeats)
    table.add(f"library: lint_many on {n:,} drafts", f"{n / ours:,.0f} drafts/s", f"{n / ref:,.0f} drafts/s (spaCy tokenizer)",
              f"{ours / ref:.1f}× the time", "≥ 2,500 drafts/s and ≤ 3×")


def many_files(table: Table, folder: Path, n: int, repeats: int, proselint: list[str] | None) -> None:
    write_files(folder, generate(n, seed=13))
    ours_cmd = [*VMLINT, "--no-cache", "--format", "concise", str(folder)]
    if proselint is None:
        t = statistics.median(timed(lambda: run_quiet(ours_cmd)) for _ in range(repeats))
        table.add(f"CLI: {n:,} files, no cache", f"{t:.2f} s", "proselint not installed", "n/a", "≤ 0.5×")
        return
    ref, ours = interleaved(lambda: run_quiet([*proselint, "check", str(folder)]), lambda: run_quiet(ours_cmd), repeats)
    table.add(f"CLI: {n:,} files, no cache", f"{ours:.2f} s", f"{ref:.2f} s (proselint)", f"{ours / ref:.2f}×", "≤ 0.5×")


def one_file(table: Table, folder: Path, repeats: int, proselint: list[str] | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    draft = write_files(folder, generate(1, seed=17))[0]
    cache = folder / "cache"
    cold = [*VMLINT, "--no-cache", str(draft)]
    warm = [*VMLINT, "--cache-dir", str(cache), str(draft)]
    run_quiet(warm)  # fill the cache
    if proselint is None:
        t_cold = statistics.median(timed(lambda: run_quiet(cold)) for _ in range(repeats))
        t_warm = statistics.median(timed(lambda: run_quiet(warm)) for _ in range(repeats))
        table.add("CLI: one file, cold (no cache)", f"{t_cold:.2f} s", "0.5 s budget", f"{t_cold / 0.5:.2f}×", "≤ 0.5 s")
        table.add("CLI: one file, warm cache", f"{t_warm:.2f} s", "proselint not installed", "n/a", "≤ 1×")
        return
    ref, t_cold = interleaved(lambda: run_quiet([*proselint, "check", str(draft)]), lambda: run_quiet(cold), repeats)
    table.add("CLI: one file, cold (no cache)", f"{t_cold:.2f} s", f"{ref:.2f} s (proselint)", f"{t_cold / ref:.1f}×", "≤ 0.5 s wall")
    ref, t_warm = interleaved(lambda: run_quiet([*proselint, "check", str(draft)]), lambda: run_quiet(warm), repeats)
    table.add("CLI: one file, warm cache", f"{t_warm:.2f} s", f"{ref:.2f} s (proselint)", f"{t_warm / ref:.2f}×", "≤ 1× proselint")


def scaling(table: Table, big_words: int, repeats: int) -> None:
    from vmlint import Linter

    linter = Linter()
    small = "Hi Ana, it's Jo from Pinecrest, 312-555-0147. We cut invoice processing time by half for firms like yours. " \
            "Sorry I missed you. I'll call you Thursday at 2 p.m. Give me a call at 312-555-0147. Talk soon, thanks again Ana."
    small_words = len(small.split())
    body = " ".join(t.split("---\n", 2)[2].strip() for t in generate(max(1, big_words // 50), seed=19))
    words = body.split()
    big = " ".join(words[:big_words])
    linter.lint_text(small)
    per_small = statistics.median(timed(lambda: [linter.lint_text(small) for _ in range(50)]) for _ in range(repeats)) / (50 * small_words)
    per_big = statistics.median(timed(lambda: linter.lint_text(big)) for _ in range(max(1, repeats // 2))) / len(big.split())
    table.add(f"time per word: {len(big.split()):,}-word file vs {small_words}-word draft", f"{per_big * 1e6:.1f} µs/word",
              f"{per_small * 1e6:.1f} µs/word", f"{per_big / per_small:.2f}×", "≤ 2×")


def memory(table: Table, folder: Path, n: int) -> None:
    write_files(folder, generate(n, seed=23))
    # VmHWM, the peak of this process's own memory: ru_maxrss would carry over the peak of
    # the benchmark process it was forked from.
    script = ("import sys\nfrom vmlint.cli import main\n"
              "sys.stdout = open('/dev/null', 'w')\n"
              f"main(['--no-cache', '--jobs', '1', '--format', 'concise', {str(folder)!r}])\n"
              "hwm = [line for line in open('/proc/self/status') if line.startswith('VmHWM')][0]\n"
              "print(hwm.split()[1], file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    kib = int(proc.stderr.strip().splitlines()[-1])
    table.add(f"peak memory, {n:,} files, one process", f"{kib / 1024:.0f} MB", "250 MB budget", f"{kib / 1024 / 250:.2f}×", "< 250 MB")


def parallel(table: Table, folder: Path, n: int, repeats: int) -> None:
    write_files(folder, generate(n, seed=29))
    serial = [*VMLINT, "--no-cache", "--jobs", "1", "--format", "concise", str(folder)]
    two = [*VMLINT, "--no-cache", "--jobs", "2", "--format", "concise", str(folder)]
    auto = [*VMLINT, "--no-cache", "--format", "concise", str(folder)]
    t1, t2 = interleaved(lambda: run_quiet(serial), lambda: run_quiet(two), repeats)
    table.add(f"CLI: {n:,} files, --jobs 2 vs --jobs 1", f"{t2:.2f} s", f"{t1:.2f} s (serial)", f"speed-up {t1 / t2:.2f}×", "report")
    few = folder.parent / "few"
    write_files(few, generate(8, seed=31))
    f1, fa = interleaved(lambda: run_quiet([*VMLINT, "--no-cache", "--jobs", "1", str(few)]),
                         lambda: run_quiet([*VMLINT, "--no-cache", str(few)]), repeats)
    table.add("CLI: 8 files, automatic jobs vs serial", f"{fa:.2f} s", f"{f1:.2f} s (serial)", f"{fa / f1:.2f}×", "≈ 1× (stays serial)")
    del auto


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat: check the harness works")
    args = ap.parse_args()
    sizes = dict(batch=5000, files=1000, big=100_000, memory=10_000, repeats=5)
    if args.smoke:
        sizes = dict(batch=40, files=12, big=2_000, memory=30, repeats=1)
    proselint = proselint_command()
    table = Table()
    with tempfile.TemporaryDirectory(prefix="vmlint-bench-") as tmp:
        root = Path(tmp)
        throughput(table, sizes["batch"], sizes["repeats"])
        many_files(table, root / "many", sizes["files"], max(1, sizes["repeats"] - 2), proselint)
        one_file(table, root / "one", sizes["repeats"] * 2, proselint)
        scaling(table, sizes["big"], sizes["repeats"])
        memory(table, root / "memory", sizes["memory"])
        parallel(table, root / "parallel" / "files", sizes["files"], max(1, sizes["repeats"] - 2))
    print(f"Machine: {machine()}\n")
    print(table.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
