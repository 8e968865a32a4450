"""Read documents from a folder, a JSON Lines file or a Parquet file, a bounded piece at a time."""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_BLOCK = 4 * 1024 * 1024  # bytes of a JSON Lines file per unit of work
JSON_OVERHEAD = 64 * 1024  # bytes of a JSON line that are not the text
FILES_PER_PARTITION = 16  # files of a folder per Dask partition


class Document(NamedTuple):
    """One document: its id, its raw text (bytes or str), or why it could not be read."""

    id: str
    raw: object = None
    error: str = None


def too_large(size, max_bytes):
    """Say that a document is over the size limit, and how to raise it."""
    return (
        f"too_large: the document has {size:,} bytes and the limit is {max_bytes:,}; "
        "raise it with --max-bytes"
    )


@dataclass(frozen=True)
class Source:
    """An input: a folder, a JSON Lines file or a Parquet file; small enough to send to workers."""

    path: str
    kind: str
    max_bytes: int

    @property
    def partition_size(self):
        """Return how many units make one Dask partition."""
        return FILES_PER_PARTITION if self.kind == "folder" else 1

    def units(self):
        """Yield the units of work (a file, a byte range, a row group) in input order."""
        if self.kind == "folder":
            root = Path(self.path)
            for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()):
                yield path.relative_to(root).as_posix()
        elif self.kind == "jsonl":
            size = os.path.getsize(self.path)
            yield from ((start, min(start + JSONL_BLOCK, size)) for start in range(0, size, JSONL_BLOCK))
        else:
            import pyarrow.parquet as pq

            yield from range(pq.ParquetFile(self.path).num_row_groups)

    def read(self, unit):
        """Yield the documents of one unit."""
        if self.kind == "folder":
            yield self.read_file(unit)
        elif self.kind == "jsonl":
            yield from self.read_lines(*unit)
        else:
            yield from self.read_row_group(unit)

    def documents(self, skip=frozenset()):
        """Yield every document in input order, except those whose id is in skip."""
        for unit in self.units():
            if self.kind == "folder" and unit in skip:
                continue  # not even read
            for document in self.read(unit):
                if document.id not in skip:
                    yield document

    def count(self):
        """Return the number of documents, as cheaply as the format allows."""
        if self.kind == "folder":
            return sum(1 for _ in self.units())
        if self.kind == "jsonl":
            with open(self.path, "rb") as file:
                return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b""))
        import pyarrow.parquet as pq

        return pq.ParquetFile(self.path).metadata.num_rows

    def read_file(self, name):
        """Read one file of a folder, refusing one over the size limit before reading it."""
        path = Path(self.path) / name
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                return Document(name, error=too_large(size, self.max_bytes))
            return Document(name, path.read_bytes())
        except OSError as error:
            return Document(name, error=f"unreadable: {error.strerror}")

    def read_lines(self, start, end):
        """Yield the documents of the lines that begin in [start, end) of a JSON Lines file."""
        limit = 2 * self.max_bytes + JSON_OVERHEAD  # escapes can double a text's size
        name = Path(self.path).name
        with open(self.path, "rb") as file:
            if start:
                file.seek(start - 1)
                skip_line(file)  # the line under way at start belongs to the previous unit
            while (offset := file.tell()) < end:
                line = file.readline(limit + 1)
                if not line:
                    break
                if len(line) > limit and not line.endswith(b"\n"):
                    skip_line(file)
                    yield Document(f"{name}:{offset}", error=too_large(len(line), limit) + " (line)")
                elif line.strip():
                    yield parse_line(line, f"{name}:{offset}", self.max_bytes)

    def read_row_group(self, index):
        """Yield the documents of one row group of a Parquet file, a few rows at a time."""
        import pyarrow.parquet as pq

        file = pq.ParquetFile(self.path)
        missing = {"id", "text"} - set(file.schema_arrow.names)
        if missing:
            raise ValueError(f"{self.path} has no column {', '.join(sorted(missing))}: it needs id and text.")
        for batch in file.iter_batches(batch_size=64, row_groups=[index], columns=["id", "text"]):
            for doc_id, raw in zip(batch.column("id").to_pylist(), batch.column("text").to_pylist()):
                if raw is None:
                    yield Document(str(doc_id), error="missing_text: the text is null")
                else:
                    yield Document(str(doc_id), raw)


def skip_line(file):
    """Read past the end of the current line without holding it in memory."""
    while (chunk := file.readline(1 << 20)) and not chunk.endswith(b"\n"):
        pass


def parse_line(line, where, max_bytes):
    """Turn one JSON line into a document, or a document that says what is wrong with the line."""
    try:
        record = json.loads(line)
    except ValueError:
        return Document(where, error="invalid_json: the line is not a JSON object")
    if not isinstance(record, dict) or "id" not in record:
        return Document(where, error='missing_id: each line needs {"id": ..., "text": ...}')
    doc_id = str(record["id"])
    if not isinstance(record.get("text"), str):
        return Document(doc_id, error="missing_text: the line has no text string")
    return Document(doc_id, record["text"])


def open_source(path, max_bytes):
    """Return the Source for a folder, a .jsonl/.ndjson file or a .parquet file."""
    path = Path(path)
    if path.is_dir():
        return Source(str(path), "folder", max_bytes)
    if not path.is_file():
        raise ValueError(f"{path} does not exist: give a folder, a .jsonl file or a .parquet file.")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return Source(str(path), "jsonl", max_bytes)
    if suffix in (".parquet", ".pq"):
        return Source(str(path), "parquet", max_bytes)
    raise ValueError(f"{path}: give a folder, a JSON Lines file (.jsonl) or a Parquet file (.parquet).")
