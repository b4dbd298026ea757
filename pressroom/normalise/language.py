"""Cheap language identification for English and Spanish partner posts: stopword counts, no models."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúñü]+")
STOPWORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "in",
            "is",
            "for",
            "that",
            "on",
            "with",
            "are",
            "at",
            "this",
            "by",
            "from",
            "we",
            "our",
            "will",
            "be",
            "it",
            "as",
            "have",
            "has",
            "their",
            "they",
            "not",
            "you",
            "your",
            "was",
            "were",
            "an",
            "or",
            "which",
            "who",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "del",
            "y",
            "que",
            "en",
            "por",
            "para",
            "con",
            "una",
            "es",
            "se",
            "su",
            "sus",
            "al",
            "como",
            "más",
            "nuestra",
            "nuestro",
            "nuestros",
            "pero",
            "este",
            "esta",
            "son",
            "fue",
            "ha",
            "han",
            "lo",
            "le",
            "también",
            "hoy",
        ]
    ),
}


def scores(text: str) -> dict[str, int]:
    """How many stopwords of each language `text` holds."""
    words = _WORD.findall(text.lower())
    return {lang: sum(1 for word in words if word in stop) for lang, stop in STOPWORDS.items()}


def detect(text: str, default: str | None = None, minimum: int = 5) -> str | None:
    """'en' or 'es' by the larger stopword count (a bilingual post takes its main language); `default` if unsure."""
    counts = scores(text[:8000])  # the opening paragraphs decide; long bodies add nothing but time
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (lang, best), (_, second) = ranked[0], ranked[1]
    if best < minimum:
        return default
    if second >= 0.25 * (best + second):  # Spanish packs more stopwords per sentence than English
        # Bilingual: the same text twice, the main language told first. Short opening paragraphs ("Join us for a
        # free fair with …", then WHEN/WHERE lines) count together: the first language to say enough leads.
        totals = dict.fromkeys(counts, 0)
        for paragraph in text.split("\n\n"):
            for lang_, count in scores(paragraph).items():
                totals[lang_] += count
            top, count = max(totals.items(), key=lambda item: item[1])
            if count >= minimum:
                return top
    return lang
