"""Property-based checks of cleanse's promise: article body text is never dropped.

Every cleaner, built-in or third-party, must keep these properties, checked on
generated articles with generated noise around them:

1. every body paragraph is in the output, unchanged apart from whitespace (and
   a dateline removed from the front of the first paragraph), and in order;
2. the output plus the removal log give back the whole input (:func:`reconstruct`);
3. generated noise of the kinds a cleaner targets is removed (a high rate, per kind);
4. cleaning is idempotent: cleaning the output again changes nothing;
5. no input (arbitrary Unicode, control characters, huge or empty strings) makes
   a cleaner raise, propose invalid edits or hang.

A plugin proves all of it in one call::

    from cleanse.testing import check_cleaner

    def test_my_cleaner_keeps_the_body():
        check_cleaner(MyCleaner())

The strategies (:func:`articles`, :func:`noise`, :func:`documents`,
:func:`hostile_texts`) and the assertions (:func:`assert_body_kept`,
:func:`assert_accounted`, :func:`assert_idempotent`,
:func:`assert_never_raises`) are public, for finer-grained tests.

Body and noise are decided by the generator. The body deliberately includes
paragraphs that *look* like noise but are prose (``By the end of the week,
...``, ``Credit Suisse said ...``, ``Reporting by local media suggested ...``,
a sentence with ``4 hrs ago`` inside it, all-capital subheadings, agency names
in brackets, parenthesised asides): a rule that drops them is a bug.

This module needs hypothesis (``pip install 'cleanse[test]'``); nothing else in
cleanse imports it.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

try:
    import hypothesis
    from hypothesis import Phase, given, note, settings
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("cleanse.testing needs hypothesis: pip install 'cleanse[test]'") from exc

from cleanse.cleaner import Cleaner
from cleanse.config import Config
from cleanse.model import Document, Removal
from cleanse.pipeline import DocumentError, EditError, Pipeline, replay

__all__ = [
    "NOISE_KINDS",
    "Article",
    "GeneratedDocument",
    "Noise",
    "NoiseStats",
    "StrictRunner",
    "articles",
    "assert_accounted",
    "assert_body_kept",
    "assert_idempotent",
    "assert_never_raises",
    "body_paragraphs",
    "check_cleaner",
    "check_document",
    "documents",
    "hostile_texts",
    "huge_inputs",
    "noise",
    "normalize",
    "output_paragraphs",
    "reconstruct",
]

#: The kinds of noise the built-in cleaners target, in the order they occur on a page.
NOISE_KINDS: tuple[str, ...] = ("title", "caption", "byline", "dateline", "credit", "feed", "whitespace")

Target: TypeAlias = "Cleaner | Sequence[Cleaner] | Pipeline | StrictRunner"

# ---------------------------------------------------------------------------
# Vocabulary. Slots in braces are filled by drawing from _SLOTS (recursively);
# a capitalised slot name ({Clause}) capitalises the value, {PLACE} upper-cases it.

_FIRST = (
    "Jane", "Hyonhee", "Josh", "Guy", "Lidia", "Michelle", "Gerry", "Taejun", "Ana", "José",
    "Li", "Mary-Kate", "Siobhan", "Ahmed", "Olga", "Kwame", "Priya", "Tomás", "Yuki", "Gareth",
)  # fmt: skip
_LAST = (
    "Roe", "Shin", "Smith", "Faulconbridge", "Kelly", "Nichols", "Doyle", "Kang", "O'Neill", "García",
    "Wei", "Nguyen", "Al-Masri", "Ivanova", "Mensah", "Sharma", "de la Cruz", "Tanaka", "Müller", "Jones",
)  # fmt: skip
_PLACES = (
    "Seoul", "Moscow", "Pyongyang", "Washington", "London", "Paris", "Beijing", "Tokyo", "Kyiv",
    "Nairobi", "Lima", "Jakarta", "São Paulo", "New Delhi", "Berlin", "New York", "Mexico City",
)  # fmt: skip
_COUNTRIES = ("South Korea", "Russia", "Ukraine", "Japan", "Kenya", "Peru", "Brazil", "India", "Germany")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ORGS = (
    "the central bank", "the finance ministry", "the city council", "the electoral commission",
    "the World Health Organization", "the International Monetary Fund", "the port authority",
)  # fmt: skip
_AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "Yonhap", "CTN News", "Bloomberg", "dpa", "UPI", "ANI")
_OUTLETS = (
    ("Radio Free Asia", "RFA"), ("Voice of America", "VOA"), ("Global Voices", "GV"),
    ("The Conversation", "TC"), ("Radio Free", "RF"),
)  # fmt: skip

_CLAUSES = (
    "the two countries would sign a partnership agreement during the visit",
    "talks on a new trade deal would resume next month",
    "prices had risen by {n}% over the past year",
    "{n} people had been evacuated from the area",
    "the bridge would reopen to traffic in {month}",
    "the vote had been postponed until {month}",
    "no decision had been taken on the request",
    "the budget would be cut for the third year in a row",
    "the plant had resumed production after a two-week halt",
    "the ceasefire was holding despite sporadic shelling near {place}",
    "the new rules would apply to all banks from {month}",
    "investigators were still trying to establish the cause of the fire",
    "the company planned to hire {n} workers at its new factory",
    "turnout was the highest since {year}",
    "the deal would not be directed against any other country",
)
_SUBJECTS = (
    "The ministry", "Officials in {place}", "{name}", "The central bank", "A spokesperson for {org}",
    "Prosecutors", "Local residents", "Analysts", "The company", "Police in {place}",
)  # fmt: skip
_SOURCES = (
    "officials said", "the ministry said in a statement", "{name} told reporters",
    "a spokesperson said", "according to {org}", "police said",
)  # fmt: skip
_SENTENCES = (
    "{subject} said on {day} that {clause}.",
    "{Clause}, {source}.",
    "In a statement on {day}, {org} said {clause}.",
    "Since {year}, {clause}, {source}.",
    "{name}, a spokesperson for {org}, said {clause}.",
    "Speaking in {place} on {day}, {name} said {clause}.",
)

#: Body sentences that look like noise, by what they look like. A careful rule keeps every one.
LOOKALIKES: dict[str, tuple[str, ...]] = {
    "by": (
        "By the end of the week, {clause}.",
        "By contrast, {clause}, {source}.",
        "By {year}, the government aims to cut emissions by {n}%.",
        "By {day} evening, the fire had been contained, {source}.",
        "By law, the results must be published within {n} days.",
        "By {day}, {name} and {name2} had both resigned.",
    ),
    "credit": (
        "Credit Suisse said on {day} it would cut {n} jobs in {place}.",
        "Credit card spending rose {n}% in {month}, {source}.",
        "Credit for the rescue belongs to local fishermen, the mayor of {place} said.",
    ),
    "photo": (
        "Photographs released by state media showed {name} inspecting the site.",
        "Photo identification will be required at polling stations from {year}.",
        "File photos of the ship were shown to the court on {day}, lawyers said.",
    ),
    "reporting": (
        "Reporting by local media suggested that {clause}.",
        "Reporting by the Financial Times showed that {clause}.",
        "Additional reporting requirements for banks take effect in {month}, the regulator said.",
    ),
    "edited": (
        "Edited footage of the meeting was broadcast on state television on {day}.",
        "Edited by a team of volunteers, the archive now holds {n} letters from the war.",
        "Written by hand, the letter was delivered to the embassy in {place} on {day}.",
        "Editing by hand took months, {name} said.",
    ),
    "dateline": (
        "NATO — the alliance founded in 1949 — will meet in {place} on {day}.",
        "UN (United Nations) officials said {clause}.",
        "{place} - a city of {n} million people - was quiet on {day}.",
    ),
    "footer": (
        "{name} is the newspaper's editor, the board said on {day}.",
        "Copyright infringement claims rose {n}% in {year}, the patent office said.",
    ),
    "prompt": (
        "Follow-up talks are planned for {month}, officials said.",
        "Sign-ups for the programme doubled in {month}, the ministry said.",
        "Subscribers to the state newspaper fell by a third last year.",
    ),
    "related": ("Related charges against {name} were dropped in {year}, court records show.",),
    "comments": (
        "Comments by the foreign minister on {day} drew a sharp response from {place}.",
        "The {n} comments he made on {day} were widely shared.",
    ),
    "share": (
        "Share prices in {place} fell {n}% after the announcement.",
        "Shares of Samsung Electronics rose {n}% in early trading on {day}.",
    ),
    "advertisement": (
        "Advertisement revenue at the broadcaster fell by a fifth last year, its annual report showed.",
        "Advertisements for the concert appeared across {place} on {day}.",
    ),
    "capitals": (
        "Protesters carried banners reading STOP THE WAR and OTHER NEWS IS FAKE NEWS outside the embassy.",
        "Officials at the IAEA and the WHO said {clause}.",
        "The slogan MORE NEWS, LESS NOISE was painted on the newsroom wall in {year}.",
    ),
    "ago": (
        "Rescuers reached the village about 4 hrs ago, a spokesperson said at noon on {day}.",
        "The last train left {place} {n} hours ago, and no more are expected before {day}, the operator said.",
    ),
    "agency": (
        "Thomson Reuters (TRI.TO) shares rose {n}% on {day}.",
        "The ministry told The Associated Press (AP) that {clause}.",
        "A spokesperson for Agence France-Presse (AFP) declined to comment on the report.",
        "The image, distributed by KCNA via Reuters, could not be independently verified.",
    ),
    "aside": (
        "(The figures do not include {place}, where counting continues.)",
        "(Additional figures from the census bureau are due on {day}.)",
        "The plan (first proposed in {year}) was shelved after the election.",
    ),
    "quote": (
        '"By the time we arrived, the water had reached the roofs," {name} said.',
        "“Share the burden, not the blame,” {name} told reporters in {place}.",
    ),
    "this": ("This post was created in {year} to coordinate aid deliveries, the minister said.",),
}
_QUOTES = (
    '"We will not back down," {name} told reporters in {place}.',
    "“{Clause},” {name} said.",
    '"{Clause}."',
)
_SHORT = (
    "He declined to comment.",
    "No one was hurt.",
    "Talks resume on Monday.",
    "Shares fell.",
    "Both sides deny it.",
    "The vote passed.",
    "It did not say why.",
    "Moscow and Pyongyang have denied arms transfers.",
)
_SUBHEADINGS = (
    "Accusations of Arms Deals",
    "PARTNERSHIP AGREEMENT",
    "What happens next?",
    "Putin 'desperate', US says",
    "A long history",
    "ECONOMIC TIES",
    "Reaction in {place}",
)
_FOREIGN = (
    "Von Montag an gelten in Berlin neue Regeln für den Nahverkehr, teilte der Senat mit.",
    "Par ailleurs, le gouvernement a annoncé une hausse du budget de la défense.",
    "Por la tarde, miles de personas se reunieron frente al Congreso en Madrid.",
    "По словам министра, переговоры продолжатся в среду.",
    "북한은 이번 방문을 앞두고 대규모 열병식을 준비하는 것으로 보인다.",
    "政府は月曜日、新たな経済対策を発表した。",
    "外交部发言人在周二的例行记者会上回答了记者提问。",
    "قال المتحدث باسم الوزارة إن المحادثات ستستمر يوم الأربعاء.",
    "Segundo a polícia, ninguém ficou ferido no incêndio.",
    "Foto's van de ramp werden dinsdag door de politie vrijgegeven.",
    "Reuters'a konuşan yetkili, görüşmelerin sürdüğünü söyledi.",
)
_LIST_INTROS = ("The agreement includes:", "Key points:", "Officials listed three priorities:")
_LIST_ITEMS = (
    "a partnership on security",
    "new rules for banks from {month}",
    "By {year}, all new buses must be electric",
    "Credit lines for small firms",
    "Share prices fell {n}% on the news",
    "talks resume in {place} on {day}",
    "Photo radar on motorways",
)
_LIST_MARKERS = ("- ", "• ", "* ", "{i}. ")

# Noise vocabulary.
_HEADLINES = (
    "Supreme Court overturns ex-mayor's bribery conviction, narrowing scope of public corruption law",
    "Woman restoring sewing machines for African colleges",
    "'Local legend' vicar faces losing home of 20 years",
    "Which draft prospects fit the needs of each lottery team?",
    "I'm a Retirement Planner: 4 Best Reasons to Take Social Security Early",
    "The Center Must Hold",
    "Mark Rutte, dealmaker and Putin critic, confirmed as next NATO leader",
    "{Actor} {verb} {object}",
    "{Actor} {verb} {object}",
    "{Actor} {verb} {object} in {place}",
)
_ACTORS = ("Central bank", "Prime minister", "Police", "Union leaders", "Court", "Lawmakers", "{place} mayor")
_VERBS = ("holds rates as", "vows to fight", "warns over", "approves", "rejects", "faces", "calls for", "probes")
_OBJECTS = (
    "inflation",
    "corruption",
    "new tax on fuel",
    "flood defences",
    "climate plan",
    "early election",
    "rail strike",
)
_FEED_HEADINGS = (
    "OTHER NEWS",
    "MORE NEWS",
    "RELATED NEWS",
    "LATEST NEWS",
    "MORE STORIES",
    "Related Stories",
    "Most Read",
)
_STAMPS = ("{n} hrs ago", "1 hr ago", "{n} mins ago", "{n} hours ago", "{n} minutes ago", "{n} days ago", "{n}h ago")
_CAPTION_SUBJECTS = (
    "Russia's President Vladimir Putin and North Korea's leader Kim Jong Un visit",
    "Rescue workers search the rubble of",
    "Supporters of the opposition gather outside",
    "A woman walks past",
    "Firefighters work at",
    "Prime Minister {name} speaks at",
)
_CAPTION_OBJECTS = (
    "the Vostochny Cosmodrome in the far eastern Amur region, {country}",
    "a damaged residential building in {place}, {country}",
    "the parliament building in {place}",
    "a polling station in {place}, {country}",
)
_CAPTION_DATES = ("{month} {d}, {year}", "in {month} {year}", "on {day}")
_PHOTO_CREDITS = (
    "Sputnik/{name}/Kremlin via REUTERS",
    "KCNA via REUTERS",
    "REUTERS/{name}",
    "{name}/AFP via Getty Images",
    "{name}/Getty Images",
    "Yonhap via REUTERS",
)
_CAPTIONS = {
    "credit-semicolon": "{caption}, {date}; Credit: {credit}",
    "file-photo": "FILE PHOTO: {caption}, {date}. {credit}/File Photo",
    "reuters-slash": "{caption}, {date}. REUTERS/{name}",
    "ap-photo": "{caption}, {date}. (AP Photo/{name})",
    "photo-by": "{caption}, {date}. (Photo by {name}/AFP via Getty Images)",
    "photo-suffix": "{caption}, {date}. Photo: {credit}",
}
_BYLINES = {
    "one": "By {name}",
    "two": "By {name} and {name2}",
    "three": "By {name}, {name2} and {name3}",
    "oxford": "By {name}, {name2}, and {name3}",
    "upper": "BY {NAME}",
    "agency": "By {name}, {agency}",
    "outlet": "By {name} | {outlet}",
    "written": "Written by {name}",
}
_CREDITS = {
    "reporting-block": "(Reporting by {name} and {name2} in {place}; Additional reporting by {name3} in {place2}; "
    "Editing by {name4} and {name5})",
    "reporting-editing": "(Reporting by {name}; Editing by {name2})",
    "writing": "(Reporting by {name}; Writing by {name2}; Editing by {name3})",
    "bare": "Reporting by {name}; Editing by {name2}",
    "edited-staff": "Edited by {abbr} Staff.",
    "edited-name": "Edited by {name}.",
    "authored": "This content originally appeared on {outlet} and was authored by By {name} for {abbr}.",
    "published": "This post was originally published on {outlet}.",
    "article-published": "This article was originally published on {outlet}.",
    "additional": "Additional reporting by {name} and {name2}.",
}
_DATELINES = {
    "agency": "{PLACE} ({agency}) {dash} ",
    "two-places": "{PLACE}/{PLACE2} ({agency}) {dash} ",
    "date-agency": "{PLACE}, {month} {d} ({agency}) {dash} ",
    "country-agency": "{PLACE}, {country} ({agency}) {dash} ",
    "iso-date": " date {iso} ({agency}) {dash} ",
    "place-only": "{PLACE} {dash} ",
}
_DASHES = ("-", "–", "—", "--")
_TITLES = {"lower": "lower-case copy", "exact": "repeated", "meta": "given as meta title"}
_WHITESPACE = ("trailing-blank-lines", "leading-blank-lines", "trailing-spaces", "crlf", "blank-runs")


def _name() -> st.SearchStrategy[str]:
    return st.builds(
        lambda f, m, last: f"{f} {m}{last}",
        st.sampled_from(_FIRST),
        st.sampled_from(("", "", "", "J. ", "Q. ")),
        st.sampled_from(_LAST),
    )


def _slot_strategies() -> dict[str, st.SearchStrategy[str]]:
    s = st.sampled_from
    place, pick = s(_PLACES), _name()
    return {
        "name": pick, "name2": pick, "name3": pick, "name4": pick, "name5": pick,
        "place": place, "place2": place, "country": s(_COUNTRIES), "day": s(_DAYS), "month": s(_MONTHS),
        "year": st.integers(1990, 2030).map(str), "n": st.integers(2, 99).map(str),
        "d": st.integers(1, 28).map(str), "org": s(_ORGS), "agency": s(_AGENCIES),
        "outlet": s(tuple(o for o, _ in _OUTLETS)), "abbr": s(tuple(a for _, a in _OUTLETS)),
        "clause": s(_CLAUSES), "subject": s(_SUBJECTS), "source": s(_SOURCES),
        "dash": s(_DASHES), "iso": st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(date.isoformat),
        "actor": s(_ACTORS), "verb": s(_VERBS), "object": s(_OBJECTS),
        "caption": st.builds("{} {}".format, s(_CAPTION_SUBJECTS), s(_CAPTION_OBJECTS)),
        "date": s(_CAPTION_DATES), "credit": s(_PHOTO_CREDITS),
    }  # fmt: skip


_SLOTS = _slot_strategies()
_FORMATTER = string.Formatter()


def _fill(draw: Callable[[st.SearchStrategy[Any]], Any], template: str) -> str:
    """Fill every ``{slot}`` of ``template`` with a drawn value (the same value for a repeated slot)."""
    values: dict[str, str] = {}
    for _, slot, _, _ in _FORMATTER.parse(template):
        if not slot or slot in values:
            continue
        key = slot.lower()
        if slot == "i":
            continue
        value = _fill(draw, draw(_SLOTS[key]))
        if slot.isupper() and len(slot) > 1:
            value = value.upper()
        elif slot[0].isupper():
            value = value[:1].upper() + value[1:]
        values[slot] = value
    return template.format(**values) if values else template


@functools.cache
def _filled(templates: tuple[str, ...]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        return _fill(draw, draw(st.sampled_from(templates)))

    return build()


# ---------------------------------------------------------------------------
# Generated documents


@dataclass(frozen=True)
class Noise:
    """One piece of generated noise: its ``kind``, the ``variant`` and the paragraphs it adds.

    For a ``dateline`` the single line is the prefix put before the first body
    paragraph; ``whitespace`` noise has no lines (it changes separators).
    """

    kind: str
    variant: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """Body paragraphs (one line each) joined by ``separator``."""

    paragraphs: tuple[str, ...]
    separator: str = "\n\n"

    @property
    def text(self) -> str:
        return self.separator.join(self.paragraphs)


@dataclass(frozen=True)
class GeneratedDocument:
    """A generated page: its ``text``, the body it must keep and the noise it holds.

    ``body`` excludes the ``dateline`` prefix, which is in the text before
    ``body[0]``; ``meta`` is the metadata to clean it with (a ``title`` for
    the ``meta`` title variant).
    """

    text: str
    body: tuple[str, ...]
    noise: tuple[Noise, ...] = ()
    dateline: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def kinds(self) -> set[str]:
        return {n.kind for n in self.noise}


def _unique(seen: set[str], text: str) -> bool:
    key = normalize(text).casefold()
    if key in seen:
        return False
    seen.add(key)
    return True


@functools.cache
def body_paragraphs(kind: str | None = None) -> st.SearchStrategy[str]:
    """One body paragraph: prose, a noise lookalike, a quote, a short line or a foreign-language one.

    ``kind`` picks one family: ``prose``, ``lookalike``, ``quote``, ``short``,
    ``foreign``, or a key of :data:`LOOKALIKES` (``by``, ``credit``, ``ago``, ...).
    Subheadings and lists are only generated inside :func:`articles`, where
    their position is realistic.
    """

    @st.composite
    def prose(draw: st.DrawFn) -> str:
        count = draw(st.integers(1, 3))
        return " ".join(_fill(draw, draw(st.sampled_from(_SENTENCES))) for _ in range(count))

    lookalike_templates = tuple(t for group in LOOKALIKES.values() for t in group)
    families: dict[str, st.SearchStrategy[str]] = {
        "prose": prose(),
        "lookalike": _filled(lookalike_templates),
        "quote": _filled(_QUOTES),
        "short": st.sampled_from(_SHORT),
        "foreign": st.sampled_from(_FOREIGN),
    }
    if kind is not None:
        if kind in LOOKALIKES:
            return _filled(LOOKALIKES[kind])
        return families[kind]
    # Lookalikes are weighted up (half the draws): a generator of easy prose proves nothing.
    weighted = ("lookalike", "prose", "lookalike", "quote", "lookalike", "short", "lookalike", "foreign")
    return st.sampled_from(weighted).flatmap(families.__getitem__)


@st.composite
def _lede(draw: st.DrawFn) -> str:
    """A first paragraph: prose (often a lookalike, such as ``By the end of the week, ...``)."""
    return draw(st.one_of(body_paragraphs("prose"), body_paragraphs("lookalike"), body_paragraphs("foreign")))


@st.composite
def articles(draw: st.DrawFn, min_paragraphs: int = 1, max_paragraphs: int = 12) -> Article:
    """A realistic article body: a lede, then prose, lookalikes, quotes, short lines,
    foreign-language paragraphs, subheadings (each followed by prose) and lists.

    Paragraphs are unique (case-insensitively): real articles do not repeat a
    paragraph, and a repeat at the top is what a duplicated title looks like.
    """
    separator = draw(st.sampled_from(("\n\n", "\n")))
    seen: set[str] = set()
    paras = [draw(_lede())]
    _unique(seen, paras[0])
    target = draw(st.integers(min_paragraphs, max(min_paragraphs, max_paragraphs)))
    while len(paras) < target:
        block = draw(st.sampled_from(("paragraph", "paragraph", "paragraph", "subheading", "list")))
        if block == "paragraph":
            new = [draw(body_paragraphs())]
        elif block == "subheading" and len(paras) + 2 <= target:
            new = [_fill(draw, draw(st.sampled_from(_SUBHEADINGS))), draw(body_paragraphs("prose"))]
        elif block == "list" and len(paras) + 3 <= target:
            marker = draw(st.sampled_from(_LIST_MARKERS))
            items = draw(st.lists(_filled(_LIST_ITEMS), min_size=2, max_size=4, unique_by=normalize))
            new = [draw(st.sampled_from(_LIST_INTROS))]
            new += [marker.format(i=i) + item for i, item in enumerate(items, 1)]
        else:
            new = [draw(body_paragraphs())]
        paras += [p for p in new if _unique(seen, p)]
    return Article(tuple(paras), separator)


@st.composite
def noise(draw: st.DrawFn, kind: str) -> Noise:
    """One piece of noise of ``kind`` (one of :data:`NOISE_KINDS`), in one of its variants.

    - ``title``: a headline followed by its lower-case copy, or repeated, or given as ``meta["title"]``;
    - ``caption``: a photo caption ending in a credit (``; Credit: ...``, ``FILE PHOTO: ...``, ``(AP Photo/...)``);
    - ``byline``: ``By A``, ``By A, B and C``, ``BY A``, ``By A | Outlet``, ``Written by A``;
    - ``dateline``: a prefix such as ``SEOUL (Reuters) - `` or `` date 2024-06-18 (CTN News) – ``;
    - ``credit``: a closing credit line (``(Reporting by ...; Editing by ...)``, ``Edited by ...``);
    - ``feed``: a heading such as ``OTHER NEWS`` and time-stamped headlines (``4 hrs ago``);
    - ``whitespace``: trailing or leading blank lines, trailing spaces, ``\\r\\n``, runs of blank lines.
    """
    if kind == "title":
        variant = draw(st.sampled_from(tuple(_TITLES)))
        title = _fill(draw, draw(st.sampled_from(_HEADLINES)))
        if variant == "lower":
            return Noise(kind, variant, (title, title.lower()))
        if variant == "exact":
            return Noise(kind, variant, (title, title))
        return Noise(kind, variant, (title,))
    one_line = {"caption": _CAPTIONS, "byline": _BYLINES, "dateline": _DATELINES, "credit": _CREDITS}
    if kind in one_line:
        variant = draw(st.sampled_from(tuple(one_line[kind])))
        return Noise(kind, variant, (_fill(draw, one_line[kind][variant]),))
    if kind == "feed":
        variant = draw(st.sampled_from(("stamp-first", "stamp-after", "no-heading")))
        heading = draw(st.sampled_from(_FEED_HEADINGS))
        seen: set[str] = set()
        lines: list[str] = [] if variant == "no-heading" else [heading]
        for _ in range(draw(st.integers(3, 12))):
            headline = _fill(draw, draw(st.sampled_from(_HEADLINES)))
            if not _unique(seen, headline):
                continue
            stamp = _fill(draw, draw(st.sampled_from(_STAMPS)))
            lines += [headline, stamp] if variant == "stamp-after" else [stamp, headline]
        return Noise(kind, variant if variant == "no-heading" else f"{variant}:{heading}", tuple(lines))
    if kind == "whitespace":
        return Noise(kind, draw(st.sampled_from(_WHITESPACE)))
    raise ValueError(f"unknown noise kind {kind!r}; known: {', '.join(NOISE_KINDS)}")


def _several(kind: str, most: int) -> st.SearchStrategy[list[Noise]]:
    return st.lists(noise(kind), min_size=1, max_size=most, unique_by=lambda n: n.variant)


@st.composite
def documents(
    draw: st.DrawFn,
    kinds: Iterable[str] = NOISE_KINDS,
    extra: Mapping[str, st.SearchStrategy[str]] | None = None,
    body: st.SearchStrategy[Article] | None = None,
) -> GeneratedDocument:
    """A page: an article with noise of each of ``kinds`` (each present about half the time)
    at the places it occurs on real pages, plus lines drawn from ``extra`` (kind -> line
    strategy) between body paragraphs.

    Layout: title, caption, byline (caption and byline in either order), the
    dateline before the first body paragraph, the body (a second caption
    may sit between paragraphs), the credit lines, the feed; whitespace noise
    rewrites separators and line ends throughout.
    """
    article = draw(body if body is not None else articles())
    kinds = tuple(kinds)
    present = [k for k in kinds if draw(st.booleans())]
    found = {k: draw(noise(k)) for k in present if k not in ("credit", "whitespace")}
    credits = draw(_several("credit", 3)) if "credit" in present else []
    spaces = draw(_several("whitespace", 3)) if "whitespace" in present else []
    items: list[Noise] = [*found.values(), *credits]
    meta: dict[str, Any] = {}

    top: list[str] = []
    if "title" in found:
        top += found["title"].lines
        if found["title"].variant == "meta":
            meta["title"] = found["title"].lines[0]
    head = [found[k].lines[0] for k in ("caption", "byline") if k in found]
    if draw(st.booleans()):
        head.reverse()
    top += head

    dateline = found["dateline"].lines[0] if "dateline" in found else None
    paras = list(article.paragraphs)
    paras[0] = (dateline or "") + paras[0]
    if "caption" in found and len(paras) > 1 and draw(st.booleans()):
        second = draw(noise("caption"))
        items.append(second)
        paras.insert(draw(st.integers(1, len(paras) - 1)), second.lines[0])
    for kind, strategy in (extra or {}).items():
        for _ in range(draw(st.integers(0, 3))):
            line = draw(strategy)
            items.append(Noise(kind, "extra", (line,)))
            paras.insert(draw(st.integers(0, len(paras))), line)
    tail = [c.lines[0] for c in credits]
    tail += found["feed"].lines if "feed" in found else ()

    lines = top + paras + tail
    separators = [article.separator] * (len(lines) - 1)
    variants = {n.variant for n in spaces}
    if "blank-runs" in variants and separators:
        for i in draw(st.sets(st.integers(0, len(separators) - 1), min_size=1)):
            separators[i] = "\n" * draw(st.integers(3, 6))
    if "trailing-spaces" in variants:
        for i in draw(st.sets(st.integers(0, len(lines) - 1), min_size=1)):
            lines[i] += draw(st.sampled_from(("  ", "\t", " \t ")))
    text = "".join(line + sep for line, sep in zip(lines, [*separators, ""], strict=True))
    if "leading-blank-lines" in variants:
        text = draw(st.sampled_from(("\n", "\n\n\n", " \n\n"))) + text
    if "trailing-blank-lines" in variants:
        text += "\n" * draw(st.integers(2, 20))
    if "crlf" in variants:
        text = text.replace("\n", "\r\n")
    items += spaces
    return GeneratedDocument(text, article.paragraphs, tuple(items), dateline, meta)


# ---------------------------------------------------------------------------
# Hostile input


_FRAGMENTS = (
    "By ", "by ", "(Reuters) - ", "SEOUL", "/", " (AP) — ", "OTHER NEWS", "4 hrs ago", "Credit: ", "via REUTERS",
    "FILE PHOTO: ", "(Reporting by ", "; Editing by ", ")", "(", "Edited by ", "This post was originally published on ",
    " date 2024-06-18 ", "–", "—", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\x00", "\ufeff", "\u200b", "\u2028",
    "\x85", "\x0b", "\x0c", ".", ",", ";", ":", "İ", "ß", "ﬁ", "ǅ", "\u0301", "\U0001f600", "\ud800", "Ab", "aB",
)  # fmt: skip


_BREAKS = ("\n", "\r\n", "\r", "\n\n", "\n \n", "\u2028", "\x85", "\x0b", "\x0c", "\n\x00\n")


def hostile_texts(max_repeat: int = 2000) -> st.SearchStrategy[str]:
    """Inputs no cleaner may raise or hang on: arbitrary Unicode (lone surrogates and
    control characters included), shards of noise glued at random, long repetitions
    of a shard, generated pages with other line breaks (lone ``\\r``, ``\\u2028``, ...)
    or with garbage spliced in, and the empty string.

    Characters whose case mapping changes length (``İ``, ``ß``, ``ﬁ``) catch
    offsets computed on ``text.lower()`` and used on ``text``.
    """
    # Lone surrogates (which JSON input can carry) and control characters are drawn on purpose.
    anything = st.text(st.characters(exclude_categories=()) | st.characters(categories=["Cs", "Cc"]))
    breaks = st.sampled_from(_BREAKS)
    shard = st.sampled_from(_FRAGMENTS) | breaks | st.text(max_size=4)
    shards = st.lists(shard, max_size=80).map("".join)
    spliced = st.tuples(documents(), anything, st.integers(0, 10**6)).map(
        lambda t: t[0].text[: t[2] % (len(t[0].text) + 1)] + t[1] + t[0].text[t[2] % (len(t[0].text) + 1) :]
    )
    rebroken = st.tuples(documents(), breaks).map(lambda t: t[0].text.replace("\n", t[1]))
    repeated = st.tuples(st.lists(shard, min_size=1, max_size=4).map("".join), st.integers(1, max_repeat))
    return st.one_of(
        st.just(""),
        anything,
        st.text(st.sampled_from("".join(f for f in _FRAGMENTS if len(f) == 1) + "aZ0 ")),
        shards,
        shards,
        repeated.map(lambda t: t[0] * t[1]),
        spliced,
        rebroken,
    )


def huge_inputs(size: int = 1 << 20) -> dict[str, str]:
    """Inputs of about ``size`` characters each, by name: long runs that defeat a
    backtracking pattern or a quadratic loop over lines or paragraphs."""
    line = "Officials said the talks would resume next month. "

    def fill(unit: str) -> str:
        return unit * max(1, size // len(unit))

    return {
        "one-long-line": fill(line),
        "newlines": fill("\n"),
        "spaces": fill(" "),
        "letters": fill("a"),
        "capitals": fill("OTHER NEWS "),
        "open-brackets": fill("("),
        "by-by": fill("By "),
        "many-paragraphs": fill("Shares fell.\n"),
        "feed": fill("4 hrs ago\nA headline\n"),
        "caption-shards": fill("Credit: X via REUTERS; "),
        "dateline-shards": fill("SEOUL/MOSCOW (Reuters) - "),
        "crlf-blanks": fill("x \r\n\r\n\r\n"),
    }


# ---------------------------------------------------------------------------
# Running a cleaner without hiding its failures


def _is_refusal(exc: BaseException) -> bool:
    """The host refusing edits that would empty the document: a protection, not a failure."""
    cause = exc.__cause__
    return isinstance(cause, EditError) and "removing all" in str(cause)


class StrictRunner:
    """Runs cleaners like :class:`~cleanse.pipeline.Pipeline` does, except that a
    cleaner's exception or invalid edits fail the check (an :class:`AssertionError`
    chained to the original error) instead of being recorded in ``doc.failures``.
    The host refusing edits that would empty a document is a protection, not a failure.
    """

    def __init__(self, target: Target) -> None:
        if isinstance(target, StrictRunner):
            cleaners: list[Cleaner] = list(target.cleaners)
        elif isinstance(target, Pipeline):
            cleaners = list(target.cleaners)
        elif isinstance(target, Cleaner):
            cleaners = [target]
        else:
            cleaners = Pipeline(cleaners=list(target)).cleaners
        self.cleaners: list[Cleaner] = cleaners
        self._steps = [Pipeline(Config(strict=True), cleaners=[c]) for c in cleaners]

    def clean(self, text: str, meta: Mapping[str, Any] | None = None) -> Document:
        doc = Document(id="generated", text=text, meta=dict(meta or {}))
        for step in self._steps:
            try:
                step.run(doc)
            except DocumentError as exc:
                if not _is_refusal(exc):
                    # An AssertionError like every other broken promise, chained to the cleaner's own error.
                    raise AssertionError(str(exc)) from exc.__cause__
        return doc

    def alone(self) -> list[StrictRunner]:
        """One runner per cleaner."""
        return [StrictRunner(c) for c in self.cleaners]

    def __repr__(self) -> str:
        return f"<cleaners {', '.join(c.name for c in self.cleaners)}>"


def _runner(target: Target) -> StrictRunner:
    return target if isinstance(target, StrictRunner) else StrictRunner(target)


@contextlib.contextmanager
def _hang_guard(seconds: float | None, what: str) -> Iterator[None]:
    """Fail (rather than hang the test run) when a call takes longer than ``seconds``.

    A generous backstop against infinite loops, not a speed requirement; only
    effective in the main thread of a POSIX process.
    """
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise AssertionError(f"{what} did not finish within {seconds} s: it hangs (or is badly super-linear)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------
# The properties, as assertions


def normalize(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space, ends stripped.

    >>> normalize("  One\\t two \\n")
    'One two'
    """
    return " ".join(text.split())


