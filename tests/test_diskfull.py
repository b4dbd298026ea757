"""A disk that fills up while publishing: the old files stay whole, the run says why and exits non-zero."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import run

from pressroom.models import Release
from pressroom.store import Store
from pressroom.validate import validate


def limit_file_size() -> None:
    """In the child: any write past 200 kB fails with EFBIG, as a full disk fails with ENOSPC."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get an error from write() instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_full_disk_keeps_the_published_files_and_fails_with_the_reason(newsroom: Path) -> None:
    assert run("build", "--config", str(newsroom)).exit_code == 0
    out = newsroom.parent / "public"
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with Store(newsroom.parent / ".pressroom" / "pressroom.db") as store:
        store.upsert(
            Release(
                url="https://riverside.example.org/late-news/",
                title="Late news that must be published",
                body_html="<p>" + "A long statement. " * 20_000 + "</p>",  # makes atom.xml outgrow the disk
                published=date(2014, 5, 1),
                source="riverside",
            ),
            "America/Chicago",
        )
    command = [sys.executable, "-P", "-m", "pressroom", "publish", "--config", str(newsroom)]
    result = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit_file_size, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "File too large" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # every earlier file whole, no temporary file left behind
    assert validate(out)[1] == []
    # with room again, the next publish succeeds and carries the late release
    assert run("publish", "--config", str(newsroom)).exit_code == 0
    assert b"Late news that must be published" in (out / "atom.xml").read_bytes()
