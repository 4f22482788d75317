"""The comments cleaner: comment sections go from their heading to the end; body talk about comments stays."""

from __future__ import annotations

import pytest

from cleanse.pipeline import Pipeline
from cleanse.plugins.comments import Comments, is_comment_heading

BODY = (
    "The city council voted on Tuesday to close the old bridge for repairs that are expected to last "
    "until the spring, officials said. Drivers will be sent on a detour through the harbour district.\n"
    "The mayor said the work could not wait any longer after engineers found cracks in two supports."
)


def clean(text: str) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Comments()]).clean(text)
    return doc.text, [r.reason for r in doc.removed]


@pytest.mark.parametrize(
    "trailer",
    [
        "2 comments\nI made this today and it turned out really good.\nHi Cherie,\nThanks for your feedback.",
        "Top Rated Comments\n(View all)\nThis is a long reader comment that goes on and on about the subject.",
        "Leave a Reply\nCancel reply\nYour email address will not be published.",
        "Комментарии\n224",
        "Deixe um comentário\nNome\nE-mail",
        "Kommentare (12)\nLeser A: Das sehe ich anders.",
        "댓글\n좋은 기사 감사합니다.",
        "Comments\n comments\nComments",
    ],
)
def test_section_goes_to_the_end(trailer: str) -> None:
    text, reasons = clean(f"{BODY}\n{trailer}")
    assert text == BODY
    assert set(reasons) == {"section"}


def test_thread_without_heading() -> None:
    thread = "Link permanente\nOlá; qual o nome dessa loja? Obrigada!\nLink permanente\nKarol, é a loja Lakeshore."
    text, reasons = clean(f"{BODY}\n{thread}")
    assert text == BODY
    assert set(reasons) == {"thread"}


def test_policy_notice() -> None:
    notice = "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador."
    text, reasons = clean(f"{BODY}\n{notice}")
    assert text == BODY
    assert reasons == ["policy"]


def test_counter_near_the_top_goes_alone() -> None:
    text, reasons = clean(f"12 comments\n{BODY}")
    assert text == BODY
    assert reasons == ["counter"]


@pytest.mark.parametrize(
    "body_line",
    [
        "The minister declined to comment.",
        "Comments on the proposal are open until March 3, the agency said in a statement.",
        "In comments to reporters, the coach said the team had played its best game of the season.",
        "Os comentários do presidente provocaram reações no Congresso nesta terça-feira.",
        "Die Kommentare des Ministers sorgten am Dienstag für Aufregung im Bundestag.",
        "Комментарии министра вызвали споры в парламенте во вторник.",
        "No comment, he said, and walked away from the cameras.",
    ],
)
def test_body_about_comments_stays(body_line: str) -> None:
    text = f"{BODY}\n{body_line}\nThe bridge is due to reopen in April."
    assert clean(text) == (text, [])


def test_heading_before_any_body_takes_nothing() -> None:
    text = f"Comments\n{BODY}"
    assert clean(text) == (text, [])


def test_headings_are_short_lines_only() -> None:
    assert is_comment_heading("Leave a comment")
    assert not is_comment_heading("Readers were invited to leave a comment on the plan before Friday.")


def test_a_discussion_section_of_the_article_stays() -> None:
    text = f"{BODY}\nDiscussion\nThe results suggest the supports failed because of salt water, the engineers wrote."
    assert clean(text) == (text, [])