def output_paragraphs(text: str) -> list[str]:
    """The normalised non-blank lines of ``text``, as the body checks compare them."""
    return [n for n in (normalize(line) for line in text.split("\n")) if n]


def _text_of(doc: Document | Mapping[str, Any] | str) -> str:
    if isinstance(doc, Document):
        return doc.text
    if isinstance(doc, str):
        return doc
    return str(doc["text"])


def _removals_of(doc: Document | Mapping[str, Any]) -> list[Removal]:
    if isinstance(doc, Document):
        return list(doc.removed)
    return [r if isinstance(r, Removal) else Removal.from_json(r) for r in doc.get("removed", [])]


def _where(want: str, doc: Document | Mapping[str, Any] | str) -> str:
    """Which logged removals hold (part of) a lost paragraph: the hint a plugin author needs."""
    if isinstance(doc, str):
        return ""
    key = normalize(want)
    hits = [
        f"  removed by {r.plugin!r} as {r.kind!r} ({r.reason}): {r.text!r}"
        for r in _removals_of(doc)
        if key and (key in normalize(r.text) or (normalize(r.text) and normalize(r.text) in key))
    ]
    return "\n".join(hits[:5])


def assert_body_kept(
    doc: Document | Mapping[str, Any] | str,
    body: Sequence[str],
    *,
    dateline: str | None = None,
) -> None:
    """Property 1: every paragraph of ``body`` is a paragraph of the output, in order.

    Paragraphs are compared after whitespace normalisation. ``dateline`` is
    the prefix the input had before ``body[0]``: that paragraph may appear with
    all, part or none of the prefix (removing it is the dateline cleaner's job,
    not a loss of body).

    >>> assert_body_kept("Talks began.\\n\\nNo one was hurt.", ["Talks began.", "No one was hurt."])
    >>> assert_body_kept("SEOUL - Talks began.", ["Talks began."], dateline="SEOUL (Reuters) - ")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: body paragraph 1 of 1 lost or altered: 'Talks began.'
    ...
    """
    paras = output_paragraphs(_text_of(doc))
    full = normalize((dateline or "") + body[0]) if body else ""
    pos = 0
    for k, want in enumerate(body):
        key = normalize(want)

        def matches(p: str, k: int = k, key: str = key) -> bool:
            if p == key:
                return True
            # The first paragraph may keep any tail of its dateline prefix.
            return k == 0 and dateline is not None and p.endswith(key) and full.endswith(p)

        while pos < len(paras) and not matches(paras[pos]):
            pos += 1
        if pos == len(paras):
            state = "out of order" if any(matches(p) for p in paras) else "lost or altered"
            hint = _where(want, doc)
            raise AssertionError(
                f"body paragraph {k + 1} of {len(body)} {state}: {want!r}"
                + (f"\n{hint}" if hint else "")
                + f"\noutput paragraphs: {paras!r}"
            )
        pos += 1


