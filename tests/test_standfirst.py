"""The standfirst cleaner: the page's headline and standfirst repeated at the top go, when the page says so."""

from __future__ import annotations

from typing import Any

import pytest

from cleanse.pipeline import Pipeline
from cleanse.plugins.standfirst import Standfirst

BODY = (
    "Gaming used to be so simple. We'd buy a game, sit down in front of a console and play to the end.\n"
    "Now we spend money over and over on virtual perks, and there is no end to it."
)
TITLE = "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play and Pay"
DESC = "There are more devices and services to choose from than ever before."


def clean(text: str, meta: dict[str, Any] | None = None) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Standfirst()]).clean(text, meta=meta)
    return doc.text, [r.reason for r in doc.removed]


def test_headline_and_standfirst_go() -> None:
    meta = {"page": {"title": TITLE, "description": DESC}}
    assert clean(f"{TITLE}\n{DESC}\n{BODY}", meta) == (BODY, ["headline", "standfirst"])


def test_headline_with_site_suffix_in_the_page_title() -> None:
    meta = {"page": {"title": "Black Friday per nostalgici: le occasioni da non perdere - Remember 80/90"}}
    text = f"Black Friday per nostalgici: le occasioni da non perdere\n{BODY}"
    assert clean(text, meta) == (BODY, ["headline"])


def test_title_from_meta_title_when_no_page() -> None:
    assert clean(f"{TITLE.upper()}\n{BODY}", {"title": TITLE})[0] == BODY


def test_description_that_starts_the_body_stays() -> None:
    lead = BODY.split("\n")[0]
    meta = {"page": {"title": TITLE, "description": lead[:60]}}
    assert clean(f"{TITLE}\n{BODY}", meta) == (BODY, ["headline"])


def test_description_without_headline_above_stays() -> None:
    meta = {"page": {"title": TITLE, "description": DESC}}
    text = f"{DESC}\n{BODY}"
    assert clean(text, meta) == (text, [])


def test_no_page_title_no_guessing() -> None:
    text = f"New SUVs and electric vehicles highlight L.A. Auto Show\n{BODY}"
    assert clean(text) == (text, [])


def test_headline_deep_in_the_text_stays() -> None:
    text = f"{BODY}\nA paragraph.\nAnother one.\n{TITLE}"
    assert clean(text, {"page": {"title": TITLE}}) == (text, [])


@pytest.mark.parametrize(
    "line",
    ["Tempo de leitura: 2 minutos", "5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Min."],
)
def test_reading_time(line: str) -> None:
    assert clean(f"{line}\n{BODY}") == (BODY, ["reading-time"])


@pytest.mark.parametrize(
    "line",
    [
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "기사입력 :[ 2018-08-25 15:24 ]",
        "Published: Nov. 19, 2019 10:00 a.m. ET",
    ],
)
def test_timestamp(line: str) -> None:
    assert clean(f"{line}\n{BODY}") == (BODY, ["timestamp"])


@pytest.mark.parametrize(
    "line",
    ["The 2019 season ends on Monday.", "At 10:30 the polls closed.", "5 minutes to midnight"],
)
def test_body_with_dates_stays(line: str) -> None:
    text = f"{line}\n{BODY}"
    assert clean(text) == (text, [])
