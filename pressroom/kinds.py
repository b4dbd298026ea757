"""Which kind of item a release is (the partner guide's "Kinds of item"): from what its text says, then its shape."""

from __future__ import annotations

import re

from pressroom.normalise.contacts import LABELS as CONTACT_LABELS
from pressroom.normalise.text import Block, folded

ADVISORY = re.compile(
    r"\b(?:media|news|press)\s+advisory\b|\baviso\s+(?:de\s+prensa|a\s+los\s+medios)\b|\bphoto\s+op", re.I
)
# A title that opens with the kind alone, "Advisory: tele-press call on …", names a media advisory too.
ADVISORY_TITLE = re.compile(r"^\s*(?:advisory|aviso)\s*[:–—-]", re.I)
STATEMENT_TITLE = re.compile(r"\bstatement\b|\bdeclaraci[oó]n\b|\bcomunicado\s+conjunto\b", re.I)
STATEMENT_BODY = re.compile(
    r"\bjoint\s+statement\b|\binitial\s+sponsors\b|\bdeclaraci[oó]n\s+conjunta\b|"
    # "Signed by:" heading the list of signers, or a statement "signed by" organisations. In narrative, "a letter
    # signed by 1,700 workers" or "the order signed by the Governor" is something the release reports on.
    r"(?m:^\s*(?:signed\s+by|firmad[oa]s?\s+por)\b)|\bstatement\s+(?:is\s+|was\s+)?signed\s+by\b|"
    # "… issued the following statement in response to …": the post is the statement it introduces.
    r"\b(?:issued|released)\s+the\s+following\s+(?:joint\s+)?statement\b|"
    r"\b(?:emiti[oó]|emitieron|public[oó])\s+la\s+siguiente\s+declaraci[oó]n\b|"
    # "The following statements may be attributed to:", "Statement attributable to …": the text is given out as the
    # words of those named, where "The following statements were released today:" reports them in a release.
    r"\bstatements?\s+(?:may|can|should)\s+be\s+attributed\s+to\b|\bstatements?\s+attributable\s+to\b|"
    r"\bdeclaraci[oó]n(?:es)?\s+(?:puede|pueden)\s+(?:ser\s+)?atribuid[ao]s?\s+a\b",
    re.I,
)
# Every STATEMENT_BODY cue holds one of these words: the regex, slow over a long text, runs only when one is there.
STATEMENT_WORDS = ("statement", "sponsors", "declaraci", "signed", "firmad", "siguiente")
# A narrower test of the same kind, on the `folded` text and without IGNORECASE (a quick scan): every STATEMENT_BODY
# cue holds one of these, where "statement" and "signed" alone turn up in passing in most long releases.
_STATEMENT_CUES = re.compile(r"joint|sponsors|conjunta|signed\s+by|firmad|following|siguiente|attribut|atribuid")
# Every ADVISORY and every PRESS_RELEASE match holds one of these words (lower case, in the `folded` text).
_ADVISORY_WORDS = ("advisory", "aviso", "photo")
_PRESS_RELEASE_WORDS = ("release", "comunicado", "inmediata")
# A kind label on a line of its own above the text ("STATEMENT", "Joint Statement:", "Declaración").
STATEMENT_LABEL = re.compile(
    r"(?:joint\s+|public\s+)?statement|declaraci[oó]n(?:\s+conjunta|\s+p[uú]blica)?|comunicado\s+conjunto", re.I
)
# CMS content types and categories a post is filed under: "category-statements", "node-type-statement".
STATEMENT_CLASS = re.compile(r"(?:node-type-|node-|category-)(?:joint-)?statements?\b")
PRESS_RELEASE = re.compile(
    r"\bfor\s+immediate\s+release\b|\b(?:press|news)\s+release\b|\bcomunicado\s+de\s+prensa\b|"
    r"\bpara\s+(?:publicaci[oó]n|difusi[oó]n)\s+inmediata\b",
    re.I,
)
# CMS content types and categories: Drupal "node-type-press-release", WordPress "category-press-releases".
PRESS_CLASS = re.compile(r"(?:node-type-|node-|category-)press-releases?\b|\bpress_release\b")
# A title that names released documents as its subject: "FOIA Documents on …", "Factsheets: …", "New Report: …",
# "Materials from the … Meeting", "Letter Template: …", "Volante: …". A report or survey counts only as a label
# ("New Report: …"): "Report Finds One in Five …" announces a finding, which is a press release.
DOC_TITLE = re.compile(
    r"\b(?:foia|documents?|records|materials|fact\s?sheets?|flyers?|templates?|toolkits?|"
    r"documentos|materiales|volantes?|hojas?\s+informativas?)\b|"
    r"\b(?:new\s+|nuevo\s+)?(?:report|study|survey|informe|estudio)\s*:|^\s*(?:released|now\s+available)\s*:",
    re.I,
)
# The press contact a release ends or opens with: "Contact: …", "Media contacts: …", "For more information, contact …".
PRESS_CONTACT = re.compile(
    r"^(?:(?:press|media)\s+)?contacts?\s*:|^for\s+(?:more|further)\s+information,?\s+(?:please\s+)?contact\b|"
    r"^contactos?(?:\s+de\s+prensa|\s+para\s+(?:los\s+)?medios)?\s*:|^para\s+m[aá]s\s+informaci[oó]n\b",
    re.I,
)
DOCUMENTS = re.compile(
    r"\bdownload|\bdocuments?\b|\bfoia\b|\bfact\s?sheets?\b|\bmaterials\b|\breport\b|\bdescarg", re.I
)


