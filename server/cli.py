"""Command line: serve the API, or analyse a file and print a report or the API's JSON."""

import argparse
import json
import sys
import textwrap

from .analysis import Analyzer, InputError
from .text import FORMATS

SEVERITY_MARKS = {"high": "!!!", "medium": "!! ", "low": "!  "}


def main(argv=None):
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="python -m server", description="PolicyLens analyzer service.")
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
    args = parser.parse_args(argv)
    if args.command == "analyze":
        return run_analyze(args)
    return run_serve(args)


def run_serve(args):
    """Start the production server."""
    from . import create_app
    from .serve import serve

    app = create_app()
    host = getattr(args, "host", None) or app.config["HOST"]
    port = getattr(args, "port", None) or app.config["PORT"]
    workers = getattr(args, "workers", None) or app.config["WORKERS"]
    serve(app, host, port, workers, app.config["LOG_LEVEL"])
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
    practices = lambda items: len({item["rule"] for item in items})  # noqa: E731
    lines = [
        f"Grade {result['grade'] or '-'}: {practices(result['red_flags'])} red flags, "
        f"{practices(result['good_points'])} good points "
        f"({stats['sentences']} sentences, {stats['words']} words, {stats['reading_minutes']} min to read)",
    ]
    lines += [f"Note: {note}" for note in result["notes"]]
    sections = (("Red flags", result["red_flags"]), ("Good points", result["good_points"]))
    for heading, items in sections:
        lines += ["", f"{heading}:"] if items else []
        for item in items:
            mark = SEVERITY_MARKS[item["severity"]] if heading == "Red flags" else " + "
            lines.append(f"{mark} [{item['category']}] {item['title']}")
            lines.append(textwrap.fill(f"“{item['sentence']}”", 100, initial_indent="      ", subsequent_indent="      "))
    lines += ["", "Highlights:"]
    for item in result["highlights"]:
        lines.append(textwrap.fill(item["sentence"], 100, initial_indent="  - ", subsequent_indent="    "))
    return "\n".join(lines)
