"""The captions cleaner: photo captions and their credits."""

from __future__ import annotations

import pytest

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.plugins.captions import Captions

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
