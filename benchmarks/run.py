"""Pressroom's performance harness: extraction, crawl, unchanged rebuild, publishing and crawl memory, in one run.

Usage: python benchmarks/run.py [--quick] [--only NAME ...] [--work DIR]

Prints a table and writes benchmarks/results.json. `--quick` shrinks every benchmark for a smoke run (< 1 minute);
the full run takes about 6 minutes on 2 cores once the publish stores exist. Everything is served from loopback:
each generated partner site gets its own SampleServer on its own 127.0.1.x address. See benchmarks/README.md for
what each number means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PYTHON = sys.executable
PRESSROOM = str(Path(PYTHON).with_name("pressroom"))
STORE_VERSION = 2  # bump when the synthetic releases change, so cached stores under /tmp are rebuilt


@dataclass(frozen=True)
class Scale:
    """How big each benchmark is."""

    extract_pages: int
    crawl_sites: int
    crawl_pages: int
    memory_sites: int
    memory_pages: int
    publish_sizes: tuple[int, int]
    publish_timeout: float
    rounds: int  # timed rounds of extraction, best kept
    crawl_rounds: int  # first builds and bare crawls, alternated, best of each kept
    publish_rounds: int  # cold and ordinary publishes of each size, best kept


FULL = Scale(600, 8, 500, 24, 10_000, (10_000, 100_000), 300.0, 3, 5, 5)
QUICK = Scale(40, 4, 60, 4, 300, (200, 1_000), 120.0, 1, 1, 1)


# -- helpers ---------------------------------------------------------------------------------------------------------


class Sampler(threading.Thread):
    """Samples the RSS of a process tree (and of the crawl child, with its extraction worker, within it)."""

    def __init__(self, pid: int, marker: str = "pressroom.crawl", interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.marker = marker
        self.interval = interval
        self.samples: list[tuple[float, int, int]] = []  # (seconds, tree RSS, crawl child + its children RSS)
        self.halt = threading.Event()
        self.marked: dict[int, bool] = {}
        self.start_time = time.perf_counter()

    def run(self) -> None:
        while not self.halt.is_set():
            total = child = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    if proc.pid not in self.marked:
                        # The crawl child and anything it starts (its extraction worker) count as the crawl.
                        parent = self.marked.get(proc.ppid(), False)
                        self.marked[proc.pid] = parent or self.marker in " ".join(proc.cmdline())
                except psutil.Error:
                    continue
                total += rss
                if self.marked.get(proc.pid):
                    child += rss
            self.samples.append((time.perf_counter() - self.start_time, total, child))
            self.halt.wait(self.interval)

    def stop(self) -> None:
        self.halt.set()
        self.join()

    @property
    def peak_tree(self) -> int:
        return max((s[1] for s in self.samples), default=0)

    @property
    def peak_child(self) -> int:
        return max((s[2] for s in self.samples), default=0)

    def growth(self) -> tuple[float, int, int]:
        """(growth, peak in the first quarter, peak in the last quarter) of the crawl child's life."""
        life = [(t, c) for t, _, c in self.samples if c > 0]
        if len(life) < 8:
            return 0.0, 0, 0
        t0, t1 = life[0][0], life[-1][0]
        quarter = (t1 - t0) / 4
        first = max(c for t, c in life if t <= t0 + quarter)
        last = max(c for t, c in life if t >= t1 - quarter)
        return last / first - 1, first, last


