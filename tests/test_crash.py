"""kill -9 at any moment of a build leaves every published file whole and the store consistent."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import read_feed, run

from pressroom.validate import validate

KILLS = 20


def test_builds_killed_at_random_moments_never_break_the_published_folder(newsroom: Path) -> None:
    assert run("build", "--config", str(newsroom)).exit_code == 0
    out = newsroom.parent / "public"
    db = newsroom.parent / ".pressroom" / "pressroom.db"
    command = [sys.executable, "-P", "-m", "pressroom", "-q", "build", "--config", str(newsroom)]
    chance = random.Random(20261128)
    for attempt in range(KILLS):
        # A fresh store every few rounds, so kills also land while releases are being inserted.
        if attempt % 5 == 0:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(chance.uniform(0.05, 1.5))
        os.killpg(build.pid, signal.SIGKILL)  # the crawler child too
        build.wait()
        checked, problems = validate(out)
        assert problems == [], (attempt, problems)
        assert checked > 10
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # the next build recovers: it finishes, sweeps the killed runs' temporary files and publishes everything
    result = run("build", "--config", str(newsroom))
    assert result.exit_code == 0, result.output
    assert not list(out.rglob(".*.tmp"))
    assert len(read_feed(out / "atom.xml").entries) == 8