def reconstruct(doc: Document | Mapping[str, Any]) -> str:
    """The input text, rebuilt from the output text and the removal log.

    ``Removal.start`` is where the removal's ``replacement`` (usually empty)
    stands in the text right after its plugin's edits, so undoing the log
    from the last entry to the first restores the input
    (:func:`cleanse.pipeline.replay`, which checks that each entry fits).
    Accepts a :class:`Document` or an output record (a dict with ``text``
    and ``removed``). Raises :class:`ValueError` when the log does not fit
    the text.

    >>> from cleanse.model import Document, Removal
    >>> doc = Document("d", "Talks.\\nMore.", removed=[
    ...     Removal("ws", "whitespace", "\\n\\n\\n", "blank-run", 14, "\\n"),
    ...     Removal("dl", "dateline", "SEOUL - ", "agency", 0)])
    >>> reconstruct(doc)
    'SEOUL - Talks.\\n\\n\\nMore.'
    """
    return replay(_text_of(doc), _removals_of(doc))


def assert_accounted(doc: Document | Mapping[str, Any], original: str) -> None:
    """Property 2: the output plus the removal log give back ``original`` exactly,
    and every removal names its plugin and kind ("nothing lost without a trace")."""
    for r in _removals_of(doc):
        assert r.plugin and r.kind, f"a removal without a plugin or kind: {r!r}"
    try:
        back = reconstruct(doc)
    except ValueError as exc:
        raise AssertionError(f"the removal log does not replay: {exc}") from None
    if back != original:
        at = next(
            (i for i, (a, b) in enumerate(zip(back, original, strict=False)) if a != b), min(len(back), len(original))
        )
        raise AssertionError(
            f"output + removal log do not give back the input: first difference at offset {at}: "
            f"input {original[max(0, at - 30) : at + 30]!r}, rebuilt {back[max(0, at - 30) : at + 30]!r}"
        )


