"""Soak-test the production server on loopback: concurrent clients, good and bad requests, a killed worker.

Usage: python bench/soak.py [--seconds 180] [--clients 16] [--workers 2]

Starts `python -m server serve` on a free port of 127.0.0.1 (and nowhere else), then runs the given
number of client threads for the given time (both bounded), each sending a mix of requests: the five
test policies made unique (so the cache does not answer), invalid JSON, empty text, the wrong content
type, a wrong method and an unknown route. Halfway through it kills one worker with SIGKILL; gunicorn
starts another while the rest keep answering. It reports requests, outcomes by kind, latency
percentiles and worker memory at the start and the end. Not part of the test suite.
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import POLICIES, free_port, start, stop, worker_rss_mb  # noqa: E402

EXPECTED = {"policy": 200, "invalid-json": 400, "empty": 422, "plain-text": 415, "wrong-method": 405, "unknown-route": 404}


def request_for(kind, texts, rng):
    """Return (method, path, body, headers) for one kind of request."""
    headers = {"Content-Type": "application/json"}
    if kind == "policy":
        body = json.dumps({"text": rng.choice(texts) + f"\nRevision {rng.random()}."})
        return "POST", "/api/v1/analyze", body.encode(), headers
    if kind == "invalid-json":
        return "POST", "/api/v1/analyze", b'{"text": ', headers
    if kind == "empty":
        return "POST", "/api/v1/analyze", b'{"text": "   "}', headers
    if kind == "plain-text":
        return "POST", "/api/v1/analyze", b"We sell data.", {"Content-Type": "text/plain"}
    if kind == "wrong-method":
        return "GET", "/api/v1/analyze", None, {}
    return "GET", "/nowhere", None, {}


def client(port, deadline, seed, outcomes, latencies, lock):
    """Send requests until the deadline; count outcomes and time them."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("*.txt"))]
    kinds = ["policy"] * 6 + [k for k in EXPECTED if k != "policy"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < deadline:
        kind = rng.choice(kinds)
        method, path, body, headers = request_for(kind, texts, rng)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            outcome = "ok" if response.status == EXPECTED[kind] else f"{kind}: {response.status}"
        except (OSError, http.client.HTTPException) as error:
            outcome = f"connection: {type(error).__name__}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            outcomes[outcome] += 1
            latencies.append(elapsed)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = free_port()
    process, startup = start(port, args.workers, cache=True)
    try:
        memory_start = worker_rss_mb(process)
        outcomes, latencies, lock = Counter(), [], threading.Lock()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(port, deadline, seed, outcomes, latencies, lock), daemon=True)
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 2)
        victim = int(Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()[0])
        os.kill(victim, signal.SIGKILL)
        killed_at = len(latencies)
        for thread in threads:
            thread.join(timeout=args.seconds + 60)
        memory_end = worker_rss_mb(process)
    finally:
        stop(process)
    ordered = sorted(latencies)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    print(f"{args.seconds} s, {args.clients} clients, {args.workers} workers; health check answered {startup:.2f} s after start")
    print(f"requests {len(latencies)} ({len(latencies) / args.seconds:.1f}/s); worker {victim} killed after {killed_at}")
    for outcome, count in outcomes.most_common():
        print(f"  {outcome:40} {count}")
    print(f"latency ms: p50 {pick(0.5):.1f}, p95 {pick(0.95):.1f}, p99 {pick(0.99):.1f}, max {ordered[-1]:.1f}, "
          f"mean {statistics.mean(ordered):.1f}")
    print("worker memory MB: start " + ", ".join(f"{m:.0f}" for m in memory_start)
          + "; end " + ", ".join(f"{m:.0f}" for m in memory_end))


if __name__ == "__main__":
    main()
