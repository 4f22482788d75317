"""The footers cleaner: footers at the end go; the same words in the body stay."""

from __future__ import annotations

import pytest

from cleanse.pipeline import Pipeline
from cleanse.plugins.footers import Footers

BODY = (
    "NASA on Monday enlisted the engineering muscle of the commercial space industry to build landers that "
    "will take cargo and people to the Moon, the agency said in a statement.\n"
    "Five companies were chosen to bid, including two relatively small organisations.\n"
    "The agency plans to send astronauts back to the lunar surface by 2024, officials said on Monday."
)


def clean(text: str, meta: dict[str, object] | None = None) -> tuple[str, list[str], dict[str, object]]:
    doc = Pipeline(cleaners=[Footers()]).clean(text, meta=meta)
    return doc.text, [r.reason for r in doc.removed], doc.meta


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("© Reuters", "copyright"),
        ("copyright Inexhibit 2019 - ISSN: 2283-5474", "copyright"),
        ("Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지", "copyright"),
        ("Alle Rechte vorbehalten.", "copyright"),
        ("SOURCE: Al Jazeera News", "source"),
        ("Have a tip? Amy Kuperinsky may be reached at ak@example.com. Follow her on Twitter.", "tip"),
        (
            "The Times is committed to publishing letters to the editor. Here's our email: letters@example.com.",
            "contact",
        ),
        ("Eric Song is IGN's deal curator and spends 25% of his pay on stuff he posts.", "bio"),
        ("If you buy something through this post, IGN may get a share of the sale.", "disclosure"),
        ("Filed under: Space |", "filed"),
    ],
)
def test_footer_at_the_end_goes(line: str, reason: str) -> None:
    text, reasons, _ = clean(f"{BODY}\n{line}")
    assert text == BODY
    assert reasons == [reason]


def test_source_is_recorded() -> None:
    _, _, meta = clean(f"{BODY}\nSOURCE: Al Jazeera News")
    assert meta["credits"]["source"] == "Al Jazeera News"  # type: ignore[index]


def test_rule_line_goes_with_the_footers_after_it() -> None:
    text, reasons, _ = clean(f"{BODY}\n______________________________\nEric Song is IGN's deal curator.")
    assert text == BODY
    assert reasons == ["rule", "bio"]


@pytest.mark.parametrize(
    "kept",
    [
        "Source: the agency's own figures, which were published on Monday, show the cost has doubled since 2017.",
        "With Post wires",
        "John Smith is a former astronaut who flew on two shuttle missions.",
        "Anyone with information is asked to contact police at tips@example.org.",
        "Copyright law was not the issue, the judge said.",
    ],
)
def test_body_at_the_end_stays(kept: str) -> None:
    text = f"{BODY}\n{kept}"
    assert clean(text)[:2] == (text, [])


def test_footer_words_high_up_stay() -> None:
    text = "© Reuters\n" + BODY
    assert clean(text)[0] == text