def assert_idempotent(
    target: Target,
    text: str,
    meta: Mapping[str, Any] | None = None,
    *,
    first: Document | None = None,
) -> None:
    """Property 4: cleaning the output again changes nothing (``first`` saves re-running the first pass)."""
    runner = _runner(target)
    once = first if first is not None else runner.clean(text, meta)
    twice = runner.clean(once.text, meta)
    if twice.text != once.text:
        changes = "\n".join(f"  {r.plugin!r} removed {r.text!r} as {r.kind!r} ({r.reason})" for r in twice.removed[:5])
        raise AssertionError(f"cleaning the output again changed it:\n{changes}\nfirst output: {once.text!r}")


def assert_never_raises(target: Target, text: str, *, timeout: float | None = 120.0) -> None:
    """Property 5: each cleaner alone, and all of them in order, finish on ``text``
    without raising or proposing invalid edits, and their log accounts for the input.

    ``timeout`` (seconds, per run) is a backstop that turns a hang into a
    failure; patterns should also pass ``timeout=REGEX_TIMEOUT``, which turns
    catastrophic backtracking into an exception.
    """
    runner = _runner(target)
    for one in [*runner.alone(), runner] if len(runner.cleaners) > 1 else [runner]:
        with _hang_guard(timeout, f"{one!r} on an input of {len(text)} characters"):
            doc = one.clean(text)
        assert_accounted(doc, text)


