"""Bulk analysis speed: 1 worker, all cores, Dask with 2 workers; peak memory; resume after a kill.

    .venv/bin/python bench/batch.py ../shared/corpus/ota-contrib

Each configuration runs `python -m server batch CORPUS` as its own process, as a user would, and is
timed from start to exit (start-up, worker start and writing included); the rate the command reports
for itself (from its first document) is printed beside it. Peak memory is each process's VmHWM
(peak resident set) sampled from /proc while it runs. The resume check sends SIGTERM (what `kill`
sends) half way through an all-cores run, resumes it, and compares the rows with the uninterrupted
run's (all columns but elapsed_ms). The machine's load average is printed before and after: other
work on the same cores depresses every figure, the parallel ones most.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.batch.output import read_rows  # noqa: E402


def descendants(pid):
    """Return the ids of every process below pid."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def peak_rss_mb(pid):
    """Return a process's peak resident set size in MB, or None once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None


class Sampler(threading.Thread):
    """Keep the peak RSS of a process and each of its descendants while it runs."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.running = pid, {}, True

    def run(self):
        while self.running:
            for pid in [self.pid] + descendants(self.pid):
                rss = peak_rss_mb(pid)
                if rss is not None:
                    self.peaks[pid] = max(rss, self.peaks.get(pid, 0))
            time.sleep(0.2)


def batch(corpus, out, *options, kill_after=None):
    """Run one batch command; return (wall seconds, its own rate, main peak MB, other processes' peaks)."""
    command = [
        sys.executable,
        "-m",
        "server",
        "batch",
        str(corpus),
        "--output",
        str(out),
        "--quiet",
        *options,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    sampler.start()
    if kill_after is not None:
        time.sleep(kill_after)
        process.send_signal(signal.SIGTERM)
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.running = False
    sampler.join()
    if process.returncode not in (0, 130):
        sys.exit(f"{' '.join(command)} failed:\n{err}")
    rate = re.search(r"\(([\d.]+)/s\)", err)
    main = sampler.peaks.pop(process.pid, 0)
    # Helpers that hold no Analyzer (multiprocessing's resource tracker) stay far below 50 MB.
    workers = sorted((round(mb) for mb in sampler.peaks.values() if mb > 50), reverse=True)
    return seconds, float(rate.group(1)) if rate else None, round(main), workers


def rows(path):
    """Return an output's rows by id, without the timing column."""
    return {row["id"]: {k: v for k, v in row.items() if k != "elapsed_ms"} for row in read_rows(path)}


def main():
    """Run every configuration and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--keep", type=Path, help="a folder to keep the outputs in (default: a temporary one)"
    )
    args = parser.parse_args()
    cores = os.cpu_count()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {cores} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = args.keep or Path(tmp)
        tmp.mkdir(parents=True, exist_ok=True)
        runs = [("1 worker", "one", ["--workers", "1"]), (f"all cores ({cores})", "all", []),
                ("Dask, 2 workers", "dask", ["--engine", "dask", "--workers", "2"])]  # fmt: skip
        results = {}
        for label, name, options in runs:
            seconds, rate, main_mb, workers = batch(
                args.corpus, tmp / f"{name}.parquet", "--overwrite", *options
            )
            results[name] = seconds
            count = len(rows(tmp / f"{name}.parquet"))
            print(f"{label:18} {count} docs in {seconds:6.1f} s: {count / seconds:5.2f} docs/s wall "
                  f"({rate} docs/s by its own count), {results['one'] / seconds:.2f}x 1 worker; "
                  f"peak RSS main {main_mb} MB, workers {workers} MB")  # fmt: skip
        reference = rows(tmp / "all.parquet")
        for name in ("one", "dask"):
            print(f"rows of {name} = rows of all cores: {rows(tmp / f'{name}.parquet') == reference}")
        half = results["all"] / 2
        batch(args.corpus, tmp / "resumed.parquet", "--overwrite", kill_after=half)
        partial = len(rows(tmp / "resumed.parquet"))
        batch(args.corpus, tmp / "resumed.parquet", "--resume")
        same = rows(tmp / "resumed.parquet") == reference
        print(f"resume: SIGTERM after {half:.1f} s left a valid file with {partial} rows; "
              f"after --resume the rows equal the uninterrupted run's: {same}")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