def run_sampled(cmd: list[str], cwd: Path, timeout: float | None = None) -> dict[str, Any]:
    """Run a command, sampling its process tree's memory; return wall time, CPU time, exit code, output and peaks."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        # user + system time of the whole tree (every descendant that was waited for), to compare across loads
        "cpu_seconds": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "returncode": proc.returncode,
        "stdout": out,
        "stderr": err,
        "peak_tree_mb": sampler.peak_tree / 2**20,
        "peak_crawl_child_mb": sampler.peak_child / 2**20,
        "sampler": sampler,
    }


class Sites:
    """One SampleServer per generated site, each on its own loopback address."""

    def __init__(self, root: Path, manifest: dict) -> None:
        from pressroom.sampleserver import SampleServer

        self.servers = {}
        for index, site in enumerate(manifest["sites"]):
            host = f"127.0.{1 + index // 250}.{1 + index % 250}"
            self.servers[site["id"]] = SampleServer(root, host=host).start()

    @property
    def origins(self) -> dict[str, str]:
        return {sid: server.origin for sid, server in self.servers.items()}

    def take_requests(self) -> list[str]:
        """Every URL requested since the last call, robots.txt included."""
        urls = []
        for server in self.servers.values():
            with server._lock:
                paths, server.requests[:] = list(server.requests), []
            urls += [server.origin + path for path in paths]
        return urls

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()


@contextmanager
def served_project(
    work: Path, name: str, count: int, per_site: int, seed: int, parallel: int
) -> Iterator[tuple[dict, Sites, Path]]:
    """`count` generated sites served on loopback and a project config that crawls them; the servers stop after."""
    root = fresh(work / f"{name}-corpus")
    manifest = corpus.generate(root, count, per_site, seed=seed)
    sites = Sites(root, manifest)
    try:
        config = fresh(work / f"{name}-project") / "pressroom.toml"
        config.write_text(corpus.config_text(manifest, sites.origins, parallel_sources=parallel))
        yield manifest, sites, config
    finally:
        sites.stop()


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def published_count(stdout: str) -> int:
    found = re.search(r"Published (\d+) release", stdout)
    return int(found.group(1)) if found else 0


# -- extraction ------------------------------------------------------------------------------------------------------


def bench_extraction(scale: Scale, root: Path, manifest: dict) -> dict[str, Any]:
    """Pressroom's extraction vs trafilatura's bare_extraction over the same pages, in the same order."""
    from trafilatura import bare_extraction

    from pressroom.extract import Hints, extract_releases
    from pressroom.page import Page

    origin = b"http://127.0.0.1:8000"
    pages = list(manifest["pages"])
    random.Random(7).shuffle(pages)
    pages = pages[: scale.extract_pages]
    docs = [
        ((root / p["path"]).read_bytes().replace(b"{{origin}}", origin), origin.decode() + p["url_path"], p["timezone"])
        for p in pages
    ]
    found = {"pressroom": 0, "trafilatura": 0}

    def ours(body: bytes, url: str, zone: str) -> None:
        found["pressroom"] += len(extract_releases(Page.parse(body, url), Hints(timezone=zone)))

    def theirs(body: bytes, url: str, zone: str) -> None:
        found["trafilatura"] += bare_extraction(body, url=url, with_metadata=True) is not None

    for body, url, zone in docs[:20]:  # warm-up: imports, caches, compiled regexes
        ours(body, url, zone)
        theirs(body, url, zone)
    best = {"pressroom": float("inf"), "trafilatura": float("inf")}
    for _ in range(scale.rounds):
        for name, fn in (("pressroom", ours), ("trafilatura", theirs)):
            found[name] = 0
            started = time.perf_counter()
            for body, url, zone in docs:
                fn(body, url, zone)
            best[name] = min(best[name], time.perf_counter() - started)
    rate = {name: len(docs) / seconds for name, seconds in best.items()}
    return {
        "pages": len(docs),
        "mean_kb": sum(len(d[0]) for d in docs) / len(docs) / 1024,
        "pressroom_pages_per_s": rate["pressroom"],
        "trafilatura_pages_per_s": rate["trafilatura"],
        "ratio": rate["pressroom"] / rate["trafilatura"],
        "pressroom_releases": found["pressroom"],
        "trafilatura_documents": found["trafilatura"],
    }


# -- crawl and rebuild -----------------------------------------------------------------------------------------------


def bench_crawl(scale: Scale, work: Path) -> dict[str, Any]:
    """`pressroom build` vs a bare Scrapy spider over the same URLs; then an unchanged rebuild; then the phases.

    First builds (each into a fresh project) and bare crawls alternate `crawl_rounds` times, which goes first taking
    turns, and the best of each is kept, as for extraction: a shared machine's load only ever adds time.
    """
    per_site = corpus.releases_for_pages(scale.crawl_sites, scale.crawl_pages)
    with served_project(work, "crawl", scale.crawl_sites, per_site, 11, scale.crawl_sites) as (manifest, sites, config):
        builds, bares = [], []
        fetched: list[str] = []
        url_file = work / "crawl-urls.txt"
        bare_cmd = [PYTHON, str(HERE / "bare_spider.py"), str(url_file), "--per-domain", "8"]
        bare_cmd += ["--parallel", str(scale.crawl_sites)]
        for number in range(scale.crawl_rounds):
            # Every other round the bare crawl goes first: of two commands run back to back, the second tends to be
            # the slower (alternated pairs of builds differed by 0.3 s with the order alone). The first round's build
            # goes first: the bare crawl fetches the URLs it fetched.
            if number % 2:
                bares.append(run_sampled(bare_cmd, work))
                bare_fetched = sites.take_requests()
            project = fresh(work / f"crawl-build-{number}")
            shutil.copy(config, project / "pressroom.toml")
            builds.append(run_sampled([PRESSROOM, "-q", "build", "--config", str(project / "pressroom.toml")], project))
            fetched = sites.take_requests()
            if number == 0:
                # The unchanged rebuild: the same project again, right after its first build.
                second = run_sampled([PRESSROOM, "-q", "build", "--config", str(project / "pressroom.toml")], project)
                refetched = sites.take_requests()
                urls = sorted({u for u in fetched if not u.endswith("/robots.txt")})
                url_file.write_text("\n".join(urls) + "\n")
                first_fetched = fetched
            if not number % 2:
                bares.append(run_sampled(bare_cmd, work))
                bare_fetched = sites.take_requests()
        phases = crawl_phases(config, config.parent, sites)
    first = min(builds, key=lambda r: r["seconds"])
    bare = min(bares, key=lambda r: r["seconds"])
    for name, result in (("first build", first), ("rebuild", second), ("bare spider", bare)):
        if result["returncode"] != 0:
            print(f"warning: {name} exited {result['returncode']}: {result['stderr'][-800:]}", file=sys.stderr)
    return {
        "sites": scale.crawl_sites,
        "releases_per_site": per_site,
        "rounds": scale.crawl_rounds,
        "requests": len(first_fetched),
        "pages": len(urls),
        "releases_published": published_count(first["stdout"]),
        "build_seconds": first["seconds"],
        "build_cpu_seconds": first["cpu_seconds"],
        "build_exit": first["returncode"],
        "build_seconds_all": [r["seconds"] for r in builds],
        "bare_seconds": bare["seconds"],
        "bare_cpu_seconds": bare["cpu_seconds"],
        "bare_seconds_all": [r["seconds"] for r in bares],
        "bare_requests": len(bare_fetched),
        "ratio": first["seconds"] / bare["seconds"],
        "rebuild_seconds": second["seconds"],
        "rebuild_cpu_seconds": second["cpu_seconds"],
        "rebuild_requests": len(refetched),
        "rebuild_of_seconds": builds[0]["seconds"],
        "rebuild_ratio": second["seconds"] / builds[0]["seconds"],
        "build_peak_tree_mb": max(r["peak_tree_mb"] for r in builds),
        "build_peak_crawl_child_mb": max(r["peak_crawl_child_mb"] for r in builds),
        "phases": phases,
    }


def crawl_phases(config: Path, project: Path, sites: Sites) -> dict[str, dict[str, float]]:
    """The build's parts timed one by one, into a store and folder of their own: where the time goes.

    CLI start (`--version`), a first `crawl` and `publish`, then an unchanged `crawl` and `publish`; wall and CPU
    seconds (the whole process tree) and requests made.
    """
    db, out = project / "phases" / "store.db", project / "phases" / "public"
    steps = {
        "cli_start": [PRESSROOM, "--version"],
        "first_crawl": [PRESSROOM, "-q", "crawl", "--config", str(config), "--db", str(db)],
        "first_publish": [PRESSROOM, "-q", "publish", "--config", str(config), "--db", str(db), "--out", str(out)],
        "unchanged_crawl": [PRESSROOM, "-q", "crawl", "--config", str(config), "--db", str(db)],
        "unchanged_publish": [PRESSROOM, "-q", "publish", "--config", str(config), "--db", str(db), "--out", str(out)],
    }
    phases = {}
    for name, cmd in steps.items():
        result = run_sampled(cmd, project)
        if result["returncode"] != 0:
            print(f"warning: {name} exited {result['returncode']}: {result['stderr'][-800:]}", file=sys.stderr)
        phases[name] = {
            "seconds": result["seconds"],
            "cpu_seconds": result["cpu_seconds"],
            "requests": len(sites.take_requests()),
        }
    return phases


def bench_crawl_memory(scale: Scale, work: Path) -> dict[str, Any]:
    """Peak and growth of the crawl child's RSS over a crawl of about `memory_pages` pages."""
    per_site = corpus.releases_for_pages(scale.memory_sites, scale.memory_pages)
    with served_project(work, "memory", scale.memory_sites, per_site, 23, 16) as (manifest, sites, config):
        result = run_sampled([PRESSROOM, "-q", "crawl", "--config", str(config)], config.parent)
        fetched = sites.take_requests()
    if result["returncode"] != 0:
        print(f"warning: crawl exited {result['returncode']}: {result['stderr'][-800:]}", file=sys.stderr)
    sampler: Sampler = result["sampler"]
    growth, first, last = sampler.growth()
    timeline = [
        (round(t, 1), round(c / 2**20, 1)) for t, _, c in sampler.samples[:: max(1, len(sampler.samples) // 40)]
    ]
    return {
        "sites": scale.memory_sites,
        "requests": len(fetched),
        "seconds": result["seconds"],
        "exit": result["returncode"],
        "peak_crawl_child_mb": sampler.peak_child / 2**20,
        "peak_tree_mb": sampler.peak_tree / 2**20,
        "first_quarter_peak_mb": first / 2**20,
        "last_quarter_peak_mb": last / 2**20,
        "growth": growth,
        "timeline_s_mb": timeline,
    }


# -- publishing ------------------------------------------------------------------------------------------------------

PUBLISH_SOURCES = 40


def publish_config_raw(sources: int = PUBLISH_SOURCES) -> dict[str, Any]:
    """The config dict the publish benchmark's store and publisher share."""
    return {
        "newsroom": {"title": "Benchmark Newsroom", "base_url": "https://news.example.org/", "timezone": "UTC"},
        "sources": [
            {
                "id": f"partner-{i:02d}",
                "name": f"Partner Organization {i}",
                "url": f"https://partner{i}.example.org/press/",
                "timezone": corpus.CITIES[i % len(corpus.CITIES)][2],
            }
            for i in range(sources)
        ],
    }


def release_pool(size: int = 120) -> list[Any]:
    """Releases extracted by pressroom from generated pages: the shapes synthetic releases copy."""
    from pressroom.extract import Hints, extract_releases
    from pressroom.page import Page

    root = Path(os.environ.get("TMPDIR", "/tmp")) / f"pressroom-bench-pool-{os.getpid()}"
    manifest = corpus.generate(fresh(root), 8, max(4, size // 8), seed=5)
    pool = []
    for page in manifest["pages"]:
        if page["role"] not in ("single", "release"):
            continue
        body = (root / page["path"]).read_bytes().replace(b"{{origin}}", b"https://partner.example.org")
        pool += extract_releases(Page.parse(body, "https://partner.example.org" + page["url_path"]), Hints())
    shutil.rmtree(root, ignore_errors=True)
    return pool


# Synthetic release prose for the publish stores. Every five-word window holds a made-up name or a number, as in
# real releases (names, places, figures): text drawn from a small phrase bank shares so many word shingles that every
# upsert's near-duplicate lookup would match thousands of sketches, which no real partner corpus does.
SUBJECTS = ("{person}", "{person} of {org}", "Lawyers for {person}", "{n} residents of {place}", "{org}", "{agency}")
VERBS = (
    "found", "asked", "told", "urged", "documented", "questioned", "released", "reviewed", "challenged", "described",
    "estimated", "counted", "promised", "rejected", "welcomed", "criticized", "confirmed", "disputed",
)  # fmt: skip
OBJECTS = (
    "{n} cases", "{n} complaints from {place}", "{person}'s testimony", "{n} pages of records", "a ${n} budget",
    "{agency}", "{n} families", "the {n} {topic} cases",
)  # fmt: skip
TAILS = ("in {place}", "since {n}", "according to {person}", "with {org}", "by {month} {n}", "on {weekday} {n}", "")
SYLLABLES = ("ar", "bel", "cor", "dan", "el", "fen", "gar", "hol", "is", "jun", "kel", "lor", "mar", "nor", "ol",
             "pen", "quin", "ros", "sel", "tor", "ul", "ven", "wil", "yar", "zen", "bri", "cas", "dor")  # fmt: skip
AGENCIES = ("County Board", "City Council", "Sheriff's Office", "School Board", "Housing Authority", "Labor Department")
ORG_TYPES = ("Alliance", "Workers Center", "Legal Clinic", "Justice Project", "Tenants Union", "Coalition")
TOPIC_WORDS = ("wage theft", "detainer", "rent", "jail", "housing", "air quality", "interpreter", "records")


def pseudo(rng: random.Random) -> str:
    """A made-up proper name ("Norvelwil"): real releases are full of names no other release shares."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_text(rng: random.Random) -> str:
    """Five to nine paragraphs of release-like prose (about 3 KB) with realistically varied word shingles."""

    def slot(match: re.Match[str]) -> str:
        return {
            "person": lambda: f"{rng.choice(corpus.FIRST)} {pseudo(rng)}",
            "org": lambda: f"{pseudo(rng)} {rng.choice(ORG_TYPES)}",
            "agency": lambda: f"the {pseudo(rng)} {rng.choice(AGENCIES)}",
            "place": lambda: f"{pseudo(rng)} {rng.choice(('County', 'Heights', 'Valley', 'Park', 'Springs'))}",
            "n": lambda: str(rng.randint(3, 99999)),
            "topic": lambda: rng.choice(TOPIC_WORDS),
            "month": lambda: rng.choice(corpus.MONTHS),
            "weekday": lambda: rng.choice(corpus.DAYS),
        }[match.group(1)]()

    paras = []
    for _ in range(rng.randint(5, 9)):
        sentences = []
        for _ in range(rng.randint(5, 9)):
            text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}".rstrip()
            sentences.append(re.sub(r"\{(\w+)\}", slot, text) + ".")
        paras.append(" ".join(sentences))
    return "\n\n".join(paras)


def build_store(path: Path, count: int) -> float:
    """Fill a store with `count` realistic releases through Store.upsert; returns the seconds it took."""
    from pressroom.store import Store

    pool = release_pool()
    rng = random.Random(count)
    tmp = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    sources = publish_config_raw()["sources"]
    newest = datetime(2024, 6, 30, 12, tzinfo=UTC)
    previous: Any = None
    with Store(tmp) as store:
        for src in sources:
            store.register_source(src["id"], src["name"], src["url"])
            store.record_crawl(src["id"], src["name"], src["url"], "ok", None, 10, 10)
        for n in range(count):
            template = rng.choice(pool)
            src = sources[rng.randrange(len(sources))]
            when = newest - timedelta(minutes=n * 9 + rng.randint(0, 8))
            if previous is not None and rng.random() < 0.03:  # a joint statement reposted by another partner
                text = "Reposted from our coalition partner.\n\n" + previous.body_text
                title = previous.title + " (repost)"
            else:
                text = synthetic_text(rng)
                title = f"{template.title} #{n}"
            paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            release = replace(
                template,
                url=f"{src['url']}{when:%Y/%m}/release-{n}/",
                title=title,
                published=when.date() if rng.random() < 0.5 else when,
                updated=None,
                language="es" if rng.random() < 0.12 else "en",
                summary=text[:280],
                body_text=text,
                body_html=paras,
                source=src["id"],
            )
            store.upsert(release, timezone=src["timezone"], now=newest)
            previous = release
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.rename(path)
    return time.perf_counter() - started


# The publishes measured at each size, in this order on one copy of the cached store: the first publish ever (every
# entry rendered, and kept in the store), one into another empty folder, the same again unchanged, and one after a
# scheduled build's new releases.
PUBLISH_MODES = ("first", "cold", "unchanged", "ordinary")
ORDINARY_NEW = 100  # releases a scheduled build adds before the ordinary publish
PUBLISH_NOW = datetime(2024, 7, 1, tzinfo=UTC)


def add_new_releases(store: Any, count: int, now: datetime, batch: int = 0) -> None:
    """Upsert `count` releases newer than any stored, shaped like stored ones (a scheduled build's crawl)."""
    from pressroom.models import Release

    sources = {s["id"]: s for s in publish_config_raw()["sources"]}
    rng = random.Random(count)
    rows = store.db.execute("SELECT source, data FROM releases ORDER BY rowid LIMIT ?", (count,)).fetchall()
    for n, row in enumerate(rows):
        template = Release.from_json(json.loads(row["data"]), source=row["source"])
        text = synthetic_text(rng)
        when = now - timedelta(hours=6) + timedelta(minutes=3 * n)
        src = sources[row["source"]]
        release = replace(
            template,
            url=f"{src['url']}{when:%Y/%m}/new-release-{batch}-{n}/",
            title=f"{template.title.split(' #')[0]} (new #{n})",
            published=when,
            summary=text[:280],
            body_text=text,
            body_html="".join(f"<p>{p}</p>" for p in text.split("\n\n")),
        )
        store.upsert(release, timezone=src["timezone"], now=now - timedelta(hours=1))


def own_peak_mb() -> float:
    """This process's peak resident memory since it started.

    Not ru_maxrss: Linux carries a process's ru_maxrss over exec, so a child of this (large) harness would report the
    harness's peak. VmHWM belongs to the address space the child's own program built.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def publish_child(db: str, out: str, mode: str, round_number: int = 0) -> None:
    """Fresh-process body: one publish of `mode` (see PUBLISH_MODES); print its time and peak memory."""
    from pressroom.config import parse_config
    from pressroom.publish import publish
    from pressroom.store import Store

    config = parse_config(publish_config_raw(), Path(out).parent / "pressroom.toml")
    now = PUBLISH_NOW
    result: dict[str, Any] = {"baseline_mb": own_peak_mb()}
    with Store(db) as store:
        if mode == "ordinary":
            # Each round a scheduled build's later: 100 releases newer than any stored, a publish an hour on.
            now += timedelta(hours=6 * round_number)
            add_new_releases(store, ORDINARY_NEW, now, round_number)
            now += timedelta(hours=1)
        # The previous publish's writes (and the upserts) are flushed first, so their write-back is not timed here.
        os.sync()
        started = time.perf_counter()
        report = publish(config, store, Path(out), now=now)
        result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = own_peak_mb()
    # The rendering helper publish() forks (see pressroom.parts): its peak counts the pages it shares with this one.
    result["helper_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["written"] = len(report.written)
    result["unchanged"] = len(report.unchanged)
    result["entries"] = report.entries
    print(json.dumps(result))


def copy_store(source: Path, target: Path) -> Path:
    """A scratch copy of a cached store: the publishes write to it (the rendered entries, the ordinary publish's new
    releases) and the cached one stays as built, never published."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def publish_once(store: Path, out: Path, mode: str, scale: Scale, round_number: int = 0) -> dict[str, Any]:
    """One publish of `mode` in a fresh process (a cold one into an emptied folder): what it printed, or why not."""
    if mode == "cold":
        shutil.rmtree(out, ignore_errors=True)
    cmd = [PYTHON, str(HERE / "run.py"), "--publish-child", str(store), str(out), "--mode", mode]
    cmd += ["--round", str(round_number)]
    child = run_sampled(cmd, out.parent.parent, timeout=scale.publish_timeout)
    data: dict[str, Any] = {"seconds": None}
    if child["returncode"] == 0:
        data = json.loads(child["stdout"].strip().splitlines()[-1])
    elif child["seconds"] >= scale.publish_timeout:
        written = sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0
        data["timed_out_after"] = scale.publish_timeout
        data["files_written_before_timeout"] = written
    else:
        print(f"warning: {mode} publish of {store} failed: {child['stderr'][-800:]}", file=sys.stderr)
    data["sampled_peak_mb"] = child["peak_tree_mb"]
    return data


def bench_publish(scale: Scale, work: Path) -> dict[str, Any]:
    """Time each publish mode at two store sizes, each publish in a fresh process, with its peak memory.

    The ordinary publishes of the two sizes alternate round by round: their ratio is a target, and the host's speed
    drifts over the minutes between one size's publishes and the other's.
    """
    results: dict[str, Any] = {}
    scratches: dict[int, Path] = {}
    for count in scale.publish_sizes:
        db = Path(f"/tmp/pressroom-bench-store-v{STORE_VERSION}-{count}.db")
        built = None
        if not db.exists():
            print(f"  building a store of {count} releases at {db} (kept for later runs)…", file=sys.stderr)
            built = build_store(db, count)
        scratch = copy_store(db, fresh(work / f"publish-{count}") / "store.db")
        size: dict[str, Any] = {"store_build_seconds": built}
        # The cached store stays as built (never published); its copy gathers the rendered entries.
        for mode in PUBLISH_MODES:
            if mode == "ordinary":
                continue
            # Like the other timed benchmarks, the cold publishes are repeated (each into an emptied folder) and the
            # best time is kept, with the highest peak of all.
            rounds = scale.publish_rounds if mode == "cold" else 1
            runs = [publish_once(scratch, publish_out(work, count, mode), mode, scale, n) for n in range(rounds)]
            size[mode] = best_run(runs, scratch)
            if size[mode]["seconds"] is None:
                break
        else:
            scratches[count] = scratch
        results[str(count)] = size
    # Each ordinary publish after 100 more new releases (a scheduled build's later), the sizes taking turns.
    ordinary: dict[int, list[dict[str, Any]]] = {count: [] for count in scratches}
    for number in range(scale.publish_rounds):
        for count, scratch in scratches.items():
            out = publish_out(work, count, "ordinary")
            ordinary[count].append(publish_once(scratch, out, "ordinary", scale, number))
    for count, runs in ordinary.items():
        results[str(count)]["ordinary"] = best_run(runs, scratches[count])
    for count in scale.publish_sizes:
        (work / f"publish-{count}" / "store.db").unlink(missing_ok=True)
    return results


def publish_out(work: Path, count: int, mode: str) -> Path:
    """The folder a publish of `mode` writes: the first publish its own, the others one they share."""
    return work / f"publish-{count}" / ("first" if mode == "first" else "public")


def best_run(runs: list[dict[str, Any]], scratch: Path) -> dict[str, Any]:
    """The fastest of `runs`, with every run's time and the highest peak of all, and the store's size after."""
    data = min(runs, key=lambda run: run["seconds"] if run["seconds"] is not None else float("inf"))
    if len(runs) > 1 and all(run["seconds"] is not None for run in runs):
        data = {
            **data,
            "seconds_all": [run["seconds"] for run in runs],
            "peak_mb": max(run["peak_mb"] for run in runs),
            "helper_peak_mb": max(run.get("helper_peak_mb", 0) for run in runs),
        }
    data["store_mb"] = sum(p.stat().st_size for p in scratch.parent.glob("store.db*")) / 2**20
    return data


# -- report ----------------------------------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def targets(res: dict[str, Any], scale: Scale) -> list[tuple[str, str, str, str]]:
    """(benchmark, measured, target, verdict) rows."""
    rows = []
    if "extraction" in res:
        e = res["extraction"]
        rows.append(
            (
                f"extraction ({e['pages']} pages, {e['mean_kb']:.0f} KB mean)",
                f"pressroom {e['pressroom_pages_per_s']:.1f} p/s, trafilatura {e['trafilatura_pages_per_s']:.1f} p/s"
                f" = {e['ratio']:.2f}×",
                "≥ 2×",
                verdict(e["ratio"] >= 2),
            )
        )
    if "crawl" in res:
        c = res["crawl"]
        rows.append(
            (
                f"crawl ({c['pages']} pages, {c['sites']} hosts)",
                f"build {c['build_seconds']:.1f} s, bare Scrapy {c['bare_seconds']:.1f} s = {c['ratio']:.2f}×"
                f" (CPU {c['build_cpu_seconds']:.1f} s vs {c['bare_cpu_seconds']:.1f} s; best of {c['rounds']}: builds"
                f" {', '.join(f'{t:.1f}' for t in c['build_seconds_all'])} s, bare"
                f" {', '.join(f'{t:.1f}' for t in c['bare_seconds_all'])} s)",
                "≤ 1.4×",
                verdict(c["ratio"] <= 1.4),
            )
        )
        rows.append(
            (
                "unchanged rebuild",
                f"{c['rebuild_seconds']:.1f} s vs {c['rebuild_of_seconds']:.1f} s = {c['rebuild_ratio']:.2f}×"
                f" ({c['rebuild_requests']} requests, first build {c['requests']})",
                "≤ 0.25× (aim 0.1×)",
                verdict(c["rebuild_ratio"] <= 0.25),
            )
        )
        if "phases" in c:
            shown = ", ".join(
                f"{name.replace('_', ' ')} {p['seconds']:.1f} s (CPU {p['cpu_seconds']:.1f} s, {p['requests']} req.)"
                for name, p in c["phases"].items()
            )
            rows.append(("build phases, run apart", shown, "", "info"))
        rows.append(
            (
                f"build memory ({c['pages']} pages)",
                f"peak {c['build_peak_tree_mb']:.0f} MB (crawl child {c['build_peak_crawl_child_mb']:.0f} MB)",
                "≤ 500 MB",
                verdict(c["build_peak_tree_mb"] <= 500),
            )
        )
    if "publish" in res:
        rows += publish_rows(res["publish"], scale)
    if "crawl_memory" in res:
        m = res["crawl_memory"]
        rows.append(
            (
                f"crawl memory ({m['requests']} requests, {m['sites']} hosts)",
                f"child peak {m['peak_crawl_child_mb']:.0f} MB; first-quarter peak {m['first_quarter_peak_mb']:.0f} MB"
                f" → last-quarter {m['last_quarter_peak_mb']:.0f} MB = {m['growth'] * 100:+.1f}%; {m['seconds']:.0f} s",
                "growth ≤ 10%",
                verdict(m["growth"] <= 0.10),
            )
        )
    return rows


def publish_rows(res: dict[str, Any], scale: Scale) -> list[tuple[str, str, str, str]]:
    """One row per publish mode and size: ≤ 1 s and ≤ 200 MB at the smaller size; the ordinary publish at the larger
    size within 20% of the smaller one's time."""
    rows = []
    small_n, large_n = scale.publish_sizes
    for mode in PUBLISH_MODES:
        for n in scale.publish_sizes:
            p = res.get(str(n), {}).get(mode, {})
            label = f"publish {n:,}: {mode}"
            if p.get("seconds") is None:
                if "timed_out_after" in p:
                    measured = (
                        f"not finished after {p['timed_out_after']:.0f} s ({p.get('files_written_before_timeout')}"
                        f" files written), peak ≥ {p.get('sampled_peak_mb', 0):.0f} MB"
                    )
                    rows.append((label, measured, "", "MISSED"))
                continue
            # Both processes when a helper was forked (the pages they share counted twice: an upper bound).
            memory = p["peak_mb"] + p.get("helper_peak_mb", 0)
            measured = f"{p['seconds']:.2f} s, peak {memory:.0f} MB, {p['written']} written / {p['unchanged']} kept"
            if p.get("seconds_all"):
                measured += f" (best of {', '.join(f'{t:.2f}' for t in p['seconds_all'])} s)"
            if p.get("helper_peak_mb"):
                measured += f" (this process {p['peak_mb']:.0f} MB + its helper {p['helper_peak_mb']:.0f} MB)"
            if mode == "first":
                # Each entry is rendered once per revision, ever: by the publish after the build that stored it.
                measured += f"; store {p['store_mb']:.0f} MB after, the rendered entries kept in it"
            if mode == "first" or (n == large_n and mode != "ordinary"):
                # The targets are for publishing 10,000 releases, and for the ordinary publish staying flat.
                rows.append((label, measured, "", "info"))
                continue
            time_ok = p["seconds"] <= 1.0
            target = "≤ 1 s, ≤ 200 MB"
            if mode == "ordinary" and n == large_n:
                small = res.get(str(small_n), {}).get(mode, {}).get("seconds")
                time_ok = small is not None and p["seconds"] <= small * 1.2
                target = f"within 20% of {small_n:,}, ≤ 200 MB"
                if small:
                    measured += f" ({p['seconds'] / small:.2f}×)"
            rows.append((label, measured, target, f"time {verdict(time_ok)}, memory {verdict(memory <= 200)}"))
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> str:
    """The rows as a Markdown table (printed and returned)."""
    lines = ["| benchmark | measured | target | result |", "| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(lines)
    print(text)
    return text


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    from importlib.metadata import version

    packages = ("pressroom", "scrapy", "lxml", "trafilatura", "feedgen", "twisted", "psutil")
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {name: version(name) for name in packages},
    }


BENCHMARKS = ("extraction", "crawl", "publish", "crawl_memory")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (under a minute)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run only these benchmarks")
    parser.add_argument("--work", type=Path, default=Path("/tmp/pressroom-bench"), help="scratch folder")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--publish-child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--mode", choices=PUBLISH_MODES, default="cold", help=argparse.SUPPRESS)
    parser.add_argument("--round", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.publish_child:
        publish_child(*args.publish_child, mode=args.mode, round_number=args.round)
        return
    scale = QUICK if args.quick else FULL
    chosen = args.only or BENCHMARKS
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "quick": args.quick, "scale": scale.__dict__}
    started = time.perf_counter()
    if "extraction" in chosen:
        print("extraction…", file=sys.stderr)
        root = fresh(work / "extract-corpus")
        manifest = corpus.generate(root, 8, scale.extract_pages // 8 + 2, seed=3)
        results["extraction"] = bench_extraction(scale, root, manifest)
    if "crawl" in chosen:
        print("crawl and unchanged rebuild…", file=sys.stderr)
        results["crawl"] = bench_crawl(scale, work)
    if "publish" in chosen:
        print("publishing…", file=sys.stderr)
        results["publish"] = bench_publish(scale, work)
    if "crawl_memory" in chosen:
        print("crawl memory…", file=sys.stderr)
        results["crawl_memory"] = bench_crawl_memory(scale, work)
    results["total_seconds"] = time.perf_counter() - started
    results["table"] = print_table(targets(results, scale))
    print(f"\n{results['total_seconds']:.0f} s in all; results in {args.output}")
    args.output.write_text(json.dumps(results, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
