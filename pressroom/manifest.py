"""The published folder's hidden manifest: what the last publish wrote, so the next one makes only what changed.

`files` has a record per feed file: `inputs` (a fingerprint of everything its bytes follow from, the rendering
code included), `digest`, `size` and `mtime_ns` of what was written; archive pages add `last`, the key of their last
statement. `archive` is where the archive pages stood (`pressroom.archive`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pressroom.storeread import Key

NAME = ".pressroom-manifest.json"
# 2: entries' bytes are kept in the store, no longer located in the files (`pressroom.storeparts`).
VERSION = 2
Record = dict[str, object]


class Manifest:
    """The last publish's manifest: each file's record, and where the archive stood."""

    def __init__(self, files: dict[str, Record] | None = None, archive: dict[str, Any] | None = None) -> None:
        self.files = files or {}
        self.archive = archive if isinstance(archive, dict) else None

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest at `path`; anything unreadable counts as none, so everything is rebuilt."""
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            return cls()
        return cls(data["files"], data.get("archive"))

    @staticmethod
    def dump(files: dict[str, Record], archive: dict[str, Any] | None) -> bytes:
        """The manifest's bytes (compact: it is read by the next publish, not by people)."""
        data = {"version": VERSION, "files": files, "archive": archive}
        return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode()

    def record_of(self, number: int, kind: str) -> Record | None:
        """The record of archive page `number` in `kind` (atom, rss), if it has what resuming needs."""
        record = self.files.get(f"archive/{kind}-{number}.xml")
        return record if record and record.get("inputs") and isinstance(record.get("last"), list) else None

    def last_of(self, number: int) -> Key | None:
        """The key of the last statement on archive page `number` (None for page 0)."""
        record = self.record_of(number, "atom") if number >= 1 else None
        return (str(record["last"][0]), str(record["last"][1])) if record else None  # type: ignore[index]

    def pages(self) -> int:
        """How many archive pages the last publish wrote."""
        return int(self.archive.get("pages", 0)) if self.archive else 0


def intact(path: Path, record: Record) -> bool:
    """Whether the file still holds what the manifest says was written."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != record.get("size"):
        return False
    # An untouched file keeps its mtime; anything else is checked by content.
    if stat.st_mtime_ns == record.get("mtime_ns"):
        return True
    return hashlib.sha256(path.read_bytes()).hexdigest() == record.get("digest")
