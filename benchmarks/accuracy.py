"""Extraction accuracy on the gold corpus: precision, recall and F1 per field, and htmldate beside us.

Usage: python benchmarks/accuracy.py [CORPUS_DIR] [--details]

Each page `NAME.html` in the corpus has `NAME.json`:
    {"url": ..., "timezone": ..., "shapes": [...], "releases": [EXPECTED, ...],
     "chrome": {"emails": [...], "phones": [...]}}      # values on the page that must never be extracted
EXPECTED holds any of: title, kind, published, dateline {place, date}, language, organizations,
quotes [{text, speaker, role, organization, partial}], contacts [{name, email, phone, extension}],
events [{start, end, all_day, location}], attachments [url]. A field left out is not scored.
Publication times are compared as instants (the same moment on another clock is the same time); dates as days.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "gold"
TARGETS = {
    "published": 1.0,
    "dateline": 1.0,
    "event_times": 0.95,
    "quotes": 0.95,
    "speakers": 0.95,
    "emails": 0.99,
    "phones": 0.99,
    "events": 0.95,
}


@dataclass
class Score:
    """Counts for one field; precision, recall and F1 follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, expected: set[Any], found: set[Any], where: str) -> None:
        """Score one page's set of expected values against the found ones."""
        self.tp += len(expected & found)
        self.fp += len(found - expected)
        self.fn += len(expected - found)
        for value in sorted(map(str, expected - found)):
            self.misses.append(f"{where}: missing {value}")
        for value in sorted(map(str, found - expected)):
            self.misses.append(f"{where}: extra {value}")


def norm(text: str | None) -> str:
    """Compare text ignoring case, accents of quote marks, punctuation at the edges and spacing."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’`´]", "'", text)
    return " ".join(text.split()).strip(" .,;:\"'").lower()


def _quote_key(text: str) -> str:
    return norm(text)[:40]


def _match_quotes(expected: list[dict], found: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair each expected quote with the found quote whose text contains its opening words."""
    pairs = []
    used: set[int] = set()
    for exp in expected:
        key = _quote_key(exp["text"])
        match = None
        for i, got in enumerate(found):
            if i not in used and (key in norm(got["text"]) or _quote_key(got["text"]) in norm(exp["text"])):
                match = got
                used.add(i)
                break
        pairs.append((exp, match))
    return pairs


def _moment(value: str | None) -> str | None:
    """A publication time as the instant it names (in UTC), a bare date as itself."""
    # The same moment is right whichever clock writes it: a page's "…Z" shown on the partner's clock is no miss.
    if not value or len(value) <= 10:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.astimezone(UTC).isoformat() if moment.tzinfo else value


def score_release(scores: dict[str, Score], exp: dict, got: dict | None, where: str) -> None:
    """Add one expected release's comparison to the per-field scores."""
    got = got or {}
    for name in ("title", "kind", "language"):
        if name in exp:
            scores[name].add({norm(exp[name])}, {norm(got.get(name))} - {""}, where)
    if "published" in exp:
        scores["published"].add({_moment(exp["published"])} - {None}, {_moment(got.get("published"))} - {None}, where)
    if "dateline" in exp:
        dl = got.get("dateline") or {}
        expected = {(norm(exp["dateline"].get("place")), exp["dateline"].get("date"))} - {("", None)}
        found = {(norm(dl.get("place")), dl.get("date"))} - {("", None)}
        scores["dateline"].add(expected, found, where)
    if "organizations" in exp:
        scores["organizations"].add(
            {norm(o) for o in exp["organizations"]}, {norm(o) for o in got.get("organizations", [])}, where
        )
    if "quotes" in exp:
        whole = [q for q in got.get("quotes", []) if not q.get("partial")]
        expected_whole = [q for q in exp["quotes"] if not q.get("partial")]
        pairs = _match_quotes(expected_whole, whole)
        matched = sum(1 for _, m in pairs if m)
        quotes = scores["quotes"]
        quotes.tp += matched
        quotes.fn += len(pairs) - matched
        quotes.fp += len(whole) - matched
        quotes.misses += [f"{where}: missing quote {e['text'][:50]!r}" for e, m in pairs if m is None]
        speakers = scores["speakers"]
        for exp_q, got_q in pairs:
            if got_q is None:
                speakers.fn += 1
            elif norm(exp_q.get("speaker")) == norm(got_q.get("speaker")):
                speakers.tp += 1
            else:
                speakers.fp += 1
                speakers.fn += 1
                speakers.misses.append(f"{where}: speaker {got_q.get('speaker')!r} != {exp_q.get('speaker')!r}")
        speakers.fp += len(whole) - matched
    if "contacts" in exp:
        _score_contacts(scores, exp["contacts"], got.get("contacts", []), where)
    if "events" in exp:
        found_events = got.get("events", [])
        scores["events"].add(
            {(e.get("start"), e.get("end")) for e in exp["events"]},
            {(e.get("start"), e.get("end")) for e in found_events},
            where,
        )
        scores["event_times"].add(
            {t for e in exp["events"] for t in (e.get("start"), e.get("end")) if t},
            {t for e in found_events for t in (e.get("start"), e.get("end")) if t},
            where,
        )
        scores["event_locations"].add(
            {norm(e.get("location")) for e in exp["events"] if e.get("location")},
            {norm(e.get("location")) for e in found_events if e.get("location")},
            where,
        )
    if "attachments" in exp:
        scores["attachments"].add(set(exp["attachments"]), {a["url"] for a in got.get("attachments", [])}, where)


