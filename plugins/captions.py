"""Photo captions: paragraphs that describe a picture and credit its photographer or agency.

Rules (each removal's ``reason``; each removes the whole paragraph):

- ``label``: a paragraph led by ``FILE PHOTO:``, ``Photo:``, ``Photograph:``, ``Picture:``,
  ``Image:`` or ``Caption:``.
- ``credit-label``: a paragraph ending in a labelled credit, ``...; Credit: NAME``,
  ``... Photograph: Name/Outlet``, ``... Image: Getty``.
- ``photo-parens``: a paragraph ending in ``(AP Photo/Name)`` or ``(Photo by Name/Getty Images)``.
- ``agency-credit``: a paragraph whose last segment (after its last ``. `` or ``; ``) is an
  agency credit chain: ``REUTERS/Name``, ``Name/AFP via Getty Images``,
  ``Sputnik/Name/Kremlin via REUTERS/File Photo``, or a bare ``Getty Images`` after a caption.

The caption text and credit go to ``meta["captions"]``, the credit (less a trailing
``/File Photo``) to ``meta["credits"]["photo"]``. A credit never ends in a full stop and an
agency chain needs a ``/`` or ``via``, so body sentences that mention Reuters, ``Credit Suisse``
or ``Photo finishes ...`` are kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import Keywords
from cleanse.text import (
    REGEX_TIMEOUT,
    Paragraph,
    add_unique,
    credits_slot,
    looks_like_headline,
    paragraphs,
    remove_paragraphs,
)

MAX_CAPTION = 600
_LEAD = regex.compile(r"\s*(?P<label>(?i:file\s+photo|photograph|photo|picture|image|caption))\s*:\s+")
_CREDIT_LABEL = regex.compile(
    r"(?:^|(?<=[\s;.,(|]))(?:(?:Photo|Image|Picture|PHOTO|IMAGE)\s+)?"
    r"(?:[Cc]redit|CREDIT|Photograph|PHOTOGRAPH|Photo|PHOTO|Image|IMAGE|Picture|PICTURE|Illustration)s?"
    r"(?:\s+by)?\s*:\s*(?P<credit>[^:;\n]{2,100})$"
)
_PARENS = regex.compile(r"\((?P<credit>(?:\p{Lu}[\p{L}-]*\s+)?Photo(?:\s*[/:]\s*|\s+by\s+)[^()\n]{2,80})\)$")
_AGENCY = (
    r"REUTERS|Reuters|AFP|AP|EPA|EPA-EFE|Getty Images|Getty|Bloomberg|Sputnik|Xinhua|Yonhap|KCNA|TASS|"
    r"Anadolu(?: Agency)?|Shutterstock|Alamy(?: Stock Photo)?|PA(?: Images| Wire)?|ANI|NurPhoto|SOPA Images|"
    r"LightRocket|Pool|Kremlin|Handout|AAP|dpa|Kyodo|UPI"
)
# One component of a slash chain: an agency, or capitalised words then "via AGENCY".
_NAME = r"\p{Lu}[\p{L}\p{M}.'’-]*"
_AGENCY_PART = regex.compile(rf"(?:{_NAME}(?:\s{_NAME}){{0,3}}\svia\s)?(?:{_AGENCY})(?:\sPhotos?)?")
_PHOTO_ONLY_NAMES = ("Getty Images", "Shutterstock", "Alamy Stock Photo", "iStock", "AP Photo")
_PHOTO_ONLY = regex.compile("|".join(_PHOTO_ONLY_NAMES))
_FILE_PHOTO = regex.compile(r"\s*/\s*(?i:file(?:\s+photo)?)$")
# Words the patterns need, tested before them to spare a regex call (see the _may_* tests, and tests/test_captions.py).
_LEAD_WORDS = Keywords("file photo photograph picture image caption")
_CREDIT_WORDS = ("redit", "CREDIT", "Photo", "PHOTO", "Image", "IMAGE", "Picture", "PICTURE", "Illustration")
_AGENCY_NAMES = (
    "REUTERS", "Reuters", "AFP", "AP", "PA", "Getty", "Bloomberg", "Sputnik", "Xinhua", "Yonhap", "KCNA", "TASS",
    "Anadolu", "Shutterstock", "Alamy", "ANI", "NurPhoto", "LightRocket", "Pool", "Kremlin", "Handout", "dpa",
    "Kyodo", "UPI",
)  # fmt: skip
_BOUNDARY = regex.compile(r"(?<!\b\p{Lu})[.;]\s+")
# The characters the label of ``_LEAD`` can start with: those ``(?i:[fpic])`` matches (tests/test_captions.py
# checks every character), "İ" among them.
_LEAD_INITIALS = "fFpPiIcC\u0130"
# The characters ``str.isspace`` is true of (tests/test_captions.py checks every character).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# The last characters of a caption with no ":" or "/" (see _candidates): ")", an ASCII letter, or a space.
_BARE_ENDS = frozenset(")ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + _SPACES)


def _agency_credit(segment: str, has_text: bool) -> str | None:
    """``segment`` as a photo credit when it is an agency credit chain, else None.

    >>> _agency_credit("Sputnik/Mikhail Metzel/Kremlin via REUTERS/File Photo", True)
    'Sputnik/Mikhail Metzel/Kremlin via REUTERS'
    >>> _agency_credit("a Reuters/Ipsos poll showed.", True) is None
    True
    """
    credit = segment.strip()
    if "/" in credit:  # _FILE_PHOTO needs one
        credit = _FILE_PHOTO.sub("", credit, timeout=REGEX_TIMEOUT)
    parts = [p.strip() for p in credit.split("/")]
    if not looks_like_headline(credit, 100) or ":" in credit:
        return None
    if not all(p[:1].isupper() and len(p.split()) <= 6 for p in parts):
        return None
    if not any(_AGENCY_PART.fullmatch(p, timeout=REGEX_TIMEOUT) for p in parts):
        return None
    if len(parts) > 1 or " via " in credit or (has_text and _PHOTO_ONLY.fullmatch(credit, timeout=REGEX_TIMEOUT)):
        return credit
    return None


def _may_have_credit_label(body: str) -> bool:
    """False when ``_CREDIT_LABEL`` cannot match ``body``.

    It needs a label word, cased as written, before a ``:``; and the text after the last ``:``
    is whitespace, then the credit: at most 100 characters, without ``;``.
    """
    colon = body.rfind(":")
    if colon < 0:
        return False
    after = body[colon + 1 :]
    if ";" in after or len(after.lstrip()) > 100:
        return False
    return any(map(body.__contains__, _CREDIT_WORDS))


def _may_end_in_agency_credit(body: str) -> bool:
    """False when no segment of ``body`` is an agency credit (:func:`_agency_credit`).

    One needs a chain (``/``), `` via ``, or to be all of a credit ``_PHOTO_ONLY`` matches (the
    body's last segment is its end); and to name an agency (each alternative of ``_AGENCY``
    contains one of ``_AGENCY_NAMES``).
    """
    if not ("/" in body or " via " in body or body.rstrip().endswith(_PHOTO_ONLY_NAMES)):
        return False
    return any(map(body.__contains__, _AGENCY_NAMES))


def _may_lead(line: str) -> bool:
    """False when ``_LEAD`` cannot match: it needs a ``:``, and its label is the first word.

    The label comes after whitespace only (``str.lstrip`` strips every character ``\\s`` matches),
    so it opens what is left: its first letter is one of ``_LEAD_INITIALS`` (a test cheaper than the
    next), and its first four letters, all ``Keywords`` compares, are among the first eight characters.
    """
    if ":" not in line:
        return False
    rest = line.lstrip()[:8]
    return rest[:1] in _LEAD_INITIALS and _LEAD_WORDS.opens(rest)


def _trailing_credit(body: str) -> tuple[str, str, str] | None:
    """``(reason, caption text, credit)`` when ``body`` ends in a photo credit."""
    # Each form's credit is the body's last words, and a credit does not end as a sentence does
    # (looks_like_headline): a body ending in ".", ",", ";" or ":" is turned down before any pattern.
    end = body.rstrip()[-1:]
    if not end or end in ".,;:":
        return None
    # Each pattern needs a character or word checked first: a regex call with a timeout costs microseconds.
    m = _CREDIT_LABEL.search(body, timeout=REGEX_TIMEOUT) if _may_have_credit_label(body) else None
    if m is None and body.endswith(")") and "Photo" in body:
        m = _PARENS.search(body, timeout=REGEX_TIMEOUT)
    if m is not None:
        credit = m.group("credit").strip()
        if not looks_like_headline(credit, 100):
            return None
        reason = "photo-parens" if m.re is _PARENS else "credit-label"
        if reason == "photo-parens" and credit.startswith("Photo by "):
            credit = credit[len("Photo by ") :]
        return reason, body[: m.start()], _FILE_PHOTO.sub("", credit, timeout=REGEX_TIMEOUT)
    if not _may_end_in_agency_credit(body):
        return None
    cuts = list(_BOUNDARY.finditer(body, timeout=REGEX_TIMEOUT))
    start = cuts[-1].end() if cuts else 0
    agency = _agency_credit(body[start:], has_text=start > 0)
    return ("agency-credit", body[:start], agency) if agency else None


def _may_be_caption(line: str) -> bool:
    """False when ``line`` cannot be a caption, told without a pattern (most paragraphs are turned down here).

    Every caption form has one of these: ``:``, ``/``, `` via ``, ``Photo``, ``Getty``,
    ``Shutterstock``, ``Alamy``, ``iStock``. Without a ``:`` or ``/`` there is no label,
    labelled credit or credit chain, only a credit that ends the line and does not end as a
    sentence does, so a line ending in ``.``, ``,`` or ``;`` is turned down before the other hints.

    >>> _may_be_caption("Kim waves. (AP Photo by Ahn)"), _may_be_caption("Photo finishes decided two races.")
    (True, False)
    """
    if ":" in line or "/" in line:
        return True
    if line.rstrip()[-1:] in (".", ",", ";"):
        return False
    return (
        " via " in line
        or "Photo" in line
        or "Getty" in line
        or "Shutterstock" in line
        or "Alamy" in line
        or "iStock" in line
    )


def _candidates(paras: Sequence[Paragraph]) -> list[int]:
    """The indices of the paragraphs that may be captions, in order: for the others, :func:`parse_caption`
    is None. Three tests of a few characters each, cheaper than a call of :func:`_may_be_caption`.

    A caption is led by a label, which needs a ``:`` and opens the paragraph (:func:`_may_lead`: its first
    character, less leading whitespace, is one of ``_LEAD_INITIALS``); or it ends in a credit, less
    trailing whitespace, whose last character is not one of ``.,;:`` (:func:`_trailing_credit` turns
    those down first). With no ``:`` or ``/`` in the paragraph, such a credit ends in ``)`` or an ASCII
    letter: ``_CREDIT_LABEL`` needs a ``:``, ``_PARENS`` is only tried on a body ending in ``)``, and an
    agency credit without a ``/`` is one part that ``_AGENCY_PART`` fullmatches, so it ends in an agency's
    name (each alternative of ``_AGENCY``) or in ``Photo``/``Photos``. A paragraph is never empty; its last
    character is that of the credit, or a space (``_BARE_ENDS`` has the spaces too).

    >>> _candidates(paragraphs("Kim. REUTERS/Kim\\nTalks began.\\nPhoto: Kim.\\nWhy?\\nKim (Photo by Ahn)\\nA head"))
    [0, 2, 4, 5]
    """
    return [
        p.index
        for p in paras
        if (last := p.text[-1]) in _BARE_ENDS
        or (last not in ".,;:" and (":" in p.text or "/" in p.text))
        or (":" in p.text and p.text.lstrip()[:1] in _LEAD_INITIALS)
    ]


def parse_caption(line: str) -> tuple[str, str, str | None] | None:
    """``(reason, caption text, credit)`` when ``line`` is a photo caption, else None.

    >>> parse_caption("Protesters in Seoul, June 18, 2024. REUTERS/Kim Hong-Ji")
    ('agency-credit', 'Protesters in Seoul, June 18, 2024.', 'REUTERS/Kim Hong-Ji')
    >>> parse_caption("Photo finishes decided two races on Sunday.") is None
    True
    """
    if len(line) > MAX_CAPTION or not _may_be_caption(line):
        return None
    lead = _LEAD.match(line, timeout=REGEX_TIMEOUT) if _may_lead(line) else None
    body = line[lead.end() :] if lead else line
    found = _trailing_credit(body)
    if found is not None:
        reason, text, credit = found
        return ("label" if lead else reason), text.strip().rstrip(";,|-–—").rstrip(), credit
    if lead is None:
        return None
    short = looks_like_headline(body, 80) and len(body.split()) <= 8
    if lead.group("label").casefold() in {"photo", "photograph", "picture", "image"} and short:
        return "label", "", body.strip()
    return "label", body.strip(), None


class Captions(Cleaner):
    """Remove photo-caption paragraphs and record their text and credits.

    >>> from cleanse.pipeline import Pipeline
    >>> doc = Pipeline(cleaners=[Captions()]).clean("Kim waves. (AP Photo/Ahn Young-joon)\\nTalks began.")
    >>> doc.text, doc.meta["captions"], doc.meta["credits"]["photo"]
    ('Talks began.', [{'text': 'Kim waves.', 'credit': 'AP Photo/Ahn Young-joon'}], ['AP Photo/Ahn Young-joon'])
    """

    name = "captions"
    order = 300
    removes = "photo captions and their credits (FILE PHOTO: ..., ... REUTERS/Name, Photo: ...)"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        picks = []
        for i in _candidates(paras):  # parse_caption is None for the others
            p = paras[i]
            found = parse_caption(p.text)
            if found is None:
                continue
            reason, caption, credit = found
            picks.append((p.index, "caption", reason))
            if caption:
                meta.setdefault("captions", []).append({"text": caption, "credit": credit})
            if credit:
                add_unique(credits_slot(meta)["photo"], credit)
        yield from remove_paragraphs(text, paras, picks)


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Captions())
