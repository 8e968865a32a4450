"""Command line: serve the API, analyse a file, or analyse a corpus in bulk and report on it."""

import argparse
import errno
import json
import os
import socket
import sys
import textwrap
from concurrent.futures.process import BrokenProcessPool

from .analysis import Analyzer, InputError
from .text import FORMATS
from .flags import SEVERITIES

# The most severe gets the most marks: "!!!" for the first of SEVERITIES, one fewer for each next.
SEVERITY_MARKS = {
    severity: ("!" * (len(SEVERITIES) - i)).ljust(len(SEVERITIES)) for i, severity in enumerate(SEVERITIES)
}
GOOD_MARK = " + ".ljust(len(SEVERITIES))


def main(argv=None):
    """Run the command line, ending quietly when the reader of the output goes away (| head)."""
    try:
        code = dispatch(argv)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Python would report the closed pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def dispatch(argv=None):
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="policylens", description="PolicyLens analyzer service.")
    commands = parser.add_subparsers(dest="command")
    serve = commands.add_parser("serve", help="serve the JSON API (the default command)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8765)")
    serve.add_argument("--workers", type=int, help="worker processes (default 2)")
    analyze = commands.add_parser("analyze", help="analyse a policy file and print a report")
    analyze.add_argument("file", help="a text or HTML file, or - for standard input")
    analyze.add_argument("--json", action="store_true", help="print the JSON the API returns")
    analyze.add_argument("--highlights", type=int, default=7, help="number of highlights (default 7)")
    analyze.add_argument(
        "--format", choices=FORMATS, help="text: plain text, kept verbatim; html: markup (default: detected)"
    )
    add_batch_commands(commands)
    args = parser.parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    if args.command == "batch":
        return run_batch(args)
    if args.command == "batch-report":
        return run_batch_report(args)
    return run_serve(args)


def add_batch_commands(commands):
    """Add the batch and batch-report commands."""
    from . import DEFAULTS

    batch = commands.add_parser("batch", help="analyse a corpus: a folder, a JSON Lines or a Parquet file")
    batch.add_argument(
        "input", help="a folder (.txt, .md, .html), a .jsonl file or a .parquet file (id, text)"
    )
    batch.add_argument("--output", "-o", required=True, help="OUT.parquet (default) or OUT.jsonl")
    batch.add_argument("--workers", type=int, help=f"worker processes (default: all {os.cpu_count()} cores)")
    batch.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="local process pool or Dask"
    )
    batch.add_argument("--scheduler", help="address of a running Dask scheduler (with --engine dask)")
    batch.add_argument("--resume", action="store_true", help="keep OUT's rows and analyse only the rest")
    batch.add_argument("--overwrite", action="store_true", help="replace an existing OUT")
    batch.add_argument(
        "--highlights", type=int, default=DEFAULTS["MAX_HIGHLIGHTS"], help="highlights per document"
    )
    batch.add_argument(
        "--max-bytes", type=int, default=DEFAULTS["MAX_TEXT_BYTES"], help="largest document (UTF-8 bytes)"
    )
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    report = commands.add_parser("batch-report", help="write an HTML report of a batch's output")
    report.add_argument("output", help="the OUT file a batch wrote")
    report.add_argument("--html", help="where to write the report (default: OUT with .html)")


def run_serve(args):
    """Start the production server, or say in one line that its port is taken."""
    from . import create_app
    from .serve import serve

    app = create_app()
    host = getattr(args, "host", None) or app.config["HOST"]
    port = getattr(args, "port", None) or app.config["PORT"]
    workers = getattr(args, "workers", None) or app.config["WORKERS"]
    if port_in_use(host, port):
        print(f"Port {port} on {host} is already in use (another PolicyLens server?): stop it, "
              f"or start on another port with --port {port + 1}.", file=sys.stderr)  # fmt: skip
        return 2
    serve(app, host, port, workers, app.config["LOG_LEVEL"])
    return 0


def port_in_use(host, port):
    """Tell whether another process is listening on host:port (bound the way gunicorn binds)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


def run_batch(args):
    """Analyse a corpus into OUT, and say what happened."""
    from .batch.run import run_batch as batch

    if os.path.exists(args.output) and not (args.resume or args.overwrite):
        print(
            f"{args.output} exists: add --resume to continue that run, or --overwrite to start again.",
            file=sys.stderr,
        )
        return 2
    try:
        summary = batch(args.input, args.output, args.workers, args.engine, args.scheduler, args.resume,
                        args.highlights, args.max_bytes, progress=not args.quiet)  # fmt: skip
    except BrokenProcessPool:
        print(f"A worker process died (out of memory?): {args.output} holds the rows so far; "
              "add --resume to continue, with fewer --workers.", file=sys.stderr)  # fmt: skip
        return 1
    except (ValueError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    rate = summary.analysed / summary.seconds if summary.seconds else 0
    print(f"{summary.analysed} documents analysed in {summary.seconds:.1f} s ({rate:.1f}/s), "
          f"{summary.failed} failed (see their error column), {summary.skipped} already in {args.output}.",
          file=sys.stderr)  # fmt: skip
    if summary.interrupted:
        print(f"Interrupted: {args.output} holds the rows so far; add --resume to continue.", file=sys.stderr)
        return 130
    return 0


def run_batch_report(args):
    """Write the HTML report of a batch's output."""
    from .batch.report import write_report

    target = args.html or os.path.splitext(args.output)[0] + ".html"
    try:
        write_report(args.output, target)
    except (ValueError, OSError) as error:
        print(error, file=sys.stderr)
        return 2
    print(target)
    return 0


def run_analyze(args):
    """Analyse one file and print the result."""
    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else open(args.file, "rb").read()
    except OSError as error:
        print(f"Cannot read {args.file}: {error.strerror}.", file=sys.stderr)
        return 2
    try:
        result = Analyzer(cache_size=0)(raw.decode("utf-8", errors="replace"), args.highlights, format=args.format)
    except InputError as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(report(result))
    return 0


def report(result):
    """Format an analysis for a terminal."""
    stats = result["stats"]
    # As the popup shows them: one red flag per category (as the grade counts), one good point per rule.
    red = len({item["category"] for item in result["red_flags"]})
    good = len({item["rule"] for item in result["good_points"]})
    lines = [
        f"Grade {result['grade'] or '-'}: {red} red flags, {good} good points "
        f"({stats['sentences']} sentences, {stats['words']} words, {stats['reading_minutes']} min to read)",
    ]
    lines += [f"Note: {note}" for note in result["notes"]]
    if result["red_flags"] or result["good_points"]:
        legend = ", ".join(f"{mark.strip()} {severity}" for severity, mark in SEVERITY_MARKS.items())
        lines.append(f"Marks: red flags by severity ({legend}), + good point; [category]; “the sentence”.")
    sections = (("Red flags", result["red_flags"]), ("Good points", result["good_points"]))
    for heading, items in sections:
        lines += ["", f"{heading}:"] if items else []
        for item in items:
            mark = SEVERITY_MARKS[item["severity"]] if heading == "Red flags" else GOOD_MARK
            lines.append(f"{mark} [{item['category']}] {item['title']}")
            lines.append(
                textwrap.fill(
                    f"“{item['sentence']}”", 100, initial_indent="      ", subsequent_indent="      "
                )
            )
    lines += ["", "Highlights:"]
    for item in result["highlights"]:
        lines.append(textwrap.fill(item["sentence"], 100, initial_indent="  - ", subsequent_indent="    "))
    return "\n".join(lines)