def kind(
    title: str,
    body: list[Block],
    text: str,
    events: int,
    files: int,
    classes: str = "",
    dateline: bool = False,
    listed: bool = True,
    quotes: int = 0,
) -> str:
    """The kind of item (the partner guide's "Kinds of item"): what the text says first, then its shape."""
    head = title + " " + " ".join(b.text for b in body[:4])
    # Cues sit at the top ("Joint statement") or the bottom ("Initial Sponsors:"); the middle is narrative.
    text = text if len(text) <= 8000 else text[:5000] + "\n" + text[-3000:]
    head_words = folded(head)
    if (_holds(head_words, _ADVISORY_WORDS) and ADVISORY.search(head)) or ADVISORY_TITLE.match(title):
        return "media_advisory"
    if (
        STATEMENT_TITLE.search(title)
        or (_statement_cue(folded(text)) and STATEMENT_BODY.search(text))
        or any(STATEMENT_LABEL.fullmatch(b.text.strip(" :.")) for b in body[:4])
    ):
        return "statement"
    if files and DOC_TITLE.search(title):
        # A document release is a press release about the documents it attaches: the more specific kind wins,
        # even under a "For Immediate Release" line.
        return "document_release"
    if _holds(head_words, _PRESS_RELEASE_WORDS) and PRESS_RELEASE.search(head):
        return "press_release"
    if events and not (dateline and (events == 1 or not listed or quotes >= 2) and _press_contact(body)):
        # A post built around its events is a listing; a release in the press form (dateline, press contact) that
        # also times its one send-off or rally, or tells its events only in its narrative sentences (`listed` says
        # some block is given over to an event: a labelled entry, a list item, a table row), stays a press release.
        # So does one that quotes two or more voices around its list: a listing carries at most an organiser's line.
        return "event_listing"
    if STATEMENT_CLASS.search(classes):
        return "statement"
    if PRESS_CLASS.search(classes):
        return "press_release"  # the CMS content type is weaker than what the text says it is
    if dateline and _press_contact(body):
        # A release's form without its "For Immediate Release" line: the guide's press releases open with a
        # dateline ("NEW ORLEANS—Leaders …") and name a contact for the press; a blog post or article has neither.
        return "press_release"
    if files and DOCUMENTS.search(title + " " + text):
        return "document_release"
    return "article"


def _statement_cue(words: str) -> bool:
    """Whether the `folded` text holds what every STATEMENT_BODY cue holds: a cheap test before that costly regex."""
    return _holds(words, STATEMENT_WORDS) and bool(_STATEMENT_CUES.search(words))


def _holds(words: str, wanted: tuple[str, ...]) -> bool:
    """Whether the `folded` text `words` holds any of `wanted`."""
    return any(word in words for word in wanted)


def _press_contact(body: list[Block]) -> bool:
    """A line naming the contact for the press ("Contact:", "Media contacts:", "For more information, contact …")."""
    return any(PRESS_CONTACT.match(line) or _opening_label(line) for b in body for line in b.lines)


def _opening_label(line: str) -> bool:
    """A line opening with a press label the contacts read ("Press:", "Media:", "Medios / Media:")."""
    match = CONTACT_LABELS.match(line)
    return bool(match and match["opening"])
