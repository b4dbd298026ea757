"""Never two writers: concurrent runs on one store take turns or stop with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from conftest import read_feed, run

from pressroom.lock import StoreLock
from pressroom.validate import validate


def test_a_second_run_stops_with_a_clear_message(newsroom: Path) -> None:
    db = newsroom.parent / ".pressroom" / "pressroom.db"
    with StoreLock(db):
        result = run("build", "--config", str(newsroom))
    assert result.exit_code == 1
    assert f"another pressroom run (pid {os.getpid()}) is using" in result.output
    assert "--wait SECONDS" in result.output
    assert "Traceback" not in result.output
    assert not (newsroom.parent / "public").exists()


def test_a_waiting_run_proceeds_once_the_lock_is_free(newsroom: Path) -> None:
    db = newsroom.parent / ".pressroom" / "pressroom.db"
    lock = StoreLock(db).__enter__()
    threading.Timer(0.5, lock.__exit__, (None, None, None)).start()
    result = run("build", "--config", str(newsroom), "--wait", "10")
    assert result.exit_code == 0, result.output
    assert len(read_feed(newsroom.parent / "public" / "atom.xml").entries) == 8


def test_two_concurrent_builds_leave_valid_output(newsroom: Path) -> None:
    command = [sys.executable, "-P", "-m", "pressroom", "-q", "build", "--config", str(newsroom), "--wait", "120"]
    builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)]
    outputs = [b.communicate(timeout=240)[0].decode() for b in builds]
    assert [b.returncode for b in builds] == [0, 0], outputs
    out = newsroom.parent / "public"
    checked, problems = validate(out)
    assert problems == [] and checked > 10
    assert len(read_feed(out / "atom.xml").entries) == 8
