"""Load-test the production server on loopback with wrk, and report start-up, throughput and memory.

Usage: python bench/load.py [POLICY_DIR] [--seconds 20] [--connections 32] [--workers 2]

Starts `python -m server serve` on a free port of 127.0.0.1 (and nowhere else), measures how long
the health check takes to answer, runs wrk (Debian package `wrk`) posting the typical policy that
bench/speed.py picks from POLICY_DIR (about 150 sentences; default ../shared/eval/policies, else
tests/policies/plesk.txt), with the
result cache on (the server's default: a popup reopened on the same policy) and off (every request
analysed in full), then sends 1,000 mixed good and bad requests one by one and reports the resident
memory of each worker after 100 and after 1,000 of them. Every loop is bounded in count and time.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "tests" / "policies"
LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open(os.getenv("POLICYLENS_BODY"), "rb")
wrk.body = file:read("*a")
file:close()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port, workers, cache):
    """Start the server; return the process and the seconds until /healthz answered."""
    env = dict(os.environ, POLICYLENS_CACHE_SIZE=str(64 if cache else 0))
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    while time.monotonic() - started < 30:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process, time.monotonic() - started
        except OSError:
            time.sleep(0.02)
    stop(process)
    raise SystemExit("the server did not answer its health check within 30 s")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=15)


def wrk(port, seconds, connections, body_file):
    """Run wrk and return its summary figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script.name,
         f"http://127.0.0.1:{port}/api/v1/analyze"],
        env=dict(os.environ, POLICYLENS_BODY=body_file), capture_output=True, text=True, timeout=seconds + 30,
    ).stdout  # fmt: skip
    os.unlink(script.name)
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percentile in ("50", "90", "99"):
        value, unit = re.search(rf"\s{percentile}%\s+([\d.]+)(us|ms|s)", output).groups()
        figures[f"p{percentile}"] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    figures["errors"] = (int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else "none")
    figures["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    return figures


def worker_rss_mb(process):
    """Return the resident memory of each worker process, in MB."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def mixed_requests(port, count):
    """Send count good and bad requests one after another; return the statuses seen."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("*.txt"))]
    bodies = []
    for index in range(count):
        kind = index % 5
        if kind < 3:  # a policy, made unique so that the cache does not answer
            text = texts[index % len(texts)] + f"\nRevision {index}."
            bodies.append((json.dumps({"text": text}).encode(), "application/json"))
        elif kind == 3:
            bodies.append((b"{not json", "application/json"))
        else:
            bodies.append((json.dumps({"text": ""}).encode(), "application/json"))
    statuses = {}
    for body, content_type in bodies:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/analyze", data=body, headers={"Content-Type": content_type}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        statuses[status] = statuses.get(status, 0) + 1
    return statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT.parent / "shared" / "eval" / "policies"
    parser.add_argument("folder", nargs="?", type=Path, default=default if default.exists() else None)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")
    body_file = tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False)
    if args.folder:
        sys.path.insert(0, str(ROOT / "bench"))
        from speed import documents

        from server.analysis import Analyzer
        from server.text import clean

        analyzer = Analyzer(cache_size=0)
        text = documents(args.folder, analyzer)["typical"]
        sentences = len(analyzer.splitter(clean(text)))
    else:
        text, sentences = (POLICIES / "plesk.txt").read_text(encoding="utf-8"), 74
    body_file.write(json.dumps({"text": text}).encode())
    body_file.close()
    try:
        print(f"wrk, {args.connections} connections, {args.seconds} s, {args.workers} workers, a {sentences}-sentence policy")
        print(f"{'cache':6} {'start s':>8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'requests':>9}  errors")
        for cache in (True, False):
            port = free_port()
            process, startup = start(port, args.workers, cache)
            try:
                f = wrk(port, args.seconds, args.connections, body_file.name)
            finally:
                stop(process)
            print(
                f"{'on' if cache else 'off':6} {startup:8.2f} {f['rps']:8.1f} {f['p50']:8.1f} {f['p90']:8.1f} "
                f"{f['p99']:8.1f} {f['requests']:9d}  non-2xx {f['errors'][0]}, socket {f['errors'][1]}"
            )
        port = free_port()
        process, _ = start(port, args.workers, True)
        try:
            first = mixed_requests(port, 100)
            after_100 = worker_rss_mb(process)
            rest = mixed_requests(port, 900)
            after_1000 = worker_rss_mb(process)
        finally:
            stop(process)
        statuses = {k: first.get(k, 0) + rest.get(k, 0) for k in sorted(set(first) | set(rest))}
        print(f"\n1,000 mixed requests one by one, statuses {statuses}")
        print("worker resident memory, MB: after 100 " + ", ".join(f"{m:.0f}" for m in after_100)
              + "; after 1,000 " + ", ".join(f"{m:.0f}" for m in after_1000))
    finally:
        os.unlink(body_file.name)


if __name__ == "__main__":
    main()
