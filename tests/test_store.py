"""The SQLite store: stable ids, upserts, near-duplicate statements credited to every source."""

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from twisted.internet.task import Clock

from pressroom.models import Contact, Release
from pressroom.pipelines import MOST, WAIT, _Batch, _SharedStores
from pressroom.store import Store

STATEMENT = (
    "We, the undersigned organizations, call on the county board to halt the planned detention expansion "
    "and to redirect the funds toward legal representation for every family facing removal. The board's own "
    "audit found that the facility failed three inspections in two years, and families waited months for "
    "hearings while their children stayed home from school. We ask the board to vote no on Tuesday and to "
    "meet with the families who have waited longest for an answer."
)


def release(url: str, source: str, title: str = "Title", body: str = STATEMENT, **kw: object) -> Release:
    return Release(url=url, title=title, body_text=body, source=source, **kw)  # type: ignore[arg-type]


def test_recrawl_updates_never_duplicates(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        first = datetime(2026, 1, 1, tzinfo=UTC)
        later = datetime(2026, 1, 2, tzinfo=UTC)
        assert store.upsert(release("https://a.example/x/", "a"), now=first) == "new"
        assert store.upsert(release("https://a.example/x/?utm_source=feed#top", "a"), now=later) == "unchanged"
        assert store.upsert(release("https://a.example/x", "a", title="Corrected"), now=later) == "updated"
        assert store.count() == 1
        (entry,) = store.entries(10)
        assert entry.release.title == "Corrected"
        assert entry.first_seen == first
        assert entry.updated == later


def test_same_statement_from_two_sources_is_one_combined_entry(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.register_source("a", "Org A", "https://a.example/")
        store.register_source("b", "Org B", "https://b.example/")
        store.upsert(release("https://a.example/joint/", "a", "Joint statement", published=date(2014, 3, 1)))
        store.upsert(
            release(
                "https://b.example/2014/03/02/repost/",
                "b",
                "Joint statement on detention",
                body="Reposted from our coalition partner. " + STATEMENT,
                published=date(2014, 3, 2),
            )
        )
        store.upsert(release("https://b.example/other/", "b", "Other", body="Something else entirely " * 20))
        combined = store.entries(10)
        assert len(combined) == 2
        joint = next(e for e in combined if len(e.postings) == 2)
        assert [p.source_name for p in joint.postings] == ["Org A", "Org B"]
        assert joint.release.url == "https://a.example/joint/"
        # each source's own feed keeps its own copy
        assert {e.release.title for e in store.entries(10, source="b")} == {"Other", "Joint statement on detention"}
        assert len(store.entries(10, source="a")) == 1


def test_different_texts_are_not_merged(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(release("https://a.example/1/", "a"))
        other = (
            "The tenants union will hold a press conference on Thursday to announce a rent strike at four buildings "
            "owned by the same landlord, after a winter without reliable heat and repeated code violations that the "
            "city has not enforced. Speakers include residents, a pediatric nurse and the union's lead organizer."
        )
        store.upsert(release("https://b.example/2/", "b", body=other))
        assert len(store.entries(10)) == 2


def test_date_only_release_sorts_at_midnight_in_source_zone_and_round_trips(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        contact = Contact(name="Rita Fox", phone="+14845550100")
        store.upsert(
            release("https://a.example/1/", "a", published=date(2014, 3, 4), contacts=(contact,)), "America/Chicago"
        )
        store.upsert(
            release("https://a.example/2/", "a", body="short", published=datetime(2014, 3, 4, 5, 30, tzinfo=UTC)),
            "America/Chicago",
        )
        newest, oldest = store.entries(10)
        assert newest.release.url == "https://a.example/1/"  # 06:00 UTC beats 05:30 UTC
        assert newest.published == datetime(2014, 3, 4, 6, 0, tzinfo=UTC)
        assert newest.published.utcoffset().total_seconds() == -6 * 3600  # shown in the source's own zone
        assert newest.release.published == date(2014, 3, 4)
        assert newest.release.contacts == (contact,)


def test_failed_crawl_keeps_last_success_and_releases(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(release("https://a.example/1/", "a"))
        ok = datetime(2026, 1, 1, tzinfo=UTC)
        store.record_crawl("a", "Org A", "https://a.example/", "ok", None, 3, 1, when=ok)
        store.record_crawl(
            "a", "Org A", "https://a.example/", "error", "HTTP 503", 1, 0, when=datetime(2026, 1, 2, tzinfo=UTC)
        )
        state = store.source_states()["a"]
        assert (state.status, state.reason, state.last_success, state.releases) == ("error", "HTTP 503", ok, 1)


def test_the_crawlers_of_one_process_share_one_store_connection(tmp_path: Path) -> None:
    shared, path = _SharedStores(), str(tmp_path / "db.sqlite")
    first, second = shared.open(path), shared.open(path)
    assert first is second
    shared.release(path)
    assert first.upsert(release("https://a.example/x/", "a")) == "new"  # still open for the other crawler
    shared.release(path)
    with pytest.raises(sqlite3.ProgrammingError):
        first.count()
    assert shared.open(path).count() == 1  # a later crawler gets a connection of its own again


def refuse(store: Store, word: str) -> None:
    """Make the store refuse to insert any release whose URL holds `word` (as a full disk or a constraint would)."""
    store.db.execute(
        f"CREATE TRIGGER refuse BEFORE INSERT ON releases WHEN new.url LIKE '%{word}%'"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )


def test_upserts_in_one_transaction_give_each_its_own_outcome_and_fail_together(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(release("https://a.example/old/", "a"))
        items = [
            (release("https://a.example/new/", "a", body="A different statement entirely. " * 20), "UTC", None),
            (release("https://a.example/old/", "a"), "UTC", None),
            (release("https://a.example/old/", "a", title="Corrected"), "UTC", None),
        ]
        assert store.upsert_many(items) == ["new", "unchanged", "updated"]
        assert store.count() == 2
        refuse(store, "bad")
        with pytest.raises(sqlite3.IntegrityError, match="refused"):
            store.upsert_many(
                [
                    (release("https://a.example/more/", "a"), "UTC", None),
                    *[(release("https://a.example/bad/", "a"), "UTC", None)],
                ]
            )
        assert store.count() == 2  # the good one went back out with the bad one


def test_a_release_the_store_refuses_fails_alone_in_its_batch(tmp_path: Path) -> None:
    clock = Clock()  # Twisted's own stand-in for the reactor's timers
    with Store(tmp_path / "db.sqlite") as store:
        refuse(store, "bad")
        batch = _Batch(store, later=clock.callLater)
        results: dict[str, object] = {}
        for url in ("https://a.example/one/", "https://a.example/bad/", "https://a.example/two/"):
            body = f"{url} " + STATEMENT
            batch.add(release(url, "a", body=body), "UTC", None).addBoth(lambda r, url=url: results.setdefault(url, r))
        assert len(clock.getDelayedCalls()) == 1 and not results  # one timer for the lot; nothing stored before it
        clock.advance(WAIT)
        assert results["https://a.example/one/"] == "new" and results["https://a.example/two/"] == "new"
        assert "refused" in str(results["https://a.example/bad/"].value)  # type: ignore[attr-defined]
        assert store.count() == 2


def test_a_full_batch_is_stored_without_waiting(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        clock = Clock()
        batch = _Batch(store, later=clock.callLater)
        outcomes: list[str] = []
        for number in range(MOST):
            body = f"Statement number {number}. " + STATEMENT
            batch.add(release(f"https://a.example/{number}/", "a", body=body), "UTC", None).addCallback(outcomes.append)
        assert outcomes == ["new"] * MOST and store.count() == MOST
        assert not clock.getDelayedCalls()  # its timer was cancelled
