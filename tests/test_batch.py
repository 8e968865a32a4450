"""Bulk analysis: inputs, outputs, failing documents, resume, interruption, Dask, the HTML report."""

import json
import os
import signal
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from server.batch import documents
from server.batch.documents import open_source
from server.batch.output import read_rows
from server.batch.rows import analyze_document
from server.batch.run import run_batch, stop_on_signals
from server.flags import SEVERITIES
from tests.conftest import POLICIES, ROOT

NAMES = ("plesk", "planio", "mailee", "mailplanet", "planetmirror")
MAX_BYTES = 20_000  # above every fixture policy, below the "huge" document
COPIES = 60  # documents of the interrupted run: enough that a signal after the first lands mid-run


def texts():
    """Return the fixture policies by name."""
    return {name: (POLICIES / f"{name}.txt").read_text(encoding="utf-8") for name in NAMES}


def comparable(path):
    """Return an output's rows by id, without the timing column."""
    return {row["id"]: {k: v for k, v in row.items() if k != "elapsed_ms"} for row in read_rows(path)}


@pytest.fixture()
def folder(tmp_path):
    """A corpus folder: policies (one in a subfolder, one as HTML), a binary, an empty and a huge file."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    policies = texts()
    (corpus / "plesk.txt").write_text(policies["plesk"], encoding="utf-8")
    (corpus / "sub" / "planio.md").write_text(policies["planio"], encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in policies["mailee"].splitlines() if line.strip())
    (corpus / "mailee.html").write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "empty.md").write_text("  \n", encoding="utf-8")
    (corpus / "huge.txt").write_text(policies["plesk"] * 3, encoding="utf-8")
    (corpus / "ignored.pdf").write_bytes(b"%PDF-1.4")
    return corpus


@pytest.fixture()
def jsonl(tmp_path):
    """A JSON Lines corpus with every fixture policy, a blank line and three bad lines."""
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": name, "text": text}) for name, text in texts().items()]
    lines[2:2] = ["", "{not json", json.dumps({"text": "No id here."}), json.dumps({"id": 7})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_folder_gives_one_row_per_document_and_failing_ones_their_error(folder, tmp_path, analyzer):
    summary = run_batch(folder, tmp_path / "out.parquet", workers=2, max_bytes=MAX_BYTES, progress=False)
    rows = {row["id"]: row for row in read_rows(tmp_path / "out.parquet")}
    assert sorted(rows) == ["binary.txt", "empty.md", "huge.txt", "mailee.html", "plesk.txt", "sub/planio.md"]
    assert summary.analysed == 6 and summary.failed == 3 and not summary.interrupted
    assert rows["binary.txt"]["error"].startswith("binary:")
    assert rows["empty.md"]["error"].startswith("empty:")
    assert rows["huge.txt"]["error"].startswith("too_large:") and "--max-bytes" in rows["huge.txt"]["error"]
    assert rows["huge.txt"]["grade"] is None and rows["huge.txt"]["red_flags"] == []
    for doc_id in ("plesk.txt", "sub/planio.md", "mailee.html"):
        assert rows[doc_id]["error"] is None and rows[doc_id]["grade"] and rows[doc_id]["highlights"]
    # The row is exactly what the one analysis function gives in this process.
    direct = analyze_document("plesk.txt", (folder / "plesk.txt").read_bytes(), analyzer, max_bytes=MAX_BYTES)
    assert {k: v for k, v in rows["plesk.txt"].items() if k != "elapsed_ms"} == {
        k: v for k, v in direct.items() if k != "elapsed_ms"
    }
    flags = rows["sub/planio.md"]["red_flags"]
    assert rows["sub/planio.md"]["categories"] == sorted(
        {f["category"] for f in flags}, key=rows["sub/planio.md"]["categories"].index
    )
    planio = rows["sub/planio.md"]
    assert sum(planio[f"flags_{severity}"] for severity in SEVERITIES) == len(planio["categories"])
    worst = min(SEVERITIES.index(f["severity"]) for f in flags)
    assert planio[f"flags_{SEVERITIES[worst]}"] >= 1


def test_jsonl_in_jsonl_out_with_bad_lines(jsonl, tmp_path):
    summary = run_batch(jsonl, tmp_path / "out.jsonl", workers=1, progress=False)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert summary.analysed == 8 and summary.failed == 3
    by_id = {row["id"]: row for row in rows}
    assert set(NAMES) <= set(by_id) and all(by_id[name]["error"] is None for name in NAMES)
    errors = sorted(row["error"].split(":")[0] for row in rows if row["error"])
    assert errors == ["invalid_json", "missing_id", "missing_text"]
    assert any(
        row["id"].startswith("corpus.jsonl:") for row in rows
    )  # a line without an id is named by its offset


def test_parquet_input_gives_the_same_rows_as_jsonl(jsonl, tmp_path):
    policies = texts()
    table = pa.table({"id": list(policies), "text": list(policies.values())})
    pq.write_table(table, tmp_path / "corpus.parquet", row_group_size=2)  # three row groups
    run_batch(tmp_path / "corpus.parquet", tmp_path / "from-parquet.parquet", workers=2, progress=False)
    run_batch(jsonl, tmp_path / "from-jsonl.jsonl", workers=2, progress=False)
    from_jsonl = {k: v for k, v in comparable(tmp_path / "from-jsonl.jsonl").items() if k in policies}
    assert comparable(tmp_path / "from-parquet.parquet") == from_jsonl


def test_jsonl_blocks_hold_each_line_exactly_once(jsonl, monkeypatch):
    whole = [d.id for d in open_source(jsonl, MAX_BYTES).documents()]
    monkeypatch.setattr(documents, "JSONL_BLOCK", 97)  # cuts through most lines
    source = open_source(jsonl, MAX_BYTES)
    assert len(list(source.units())) > 100
    assert [d.id for unit in source.units() for d in source.read(unit)] == whole


def test_a_huge_jsonl_line_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"id": "big", "text": "x " * 60_000})
        + "\n"
        + json.dumps({"id": "ok", "text": "Hi."})
        + "\n"
    )
    found = list(open_source(path, 10_000).documents())
    assert found[0].error.startswith("too_large:") and found[1] == documents.Document("ok", "Hi.")


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_resume_analyses_only_what_is_missing(folder, tmp_path, suffix):
    full, cut = tmp_path / f"full{suffix}", tmp_path / f"cut{suffix}"
    run_batch(folder, full, workers=2, max_bytes=MAX_BYTES, progress=False)
    kept = list(read_rows(full))[:2]
    if suffix == ".jsonl":  # as after a hard kill: two whole lines and one cut short
        cut.write_text(
            "".join(json.dumps(row) + "\n" for row in kept) + '{"id": "mailee.ht', encoding="utf-8"
        )
    else:
        from server.batch.output import schema

        pq.write_table(pa.Table.from_pylist(kept, schema=schema()), cut)
    summary = run_batch(folder, cut, workers=2, max_bytes=MAX_BYTES, resume=True, progress=False)
    assert summary.skipped == 2 and summary.analysed == 4
    assert comparable(cut) == comparable(full) and len(list(read_rows(cut))) == 6


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_leaves_a_valid_output_that_resumes(tmp_path, signum):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(COPIES):
        name = NAMES[index % len(NAMES)]
        (corpus / f"{index:03d}-{name}.txt").write_text(texts()[name] + f"\nCopy {index}.", encoding="utf-8")
    out = tmp_path / "out.parquet"
    command = [sys.executable, "-m", "server", "batch", str(corpus), "-o", str(out), "--workers", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    seen = ""
    while f"| 1/{COPIES}" not in seen and process.poll() is None:  # the bar has counted one document
        seen += process.stderr.read(1)
    process.send_signal(signum)
    err = seen + process.stderr.read()
    assert process.wait(timeout=60) == 130, err
    assert "Traceback" not in err and "add --resume" in err
    written = len(pq.read_table(out))  # a complete Parquet file
    assert 1 <= written < COPIES and not (tmp_path / "out.parquet.partial").exists()
    summary = run_batch(corpus, out, workers=2, resume=True, progress=False)
    assert summary.skipped == written and summary.analysed == COPIES - written
    assert sorted(pq.read_table(out, columns=["id"]).column("id").to_pylist()) == sorted(
        p.name for p in corpus.iterdir()
    )


def test_the_first_signal_asks_to_stop_and_a_second_interrupts():
    """No KeyboardInterrupt lands inside the process pool's bookkeeping unless the user insists."""
    with stop_on_signals() as asked:
        os.kill(os.getpid(), signal.SIGTERM)
        assert asked == [signal.SIGTERM]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs between bytecodes of the main thread
                pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_dask_gives_the_same_rows_as_the_local_pool(folder, tmp_path):
    run_batch(folder, tmp_path / "local.parquet", workers=2, max_bytes=MAX_BYTES, progress=False)
    # Two worker processes on a local cluster, as on a real one (processes=True).
    summary = run_batch(
        folder, tmp_path / "dask.parquet", workers=2, engine="dask", max_bytes=MAX_BYTES, progress=False
    )
    assert summary.analysed == 6
    assert comparable(tmp_path / "dask.parquet") == comparable(tmp_path / "local.parquet")


