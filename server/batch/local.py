"""Analyse documents on every core of this machine: a process pool, each worker with its own Analyzer."""

import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from .rows import analyze_document, worker_analyzer

IN_FLIGHT_PER_WORKER = 4  # documents queued per worker: enough to keep it busy, little memory


def start_worker():
    """Build the worker's Analyzer once; leave Ctrl-C to the parent, which shuts the pool down.

    A forked worker inherits the parent's handlers: SIGTERM gets its default back, so that a worker
    killed on its own simply ends.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    worker_analyzer()


def analyze_in_worker(document, max_highlights, max_bytes):
    """Analyse one document with this worker's Analyzer."""
    return analyze_document(
        document.id, document.raw, worker_analyzer(), max_highlights, max_bytes, document.error
    )


def run_local(documents, workers, max_highlights, max_bytes):
    """Yield one row per document, in input order, with at most a few documents per worker in flight."""
    pool = ProcessPoolExecutor(workers, initializer=start_worker)
    pending = deque()
    try:
        for document in documents:
            pending.append(pool.submit(analyze_in_worker, document, max_highlights, max_bytes))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
