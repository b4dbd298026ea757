# HTML templates are kept one element per line, which is clearer than splitting tags: long lines are allowed here.
# ruff: noqa: E501
"""Generate N partner sites × M releases in the shapes of docs/partner-content.md, servable by SampleServer.

Usage: python benchmarks/corpus.py OUT_DIR [--sites N] [--releases M] [--seed S] [--serve]

Layout: OUT_DIR/<site id>/… for every site, OUT_DIR/robots.txt, OUT_DIR/manifest.json (sites, source URLs and every
HTML page with its URL and time zone) and OUT_DIR/pressroom.toml (one `{{origin}}` for every site, as in the demo).
Every link is written `{{origin}}/<site id>/…`, so the tree can be served by one SampleServer, or by one
SampleServer per site on its own loopback address (`config_text` then writes a config naming each origin).

Four site shapes, rotated: `wordpress` (category archive of full posts, "Older posts" pagination, single posts,
category feed), `drupal` (press listing with a pager linking to `/node/<n>` pages), `rss` (a feed of teasers
linking to static pages) and `press` (a hand-made listing `03/13/12 | teaser | Read More »` linking to static
pages; some of these sites are in Spanish). Pages carry realistic chrome (menus, widgets, sign-up boxes,
footers with the organisation's own contacts, inline CSS and JS) and come out at roughly 30–50 KB.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

SHAPES = ("wordpress", "drupal", "rss", "press")
POSTS_PER_ARCHIVE_PAGE = 5
ROWS_PER_LISTING_PAGE = 20
ORIGIN = "{{origin}}"

# -- phrase banks --------------------------------------------------------------------------------------------------

PLACES = (
    "Alder County", "Birch Valley", "Cedar Falls", "Dunmore", "East Harbor", "Fairview", "Glen Ridge", "Harlow",
    "Iron Springs", "Juniper", "Kestrel Bay", "Lakeside", "Maple Grove", "North Fork", "Oak Hollow", "Pine Bluff",
)  # fmt: skip
ORG_FORMS = (
    "Coalition for {x}", "{p} Alliance for {x}", "Center for {x}", "{p} Workers Center", "{p} Legal Clinic",
    "{p} Interfaith Council", "Project on {x}", "{p} Tenants Union", "Network for {x}", "{p} Justice Project",
)  # fmt: skip
ORG_CAUSES = (
    "Community Trust", "Worker Justice", "Immigrant Rights", "Fair Housing", "Open Government", "Public Defense",
    "Clean Air", "Fair Wages", "Youth Opportunity", "Civil Liberties", "Language Access", "Safe Streets",
)  # fmt: skip
ES_ORGS = (
    "Red Latina por la Justicia", "Coalición de Trabajadores del Valle", "Centro Comunitario Esperanza",
    "Unión de Inquilinos del Sur", "Alianza de Familias Inmigrantes", "Clínica Legal del Pueblo",
)  # fmt: skip
FIRST = (
    "Maria", "James", "Priya", "Marcus", "Elena", "Darnell", "Ruth", "Tomás", "Ana", "Kim", "Jo", "Lee", "Rosa",
    "Dana", "Julio", "Marisol", "Ahmed", "Grace", "Wei", "Fatima", "Luis", "Nadia", "Samuel", "Keisha", "Omar",
    "Hannah", "Diego", "Aisha", "Carlos", "Mei", "Tyrone", "Sofia", "Ibrahim", "Lena", "Rita", "Dan", "Ann",
)  # fmt: skip
LAST = (
    "Lopez", "Natarajan", "Bell", "Marquez", "Hughes", "Okafor", "Herrera", "Soto", "Ortiz", "Kim", "Wu", "Albright",
    "Whitfield", "Ramírez", "Vega", "Hassan", "Park", "Chen", "Rahman", "Cole", "Fox", "Lee", "Roe", "Cho",
    "Washington", "Nguyen", "Castillo", "Abdi", "Morales", "Goldberg", "Jackson", "Silva", "Patel", "Brooks",
)  # fmt: skip
ROLES = (
    "Executive Director", "Policy Director", "Staff Attorney", "Communications Director", "Lead Organizer",
    "Research Director", "Board Chair", "Senior Counsel", "Organizing Director", "Program Manager",
)  # fmt: skip
ROLES_ES = ("directora ejecutiva", "director de comunicaciones", "abogada", "organizador", "coordinadora")
CITIES = (
    ("Oakland", "CA", "America/Los_Angeles", "pt"), ("Los Angeles", "CA", "America/Los_Angeles", "PST"),
    ("Chicago", "IL", "America/Chicago", "CT"), ("Miami", "FL", "America/New_York", "est"),
    ("New Orleans", "LA", "America/Chicago", "(CDT)"), ("Denver", "CO", "America/Denver", "MT"),
    ("Washington", "DC", "America/New_York", "(EDT)"), ("Seattle", "WA", "America/Los_Angeles", "pt"),
    ("Atlanta", "GA", "America/New_York", "ET"), ("Phoenix", "AZ", "America/Phoenix", "MST"),
)  # fmt: skip
AREA_CODES = ("202", "213", "303", "312", "408", "415", "484", "504", "510", "602", "703", "720", "786", "206")
TOPICS = (
    ("jail inspection reports", "the Board of Supervisors", "publish every inspection report written since 2009"),
    ("wage theft at car washes", "the Department of Labor", "recover unpaid wages for 300 workers"),
    ("detainer requests", "the Sheriff's Office", "stop holding residents past their release dates"),
    ("rent increases", "the City Council", "pass a rent stabilization ordinance this year"),
    ("school discipline data", "the School Board", "release suspension data by race and disability"),
    ("air quality near the port", "the Air District", "install monitors in three neighborhoods"),
    ("language access in courts", "the Judicial Council", "provide interpreters in every civil case"),
    ("police body camera footage", "the Police Commission", "adopt a public release policy within 45 days"),
    ("heat protections for farmworkers", "the State Legislature", "require shade and water breaks above 85 degrees"),
    ("public records backlogs", "the County Counsel", "answer requests within the 10 days the law allows"),
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
    "diciembre",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
NARRATIVE = (
    "The records, obtained through a public records request filed in {month} {year0}, cover {n1} cases and show "
    "a pattern that {agency} has never explained.",
    "{org} has asked {agency} to {demand}, as at least {n2} other jurisdictions in the region have already done.",
    "Advocates say the problem is not new: complaints about {topic} date back to {year0}, when a grand jury first "
    "raised the issue in a report that was never acted on.",
    "At a hearing last month, members of {agency} said they would study the question, but no date has been set "
    "for a vote.",
    "More than {n1} residents signed a petition delivered on {weekday}, and {n2} of them spoke during public "
    "comment, many in Spanish, Vietnamese or Tagalog.",
    "The analysis found that the average delay was {dec} days, and that in {n2} cases the office could not say "
    "what had happened at all.",
    "Doc. ID 0.{n3}.{n4} at pages 1-{n2}, a log from {month} {year0}, shows {n2} people affected on a single weekend.",
    "The coalition includes {n2} organizations, among them legal clinics, worker centers, tenant unions and "
    "congregations from every part of {place}.",
    "Under the current policy, families have no way to learn about {topic} unless they file a formal request, which "
    "can take more than a year to answer.",
    "Supporters point to bills like HB {n3} and H.R. {n4}, which would require the same disclosures statewide "
    "and nationwide by {year1}.",
    "Organizers expect hundreds of people at the events, which are free and open to the public; childcare and "
    "interpretation will be provided.",
    "{agency} did not respond to a request for comment by the time of publication.",
    "The full report, with the underlying data and a methodology note, is available on our website, and printed "
    "copies can be requested from our office.",
    "The findings come as {place} prepares its budget for the coming year, which includes no new money to address "
    "{topic}.",
    "Community members will return to {agency} on {weekday} to ask for a timeline, and say they will keep coming "
    "back until there is one.",
    "In {n2} of the {n1} files reviewed, the only paperwork was a form letter, with no signature and no date.",
    "Researchers spent {n2} months reviewing the documents and interviewing {n2} families affected by {topic}.",
    "The campaign has been endorsed by {n2} elected officials, including two members of {agency}.",
)  # fmt: skip
NARRATIVE_ES = (
    "Más de {n1} familias firmaron la petición entregada el {dia}, y {n2} de ellas hablaron durante el comentario "
    "público.",
    "{org} pidió a las autoridades que actúen antes de {year1}, como ya lo han hecho otros {n2} condados.",
    "Los documentos, obtenidos mediante una solicitud de registros públicos, muestran {n1} casos entre {year0} y "
    "{year1}.",
    "Habrá interpretación al inglés y cuidado de niños; la entrada es libre y gratuita.",
    "Abogados voluntarios responderán preguntas sobre {topic_es} y cómo presentar una queja formal.",
    "La coalición reúne a {n2} organizaciones comunitarias, sindicatos y congregaciones de todo el condado.",
)  # fmt: skip
QUOTES = (
    "These are people whose cases were over. A judge had said they could go home, and the county kept them anyway",
    "Public documents paid for with public money belong to the public. Keeping them in a drawer does not make the "
    "problems they describe go away",
    "Every other county in the region already does this. There is no excuse for waiting any longer",
    "We read every page of what they released. Each one said the same thing: ‘the records are incomplete.’ The "
    "public deserves to see the rest",
    "Workers did the job and they deserve to be paid for it, every hour, every week, without having to go to court",
    "Families should not have to file a lawsuit to find out what happened to someone they love",
    "This is a basic question of fairness, and the answer has been the same for ten years: we will look into it",
    "Our members are ready to work with the county on a solution, but the county has to show up to the table",
    "The law is clear, the data is clear, and the only thing missing is the will to act",
    "When you hide the numbers, people assume the worst, and in this case the worst turned out to be true",
)  # fmt: skip
QUOTES_ES = (
    "Muchas familias no saben que tienen derecho a pedir esos documentos",
    "Queremos que la comunidad salga del foro con una carta lista para enviar",
    "No vamos a esperar otros diez años para que el condado cumpla con la ley",
)  # fmt: skip
TOPICS_ES = ("los registros de la cárcel", "el robo de salarios", "los aumentos de renta", "el acceso a intérpretes")
VENUES = (
    "Steps of City Hall", "{n} Example Street, {city}, {st} 9{zip}", "Community Center, {n} Main Street, {city}, {st}",
    "{city}, {st}", "First Baptist Church fellowship hall, {n} Oak Avenue, {city}", "Federal Building Plaza",
)  # fmt: skip
TAGS = (
    "press release", "detainers", "jail inspections", "wage theft", "housing", "public records", "events", "statement",
    "court access", "language access", "budget", "police accountability", "environment", "youth", "workers",
)  # fmt: skip
CSS_PROPS = (
    "margin:0 auto", "padding:{a}px {b}px", "font-size:{a}px", "line-height:{c}em", "color:#{h}", "background:#{h}",
    "border:1px solid #{h}", "float:left", "float:right", "width:{w}px", "display:block", "text-decoration:none",
    "font-weight:bold", "overflow:hidden", "position:relative", "clear:both", "text-align:center", "z-index:{a}",
    "box-shadow:0 {a}px {b}px rgba(0,0,0,.2)", "font-family:Georgia,'Bitstream Charter',serif", "list-style:none",
)  # fmt: skip
CSS_SELECTORS = (
    "#wrapper", "#header", "#site-title a", "#access", "#access a", "#access ul ul", "#main", "#container", "#content",
    "#primary", ".widget-container", ".widget-title", ".entry-title", ".entry-meta", ".entry-content p",
    ".entry-utility", ".navigation", ".nav-previous", ".signup-box", "#footer", "#colophon", ".wp-caption",
    ".alignleft", ".block h2", ".views-row", ".field-date", ".pager li", ".sidebar ul li", ".tagcloud a",
    ".comment-body", ".comment-meta", "#respond textarea", ".screen-reader-text", "table.tablaPrincipal td",
)  # fmt: skip


def _hex(rng: random.Random, n: int = 6) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _us_date(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _long_date(d: date) -> str:
    return f"{DAYS[d.weekday()]}, {_us_date(d)}"


def _es_date(d: date) -> str:
    return f"{DIAS[d.weekday()]}, {d.day} de {MESES[d.month - 1]} de {d.year}"


def _slug(text: str) -> str:
    keep = "".join(c.lower() if c.isalnum() else "-" for c in text.encode("ascii", "ignore").decode())
    return "-".join(p for p in keep.split("-") if p)[:70]


# -- model ---------------------------------------------------------------------------------------------------------


@dataclass
class Person:
    """A named spokesperson or press contact."""

    name: str
    role: str
    email: str
    phone: str


@dataclass
class Site:
    """One partner site: who it is, its shape and where its source URL points."""

    id: str
    name: str
    shape: str
    timezone: str
    language: str
    city: str
    state: str
    zone_word: str
    domain: str
    source_path: str = ""
    staff: list[Person] = field(default_factory=list)


@dataclass
class Item:
    """One generated release: what every page showing it needs."""

    title: str
    kind: str
    day: date
    hour: int
    minute: int
    slug: str
    teaser: str
    body: str
    path: str = ""  # the release's own page, under the site folder
    number: int = 0


@dataclass
class PageInfo:
    """A written HTML page: where it lives and what a crawler would call it."""

    path: str  # relative to the corpus root
    url_path: str  # absolute path on the server, e.g. /site-01/node/12
    timezone: str
    role: str  # archive, single, listing, release


class Writer:
    """Generates every page of one site from a seeded RNG."""

    def __init__(self, rng: random.Random, site: Site, root: Path) -> None:
        self.rng = rng
        self.site = site
        self.root = root
        self.pages: list[PageInfo] = []
        self.css = self._css(rng.randint(120, 150))
        self.js = self._js()

    # -- helpers ---------------------------------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return f"{ORIGIN}/{self.site.id}/{path.lstrip('/')}"

    def write(self, rel: str, text: str, role: str | None = None, url_path: str | None = None) -> None:
        target = self.root / self.site.id / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        if role is not None:
            path = url_path or "/" + rel.removesuffix("index.html")
            self.pages.append(PageInfo(f"{self.site.id}/{rel}", f"/{self.site.id}{path}", self.site.timezone, role))

    def person(self) -> Person:
        r = self.rng
        first, last = r.choice(FIRST), r.choice(LAST)
        email = f"{first[0].lower()}{_slug(last)}@{self.site.domain}"
        return Person(f"{first} {last}", r.choice(ROLES), email, self.phone())

    def phone(self) -> str:
        r = self.rng
        area, line = r.choice(AREA_CODES), f"01{r.randint(0, 99):02d}"
        form = r.randrange(6)
        if form == 0:
            return f"{area}.555.{line}"
        if form == 1:
            return f"({area}) 555-{line}"
        if form == 2:
            return f"+1-{area}-555-{line}"
        if form == 3:
            return f"({area}) 555-{line} x{r.randint(100, 199)}"
        if form == 4:
            return f"{area}-555-{line} ext. {r.randint(10, 120)}"
        return f"{area}-555-{line}"

    def fill(self, template: str, topic: tuple[str, str, str], day: date) -> str:
        r = self.rng
        return template.format(
            org=self.site.name,
            agency=topic[1],
            topic=topic[0],
            demand=topic[2],
            month=MONTHS[r.randrange(12)],
            year0=day.year - r.randint(1, 5),
            year1=day.year + r.randint(1, 3),
            n1=r.randint(40, 2400),
            n2=r.randint(3, 39),
            n3=r.randint(100, 999),
            n4=r.randint(1000, 99999),
            dec=f"{r.randint(1, 9)}.{r.randint(0, 9)}",
            weekday=r.choice(DAYS[:5]),
            place=r.choice(PLACES),
            dia=r.choice(DIAS[:5]),
            topic_es=r.choice(TOPICS_ES),
        )

    def cf_email(self, address: str) -> str:
        """Cloudflare's email protection: a key byte, then every byte XORed with it."""
        key = self.rng.randint(1, 255)
        code = f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode())
        if self.rng.random() < 0.5:
            return f'<a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="{code}">[email&#160;protected]</a>'
        return f'<a href="/cdn-cgi/l/email-protection#{code}">[email&#160;protected]</a>'

    # -- release content -------------------------------------------------------------------------------------------

    def item(self, number: int, day: date) -> Item:
        r = self.rng
        spanish = self.site.language == "es"
        weights = (40, 14, 14, 12, 12, 8) if not spanish else (50, 15, 15, 10, 10, 0)
        kind = r.choices(
            ("press_release", "statement", "media_advisory", "event_listing", "document_release", "bilingual"),
            weights,
        )[0]
        topic = r.choice(TOPICS)
        place = r.choice(PLACES)
        if spanish:
            title = r.choice(
                (
                    f"{self.site.name} exige transparencia sobre {r.choice(TOPICS_ES)} en {place}",
                    f"Foro comunitario sobre {r.choice(TOPICS_ES)}",
                    f"Familias entregan {r.randint(200, 5000)} cartas a la Junta de {place}",
                    f"Declaración: {r.choice(TOPICS_ES).capitalize()} en {place}",
                )
            )
        else:
            title = {
                "press_release": r.choice(
                    (
                        f"New Records Show {place} Failed on {topic[0].title()}",
                        f"Report: {r.randint(100, 2000)} Residents Affected by {topic[0].title()}",
                        f"{self.site.name} Sues {place} Over {topic[0].title()}",
                        f"Community Groups Call on {topic[1].removeprefix('the ').title()} to Act",
                    )
                ),
                "statement": f"Joint Statement: Groups Call on {place} to Address {topic[0].title()}",
                "media_advisory": f"MEDIA ADVISORY: Press Call on {topic[0].title()} in {place}",
                "event_listing": f"Week of Action on {topic[0].title()}: List of Local Events",
                "document_release": f"FOIA Documents on {topic[0].title()} Released",
                "bilingual": f"Know Your Rights Forum / Foro: Conozca Sus Derechos ({place})",
            }[kind]
        title += f" ({number})" if r.random() < 0.15 else ""
        body = getattr(self, f"_body_{'es' if spanish else kind}")(topic, day, place)
        teaser = self.fill(r.choice(NARRATIVE_ES if spanish else NARRATIVE), topic, day)
        hour, minute = r.randint(7, 18), r.choice((0, 0, 15, 30, 45))
        slug = f"{_slug(title)}-{number}"
        return Item(title, kind, day, hour, minute, slug, teaser, body, number=number)

    def _narrative(self, topic: tuple[str, str, str], day: date, n: int) -> list[str]:
        return [
            "<p>" + " ".join(self.fill(t, topic, day) for t in self.rng.sample(NARRATIVE, 3)) + "</p>" for _ in range(n)
        ]

    def _dateline(self, day: date) -> str:
        s = self.site
        form = self.rng.randrange(4)
        if form == 0:
            return f"{s.city.upper()}, {s.state} –"
        if form == 1:
            return f"{_us_date(day)}, {s.city} –"
        if form == 2:
            return f"({s.city}, {s.state})"
        return f"<strong>{s.city.upper()}</strong>—"

    def _quote(self, day: date) -> str:
        r = self.rng
        p = r.choice(self.site.staff)
        q = r.choice(QUOTES)
        org = self.site.name
        form = r.randrange(5)
        if form == 0:
            return f"<p>Said {p.name} of the {org}, &#8220;{q}.&#8221;</p>"
        if form == 1:
            return f"<p>Said {org} {p.role.lower()} {p.name}, “{q}.”</p>"
        if form == 2:
            head, _, tail = q.partition(". ")
            tail = tail or "We will keep pushing"
            return f"<p>“{head},” said {p.name}, {p.role.lower()} at {org}. “{tail}.”</p>"
        if form == 3:
            return f"<p><strong>{p.name}, {p.role}, {org}</strong></p>\n<p>“{q}.”</p>"
        return f'<p>The judge called the delay "absurd." "{q}," said {p.name}.</p>'

    def _contact(self, advisory: bool = False) -> str:
        r = self.rng
        p = r.choice(self.site.staff)
        form = r.randrange(5)
        if advisory or form == 0:
            return f"<p>Contact: {p.name} {p.phone}; ({r.choice(AREA_CODES)}) 555-01{r.randint(0, 99):02d} (Cell)</p>"
        if form == 1:
            return f"<p>Contact: {p.name}<br />\nEmail:&#160;&#160;{self.cf_email(p.email)}<br />\nPhone: {p.phone}</p>"
        if form == 2:
            return f"<p>Press Contact: {p.name} {p.phone}</p>"
        if form == 3:
            return f'<p>For more information, contact {p.name} at {p.phone} or <a href="mailto:{p.email}">{p.email}</a>.</p>'
        other = r.choice(self.site.staff)
        return (
            f"<p>Contacts: In {self.site.city}: {p.name},, {p.phone} (only on {MONTHS[r.randrange(12)]} "
            f"{r.randint(1, 28)}) – {self.site.name} {other.name}, {other.email}, {other.phone} – Partner Legal Clinic</p>"
        )

    def _when(self, day: date, zone: bool = True) -> tuple[str, date]:
        r = self.rng
        when = day + timedelta(days=r.randint(2, 20))
        z = f" {self.site.zone_word}" if zone and r.random() < 0.7 else ""
        form = r.randrange(6)
        if form == 0:
            text = f"{DAYS[when.weekday()]} {MONTHS[when.month - 1]} {_ordinal(when.day)} at {r.randint(1, 7)}:00pm{z}"
        elif form == 1:
            text = f"{MONTHS[when.month - 1]}{_ordinal(when.day)} at {r.randint(9, 11)}:00am"
        elif form == 2:
            text = f"{DAYS[when.weekday()]} {MONTHS[when.month - 1]} {when.day} at 12noon pm"
        elif form == 3:
            text = f"{DAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day}, 5:30pm{z} – 8:00pm{z}"
        elif form == 4:
            text = f"{MONTHS[when.month - 1]}\u00a0 {_ordinal(when.day)}, 1:00 – 4:00 p.m.{z}"
        else:
            text = f"{DAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day} 12pm-2pm"
        return text, when

    def _venue(self) -> str:
        r = self.rng
        return r.choice(VENUES).format(
            n=r.randint(100, 9999), city=self.site.city, st=self.site.state, zip=r.randint(1000, 9999)
        )

    def _attachments(self, slug: str, day: date) -> str:
        r = self.rng
        base = f"wp-content/uploads/{day.year}/{day.month:02d}/{slug[:30]}"
        form = r.randrange(3)
        if form == 0:
            return (
                f'<p>Download flyer: <a href="{self.url(base + "-en.pdf")}">English (PDF)</a> / '
                f'<a href="{self.url(base + "-es.pdf")}">Spanish (PDF)</a></p>'
            )
        if form == 1:
            return f'<p><a href="{self.url(base + ".zip")}">Click here to download the documents (zip file)</a></p>'
        parts = ", ".join(f'<a href="{self.url(f"{base}-part{i}.pdf")}">Part {i}</a>' for i in (1, 2, 3))
        return f"<p>The meeting materials are available here: {parts}.</p>"

    def _body_press_release(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        out = []
        if r.random() < 0.6:
            out.append(f"<p><strong>For Immediate Release: {_long_date(day)}</strong></p>")
        contact_first = r.random() < 0.4
        if contact_first:
            out.append(self._contact())
        lead = self.fill(r.choice(NARRATIVE), topic, day)
        out.append(f"<p>{self._dateline(day)} Today, {self.site.name} {lead[0].lower()}{lead[1:]}</p>")
        paras = self._narrative(topic, day, r.randint(3, 6))
        for _ in range(r.randint(2, 3)):
            paras.insert(r.randint(1, len(paras)), self._quote(day))
        out += paras
        if r.random() < 0.3:
            out.append(self._attachments(_slug(topic[0]), day))
        out.append('<p style="text-align: center;">###</p>')
        out.append(f"<p><em>{self.site.name} is a coalition of community members working on {topic[0]}.</em></p>")
        if not contact_first:
            out.append(self._contact())
        return "\n".join(out)

    def _body_statement(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        out = []
        if r.random() < 0.3:
            out.append("<p><em>Reposted from our coalition partner.</em></p>")
        out.append(f"<p>{self._dateline(day)} {self.fill(r.choice(NARRATIVE), topic, day)}</p>")
        out += self._narrative(topic, day, r.randint(2, 4))
        for p in r.sample(self.site.staff, min(3, len(self.site.staff))):
            out.append(f"<p><strong>{p.name}, {p.role}, {self.site.name}</strong></p>\n<p>“{r.choice(QUOTES)}.”</p>")
        sponsors = [ORG_FORMS[i % len(ORG_FORMS)].format(p=r.choice(PLACES), x=r.choice(ORG_CAUSES)) for i in range(6)]
        out.append(f"<p>Initial Sponsors: {self.site.name}, {', '.join(sponsors)}</p>")
        out.append(f"<p>Also signed by {r.randint(10, 60)} organizations; the full list is available on request.</p>")
        out.append(self._contact())
        return "\n".join(out)

    def _body_media_advisory(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        when, _ = self._when(day)
        who = ", ".join(f"{p.name}, {p.role}" for p in r.sample(self.site.staff, min(3, len(self.site.staff))))
        out = [
            "<p><strong>MEDIA ADVISORY</strong></p>",
            self._contact(advisory=True),
            f"<p>{self._dateline(day)} {self.fill(r.choice(NARRATIVE), topic, day)}</p>",
            f"<p><strong>WHAT:</strong> Press conference on {topic[0]} in {place}</p>",
            f"<p><strong>WHEN:</strong> {when}</p>",
            f"<p><strong>WHERE:</strong> {self._venue()}</p>",
            f"<p><strong>WHO:</strong> {who}</p>",
            f"<p><strong>HOW:</strong> Call-in number for reporters: ({r.choice(AREA_CODES)}) 555-0100, code {r.randint(1000, 9999)}</p>",
        ]
        out += self._narrative(topic, day, r.randint(1, 3))
        out.append(self._quote(day))
        return "\n".join(out)

    def _body_event_listing(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        start = day + timedelta(days=r.randint(2, 5))
        end = start + timedelta(days=4)
        out = [
            f"<p>Next week is our Week of Action on {topic[0]}! Groups across {place} are holding events. Find an event "
            f"near you below, and <strong>call {topic[1]} at {self.phone()}</strong> if you can&#8217;t make it.</p>",
            f"<p>{DAYS[start.weekday()]} {MONTHS[start.month - 1]} {_ordinal(start.day)} – {DAYS[end.weekday()]} "
            f"{MONTHS[end.month - 1]} {_ordinal(end.day)}: call-in days.</p>",
            "<h3>List of Local Events</h3>",
        ]
        for _ in range(r.randint(3, 6)):
            p = self.person()
            when, _ = self._when(day)
            low = r.random() < 0.3
            lab = (lambda s: s.lower()) if low else (lambda s: s)
            email = self.cf_email(p.email) if r.random() < 0.5 else p.email
            out.append(
                f"<p><strong>{r.choice(PLACES)}: {r.choice(('Teach-In', 'Rally', 'Vigil', 'Town Hall', 'Phone Bank'))}"
                f"</strong><br />\n{lab('Contact')}: {p.name}<br />\n{lab('Email')}: {email}<br />\n"
                f"{lab('Phone')}: {p.phone}<br />\n{r.choice(('Date/Time of Event', 'Date/ Time of Event'))}: {when}"
                f"<br />\n{lab('Location')}: {self._venue()}<br />\n{lab('Description')}: "
                f"{self.fill(r.choice(NARRATIVE), topic, day)}</p>"
            )
        return "\n".join(out)

    def _body_document_release(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        out = [f"<p>{self._dateline(day)} {self.fill(r.choice(NARRATIVE), topic, day)}</p>"]
        out.append(self._attachments(_slug(topic[0]), day))
        out += self._narrative(topic, day, r.randint(2, 4))
        out.append(self._quote(day))
        out.append(
            f'<p>Related coverage: <a href="https://news.example.com/{day.year}/{_slug(topic[0])}">'
            f"{place} Tribune</a>.</p>"
        )
        out.append(self._contact())
        return "\n".join(out)

    def _body_bilingual(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        when = day + timedelta(days=r.randint(3, 15))
        venue = self._venue()
        return "\n".join(
            [
                f"<p>{self._dateline(day)} Join us for a free, bilingual community forum on {topic[0]}.</p>",
                f"<p>WHEN: {DAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day} at 6:00pm<br />WHERE: {venue}</p>",
                *self._narrative(topic, day, 1),
                self._attachments(_slug(topic[0]), day),
                "<hr />",
                f"<p>Acompáñenos en un foro comunitario gratuito sobre {r.choice(TOPICS_ES)}.</p>",
                f"<p>Cuando: {_es_date(when)} a las 6:00pm<br />Dónde: {venue}</p>",
                f"<p>“{r.choice(QUOTES_ES)}”, dijo {r.choice(self.site.staff).name}, {r.choice(ROLES_ES)} de "
                f"{self.site.name}.</p>",
                f"<p>Para más información: llame a {r.choice(self.site.staff).name} al {self.phone()}</p>",
            ]
        )

    def _body_es(self, topic: tuple[str, str, str], day: date, place: str) -> str:
        r = self.rng
        out = [f"<p>({self.site.city}, {self.site.state}) " + self.fill(r.choice(NARRATIVE_ES), topic, day) + "</p>"]
        for _ in range(r.randint(3, 6)):
            out.append("<p>" + " ".join(self.fill(t, topic, day) for t in r.sample(NARRATIVE_ES, 3)) + "</p>")
        for _ in range(r.randint(1, 2)):
            p = r.choice(self.site.staff)
            out.insert(
                r.randint(1, len(out)),
                f"<p>“{r.choice(QUOTES_ES)}”, dijo {p.name}, {r.choice(ROLES_ES)} de {self.site.name}.</p>",
            )
        when = day + timedelta(days=r.randint(3, 15))
        out.append(f"<p>{DIAS[when.weekday()].capitalize()}, {when.day} {MESES[when.month - 1].capitalize()} "
                   f"{when.year} 12pm-2pm<br />\nLugar: {self._venue()}</p>")  # fmt: skip
        p = r.choice(self.site.staff)
        out.append(f"<p>Para más información: llame a {p.name} al {p.phone}</p>")
        return "\n".join(out)

    # -- chrome ----------------------------------------------------------------------------------------------------

    def _css(self, rules: int) -> str:
        r = self.rng
        lines = []
        for _ in range(rules):
            props = ";".join(
                p.format(a=r.randint(0, 40), b=r.randint(0, 40), c=r.choice((1.2, 1.4, 1.5, 1.625)), h=_hex(r),
                         w=r.randint(120, 960))
                for p in r.sample(CSS_PROPS, r.randint(3, 8))
            )  # fmt: skip
            lines.append(f"{r.choice(CSS_SELECTORS)}{r.choice(('', ' a', ':hover', ' li', ' p'))}{{{props}}}")
        return "\n".join(lines)

    def _js(self) -> str:
        r = self.rng
        funcs = []
        for i in range(r.randint(22, 32)):
            name = "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(1, 3)))
            funcs.append(
                f"function {name}{i}(e,t){{var n=e.getAttribute('data-{_hex(r, 4)}')||'{_hex(r, 12)}';"
                f"if(t&&t.length>{r.randint(1, 9)}){{for(var i=0;i<t.length;i++){{n+=t[i].id+'-{_hex(r, 6)}'}}}}"
                f"return document.getElementById('{_hex(r, 8)}')?n:null}}"
            )
        settings = json.dumps({"baseUrl": f"{ORIGIN}/{self.site.id}/wp-includes/", "ver": f"3.{r.randint(0, 9)}.1",
                               "nonce": _hex(r, 10), "ajaxurl": f"{ORIGIN}/{self.site.id}/wp-admin/admin-ajax.php"})  # fmt: skip
        return (
            f"/* <![CDATA[ */\nvar _siteSettings = {settings};\n"
            "var _gaq = _gaq || [];_gaq.push(['_setAccount', 'UA-" + str(r.randint(1000000, 9999999)) + "-1']);"
            "_gaq.push(['_trackPageview']);(function(){var ga=document.createElement('script');ga.type='text/javascript';"
            "ga.async=true;ga.src=('https:'==document.location.protocol?'https://ssl':'http://www')+'.google-analytics"
            ".com/ga.js';var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(ga,s);})();\n"
            + "\n".join(funcs)
            + "\n/* ]]> */"
        )

    def head(self, title: str, extra: str = "") -> str:
        s = self.site
        return (
            f'<!DOCTYPE html>\n<html dir="ltr" lang="{s.language}">\n<head>\n<meta charset="UTF-8" />\n'
            f'<meta name="viewport" content="width=device-width" />\n<title>{html.escape(title)} | '
            f"{html.escape(s.name)}</title>\n"
            f'<link rel="stylesheet" type="text/css" media="all" href="{self.url("style.css")}?ver=3.8.1" />\n'
            f'<link rel="pingback" href="{self.url("xmlrpc.php")}" />\n{extra}'
            f'<style type="text/css">\n{self.css}\n</style>\n<script type="text/javascript">\n{self.js}\n</script>\n'
            "</head>\n"
        )

    def menu(self) -> str:
        r = self.rng
        labels = ("Home", "About", "Our Work", "Press Room", "Events", "Take Action", "Resources", "Donate", "Contact")
        items = []
        for i, label in enumerate(labels):
            sub = "".join(
                f'<li class="menu-item menu-item-{900 + i * 10 + j}"><a href="{self.url(f"{_slug(label)}/{j}/")}">'
                f"{r.choice(TOPICS)[0].title()}</a></li>"
                for j in range(r.randint(0, 4))
            )
            items.append(
                f'<li id="menu-item-{40 + i}" class="menu-item menu-item-type-custom menu-item-{40 + i}">'
                f'<a href="{self.url(_slug(label) + "/")}">{label}</a>' + (f'<ul class="sub-menu">{sub}</ul>' if sub else "") + "</li>"
            )  # fmt: skip
        return f'<div class="menu-header"><ul id="menu-main-menu" class="menu">{"".join(items)}</ul></div>'

    def sidebar(self, recent: list[Item], day: date) -> str:
        r = self.rng
        s = self.site
        rec = "".join(f'<li><a href="{self.url(it.path)}">{html.escape(it.title)}</a></li>' for it in recent[:8])
        months = []
        d = date(day.year, day.month, 1)
        for _ in range(18):
            months.append(
                f'<li><a href="{self.url(f"{d.year}/{d.month:02d}/")}">{MONTHS[d.month - 1]} {d.year}</a></li>'
            )
            d = (d - timedelta(days=1)).replace(day=1)
        tags = "".join(
            f'<a href="{self.url("tag/" + _slug(t) + "/")}" class="tag-link-{i}" style="font-size: {r.randint(8, 22)}pt;">{t}</a> '
            for i, t in enumerate(TAGS)
        )  # fmt: skip
        office = s.staff[0]
        return (
            '<div id="primary" class="widget-area sidebar" role="complementary"><ul class="xoxo">'
            '<li id="search-2" class="widget-container widget_search"><form role="search" method="get" id="searchform" '
            f'action="{self.url("")}"><div><label class="screen-reader-text" for="s">Search for:</label>'
            '<input type="text" value="" name="s" id="s" /><input type="submit" id="searchsubmit" value="Search" />'
            "</div></form></li>"
            '<li id="recent-posts-2" class="widget-container widget_recent_entries"><h3 class="widget-title">Recent '
            f"Posts</h3><ul>{rec}</ul></li>"
            '<li id="signup" class="widget-container signup-box"><h3 class="widget-title">Stay Informed</h3>'
            "<p>Sign up for action alerts and our weekly news digest. We never share your address.</p>"
            f'<form action="{self.url("signup")}" method="post"><input type="email" name="email" size="20" />'
            '<input type="submit" value="Join" /></form></li>'
            '<li id="media" class="widget-container"><h3 class="widget-title">Media Inquiries</h3>'
            f"<p>Reporters: call {office.name} at {office.phone} or write press@{s.domain}.</p></li>"
            '<li id="archives-2" class="widget-container widget_archive"><h3 class="widget-title">Archives</h3>'
            f"<ul>{''.join(months)}</ul></li>"
            '<li id="tag_cloud-2" class="widget-container widget_tag_cloud"><h3 class="widget-title">Tags</h3>'
            f'<div class="tagcloud">{tags}</div></li></ul></div>'
        )

    def footer(self) -> str:
        s = self.site
        r = self.rng
        social = " ".join(
            f'<a href="https://{n}.example.com/{s.id}" class="social-{n}">{n.title()}</a>'
            for n in ("facebook", "twitter", "instagram", "youtube")
        )
        return (
            f'<div id="footer" role="contentinfo"><div id="colophon"><div id="site-info">'
            f"<p>{s.name} &middot; {r.randint(100, 9999)} Example Street, Suite {r.randint(100, 900)}, {s.city}, "
            f"{s.state} {r.randint(10000, 99999)} &middot; Tel. ({r.choice(AREA_CODES)}) 555-01{r.randint(0, 99):02d} "
            f'&middot; <a href="mailto:info@{s.domain}">info@{s.domain}</a></p>'
            f'<p class="social">{social}</p><p>&copy; {r.randint(1998, 2010)}–2024 {s.name}. Content licensed '
            'CC BY-NC-SA. <a href="privacy/">Privacy</a></p></div></div></div>'
        )

    def comments(self, day: date) -> str:
        r = self.rng
        out = []
        for i in range(r.randint(0, 4)):
            d = day + timedelta(days=r.randint(0, 9))
            out.append(
                f'<li class="comment" id="li-comment-{r.randint(1000, 9999)}"><div class="comment-author vcard">'
                f'<cite class="fn">{r.choice(FIRST)} {r.choice(LAST)[0]}.</cite> <span class="says">says:</span></div>'
                f'<div class="comment-meta commentmetadata">{_us_date(d)} at {r.randint(1, 12)}:{r.randint(10, 59)} pm'
                f'</div><div class="comment-body"><p>{self.fill(r.choice(NARRATIVE), r.choice(TOPICS), day)}</p></div></li>'
            )  # fmt: skip
            if i == 0:
                out.append(
                    '<li class="pingback"><p>Pingback: <a href="https://blog.example.net/">A reader</a></p></li>'
                )
        return (
            f'<div id="comments"><h3 id="comments-title">{len(out)} Responses</h3><ol class="commentlist">'
            f'{"".join(out)}</ol><div id="respond"><h3 id="reply-title">Leave a Reply</h3>'
            f'<form action="{self.url("wp-comments-post.php")}" method="post" id="commentform">'
            '<p class="comment-form-author"><label for="author">Name</label> <input id="author" name="author" /></p>'
            '<p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>'
            "</form></div></div>"
        )

    # -- WordPress -------------------------------------------------------------------------------------------------

    def wp_post(self, it: Item, single: bool) -> str:
        url = self.url(it.path)
        title = html.escape(it.title)
        if single:
            date_html = (
                f'<time class="entry-date" datetime="{it.day.isoformat()}T{it.hour:02d}:{it.minute:02d}:00">'
                f"{_us_date(it.day)}</time>"
            )
            heading = f'<h1 class="entry-title">{title}</h1>'
        else:
            date_html = f'<a href="{url}" rel="bookmark"><span class="entry-date">{_us_date(it.day)}</span></a>'
            heading = (
                f'<h1 class="entry-title"><a href="{url}" title="Permalink to {title}" rel="bookmark">{title}</a></h1>'
            )
        tags = ", ".join(
            f'<a href="{self.url("tag/" + _slug(t) + "/")}" rel="tag">{t}</a>' for t in self.rng.sample(TAGS, 3)
        )
        return (
            f'<article id="post-{it.number}" class="post-{it.number} post hentry category-news">\n{heading}\n'
            f'<div class="entry-meta"><span class="meta-prep meta-prep-author">Posted on</span> {date_html} '
            f'<span class="meta-sep">by</span> <span class="author vcard"><a class="url fn n" '
            f'href="{self.url("author/admin/")}">admin</a></span></div>\n'
            f'<div class="entry-content">\n{it.body}\n<div class="addthis_toolbox addthis_default_style">'
            '<a class="addthis_button_facebook_like"></a><a class="addthis_button_tweet"></a></div>\n</div>\n'
            f'<div class="entry-utility"><span class="cat-links">Posted in <a href="{self.url("category/news/")}" '
            f'rel="category tag">News</a></span> | <span class="tag-links">Tagged {tags}</span> | '
            f'<a href="{url}#respond">Leave a comment</a></div>\n</article>\n'
        )  # fmt: skip

    def wp_page(self, title: str, main: str, items: list[Item], day: date, body_class: str, extra: str = "") -> str:
        s = self.site
        return (
            self.head(title, extra)
            + f'<body class="{body_class}">\n<div id="wrapper" class="hfeed"><div id="header"><div id="masthead">'
            f'<div id="branding" role="banner"><h1 id="site-title"><span><a href="{self.url("")}" rel="home">'
            f'{s.name}</a></span></h1><div id="site-description">Working for {s.city} since {self.rng.randint(1980, 2008)}'
            f'</div></div><div id="access" role="navigation">{self.menu()}</div></div></div>\n'
            f'<div id="main"><div id="container"><div id="content" role="main">\n{main}\n</div></div>\n'
            f"{self.sidebar(items, day)}</div>\n{self.footer()}</div>\n</body>\n</html>\n"
        )  # fmt: skip

    def wordpress(self, items: list[Item]) -> None:
        for it in items:
            it.path = f"{it.day.year}/{it.day.month:02d}/{it.day.day:02d}/{it.slug}/"
        feed = f'<link rel="alternate" type="application/rss+xml" title="{self.site.name} &raquo; News Category Feed" href="{self.url("category/news/feed/")}" />\n'  # noqa: E501
        pages = math.ceil(len(items) / POSTS_PER_ARCHIVE_PAGE)
        for n in range(1, pages + 1):
            chunk = items[(n - 1) * POSTS_PER_ARCHIVE_PAGE : n * POSTS_PER_ARCHIVE_PAGE]
            nav = '<div id="nav-below" class="navigation">'
            if n < pages:
                nav += (f'<div class="nav-previous"><a href="{self.url(f"category/news/page/{n + 1}/")}">'
                        '<span class="meta-nav">&larr;</span> Older posts</a></div>')  # fmt: skip
            if n > 1:
                newer = "category/news/" if n == 2 else f"category/news/page/{n - 1}/"
                nav += f'<div class="nav-next"><a href="{self.url(newer)}">Newer posts <span class="meta-nav">&rarr;</span></a></div>'
            nav += "</div>"
            main = '<h1 class="page-title">Category Archives: <span>News</span></h1>\n'
            main += "".join(self.wp_post(it, single=False) for it in chunk) + nav
            rel = "category/news/index.html" if n == 1 else f"category/news/page/{n}/index.html"
            self.write(
                rel, self.wp_page("News", main, items, chunk[0].day, "archive category category-news", feed), "archive"
            )
        for i, it in enumerate(items):
            main = self.wp_post(it, single=True) + self.comments(it.day)
            others = items[max(0, i - 4) : i] + items[i + 1 : i + 5]
            self.write(
                it.path + "index.html", self.wp_page(it.title, main, others, it.day, "single single-post"), "single"
            )
        self.write("category/news/feed/index.xml", self.rss(items[:10], full=True))
        self.site.source_path = "category/news/"

    # -- Drupal ----------------------------------------------------------------------------------------------------

    def drupal_page(self, title: str, main: str, items: list[Item], day: date, body_class: str) -> str:
        s = self.site
        blocks = "".join(f'<li><a href="{self.url(it.path)}">{html.escape(it.title)}</a></li>' for it in items[:6])
        office = s.staff[0]
        return (
            self.head(title)
            + f'<body class="{body_class}">\n<div id="page"><div id="header"><div id="logo-title">'
            f'<a href="{self.url("")}" title="Home" rel="home" id="logo"><img src="{self.url("sites/default/files/logo.png")}" alt="Home" /></a>'
            f'<h1 id="site-name"><a href="{self.url("")}" rel="home"><span>{s.name}</span></a></h1></div>'
            f'<div id="search-box"><form action="{self.url("search/node")}" method="post"><input type="text" name="search_theme_form" />'
            '<input type="submit" value="Search" /></form></div></div>\n'
            f'<div id="navigation" class="menu withprimary">{self.menu()}</div>\n'
            f'<div id="main" class="clear-block"><div id="content"><div class="breadcrumb"><a href="{self.url("")}">Home</a></div>\n'
            f'<h1 class="title">{html.escape(title)}</h1>\n{main}\n</div>\n'
            f'<div id="sidebar-right" class="sidebar"><div class="block block-views"><h2>Recent Press</h2><div class="content"><ul>{blocks}</ul></div></div>'
            '<div class="block block-block"><h2>Stay Informed</h2><div class="content"><p>Sign up for our action alerts.</p>'
            f'<form action="{self.url("signup")}" method="post"><input type="text" name="email" size="20" /></form></div></div>'
            f'<div class="block block-block"><h2>Media Inquiries</h2><div class="content"><p>Reporters: call {office.name} at '
            f"{office.phone} or write press@{s.domain}.</p></div></div></div>\n"
            f"{self.sidebar(items, day)}</div>\n{self.footer()}</div>\n</body>\n</html>\n"
        )  # fmt: skip

    def drupal(self, items: list[Item]) -> None:
        for it in items:
            it.number = 100 + it.number * 3
            it.path = f"node/{it.number}"
        pages = math.ceil(len(items) / ROWS_PER_LISTING_PAGE)
        for n in range(1, pages + 1):
            chunk = items[(n - 1) * ROWS_PER_LISTING_PAGE : n * ROWS_PER_LISTING_PAGE]
            rows = "".join(
                f'<div class="views-row"><div class="views-field-created">{_us_date(it.day)}</div><h3><a href="{self.url(it.path)}">'
                f"{html.escape(it.title)}</a></h3><p>{html.escape(it.teaser)}</p></div>\n"
                for it in chunk
            )  # fmt: skip
            pager = ""
            if n < pages:
                pager = (f'<div class="item-list"><ul class="pager"><li class="pager-current">{n}</li><li class="pager-next">'
                         f'<a href="{self.url(f"newsroom/page/{n + 1}/")}" title="Go to next page">next ›</a></li></ul></div>')  # fmt: skip
            main = f'<div class="view view-press"><div class="view-content">\n{rows}</div>{pager}</div>'
            rel = "newsroom/index.html" if n == 1 else f"newsroom/page/{n}/index.html"
            self.write(rel, self.drupal_page("Press Room", main, items, chunk[0].day, "page-press"), "listing")
        for it in items:
            main = (f'<div id="node-{it.number}" class="node node-type-{"press_release" if it.kind == "press_release" else "story"}">'
                    f'<div class="field-date">{_long_date(it.day)}</div>\n<div class="content">\n{it.body}\n</div>'
                    f'<div class="links"><ul class="links inline"><li><a href="{self.url(f"print/{it.number}")}" rel="nofollow">'
                    "Printer-friendly version</a></li></ul></div></div>")  # fmt: skip
            body_class = f"not-front page-node node-type-{it.kind}"
            self.write(
                it.path + ".html", self.drupal_page(it.title, main, items, it.day, body_class), "release", f"/{it.path}"
            )
        self.site.source_path = "newsroom/"

    # -- static table sites (RSS of teasers, press listings) -------------------------------------------------------

    def static_page(self, title: str, main: str, items: list[Item], day: date) -> str:
        s = self.site
        spanish = s.language == "es"
        left = "columnaIzq" if spanish else "sidebar"
        recent = "".join(
            f'<p class="Estilo1"><a href="{self.url(it.path)}">{html.escape(it.title)}</a></p>' for it in items[:6]
        )
        menu = " |\n".join(
            f'<a href="{self.url(_slug(label) + ".html")}">{label}</a>'
            for label in (("Inicio", "Quiénes somos", "Comunicados", "Eventos", "Donar", "English") if spanish
                          else ("Home", "Who We Are", "Press", "Events", "Donate", "Español"))
        )  # fmt: skip
        office = s.staff[0]
        return (
            self.head(title)
            + f"<body onLoad=\"MM_preloadImages('{self.url('img/boton_on.gif')}')\">\n"
            '<table class="tablaPrincipal" align="center" cellpadding="0" cellspacing="0" border="0">\n'
            f'<tr><td colspan="2" class="encabezado"><h1>{s.name}</h1></td></tr>\n'
            f'<tr><td colspan="2" class="menuSup">\n{menu}\n</td></tr>\n<tr>\n<td class="{left}">\n'
            f'<p class="Estilo2">{"Suscríbase" if spanish else "Subscribe"}</p>'
            f'<form action="{self.url("cgi-bin/lista.pl")}" method="post"><input type="text" name="correo" size="18"><br>'
            '<input type="submit" value="OK"></form>\n'
            f'<p class="Estilo2">{"Últimos comunicados" if spanish else "Latest releases"}</p>\n{recent}\n'
            f'<p class="Estilo2">{"Línea de ayuda" if spanish else "Help line"}</p><p><b>{office.phone}</b></p>\n'
            f"{self.archive_links(day)}</td>\n<td class=\"contenido\">\n{main}\n</td>\n</tr>\n"
            f'<tr><td colspan="2" class="pie">{self.footer()}</td></tr>\n</table>\n</body>\n</html>\n'
        )  # fmt: skip

    def archive_links(self, day: date) -> str:
        """A table site's left-column archive: one link per month for three years."""
        spanish = self.site.language == "es"
        out = [f'<p class="Estilo2">{"Archivo" if spanish else "Archive"}</p>']
        d = date(day.year, day.month, 1)
        for _ in range(36):
            label = f"{MESES[d.month - 1]} {d.year}" if spanish else f"{MONTHS[d.month - 1]} {d.year}"
            out.append(
                f'<p class="Estilo1"><a href="{self.url(f"archivo/{d.year}-{d.month:02d}.html")}">{label}</a></p>'
            )
            d = (d - timedelta(days=1)).replace(day=1)
        return "\n".join(out)

    def static_release(self, it: Item, items: list[Item]) -> str:
        spanish = self.site.language == "es"
        when = _es_date(it.day) if spanish else _long_date(it.day)
        main = f'<p class="fechaComunicado">{when}</p>\n<p class="titularComunicado">{html.escape(it.title)}</p>\n{it.body}'
        return self.static_page(it.title, main, items, it.day)

    def rss(self, items: list[Item], full: bool = False) -> str:
        out = []
        for it in items:
            pub = ""
            if full or self.rng.random() < 0.9:
                d = it.day
                pub = f"<pubDate>{DAYS[d.weekday()][:3]}, {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year} {it.hour:02d}:{it.minute:02d}:00 +0000</pubDate>"  # noqa: E501
            content = f"<content:encoded><![CDATA[{it.body}]]></content:encoded>" if full else ""
            out.append(
                f"<item><title>{html.escape(it.title)}</title><link>{self.url(it.path)}</link>"
                f"<description>{html.escape(it.teaser)}</description>{content}{pub}"
                f'<guid isPermaLink="false">?p={it.number}</guid></item>'
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/'
            f'content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>{html.escape(self.site.name)}</title>'
            f"<link>{self.url('')}</link><description>News from {html.escape(self.site.name)}</description>"
            f"<language>{self.site.language}</language>\n" + "\n".join(out) + "\n</channel></rss>\n"
        )

    def rss_site(self, items: list[Item]) -> None:
        for it in items:
            it.path = f"news/{it.day.year}/{it.day.month:02d}/{it.slug}.html"
        self.write("feed.xml", self.rss(items))
        for it in items:
            self.write(it.path, self.static_release(it, items), "release")
        self.site.source_path = "feed.xml"

    def press(self, items: list[Item]) -> None:
        spanish = self.site.language == "es"
        for it in items:
            it.path = f"press/{it.day.year}/{it.slug}.html"
        pages = math.ceil(len(items) / ROWS_PER_LISTING_PAGE)
        more = "Leer más »" if spanish else "Read More »"
        for n in range(1, pages + 1):
            chunk = items[(n - 1) * ROWS_PER_LISTING_PAGE : n * ROWS_PER_LISTING_PAGE]
            rows = "".join(
                f'<div class="avance"><span class="fechaComunicado">{it.day:%m/%d/%y}</span> | {html.escape(it.teaser)} | '
                f'<a href="{self.url(it.path)}">{more}</a></div>\n'
                for it in chunk
            )  # fmt: skip
            pager = ""
            if n < pages:
                label = "Comunicados anteriores" if spanish else "Older releases"
                pager = f'<p class="paginas"><a href="{self.url(f"press/page/{n + 1}/")}">{label} »</a></p>'
            intro = "Comunicados de prensa" if spanish else "Press releases"
            main = f'<p class="Estilo3">{intro}</p>\n{rows}{pager}'
            rel = "press/index.html" if n == 1 else f"press/page/{n}/index.html"
            self.write(rel, self.static_page(intro, main, items, chunk[0].day), "listing")
        for it in items:
            self.write(it.path, self.static_release(it, items), "release")
        self.site.source_path = "press/"


# -- the corpus ----------------------------------------------------------------------------------------------------


def make_site(rng: random.Random, index: int, shape: str) -> Site:
    """A partner site with its own name, city, zone and staff."""
    city, state, zone, word = CITIES[index % len(CITIES)]
    spanish = shape == "press" and index % 8 == 3
    if spanish:
        name = ES_ORGS[index % len(ES_ORGS)]
    else:
        name = ORG_FORMS[index % len(ORG_FORMS)].format(p=PLACES[index % len(PLACES)], x=rng.choice(ORG_CAUSES))
    sid = f"site-{index:03d}"
    site = Site(sid, name, shape, zone, "es" if spanish else "en", city, state, word, f"{_slug(name)[:24]}.example.org")
    return site


def pages_for(shape: str, releases: int) -> int:
    """How many pages (robots.txt aside) a crawl of one site of this shape fetches."""
    if shape == "wordpress":
        return math.ceil(releases / POSTS_PER_ARCHIVE_PAGE)
    if shape == "rss":
        return releases + 1
    return releases + math.ceil(releases / ROWS_PER_LISTING_PAGE)


def releases_for_pages(sites: int, pages: int) -> int:
    """Releases per site that make a crawl of `sites` rotated-shape sites fetch about `pages` pages."""
    per = 1
    while sum(pages_for(SHAPES[i % len(SHAPES)], per) for i in range(sites)) + sites < pages:
        per += 1
    return per


def generate(root: Path, sites: int, releases: int, seed: int = 1) -> dict:
    """Write the corpus under `root` and return its manifest (also written to root/manifest.json)."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /*/wp-admin/\nDisallow: /*/cgi-bin/\nAllow: /\n")
    manifest: dict = {"seed": seed, "sites": [], "pages": []}
    for index in range(sites):
        site = make_site(rng, index, SHAPES[index % len(SHAPES)])
        writer = Writer(random.Random(rng.random()), site, root)
        site.staff = [writer.person() for _ in range(4)]
        newest = date(2024, 6, 28) - timedelta(days=rng.randint(0, 60))
        items = []
        day = newest
        for number in range(releases):
            items.append(writer.item(releases - number, day))
            day -= timedelta(days=writer.rng.randint(1, 6))
        {"wordpress": writer.wordpress, "drupal": writer.drupal, "rss": writer.rss_site, "press": writer.press}[
            site.shape
        ](items)
        info = asdict(site)
        info.pop("staff")
        manifest["sites"].append(info)
        manifest["pages"] += [asdict(p) for p in writer.pages]
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    (root / "pressroom.toml").write_text(config_text(manifest, {s["id"]: ORIGIN for s in manifest["sites"]}))
    return manifest


def config_text(manifest: dict, origins: dict[str, str], **crawl: object) -> str:
    """A pressroom.toml for the corpus; each source at its own origin. `crawl` overrides the benchmark's [crawl]."""
    settings: dict[str, object] = {
        # Politeness off, for loopback only: no AutoThrottle, no delay, generous concurrency, no budgets in the way.
        "autothrottle": False,
        "download_delay": 0,
        "concurrent_requests_per_domain": 8,
        "parallel_sources": 16,
        "allow_private": True,
        "obey_robots": True,
        "page_budget": 100_000,
        "depth_limit": 10_000,
        "time_budget": 0,
        "retry_times": 1,
        **crawl,
    }
    lines = [
        "[newsroom]",
        'title = "Benchmark Coalition Newsroom"',
        'base_url = "https://news.example.org/"',
        'language = "en"',
        'timezone = "America/New_York"',
        "",
        "[crawl]",
    ]
    lines += [f"{k} = {json.dumps(v) if not isinstance(v, bool) else str(v).lower()}" for k, v in settings.items()]
    for site in manifest["sites"]:
        lines += [
            "",
            "[[sources]]",
            f'id = "{site["id"]}"',
            f"name = {json.dumps(site['name'], ensure_ascii=False)}",
            f'url = "{origins[site["id"]]}/{site["id"]}/{site["source_path"]}"',
            f'timezone = "{site["timezone"]}"',
            f'language = "{site["language"]}"',
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Command line: generate a corpus, optionally serve it on 127.0.0.1."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--releases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help="serve the corpus on 127.0.0.1 until interrupted")
    args = parser.parse_args()
    manifest = generate(args.out, args.sites, args.releases, args.seed)
    sizes = [(args.out / p["path"]).stat().st_size for p in manifest["pages"]]
    print(f"{len(manifest['sites'])} sites, {len(sizes)} HTML pages, mean {sum(sizes) / len(sizes) / 1024:.1f} KB")
    if args.serve:
        import time

        from pressroom.sampleserver import SampleServer

        with SampleServer(args.out) as server:
            (args.out / "pressroom.served.toml").write_text(
                config_text(manifest, {s["id"]: server.origin for s in manifest["sites"]})
            )
            print(f"serving on {server.origin}; config: {args.out / 'pressroom.served.toml'}")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass


if __name__ == "__main__":
    main()