@pytest.mark.parametrize(
    "raw, code", [(None, "missing_text"), (b"\xff\xfe" * 50, "binary"), ("a\0b", "binary"), ("", "empty")]
)
def test_analyze_document_names_what_is_wrong(raw, code, analyzer):
    row = analyze_document("doc", raw, analyzer)
    assert row["error"].split(":")[0] == code and row["grade"] is None and row["id"] == "doc"


def test_dask_on_a_running_scheduler(folder, tmp_path):
    from distributed import LocalCluster

    run_batch(folder, tmp_path / "local.jsonl", workers=1, max_bytes=MAX_BYTES, progress=False)
    # A cluster already running, as --scheduler ADDRESS expects; threads here, to start fast.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary = run_batch(folder, tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address,
                            max_bytes=MAX_BYTES, progress=False)  # fmt: skip
        assert len(cluster.scheduler.workers) == 2
    assert summary.analysed == 6
    assert comparable(tmp_path / "dask.jsonl") == comparable(tmp_path / "local.jsonl")


def test_a_worker_that_dies_leaves_the_rows_so_far(folder, tmp_path, monkeypatch, capsys):
    from server import cli
    from server.batch import local

    monkeypatch.setattr(local, "analyze_in_worker", die_on_mailee)  # a worker killed (by the OOM killer, say)
    out = tmp_path / "out.parquet"
    assert (
        cli.main(["batch", str(folder), "-o", str(out), "--workers", "1", "--quiet", "--max-bytes", "20000"])
        == 1
    )
    assert "A worker process died" in capsys.readouterr().err
    assert [row["id"] for row in read_rows(out)] == [
        "binary.txt",
        "empty.md",
        "huge.txt",
    ]  # before mailee.html


def die_on_mailee(document, max_highlights, max_bytes):
    """Analyse a document in the worker, but end the worker's process at mailee.html."""
    if document.id == "mailee.html":
        os._exit(9)
    return analyze_document(
        document.id, document.raw, None, max_highlights, max_bytes, document.error or "skipped: test"
    )
