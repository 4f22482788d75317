"""The dateline cleaner: the place, date and agency opening a story."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.plugins import dateline
from cleanse.plugins.dateline import Dateline

REST = "Russian President Vladimir Putin vowed on Tuesday to deepen ties - and more."


def run(text: str) -> Document:
    return Pipeline(cleaners=[Dateline()]).clean(text)


@pytest.mark.parametrize(
    ("prefix", "places", "agency", "date", "reason"),
    [
        ("SEOUL (Reuters) - ", ["SEOUL"], "Reuters", None, "agency"),
        ("SEOUL/MOSCOW (Reuters) - ", ["SEOUL", "MOSCOW"], "Reuters", None, "agency"),
        (" date 2024-06-18 (CTN News) – ", [], "CTN News", "2024-06-18", "agency"),
        ("WASHINGTON, June 18 (Reuters) - ", ["WASHINGTON"], "Reuters", None, "agency"),
        ("WASHINGTON, June 18, 2024 (Reuters) - ", ["WASHINGTON"], "Reuters", "2024-06-18", "agency"),
        ("KYIV, Ukraine (AP) — ", ["KYIV, Ukraine"], "AP", None, "agency"),
        ("LONDON, 18 June 2024 (AFP) -", ["LONDON"], "AFP", "2024-06-18", "agency"),
        ("BEIJING, Sept. 5, 2024 (Xinhua) -- ", ["BEIJING"], "Xinhua", "2024-09-05", "agency"),
        ("NEW YORK — ", ["NEW YORK"], None, None, "place-dash"),
        ("KYIV, Ukraine – ", ["KYIV, Ukraine"], None, None, "place-dash"),
        ("LONDON - ", ["LONDON"], None, None, "place-dash"),
    ],
)
def test_removes_prefix_only(prefix: str, places: list[str], agency: str | None, date: str | None, reason: str) -> None:
    doc = run(f"{prefix}{REST}\n\nMore text.")
    assert doc.text == f"{REST}\n\nMore text."
    assert doc.meta["dateline"] == {"places": places, "agency": agency, "date": date, "text": prefix.strip()}
    assert [(r.kind, r.reason, r.text) for r in doc.removed] == [("dateline", reason, prefix)]


def test_after_a_byline_and_only_once() -> None:
    doc = run(f"By Ann Lee\n\nSEOUL (Reuters) - {REST}\n\nTOKYO (Reuters) - Later.")
    assert doc.text == f"By Ann Lee\n\n{REST}\n\nTOKYO (Reuters) - Later."
    assert doc.meta["dateline"]["places"] == ["SEOUL"]


def test_not_beyond_the_first_paragraphs() -> None:
    text = "\n".join(["Body."] * 5 + [f"SEOUL (Reuters) - {REST}"])
    assert run(text).text == text


def test_a_dateline_on_its_own_line() -> None:
    doc = run(f"SEOUL (Reuters) -\n{REST}")
    assert doc.text == REST
    assert doc.meta["dateline"]["agency"] == "Reuters"


@pytest.mark.parametrize(
    "first",
    [
        "WASHINGTON state officials said on Monday the talks had failed.",
        "US - China talks resumed on Monday.",
        "US – China talks resumed on Monday.",
        "The company (NASDAQ) - which is based in Seoul - said it would cut jobs.",
        "PARTNERSHIP AGREEMENT",
        "Seoul - the capital - was quiet.",
    ],
)
def test_keeps_body(first: str) -> None:
    text = f"{first}\n\n{REST}"
    assert run(text).text == text
    assert cleanse.clean(text).text == text


def test_default_pipeline() -> None:
    doc = cleanse.clean(f"By Ann Lee\n\nKYIV, Ukraine (AP) — {REST}\n")
    assert doc.text == REST
    assert doc.meta["dateline"]["places"] == ["KYIV, Ukraine"]
    assert doc.meta["credits"]["authors"] == ["Ann Lee"]


_PIECES = st.sampled_from(
    [
        "NEW YORK", "SEOUL", "KYIV", "A", "É", "ΑΘΗΝΑ", "İSTANBUL", "Ǆ", "ǅ", "\ua7cb", "\u0301", "O'HARE", "ST.",
        "ÎLE-DE-FRANCE", "Seoul", "Ukraine", "June 18", "2024", "the", "9", "(Reuters)", "/", ",", ", ", " ", "  ",
        "\t", "\xa0", "\u3000", "-", "–", "—", "--", " — ", " - ", "Talks", "\x1c",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=8).map("".join) | st.text(max_size=30))
def test_place_dash_guard_never_misses(text: str) -> None:
    if dateline._PLACE_DASH.match(text):
        assert dateline._may_be_place_dash(text)


@pytest.mark.parametrize(
    "line",
    [
        "NEW YORK — Talks", "LONDON - Talks", "KYIV, Ukraine – Talks", "SEOUL/MOSCOW -- Talks", "A — Talks",
        "ST. LOUIS, June 18 — Talks", "O'HARE — Talks", "\u3000ΑΘΗΝΑ — Talks", "İSTANBUL — Talks",
        "\ua7cbX — Talks", "Ǆ — Talks", "É\u0301 — 9 talks",
    ],
)  # fmt: skip
def test_place_dash_guard_passes_every_form(line: str) -> None:
    assert dateline._PLACE_DASH.match(line)
    assert dateline._may_be_place_dash(line)


def test_a_lone_dateline_above_another_is_left_with_it() -> None:
    # Removing the first would bring the second to the top, for a second cleaning to remove.
    text = "SEOUL (Reuters) -\n\nBEIJING (AP) - Talks began on Monday."
    doc = Pipeline(cleaners=[Dateline()]).clean(text)
    assert doc.text == text and "dateline" not in doc.meta


_AGENCY_PIECES = st.sampled_from(
    [
        "SEOUL", "KYIV, Ukraine", "June 18, 2024", "2024-06-18", "date ", "Updated: ", "(", ")", "(Reuters)",
        "(AP)", "(CTN News)", "(" + "x" * 30 + ")", "(" + "x" * 31 + ")", "((AP)", "(AP))", " ", "\xa0", "\x1c",
        "-", "–", "—", "--", " - ", "Talks", "", "/",
    ]
)  # fmt: skip


@given(st.lists(_AGENCY_PIECES, max_size=8).map("".join) | st.text(max_size=30))
def test_agency_guard_never_misses(text: str) -> None:
    if dateline._AGENCY.match(text):
        assert dateline._may_be_agency(text)


_AGENCY_PREFIXES = [
    "SEOUL (Reuters) - ", "SEOUL/MOSCOW (Reuters) - ", " date 2024-06-18 (CTN News) – ",
    "WASHINGTON, June 18 (Reuters) - ", "KYIV, Ukraine (AP) — ", "LONDON, 18 June 2024 (AFP) -",
    "BEIJING, Sept. 5, 2024 (Xinhua) -- ",
]  # fmt: skip


@pytest.mark.parametrize("prefix", _AGENCY_PREFIXES)
def test_agency_guard_passes_every_form(prefix: str) -> None:
    for line in (prefix + REST, prefix.rstrip(), "\u3000" + prefix + "“Talks”"):
        assert dateline._AGENCY.match(line)
        assert dateline._may_be_agency(line)
