"""Config validation: every mistake is one line naming the file, the source and the key."""

from pathlib import Path

import pytest

from pressroom.config import ConfigError, load_config

GOOD = """
[newsroom]
title = "Coalition Newsroom"
base_url = "https://news.example.org"
language = "en"
timezone = "America/New_York"

[crawl]
page_budget = 50

[[sources]]
id = "uncover"
name = "Uncover the Truth"
url = "https://example.org/category/resources/"
timezone = "America/Los_Angeles"
language = "en"

[[sources]]
id = "coalition"
url = "https://coalition.example.net/feed.xml"
crawl = { page_budget = 5, obey_robots = true }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pressroom.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_config_is_read_with_defaults_and_overrides(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.newsroom.base_url == "https://news.example.org/"
    uncover, coalition = config.sources
    assert uncover.timezone == "America/Los_Angeles"
    assert coalition.timezone == "America/New_York"  # the newsroom default
    assert coalition.name == "coalition"
    assert uncover.crawl.page_budget == 50
    assert coalition.crawl.page_budget == 5
    assert config.root == tmp_path.resolve()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('timezone = "America/Los_Angeles"', 'tz = "America/Los_Angeles"'), "source 'uncover': unknown key 'tz'"),
        (('id = "coalition"', 'id = "uncover"'), "id 'uncover' is used by an earlier source"),
        (('id = "coalition"\n', ""), "#2: missing key 'id'"),
        (('url = "https://example.org/category/resources/"', 'url = "example.org/x"'), "'url' must be an absolute"),
        (('timezone = "America/Los_Angeles"', 'timezone = "Mars/Olympus"'), "'timezone' 'Mars/Olympus' is not"),
        (("page_budget = 50", 'page_budget = "many"'), "[crawl]: 'page_budget' must be int"),
        (("page_budget = 5,", "page_budget = -1,"), "source 'coalition': crawl: 'page_budget' must not be negative"),
        (('title = "Coalition Newsroom"', 'titel = "x"'), "[newsroom]: unknown key 'titel'"),
        (('id = "uncover"', 'id = "Uncover Site"'), "must be a slug"),
    ],
)
def test_config_errors_name_file_source_and_key(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    text = GOOD.replace(*change, 1)
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    message = str(info.value)
    assert message.startswith("pressroom.toml: ")
    assert expected in message
    assert "\n" not in message


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[newsroom\n"))
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="no \\[\\[sources\\]\\] defined"):
        load_config(write(tmp_path, "[newsroom]\n"))