# ---------------------------------------------------------------------------
# Noise removal rates (property 3)


def _noise_removed(item: Noise, gen: GeneratedDocument, out: str, paras: set[str]) -> bool:
    if item.kind == "dateline":
        return normalize(gen.body[0]) in paras
    if item.kind == "whitespace":
        lines = out.split("\n")
        return {
            "crlf": "\r" not in out,
            "trailing-spaces": not any(line != line.rstrip() for line in lines),
            "blank-runs": "\n\n\n" not in out,
            "leading-blank-lines": not out[:1].isspace(),
            "trailing-blank-lines": not out[-1:].isspace(),
        }[item.variant]
    return not any(normalize(line) in paras for line in item.lines)


@dataclass
class NoiseStats:
    """How often generated noise of each kind was removed, with a few misses to show."""

    removed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    variants: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def record(self, gen: GeneratedDocument, doc: Document) -> None:
        paras = set(output_paragraphs(doc.text))
        for item in gen.noise:
            ok = _noise_removed(item, gen, doc.text, paras)
            self.total[item.kind] = self.total.get(item.kind, 0) + 1
            self.removed[item.kind] = self.removed.get(item.kind, 0) + ok
            per = self.variants.setdefault(item.kind, {}).setdefault(item.variant.split(":")[0], [0, 0])
            per[0] += ok
            per[1] += 1
            if not ok:
                shown = self.misses.setdefault(item.kind, [])
                if len(shown) < 5:
                    shown.append(" | ".join(item.lines) or f"{item.variant} in {doc.text[-80:]!r}")
            if hypothesis.currently_in_test_context():
                hypothesis.event(f"{item.kind} noise {'removed' if ok else 'KEPT'}")

    def rate(self, kind: str) -> float:
        return self.removed.get(kind, 0) / self.total[kind] if self.total.get(kind) else 1.0

    def summary(self) -> str:
        rows = []
        for kind in sorted(self.total, key=lambda k: (*NOISE_KINDS, k).index(k)):
            weak = [f"{v} {r}/{n}" for v, (r, n) in sorted(self.variants.get(kind, {}).items()) if n and r / n < 0.95]
            rows.append(
                f"{kind:>10}: {self.rate(kind):7.1%} removed ({self.removed.get(kind, 0)}/{self.total[kind]})"
                + (f"; weak variants: {', '.join(weak)}" if weak else "")
            )
        return "\n".join(rows)

    def assert_rates(self, kinds: Iterable[str], min_rate: float) -> None:
        low = [k for k in kinds if self.rate(k) < min_rate]
        if low:
            examples = "\n".join(f"  {k} kept, e.g.: {m!r}" for k in low for m in self.misses.get(k, [])[:3])
            raise AssertionError(
                f"noise removed below {min_rate:.0%} for {', '.join(low)}:\n{self.summary()}\n{examples}"
            )


