"""The near-duplicate search in memory: the same groups as SQLite's, and never a posting the store does not hold."""

import random
import sqlite3
from pathlib import Path

import pytest

from pressroom import nearby
from pressroom.models import Release
from pressroom.store import CANDIDATE_ROWS, Store

# Every text ends with the same paragraph, as partners' releases end with their "about us": its shingles crowd some
# sketch values with more postings than the search reads for each (CANDIDATE_ROWS).
ABOUT = " ".join(f"about{n}" for n in range(60))


def postings(count: int = 60, seed: int = 7) -> list[Release]:
    """Statements posted by one to four of six sources, each copy lightly edited, in a shuffled order."""
    rng = random.Random(seed)
    words = [f"w{n}" for n in range(400)]
    made = []
    for number in range(count):
        text = [rng.choice(words) for _ in range(70)]
        for copy, source in enumerate(rng.sample(range(6), rng.choice([1, 1, 2, 3, 4]))):
            edited = list(text)
            for _ in range(rng.choice([0, 1, 3, 12, 40])):  # a light edit stays alike; a heavy one does not
                edited[rng.randrange(len(edited))] = rng.choice(words)
            url = f"https://s{source}.example.org/{number}/{copy}/"
            body = " ".join(edited) + " " + ABOUT
            made.append(Release(url=url, title=f"T{number}", body_text=body, source=f"s{source}"))
            if copy == 0 and number % 5 == 0:
                # Posted twice by one source: a source's own copies are never grouped with each other.
                made.append(Release(url=f"{url}again/", title=f"T{number}", body_text=body, source=f"s{source}"))
    rng.shuffle(made)
    return made


def stored_groups(path: Path, items: list[Release]) -> list[tuple[str, str, str]]:
    """Store `items` a few at a time, as a crawl does; every posting's (id, source, group)."""
    with Store(path) as store:
        for start in range(0, len(items), 5):
            store.upsert_many([(item, "UTC", None) for item in items[start : start + 5]])
        return [tuple(row) for row in store.db.execute("SELECT id, source, group_id FROM releases ORDER BY 1, 2")]


@pytest.mark.parametrize("limit", [0, 400])
def test_the_search_in_memory_groups_as_the_query_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    items = postings()
    in_memory = stored_groups(tmp_path / "memory.sqlite", items)
    # 0: SQLite's query from the start; 400: memory for the first dozen postings, then the query.
    monkeypatch.setattr(nearby, "ROW_LIMIT", limit)
    assert stored_groups(tmp_path / "sqlite.sqlite", items) == in_memory
    groups = [group for _, _, group in in_memory]
    assert len(set(groups)) < len(groups) - 20, "too few postings were grouped for the test to mean anything"
    crowded = sqlite3.connect(tmp_path / "memory.sqlite").execute(
        "SELECT COUNT(*) FROM sketches GROUP BY h ORDER BY 1 DESC LIMIT 1"
    )
    assert crowded.fetchone()[0] > CANDIDATE_ROWS


def statement(words: str, url: str, source: str) -> Release:
    return Release(url=url, title="Statement", body_text=f"{words} {ABOUT}", source=source)


BASE = " ".join(f"base{n}" for n in range(80))
COPY = BASE.replace("base7 ", "copy7 ").replace("base40 ", "copy40 ")


def test_a_posting_rolled_back_is_never_a_candidate(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        store.upsert(statement(BASE, "https://a.example.org/1/", "a"))
        store.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON releases WHEN new.url LIKE '%refused%'"
            " BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
        batch = [(statement(COPY, "https://b.example.org/1/", "b"), "UTC", None)]
        batch.append((statement("something else " * 30, "https://b.example.org/refused/", "b"), "UTC", None))
        with pytest.raises(sqlite3.IntegrityError):
            store.upsert_many(batch)
        with Store(tmp_path / "db.sqlite") as other:  # as many sketch values as went back out, from elsewhere
            other.upsert(statement(" ".join(f"other{n}" for n in range(80)), "https://d.example.org/1/", "d"))
        # The same words as b's copy, which went back out: its closest match must not be found, a's original must.
        assert store.upsert(statement(COPY, "https://c.example.org/1/", "c")) == "new"
        groups = dict(store.db.execute("SELECT source, group_id FROM releases").fetchall())
    assert set(groups) == {"a", "c", "d"}
    assert groups["c"] == groups["a"]


def test_a_posting_another_connection_stored_is_a_candidate(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as first, Store(tmp_path / "db.sqlite") as second:
        first.upsert(statement(" ".join(f"other{n}" for n in range(80)), "https://a.example.org/1/", "a"))
        second.upsert(statement(BASE, "https://b.example.org/1/", "b"))
        first.upsert(statement(COPY, "https://c.example.org/1/", "c"))
        groups = dict(first.db.execute("SELECT source, group_id FROM releases").fetchall())
    assert groups["c"] == groups["b"] != groups["a"]
