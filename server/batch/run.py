"""Run a batch: read the input, analyse on the chosen engine, write rows as they come, resume."""

import os
import signal
import time
from contextlib import contextmanager
from typing import NamedTuple

from .. import DEFAULTS
from .documents import open_source
from .output import open_output

FLUSH_SECONDS = 5  # rows reach the disk at least this often


class Summary(NamedTuple):
    """What a run did."""

    analysed: int
    failed: int
    skipped: int
    seconds: float
    interrupted: bool


@contextmanager
def stop_on_signals():
    """Make Ctrl-C and SIGTERM ask the run to stop after the row in hand; yield the list of asks.

    A KeyboardInterrupt raised at an arbitrary point can land inside the process pool's own
    bookkeeping and leave it unable to shut down (the run then hangs), so the first signal only
    asks; a second one, for a run that no longer answers, interrupts at once.
    """
    asked = []

    def stop(signum, _frame):
        if asked:
            raise KeyboardInterrupt
        asked.append(signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield asked
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_batch(input_path, output_path, workers=None, engine="local", scheduler=None, resume=False,
              max_highlights=DEFAULTS["MAX_HIGHLIGHTS"], max_bytes=DEFAULTS["MAX_TEXT_BYTES"], progress=True,
              processes=True):  # fmt: skip
    """Analyse every document of input_path into output_path and return a Summary."""
    source = open_source(input_path, max_bytes)
    workers = workers or os.cpu_count() or 1
    output = open_output(output_path, resume)
    skip = frozenset(output.done)
    bar = progress_bar(source, len(skip)) if progress else None
    analysed = failed = 0
    started = last_flush = time.monotonic()
    interrupted = False
    stream = rows(source, skip, engine, workers, max_highlights, scheduler, processes)
    try:
        with stop_on_signals() as asked:
            for row in stream:
                output.write(row)
                analysed += 1
                failed += row["error"] is not None
                if bar is not None:
                    bar.update()
                if asked:
                    interrupted = True
                    break
                if time.monotonic() - last_flush > FLUSH_SECONDS:
                    output.flush()
                    last_flush = time.monotonic()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the close short
        try:
            stream.close()  # stops the pool or the cluster
            output.close()
            if bar is not None:
                bar.close()
        finally:
            signal.signal(signal.SIGINT, ignored)
    return Summary(analysed, failed, len(skip), time.monotonic() - started, interrupted)


def rows(source, skip, engine, workers, max_highlights, scheduler, processes):
    """Yield the rows of the documents not in skip from the chosen engine."""
    if engine == "dask":
        from .dask_engine import run_dask

        return run_dask(source, skip, workers, max_highlights, scheduler, processes)
    from .local import run_local

    return run_local(source.documents(skip), workers, max_highlights, source.max_bytes)


def progress_bar(source, already):
    """Return a tqdm bar over the documents, with documents per second and time left."""
    from tqdm import tqdm

    return tqdm(total=source.count(), initial=already, unit="doc", desc="Analysing", smoothing=0.05)
