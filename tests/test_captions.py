"""The captions cleaner: photo captions and their credits."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.plugins import captions
from cleanse.plugins.captions import Captions
from cleanse.text import REGEX_TIMEOUT, looks_like_headline, paragraphs

BODY = "Talks began on Monday."


def run(text: str) -> Document:
    return Pipeline(cleaners=[Captions()]).clean(text)


@pytest.mark.parametrize(
    ("line", "caption", "credit", "reason"),
    [
        (
            "Putin and Kim visit the Vostochny Cosmodrome, Russia, in September 2023; "
            "Credit: Sputnik/Mikhail Metzel/Kremlin via REUTERS",
            "Putin and Kim visit the Vostochny Cosmodrome, Russia, in September 2023",
            "Sputnik/Mikhail Metzel/Kremlin via REUTERS",
            "credit-label",
        ),
        (
            "FILE PHOTO: Putin and Kim visit the Vostochny Cosmodrome, Russia, September 13, 2023. "
            "Sputnik/Mikhail Metzel/Kremlin via REUTERS/File Photo",
            "Putin and Kim visit the Vostochny Cosmodrome, Russia, September 13, 2023.",
            "Sputnik/Mikhail Metzel/Kremlin via REUTERS",
            "label",
        ),
        (
            "Protesters march in Seoul. REUTERS/Kim Hong-Ji",
            "Protesters march in Seoul.",
            "REUTERS/Kim Hong-Ji",
            "agency-credit",
        ),
        ("Kim waves. (AP Photo/Ahn Young-joon)", "Kim waves.", "AP Photo/Ahn Young-joon", "photo-parens"),
        ("Kim waves. (Photo by Jane Roe/Getty Images)", "Kim waves.", "Jane Roe/Getty Images", "photo-parens"),
        ("Kim waves. Photograph: Jane Roe/The Guardian", "Kim waves.", "Jane Roe/The Guardian", "credit-label"),
        ("Kim waves. Getty Images", "Kim waves.", "Getty Images", "agency-credit"),
        ("Kim waves. JOHN ROE/AFP via Getty Images", "Kim waves.", "JOHN ROE/AFP via Getty Images", "agency-credit"),
        ("Kim and Putin meet. Picture: AAP", "Kim and Putin meet.", "AAP", "credit-label"),
        ("Kim inspects a factory. KCNA via REUTERS", "Kim inspects a factory.", "KCNA via REUTERS", "agency-credit"),
        ("Photo: Reuters", None, "Reuters", "label"),
        ("Image: Getty Images", None, "Getty Images", "label"),
        ("Photo: Protesters gather in Seoul on Monday.", "Protesters gather in Seoul on Monday.", None, "label"),
    ],
)
def test_removes_caption(line: str, caption: str | None, credit: str | None, reason: str) -> None:
    doc = run(f"{BODY}\n\n{line}\n\nMore talks followed.")
    assert doc.text == f"{BODY}\n\nMore talks followed."
    assert [(r.kind, r.reason) for r in doc.removed] == [("caption", reason)]
    assert doc.meta.get("captions", []) == ([{"text": caption, "credit": credit}] if caption else [])
    assert doc.meta.get("credits", {}).get("photo", []) == ([credit] if credit else [])


def test_same_credit_recorded_once() -> None:
    doc = run("Kim waves. REUTERS/Kim Hong-Ji\nTalks.\nPutin waves. REUTERS/Kim Hong-Ji/File Photo")
    assert doc.text == "Talks."
    assert doc.meta["credits"]["photo"] == ["REUTERS/Kim Hong-Ji"]
    assert len(doc.meta["captions"]) == 2


@pytest.mark.parametrize(
    "line",
    [
        "Credit Suisse said on Monday it would cut 500 jobs.",
        "The ministry told Reuters on Monday that the talks would resume.",
        "“We will see,” he told Reuters",
        "The talks collapsed on Monday. Reuters",
        "Support fell to 38%, a Reuters/Ipsos poll showed.",
        "Photo finishes decided two races on Sunday.",
        "Photographers waited outside the venue: credit where due.",
        "He bought the photo agency Getty Images in 2019, he said.",
        "The footage was obtained via Reuters",
    ],
)
def test_keeps_body(line: str) -> None:
    text = f"{BODY}\n\n{line}"
    assert run(text).text == text
    assert cleanse.clean(text).text == text


def test_default_pipeline() -> None:
    doc = cleanse.clean("Kim waves. REUTERS/Kim Hong-Ji\n\nSEOUL (Reuters) - Talks began.\n")
    assert doc.text == "Talks began."
    assert doc.meta["captions"] == [{"text": "Kim waves.", "credit": "REUTERS/Kim Hong-Ji"}]
    assert doc.meta["credits"]["photo"] == ["REUTERS/Kim Hong-Ji"]


# The tests made before each pattern must never turn down what the pattern would find. The strongest
# check: parse_caption gives what it gave without them (the functions below are that version).
def _agency_credit_unguarded(segment: str, has_text: bool) -> str | None:
    credit = captions._FILE_PHOTO.sub("", segment.strip(), timeout=REGEX_TIMEOUT)
    parts = [p.strip() for p in credit.split("/")]
    if not looks_like_headline(credit, 100) or ":" in credit:
        return None
    if not all(p[:1].isupper() and len(p.split()) <= 6 for p in parts):
        return None
    if not any(captions._AGENCY_PART.fullmatch(p) for p in parts):
        return None
    if len(parts) > 1 or " via " in credit or (has_text and captions._PHOTO_ONLY.fullmatch(credit)):
        return credit
    return None


def _trailing_credit_unguarded(body: str) -> tuple[str, str, str] | None:
    m = captions._CREDIT_LABEL.search(body) if ":" in body else None
    if m is None and body.endswith(")"):
        m = captions._PARENS.search(body)
    if m is not None:
        credit = m.group("credit").strip()
        if not looks_like_headline(credit, 100):
            return None
        reason = "photo-parens" if m.re is captions._PARENS else "credit-label"
        if reason == "photo-parens" and credit.startswith("Photo by "):
            credit = credit[len("Photo by ") :]
        return reason, body[: m.start()], captions._FILE_PHOTO.sub("", credit)
    cuts = list(captions._BOUNDARY.finditer(body))
    start = cuts[-1].end() if cuts else 0
    agency = _agency_credit_unguarded(body[start:], has_text=start > 0)
    return ("agency-credit", body[:start], agency) if agency else None


def parse_caption_unguarded(line: str) -> tuple[str, str, str | None] | None:
    hints = (":", "/", " via ", "Photo", "Getty", "Shutterstock", "Alamy", "iStock")
    if len(line) > captions.MAX_CAPTION or not any(hint in line for hint in hints):
        return None
    lead = captions._LEAD.match(line) if ":" in line else None
    body = line[lead.end() :] if lead else line
    found = _trailing_credit_unguarded(body)
    if found is not None:
        reason, text, credit = found
        return ("label" if lead else reason), text.strip().rstrip(";,|-–—").rstrip(), credit
    if lead is None:
        return None
    short = looks_like_headline(body, 80) and len(body.split()) <= 8
    if lead.group("label").casefold() in {"photo", "photograph", "picture", "image"} and short:
        return "label", "", body.strip()
    return "label", body.strip(), None


_AGENCIES = [
    "REUTERS", "Reuters", "AFP", "AP", "EPA", "EPA-EFE", "Getty Images", "Getty", "Bloomberg", "Sputnik", "Xinhua",
    "Yonhap", "KCNA", "TASS", "Anadolu", "Anadolu Agency", "Shutterstock", "Alamy", "Alamy Stock Photo", "PA",
    "PA Images", "PA Wire", "ANI", "NurPhoto", "SOPA Images", "LightRocket", "Pool", "Kremlin", "Handout", "AAP",
    "dpa", "Kyodo", "UPI",
]  # fmt: skip
_PIECES = st.sampled_from(
    [
        *_AGENCIES, "FILE PHOTO", "File\tphoto", "photograph", "PHOTO", "Picture", "image", "Caption", "Credit",
        "CREDITS", "Photo by", "Illustration", "iStock", "AP Photo", "via", "Kim Hong-Ji", "Jane Roe", "Kremlin",
        "/", ": ", ":", ";", ". ", ".", ",", " ", "  ", "\u3000", "\xa0", "\x1c", "(", ")", "|", "File Photo",
        "file", "Talks began", "é", "İ", "ß", "Ｐhoto", "x",
    ]
)  # fmt: skip
_captions = st.lists(_PIECES, max_size=10).map("".join) | st.text(max_size=40)


@given(_captions)
def test_parse_caption_as_without_its_guards(line: str) -> None:
    assert captions.parse_caption(line) == parse_caption_unguarded(line)


@pytest.mark.parametrize("agency", _AGENCIES)
def test_every_agency_is_an_agency_part_and_passes_the_guard(agency: str) -> None:
    assert captions._AGENCY_PART.fullmatch(agency)
    assert captions._may_end_in_agency_credit(f"Kim waves. Jane Roe/{agency}")


@pytest.mark.parametrize("label", ["file photo", "FILE  PHOTO", "photograph", "Photo", "PICTURE", "image", "CaPtIoN"])
@pytest.mark.parametrize("space", ["", " ", "        ", "\t", "\u3000", "\xa0", "\u2028", "  \n"])
def test_lead_guard_passes_every_label(label: str, space: str) -> None:
    line = f"{space}{label}: Kim waves."
    assert captions._LEAD.match(line)
    assert captions._may_lead(line)


@given(_captions)
def test_guards_never_miss(text: str) -> None:
    if captions._LEAD.match(text):
        assert captions._may_lead(text)
    if captions._CREDIT_LABEL.search(text):
        assert captions._may_have_credit_label(text)
    for start in range(len(text) + 1):
        if _agency_credit_unguarded(text[start:], True):
            assert captions._may_end_in_agency_credit(text)


def test_lead_initials_are_every_character_a_label_can_start_with() -> None:
    initial = regex.compile(r"(?i:[fpic])")  # the first letters of _LEAD's labels, as it compares them
    assert {chr(c) for c in range(0x110000) if initial.match(chr(c))} <= set(captions._LEAD_INITIALS)


def test_spaces_are_every_space() -> None:
    assert {chr(c) for c in range(0x110000) if chr(c).isspace()} == set(captions._SPACES)


@pytest.mark.parametrize("credit", [*_AGENCIES, "Photo", "Photos", "Jane Roe/Reuters)"])
def test_a_bare_credit_ends_as_candidates_expect(credit: str) -> None:
    assert credit[-1] in captions._BARE_ENDS


_PARAGRAPHS = st.sampled_from(["", " ", BODY, "Why?", "A head", "Kim (Photo by Ahn)  "])
_documents = st.lists(_captions | _PARAGRAPHS, max_size=6)


@given(_documents)
def test_candidates_hold_every_caption(lines: list[str]) -> None:
    text = "\n".join(lines)
    paras = paragraphs(text)
    picked = captions._candidates(paras)
    assert picked == sorted(picked)
    for p in paras:
        if parse_caption_unguarded(p.text) is not None:
            assert p.index in picked, p.text
