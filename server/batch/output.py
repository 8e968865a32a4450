"""Write rows to Parquet or JSON Lines as they come, and read back what an earlier run wrote."""

import json
import os
from pathlib import Path

from ..flags import SEVERITIES

ROWS_PER_GROUP = 256  # rows per Parquet row group: memory stays flat, files stay readable in parts


def schema():
    """Return the Arrow schema of an output row (severities are read from the rules' module)."""
    import pyarrow as pa

    flag = pa.struct([("rule", pa.string()), ("category", pa.string()), ("severity", pa.string()),
                      ("sentence", pa.string()), ("position", pa.int32())])  # fmt: skip
    highlight = pa.struct([("sentence", pa.string()), ("position", pa.int32()), ("score", pa.float64())])
    return pa.schema(
        [("id", pa.string()), ("grade", pa.string()), ("error", pa.string())]
        + [(f"flags_{severity}", pa.int32()) for severity in SEVERITIES]
        + [("categories", pa.list_(pa.string())), ("red_flags", pa.list_(flag)), ("good_points", pa.list_(flag)),
           ("highlights", pa.list_(highlight)), ("sentences", pa.int32()), ("words", pa.int32()),
           ("notes", pa.list_(pa.string())), ("version", pa.string()), ("elapsed_ms", pa.float64())]
    )  # fmt: skip


def output_format(path):
    """Tell the output format from the file's suffix: JSON Lines for .jsonl/.ndjson, else Parquet."""
    return "jsonl" if Path(path).suffix.lower() in (".jsonl", ".ndjson") else "parquet"


def read_rows(path, columns=None):
    """Yield the rows of an output file, a batch at a time, as dicts."""
    if output_format(path) == "jsonl":
        with open(path, encoding="utf-8") as file:
            for line in file:
                if line.endswith("\n"):  # a last line without its end was cut by a hard kill
                    row = json.loads(line)
                    yield {key: row.get(key) for key in columns} if columns else row
        return
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024, columns=columns):
        yield from batch.to_pylist()


def open_output(path, resume):
    """Open the writer for an output file; with resume, keep its rows and return their ids too."""
    kind = ParquetOutput if output_format(path) == "parquet" else JsonLinesOutput
    return kind(Path(path), resume)


class ParquetOutput:
    """A Parquet file written to OUT.partial in row groups and renamed to OUT when closed.

    A Parquet file is only readable once its footer is written, so OUT is always a complete file:
    the previous run's until this one closes (on success, Ctrl-C or SIGTERM).
    """

    def __init__(self, path, resume):
        import pyarrow.parquet as pq

        self.path, self.partial = path, path.with_name(path.name + ".partial")
        self.schema = schema()
        self.writer = pq.ParquetWriter(self.partial, self.schema)
        self.rows, self.done = [], set()
        if resume and path.exists():
            try:
                previous = pq.ParquetFile(path)
                for batch in previous.iter_batches(batch_size=1024):
                    self.writer.write_table(self.conform(batch))
                    self.done.update(batch.column("id").to_pylist())
            except Exception as error:  # pyarrow raises several types for a damaged file
                self.writer.close()
                os.unlink(self.partial)
                raise ValueError(
                    f"Cannot resume from {path} ({type(error).__name__}): start again without --resume."
                )

    def conform(self, batch):
        """Return an earlier run's batch as a table of today's schema."""
        import pyarrow as pa

        table = pa.Table.from_batches([batch])
        return (
            pa.Table.from_pylist(table.to_pylist(), schema=self.schema)
            if table.schema != self.schema
            else table
        )

    def write(self, row):
        """Add a row; a row group is written every ROWS_PER_GROUP rows."""
        self.rows.append(row)
        if len(self.rows) >= ROWS_PER_GROUP:
            self.flush()

    def flush(self):
        """Write the rows held so far as one row group."""
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self):
        """Write the last rows and the footer, then put the file in place."""
        self.flush()
        self.writer.close()
        os.replace(self.partial, self.path)


class JsonLinesOutput:
    """A JSON Lines file appended to line by line; a hard kill loses at most the line under way."""

    def __init__(self, path, resume):
        self.path, self.done = path, set()
        if resume and path.exists():
            with open(path, "rb+") as file:
                kept = 0
                for line in file:
                    if not line.endswith(b"\n"):
                        break
                    self.done.add(json.loads(line)["id"])
                    kept += len(line)
                file.truncate(kept)  # drop a line cut short by a hard kill
        self.file = open(path, "a" if resume else "w", encoding="utf-8")

    def write(self, row):
        """Append a row as one line."""
        self.file.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self):
        """Push written lines to the file."""
        self.file.flush()

    def close(self):
        """Flush and close the file."""
        self.file.close()
