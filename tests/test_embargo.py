"""Embargoed releases appear in no output until their time has passed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import read_feed

from pressroom.config import ConfigError, load_config
from pressroom.extract import Hints, extract_releases
from pressroom.models import Release
from pressroom.normalise.embargo import find_embargo
from pressroom.page import Page
from pressroom.publish import publish
from pressroom.store import Store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EMBARGOED UNTIL 10:00 a.m. ET, Tuesday, March 4, 2014\nWASHINGTON – Today…", "2014-03-04T10:00:00-05:00"),
        ("Embargoed until: March 4, 2014 at 10am EST", "2014-03-04T10:00:00-05:00"),
        ("Under embargo until 12:01 a.m. (EDT) Thursday, July 10", "2014-07-10T00:01:00-04:00"),
        ("EMBARGADO HASTA el martes 4 de marzo de 2014 a las 10 de la mañana", "2014-03-04T10:00:00-06:00"),
        ("Embargoed until March 6", "2014-03-06T00:00:00-06:00"),
    ],
)
def test_embargo_lines(text: str, expected: str) -> None:
    assert find_embargo(text, date(2014, 3, 1), "America/Chicago") == datetime.fromisoformat(expected)


def test_prose_about_embargoes_is_not_an_embargo() -> None:
    assert find_embargo("The coalition opposes the trade embargoes imposed in 2012.", date(2014, 3, 1), "UTC") is None


def test_extraction_reads_the_embargo_line() -> None:
    html = (
        "<html><body><article><h1>Report on county jails</h1><p>EMBARGOED UNTIL 10:00 a.m. ET, Tuesday, March 4,"
        " 2014</p><p>WASHINGTON – The coalition today released a report on county jail inspections.</p>"
        "</article></body></html>"
    )
    (release,) = extract_releases(Page.parse(html, "https://example.org/report/"), Hints(timezone="America/Chicago"))
    assert release.embargo == datetime.fromisoformat("2014-03-04T10:00:00-05:00")
    assert release.to_json()["embargo"] == "2014-03-04T10:00:00-05:00"


def config_file(tmp_path: Path, embargo: str = "") -> Path:
    path = tmp_path / "pressroom.toml"
    path.write_text(
        '[newsroom]\ntimezone = "America/New_York"\n\n[[sources]]\nid = "a"\nurl = "https://a.example/"\n' + embargo,
        encoding="utf-8",
    )
    return path


def test_embargoed_releases_stay_out_until_their_time(tmp_path: Path) -> None:
    config = load_config(
        config_file(tmp_path, '\n[embargo]\n"https://a.example/held-by-config/" = 2026-03-05T09:00:00-05:00\n')
    )
    assert config.embargoes == (("https://a.example/held-by-config/", datetime(2026, 3, 5, 14, tzinfo=UTC)),)
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(Release(url="https://a.example/open/", title="Open", source="a", published=date(2026, 3, 1)))
        store.upsert(
            Release(
                url="https://a.example/held-by-page/",
                title="Held by page",
                source="a",
                published=date(2026, 3, 2),
                embargo=datetime(2026, 3, 4, 15, tzinfo=UTC),
            )
        )
        store.upsert(Release(url="http://a.example/held-by-config", title="Held by config", source="a"))

        def titles(now: datetime) -> set[str]:
            out = tmp_path / "public"
            publish(config, store, out, now=now)
            return {e.title for e in read_feed(out / "atom.xml").entries} | {
                e.title for e in read_feed(out / "sources/a/rss.xml").entries
            }

        assert titles(datetime(2026, 3, 4, 12, tzinfo=UTC)) == {"Open"}
        assert titles(datetime(2026, 3, 4, 15, tzinfo=UTC)) == {"Open", "Held by page"}
        assert titles(datetime(2026, 3, 5, 14, tzinfo=UTC)) == {"Open", "Held by page", "Held by config"}


def test_embargo_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[embargo\]: 'https://a.example/x/' must be a date or date-time"):
        load_config(config_file(tmp_path, '\n[embargo]\n"https://a.example/x/" = "soon"\n'))
    with pytest.raises(ConfigError, match="must be an absolute http"):
        load_config(config_file(tmp_path, '\n[embargo]\n"/x/" = 2026-03-05\n'))
