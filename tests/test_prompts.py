"""The prompts cleaner: calls to subscribe, follow and share go; reporting about newsletters stays."""

from __future__ import annotations

import pytest

from cleanse.pipeline import Pipeline
from cleanse.plugins.prompts import Prompts

BODY = (
    "The Steelers spent Monday trying to distance themselves from Thursday night's fight that led to "
    "suspensions for two players, the team said in a statement released on Monday afternoon.\n"
    "The teams will meet again in Pittsburgh in two weeks, with the kickoff moved to 1 p.m. by the league.\n"
    "Heyward said the defence had to play better after giving up three touchdowns in the loss."
)


def clean(text: str) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Prompts()]).clean(text)
    return doc.text, [r.reason for r in doc.removed]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Get the latest updates right in your inbox. Subscribe to NJ.com's newsletters.", "subscribe"),
        ("Click here to subscribe to The Paradigm Newsletter", "subscribe"),
        ("Sign up for our Email Newsletters here.", "subscribe"),
        ("Inscreva-se na nossa newsletter e receba as notícias do dia.", "subscribe"),
        ("Abonnieren Sie unseren Newsletter.", "subscribe"),
        ("Подпишитесь на нашу рассылку.", "subscribe"),
        ("Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.", "follow"),
        ("Like this story? Share it with a friend!", "follow"),
        ("Siga-nos no Instagram e no Facebook.", "follow"),
        ("Thanks for signing up!", "form"),
        (
            "Get Motor Cycle Monthly delivered every month. 12 issues for £11.99. Click here for more information.",
            "click",
        ),
    ],
)
def test_prompt_at_the_end_goes(line: str, reason: str) -> None:
    text, reasons = clean(f"{BODY}\n{line}")
    assert text == BODY
    assert reasons == [reason]


def test_signup_box_and_what_follows_to_the_end() -> None:
    box = (
        "Pick Six Newsletter\nGet the day's big stories, picks and power rankings.\nThanks for signing up!\n"
        "Sorry!\nThere was an error processing your subscription.\n- Jones tells Belichick story from the 90s"
    )
    text, reasons = clean(f"{BODY}\n{box}")
    assert text == BODY
    assert set(reasons) <= {"signup-box", "form"}


@pytest.mark.parametrize(
    "kept",
    [
        "The newsletter, which has two million readers, was founded in 2010 by a former reporter.",
        "Residents can sign up for flood alerts on the council's website, officials said, after the storm "
        "left hundreds of homes without warning.",
        "Fans were told to follow the team's account on Twitter for updates on ticket refunds, a club "
        "spokesman said on Monday night after the game was postponed.",
        "Be sure to visit Arrowhead on Facebook, Twitter, and Instagram.",
        "Share prices fell 3 percent in early trading in New York.",
        "Receba em seu email nosso ebook “As 5 Etapas para Alfabetizar seus Filhos em Casa”, um guia completo "
        "e totalmente gratuito para introduzir seus filhos no universo da Alfabetização. Clique aqui: https://x.y",
        "Click here to see the full list of results from the state meet.",
    ],
)
def test_body_that_mentions_subscriptions_stays(kept: str) -> None:
    text = f"{BODY}\n{kept}"
    assert clean(text) == (text, [])


@pytest.mark.parametrize(
    "kept",
    [
        "The newsletter's subscribers rose to two million last year, the company said.",
        "Follow-up talks on Twitter's sale are planned for next week, according to people familiar with them.",
    ],
)
def test_reporting_that_names_newsletters_or_networks_stays(kept: str) -> None:
    text = f"{BODY}\n{kept}"
    assert clean(text) == (text, [])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Publicidade", "advert"),
        ("Click to share on Twitter (Opens in new window)", "share-buttons"),
        ("Share this:", "share-buttons"),
        ("Like this: Like Loading...", "share-buttons"),
        ("We use cookies to give you the best experience on our website.", "consent"),
        ("Please enable JavaScript to view the comments.", "technical"),
    ],
)
def test_page_chrome_lines_go_anywhere(line: str, reason: str) -> None:
    first, rest = BODY.split("\n", 1)
    text, reasons = clean(f"{first}\n{line}\n{rest}")
    assert text == BODY
    assert reasons == [reason]


@pytest.mark.parametrize(
    "kept",
    [
        "Advertisement revenue fell by a third in the quarter, the company said.",
        "Twitter",
        "Share prices of both clubs fell on Monday.",
        "We use cookies, the bakery's owner joked, as the queue grew outside her shop on Saturday.",
    ],
)
def test_body_lines_with_chrome_words_stay(kept: str) -> None:
    first, rest = BODY.split("\n", 1)
    text = f"{first}\n{kept}\n{rest}"
    assert clean(text) == (text, [])