def _people(contacts: Iterable[dict]) -> tuple[set, set, set]:
    emails = {c["email"].lower() for c in contacts if c.get("email")}
    phones = {(c["phone"], c.get("extension")) for c in contacts if c.get("phone")}
    names = {norm(c["name"]) for c in contacts if c.get("name")}
    return emails, phones, names


def _score_contacts(scores: dict[str, Score], expected: list[dict], found: list[dict], where: str) -> None:
    exp_emails, exp_phones, exp_names = _people(expected)
    got_emails, got_phones, got_names = _people(found)
    scores["emails"].add(exp_emails, got_emails, where)
    scores["phones"].add(exp_phones, got_phones, where)
    scores["contact_names"].add(exp_names, got_names, where)


def _all_contacts(release: dict) -> list[dict]:
    return release.get("contacts", []) + [c for e in release.get("events", []) for c in e.get("contacts", [])]


def score_page(scores: dict[str, Score], gold: dict, found: list[dict], where: str) -> None:
    """Pair releases by order (archive pages list several) and score each; count chrome leaks."""
    for i, exp in enumerate(gold["releases"]):
        score_release(scores, exp, found[i] if i < len(found) else None, f"{where}#{i}")
    extra = len(found) - len(gold["releases"])
    if extra > 0:
        scores["releases"].fp += extra
    scores["releases"].tp += min(len(found), len(gold["releases"]))
    scores["releases"].fn += max(0, len(gold["releases"]) - len(found))
    chrome = gold.get("chrome", {})
    leaked_emails = {c.get("email") for r in found for c in _all_contacts(r)} & set(chrome.get("emails", []))
    leaked_phones = {c.get("phone") for r in found for c in _all_contacts(r)} & set(chrome.get("phones", []))
    scores["chrome_leaks"].fp += len(leaked_emails) + len(leaked_phones)
    scores["chrome_leaks"].misses += [f"{where}: chrome value extracted {v}" for v in leaked_emails | leaked_phones]


def htmldate_guess(html: str, url: str) -> str | None:
    """htmldate's original publication date for a page, as YYYY-MM-DD."""
    from htmldate import find_date

    try:
        return find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 (a reference tool's failure is a miss, not a crash)
        return None


def evaluate(corpus: Path = CORPUS, compare_htmldate: bool = True) -> tuple[dict[str, Score], dict[str, Any]]:
    """Extract every corpus page with pressroom and score it; also score htmldate's publication dates."""
    from pressroom.extract import Hints, extract_releases
    from pressroom.page import Page

    scores: dict[str, Score] = defaultdict(Score)
    ours = Score()
    theirs = Score()
    seconds = 0.0
    pages = sorted(corpus.glob("*.html"))
    for path in pages:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        body = path.read_bytes()
        start = time.perf_counter()
        releases = extract_releases(Page.parse(body, gold["url"]), Hints(timezone=gold.get("timezone", "UTC")))
        seconds += time.perf_counter() - start
        found = [r.to_json() for r in releases]
        score_page(scores, gold, found, path.stem)
        if compare_htmldate and len(gold["releases"]) == 1 and gold["releases"][0].get("published"):
            expected_day = {gold["releases"][0]["published"][:10]}
            ours.add(expected_day, {(found[0].get("published") or "")[:10]} - {""} if found else set(), path.stem)
            theirs.add(expected_day, {htmldate_guess(body.decode("utf-8", "replace"), gold["url"])} - {None}, path.stem)
    extra = {"pages": len(pages), "seconds": seconds, "ours_day": ours, "htmldate_day": theirs}
    return dict(scores), extra


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--no-htmldate", action="store_true", help="skip the htmldate comparison")
    args = parser.parse_args(argv)
    scores, extra = evaluate(args.corpus, not args.no_htmldate)
    print(f"{extra['pages']} pages, {extra['seconds'] * 1000 / max(extra['pages'], 1):.1f} ms per page\n")
    print(f"{'field':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'n':>5}  target")
    failed = False
    for name in sorted(scores):
        s = scores[name]
        if name == "chrome_leaks":
            continue
        target = TARGETS.get(name)
        ok = target is None or s.f1 >= target
        failed |= not ok
        mark = "" if target is None else (f">= {target:.2f} ok" if ok else f">= {target:.2f} MISSED")
        print(f"{name:<16} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.tp + s.fn:>5}  {mark}")
    leaks = scores.get("chrome_leaks", Score()).fp
    failed |= leaks > 0
    print(f"\ncontacts taken from site chrome: {leaks}")
    if extra["htmldate_day"].tp + extra["htmldate_day"].fn:
        o, h = extra["ours_day"], extra["htmldate_day"]
        print(f"publication day, single-release pages: pressroom {o.tp}/{o.tp + o.fn}, htmldate {h.tp}/{h.tp + h.fn}")
    if args.details:
        print()
        for name in sorted(scores):
            for miss in scores[name].misses:
                print(f"[{name}] {miss}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
