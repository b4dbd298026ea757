"""`pressroom validate` passes what we publish and names what is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run

from pressroom.validate import validate


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    assert run("demo", "--out", str(out)).exit_code == 0
    return out


def test_our_own_output_has_no_problems(published: Path) -> None:
    result = run("validate", str(published))
    assert result.exit_code == 0, result.output
    checked, problems = validate(published)
    assert problems == []
    assert checked >= 20
    assert result.output.strip().endswith(f"{checked} file(s) checked, 0 problem(s)")


def broken_copy(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(published, copy)
    return copy


def test_broken_files_are_named_with_the_reason(published: Path, tmp_path: Path) -> None:
    site = broken_copy(published, tmp_path)
    atom = site / "atom.xml"
    text = atom.read_text(encoding="utf-8")
    first_id = text.split("<id>")[2].split("</id>")[0]
    second_id = text.split("<id>")[3].split("</id>")[0]
    atom.write_text(text.replace(second_id, first_id), encoding="utf-8")
    rss = site / "sources" / "uncover" / "rss.xml"
    rss.write_bytes(rss.read_bytes()[:-40])
    (site / "feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": 1}]}')
    (site / "events.ics").write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"
    )

    result = run("validate", str(site))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"atom.xml: entry id {first_id} appears more than once" in lines
    assert any(line.startswith("sources/uncover/rss.xml: not well-formed XML") for line in lines)
    assert "feed.json: feed: 'title' is a required property" in lines
    assert "feed.json: items/0/id: 1 is not of type 'string'" in lines
    assert any(line.startswith("events.ics: event 1 (no UID) has no UID") for line in lines)


def test_entity_expansion_is_never_performed(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<rss version="2.0"><channel><title>&lol2;</title><link>x</link><description>d</description></channel></rss>'
    )
    (tmp_path / "rss.xml").write_text(bomb)
    checked, problems = validate(tmp_path)
    assert checked == 1
    assert problems == ["rss.xml: carries a DOCTYPE (feeds must not)"]
