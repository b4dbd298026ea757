"""The command line as a user meets it: help everywhere, the extract JSON contract, the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PAGES, read_feed, run

from pressroom import __version__
from pressroom.cli import main

RELEASE_FIELDS = {
    "url",
    "title",
    "kind",
    "published",
    "updated",
    "dateline",
    "language",
    "summary",
    "body_text",
    "body_html",
    "organizations",
    "quotes",
    "contacts",
    "events",
    "attachments",
}
CONTACT_FIELDS = {"name", "role", "organization", "email", "phone", "extension", "note"}
EVENT_FIELDS = {"title", "start", "end", "all_day", "location", "description", "contacts"}


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {command}" in result.output
    assert len(main.commands[command].help or "") > 20


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"pressroom, version {__version__}"


def test_the_console_command_exits_with_the_commands_code_and_its_whole_output() -> None:
    # `run` ends the process without tearing the interpreter down: what was printed must still arrive, codes intact.
    version = subprocess.run([sys.executable, "-m", "pressroom", "--version"], capture_output=True, text=True)
    assert (version.returncode, version.stdout.strip()) == (0, f"pressroom, version {__version__}")
    wrong = subprocess.run([sys.executable, "-m", "pressroom", "nosuch"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "No such command 'nosuch'" in wrong.stderr and "Traceback" not in wrong.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "pressroom", "extract", *[str(p) for p in sorted(PAGES.glob("*.html"))]],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(list(PAGES.glob("*.html")))


def test_extract_prints_one_json_line_per_source_with_the_fixed_fields() -> None:
    files = sorted(PAGES.glob("*.html"))[:3]
    result = run(
        "extract", *map(str, files), "--url", "https://partner.example.org/news/item/", "--timezone", "America/Chicago"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == len(files)
    for line, path in zip(lines, files, strict=True):
        payload = json.loads(line)
        assert payload["source"] == str(path)
        assert payload["releases"], path
        for release in payload["releases"]:
            assert set(release) >= RELEASE_FIELDS
            assert set(release["dateline"]) == {"place", "date"}
            for contact in release["contacts"]:
                assert set(contact) == CONTACT_FIELDS
                assert contact["phone"] is None or contact["phone"].startswith("+")
            for event in release["events"]:
                assert set(event) == EVENT_FIELDS


def test_extract_reads_the_events_page_values() -> None:
    result = run("extract", str(PAGES / "events_list.html"), "--url", "https://example.org/2014/03/01/events/")
    (release,) = json.loads(result.output)["releases"]
    assert release["kind"] == "event_listing"
    starts = [e["start"] for e in release["events"]]
    assert starts and all(s and s.startswith("2014-03-") for s in starts)


def test_extract_reports_a_missing_file_in_one_line(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nope.html"))
    assert result.exit_code == 1
    assert result.output.strip().startswith("pressroom extract: ")
    assert "Traceback" not in result.output
    bad_zone = run("extract", str(PAGES / "events_list.html"), "--timezone", "Nowhere/Special")
    assert bad_zone.exit_code == 2


def test_demo_publishes_readable_feeds(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = run("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Crawled 3 source(s): 3 ok, 0 empty, 0 failed" in result.output
    assert str(out / "atom.xml") in result.output
    atom = read_feed(out / "atom.xml")
    rss = read_feed(out / "rss.xml")
    assert len(atom.entries) >= 5
    assert [e.id for e in rss.entries] == [e.id for e in atom.entries]
    languages = {t.term for e in atom.entries for t in e.tags}
    assert {"en", "es"} <= languages
    for source in ("uncover", "coalition", "redlatina"):
        assert read_feed(out / "sources" / source / "atom.xml").entries