# ---------------------------------------------------------------------------
# Everything at once


def check_document(target: Target, gen: GeneratedDocument, stats: NoiseStats | None = None) -> Document:
    """Properties 1, 2 and 4 on one generated document (and record property 3 in ``stats``)."""
    runner = _runner(target)
    note(f"input: {gen.text!r}")
    doc = runner.clean(gen.text, gen.meta)
    note(f"output: {doc.text!r}")
    assert_body_kept(doc, gen.body, dateline=gen.dateline)
    assert_accounted(doc, gen.text)
    assert_idempotent(runner, gen.text, gen.meta, first=doc)
    if stats is not None:
        stats.record(gen, doc)
    return doc


def check_cleaner(
    target: Cleaner | Sequence[Cleaner] | Pipeline,
    *,
    removes: Iterable[str] = (),
    noise: Mapping[str, st.SearchStrategy[str]] | None = None,
    min_rate: float = 0.95,
    max_examples: int | None = None,
    huge: bool = True,
    shrink: bool = True,
) -> NoiseStats:
    """Prove the guarantee for a cleaner (or a list of cleaners, or a whole pipeline).

    Runs properties 1, 2 and 4 on generated pages (every built-in kind of noise
    around a body full of lookalikes, plus lines from ``noise``), property 5
    on hostile input (and on :func:`huge_inputs` unless ``huge`` is false), and
    property 3 for the kinds the target is meant to remove: the built-in
    ``removes`` kinds and every kind in ``noise`` (kind -> strategy of lines,
    inserted between body paragraphs) must be removed at ``min_rate`` or more.

    Uses the loaded hypothesis profile (``--hypothesis-profile``; its example
    database replays failures found before) unless ``max_examples`` is given,
    without a per-example deadline. Raises :class:`AssertionError` on the
    first failure (shrunk to a minimal example) and returns the noise
    removal rates (:meth:`NoiseStats.summary`). ``shrink=False`` reports the
    first failing example as found (quicker, but larger).
    """
    runner = _runner(target)
    extra = dict(noise or {})
    stats = NoiseStats()
    # One clear failure, not a group; no per-example deadline (the hang guard covers hangs).
    config = settings(deadline=None, report_multiple_bugs=False)
    if not shrink:
        config = settings(config, phases=[p for p in config.phases if p is not Phase.shrink])
    if max_examples is not None:
        config = settings(config, max_examples=max_examples)

    @config
    @given(documents(extra=extra))
    def keeps_body(gen: GeneratedDocument) -> None:
        check_document(runner, gen, stats)

    @config
    @given(hostile_texts())
    def never_raises(text: str) -> None:
        assert_never_raises(runner, text)

    keeps_body()
    never_raises()
    if huge:
        for text in huge_inputs().values():
            assert_never_raises(runner, text)
    stats.assert_rates([*removes, *extra], min_rate)
    return stats
