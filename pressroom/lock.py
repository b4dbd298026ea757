"""One writer per store: builds, crawls and publishes on the same store take turns, never overlap."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType


class StoreBusy(Exception):
    """Another pressroom process holds the store; the message says which and what to do."""


class StoreLock:
    """An exclusive flock on `<store>.lock`; the kernel releases it when the holder exits, even on kill -9."""

    def __init__(self, db_path: Path, wait: float = 0.0) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self.wait = wait
        self.handle: int | None = None

    def __enter__(self) -> StoreLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(handle, 32, 0).decode(errors="replace").strip() or "unknown"
                    os.close(handle)
                    raise StoreBusy(
                        f"another pressroom run (pid {holder}) is using {self.path.with_suffix('')}; "
                        "try again when it ends, or pass --wait SECONDS"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        self.handle = handle
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.handle is not None:
            os.ftruncate(self.handle, 0)
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            os.close(self.handle)
            self.handle = None
