"""The README documents every command, every config key and every exit code the code has."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from pressroom.cli import main
from pressroom.config import CrawlSettings, Newsroom, PublishSettings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_command_reference(command: str) -> None:
    assert f"`pressroom {command}" in README


@pytest.mark.parametrize(
    ("table", "key"),
    [("crawl", f.name) for f in fields(CrawlSettings)]
    + [("publish", f.name) for f in fields(PublishSettings)]
    + [("newsroom", f.name) for f in fields(Newsroom)],
)
def test_every_config_key_is_in_the_config_reference(table: str, key: str) -> None:
    assert f"`[{table}] {key}`" in README


def test_every_exit_code_is_explained() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README


def test_the_first_lines_give_the_two_commands() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(first_block) == 2
    assert first_block[0].endswith("pip install . && pressroom demo")
    assert first_block[1].endswith("pytest")
