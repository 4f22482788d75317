"""The prompts cleaner: calls to subscribe, follow and share go; reporting about newsletters stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.pipeline import Pipeline
from cleanse.plugins import prompts as P
from cleanse.plugins.prompts import Prompts
from cleanse.shape import _PROSE_PUNCT, fold, folded_words, word_runs

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


# The cheap tests made before each pattern: whenever the pattern matches, each of its tests must say yes.
GUARDS = [
    ("advert", P._ADVERT.match, [P._ADVERT_OPENS.opens, P._ANY_OPENS.opens]),
    ("technical", P._TECH.match, [P._TECH_OPENS.opens, P._TECH_WORDS.found_in, P._ANY_OPENS.opens]),
    ("consent", P._CONSENT.match, [P._CONSENT_OPENS.opens, P._CONSENT_WORDS.found_in, P._ANY_OPENS.opens]),
    (
        "subscribe",
        P._SUBSCRIBE.search,
        [
            P._SUBSCRIBE_OPENS.opens,
            P._CHANNEL_WORDS.found_in,
            lambda t: P._mentions(t, P._CHANNEL_PARTS),
            P._ANY_OPENS.opens,
        ],
    ),
    ("follow", P._FOLLOW.search, [P._FOLLOW_OPENS.opens, P._may_follow, P._ANY_OPENS.opens]),
    ("form", P._FORM.search, [P._FORM_OPENS.opens, P._FORM_WORDS.found_in, P._ANY_OPENS.opens]),
    (
        "newsletter",
        P._NEWSLETTER.search,
        [lambda t: P._mentions(t, P._NEWSLETTER_WORDS), lambda t: P._mentions(t, P._SIGN_PARTS), P._may_find],
    ),
    ("click", P._CLICK.search, [P._CLICK_FINDS.found_in, P._may_find]),
    ("offer", P._OFFER.search, [P._OFFER_WORDS.found_in]),
    ("box", P._BOX.search, [P._BOX_FINDS.found_in, P._may_find]),
    ("share-buttons", P.is_share_buttons, [P._only_button_words, P._ANY_OPENS.opens]),
    # The screens of _may_take, each against the pattern it stands for.
    ("click-parts", P._CLICK.search, [lambda t: any(w in fold(t) for w in P._CLICK_PARTS)]),
    ("box-parts", P._BOX.search, [lambda t: any(w in fold(t) for w in P._BOX_PARTS)]),
    ("newsletter-take", P._NEWSLETTER.search, [lambda t: P._may_take(t, 30, False)]),
]

# At least one line for each alternative of each pattern.
MATCHING = [
    "Advertisement", "Advertising", "Sponsored content", "Story continues below advertisement",
    "Article continues after this ad", "Continue reading the main story", "Continue reading below", "Anzeige",
    "Werbung", "Publicidade", "Publicidad", "Publicité", "Pubblicità", "Реклама", "광고", "【広告】", "Reklama",
    "Advertentie",
    "Please enable JavaScript to view", "JavaScript is disabled", "JavaScript is required",
    "Your browser does not support the video tag", "To view this video, please enable it", "Loading...",
    "We use cookies to improve", "We use cookies and similar technologies on", "This site uses cookies",
    "This website uses cookies", "By using this site you agree", "By continuing to use our website",
    "By continuing to browse this site", "Nós usamos cookies", "Utilizamos cookies", "Usamos cookies",
    "Nous utilisons des cookies", "Wir verwenden Cookies", "Мы используем файлы cookie", "Мы используем cookie",
    "Subscribe to our newsletter", "Sign up for email updates", "Signup for alerts", "Register for notifications",
    "Join our e-mail list", "Get the mailing list", "Receive our email list", "Stay up to date with our newsletter",
    "Stay informed: newsletters", "Stay on top of the news with our inbox", "Don't miss our newsletter",
    "Dont miss the updates", "Never miss an update: alerts", "Assine o boletim", "Inscreva-se na newsletter",
    "Cadastre-se na caixa de entrada", "Receba nosso boletim", "Suscríbete al boletín", "Suscribete al boletín",
    "Suscríbase a la bandeja de entrada", "Regístrate al boletín", "Registrate newsletter", "Recibe el boletín",
    "Abonnez-vous à l'infolettre", "Inscrivez-vous à la lettre d'information", "Recevez notre newsletter",
    "Abonnieren Sie unseren Newsletter", "Abonniere den Rundbrief", "Melden Sie sich für den Newsletter an",
    "Registrieren Sie sich für den Posteingang", "Iscriviti alla newsletter", "Abbonati alla newsletter",
    "Ricevi la newsletter", "Подпишитесь на нашу рассылку", "Подписывайтесь на рассылку",
    "Подпишись на новости на почту", "Подписаться на рассылки", "구독하세요 뉴스레터", "구독 뉴스레터",
    "Follow us on Twitter", "Like us on Facebook", "Find us on Instagram", "Connect with us on LinkedIn",
    "Join us on Telegram", "Siga-nos no Instagram", "Síguenos en redes sociales", "Sígue en YouTube",
    "Suivez-nous sur les réseaux sociaux", "Folgen Sie uns in den sozialen Medien", "Seguiteci su TikTok",
    "Segui su Threads", "Подписывайтесь на наши соцсети", "Следите за нами в соцсетях", "Follow x@nytimes",
    "Follow and send it to a friend", "Follow and tell your friends", "Siga e mande para um amigo",
    "Like this story? Share it", "Like this article?", "Like this post?", "Enjoyed this story?",
    "Enjoyed this article?", "Share this", "Share it with", "Compartilhe", "Comparte", "Partagez",
    "Teilen Sie", "Condividi", "Поделитесь",
    "Thanks for signing up!", "Thank you for subscribing", "Thanks for registering", "Keep an eye on your inbox",
    "Check your inbox", "There was an error processing your subscription", "There was an error processing your request",
    "You're subscribed", "You are now signed up", "You're all set", "By signing up you agree",
    "By subscribing, you accept", "By clicking below you consent", "Obrigado por se inscrever",
    "Obrigado por assinar", "Gracias por suscribirte", "Merci de votre inscription", "Danke für Ihre Anmeldung",
    "Спасибо за подписку",
    "The newsletter: sign up", "Our newsletters, subscribe", "Subscribe to the 뉴스레터", "рассылка подписка",
    "Infolettre: inscrivez-vous", "Boletim, assine", "El boletín: suscribete", "Abonnez-vous à l'infolettre",
    "Iscriviti alla newsletter", "구독 뉴스레터",
    "Click here", "Tap here", "Clique aqui", "Haz clic aquí", "Cliquez ici", "Hier klicken", "Clicca qui",
    "Нажмите здесь",
    "Subscribers", "Sign up", "Signup", "Newsletter", "Issues", "More information", "Download", "Register",
    "Free trial", "Offer", "Assine", "Inscreva-se", "Abonnez-vous", "Suscribete", "Iscriviti", "Подписка",
    "Newsletter", "Newsletters", "Sign up", "Signup", "Subscribe", "뉴스레터", "Рассылка", "Infolettre",
    "Share this:", "Tweet", "Click to share on Twitter (Opens in new window)", "Like this: Like Loading...",
    "Facebook Twitter Email", "Поделиться Facebook",
]  # fmt: skip


def _variants(line: str) -> list[str]:
    """``line`` in other cases, after leading punctuation, and with letters that fold alike (İ, ſ, K)."""
    out = []
    for v in (line, line.upper(), line.lower(), line.title(), line.swapcase()):
        out += [v, f"— {v}", f"«{v}»", f"...{v}", f"* {v}", f"'{v}"]
    out += [line.replace("i", "İ").replace("I", "İ"), line.replace("s", "ſ"), line.replace("k", "\u212a")]
    return out


@pytest.mark.parametrize("line", MATCHING)
def test_the_guards_say_yes_to_each_alternative(line: str) -> None:
    assert any(pattern(line) for _, pattern, _ in GUARDS), "a line of MATCHING must match a pattern"
    for v in _variants(line):
        for name, pattern, guards in GUARDS:
            if pattern(v):
                assert all(guard(v) for guard in guards), (name, v)


_PIECES = sorted(
    {w for _, p, _ in GUARDS if hasattr(p, "__self__") for w in regex.findall(r"[^\W\d_]{2,}", p.__self__.pattern)}
    | set(P._BUTTON_WORDS)
)
_SEPARATORS = st.sampled_from([" ", "  ", "-", "'", "?", ": ", "—", ", ", "@", "«", ".", "\u00a0"])
_lines = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=10).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@given(
    st.tuples(st.sampled_from(["", "— ", "'", "1 ", "Новости "]), _lines, st.sampled_from([str, str.upper, str.title]))
)
def test_the_guards_say_yes_whenever_their_pattern_matches(parts: tuple) -> None:  # type: ignore[type-arg]
    prefix, line, case = parts
    text = case(prefix + line)
    for name, pattern, guards in GUARDS:
        if pattern(text):
            assert all(guard(text) for guard in guards), (name, text)


def test_casefolding_keeps_word_and_non_word_characters_apart() -> None:
    # What _only_button_words rests on: the words of the casefolded text are the casefolded words.
    word = regex.compile(r"\w")
    for c in map(chr, range(0x110000)):
        folded = c.casefold()
        if folded != c:
            is_word = bool(word.match(c))
            assert all(bool(word.match(f)) == is_word for f in folded.replace("\u0307", "")), hex(ord(c))


def test_letters_that_match_ignoring_case_fold_to_the_letter() -> None:
    # What _mentions and _may_find rest on, for the letters of the words they look for.
    parts = P._NEWSLETTER_WORDS + P._NEWSLETTER_PARTS + P._CLICK_PARTS + P._BOX_PARTS + P._CHANNEL_PARTS + P._SIGN_PARTS
    letters = set("".join(parts)) | set("".join(P._FIND_WORDS)) | set("".join(P._FOLLOW_FIRST | {*P._FOLLOW_STARTS}))
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for c in regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE):
            assert c.casefold().replace("\u0307", "") == letter, (letter, hex(ord(c)))


_SCRIPTS = st.sampled_from(
    ["Sign UP", "«Подпишитесь»", "뉴스레터", "広告です", "x\u0307", "İ", "Straße", "ǅ", "½", "−"]
)
_TEXTS = st.lists(_SCRIPTS | st.text(max_size=8) | st.sampled_from([" ", "\u00a0", "—", "“", "’", "\ud800"])).map(
    "".join
)


@given(_TEXTS)
def test_folded_words_are_the_word_runs_of_the_folded_text(text: str) -> None:
    # The guards read shape.folded_words; whatever path it takes (Latin-1, UTF-8 bytes, regex), it must
    # give the word runs regex finds in the folded text.
    assert folded_words(text) == tuple(word_runs(fold(text)))


def test_only_two_letters_match_the_first_of_rassylk() -> None:
    # What _may_find rests on.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert sorted(regex.findall("р", everything, flags=regex.IGNORECASE)) == ["Р", "р"]


# _reach against the tests it stands for: zero exactly when _ANY_OPENS does not open the text, and at least
# the word limit of every rule whose openers open it.
_OPENS_OF = [
    ("advert", P._ADVERT_OPENS.opens),
    ("technical", P._TECH_OPENS.opens),
    ("consent", P._CONSENT_OPENS.opens),
    ("subscribe", P._SUBSCRIBE_OPENS.opens),
    ("follow", P._FOLLOW_OPENS.opens),
    ("form", P._FORM_OPENS.opens),
    ("share-buttons", P._only_button_words),
]


def _check_reach(text: str) -> None:
    reach = P._reach(text)
    assert (reach > 0) == P._ANY_OPENS.opens(text), text
    for rule, opens in _OPENS_OF:
        if opens(text):
            assert reach >= P._LIMITS[rule], (rule, text)


_LEADS = st.text(alphabet=P._LEAD + "1:|!?¿¡«x\u0307İ", max_size=14)


def test_lead_characters_are_non_word_and_fold_so() -> None:
    # What _reach rests on: the characters it skips before the first word are not part of a word, folded or not.
    word = regex.compile(r"\w")
    for c in P._LEAD:
        assert not word.match(c) and not any(word.match(f) for f in fold(c)), hex(ord(c))


# The document-level screens of Prompts.propose, each against what it stands for.
_DOC_LINES = st.lists(
    _lines | _TEXTS | st.sampled_from(MATCHING) | st.sampled_from(BODY.split("\n")), min_size=1, max_size=12
)


@given(_DOC_LINES)
def test_tail_start_by_bisection(lines: list[str]) -> None:
    from cleanse.shape import tail_start, words_before
    from cleanse.text import paragraphs

    paras = paragraphs("\n".join(lines))
    if paras:
        assert P._tail_start(words_before(paras)) == tail_start(paras, 0.5)


@given(st.lists(st.tuples(_LEADS, _lines | _TEXTS).map("".join), max_size=12))
def test_reaches_are_each_reach(texts: list[str]) -> None:
    texts = [t for t in texts if t]
    assert P._reaches(texts) == [P._reach(t) for t in texts]


@given(st.lists(st.tuples(_lines | _TEXTS | st.sampled_from(MATCHING), st.integers(0, 45)), max_size=12), st.data())
def test_takers_are_what_may_take_takes(rows: list[tuple[str, int]], data: st.DataObject) -> None:
    texts = [t.replace("\n", " ") for t, _ in rows]  # paragraphs: no line break
    counts = [n for _, n in rows]
    tail = data.draw(st.integers(0, len(texts)))
    expected = {
        i
        for i, (t, n) in enumerate(zip(texts, counts, strict=True))
        if n <= 40 and (n <= 30 or i >= tail) and P._may_take(t, n, i >= tail)
    }
    assert P._takers(texts, counts, tail) == expected


_KEYWORDS = [P._ADVERT_OPENS, P._TECH_OPENS, P._CONSENT_OPENS, P._SUBSCRIBE_OPENS, P._FOLLOW_OPENS, P._FORM_OPENS]


def _check_opening(text: str) -> None:
    # The rules _prompt asks about are those whose opening test is true (share-buttons aside: tested otherwise).
    P._reach(text)  # as propose does first: the head is remembered
    rules = P._opened_by(text)
    for rule, kw in P._OPENS.items():
        assert (rule in rules) == kw.opens(text), (rule, text)


# _check_reach and _check_opening, each over the same lines (_CHECKS, below).


_CHECKS = {"reach": _check_reach, "opening": _check_opening}


@pytest.mark.parametrize("check", _CHECKS)
@pytest.mark.parametrize("line", MATCHING)
def test_each_alternative(check: str, line: str) -> None:
    for v in _variants(line):
        for lead in ("", "“", "| ", "——————————————", "1. ", "Q: "):
            _CHECKS[check](lead + v)


@pytest.mark.parametrize("check", _CHECKS)
@given(parts=st.tuples(_LEADS, _lines | _TEXTS, st.sampled_from([str, str.upper, str.title, str.swapcase])))
def test_lines_in_any_case_after_any_lead(check: str, parts: tuple) -> None:  # type: ignore[type-arg]
    lead, line, case = parts
    _CHECKS[check](case(lead + line))


@pytest.mark.parametrize("check", _CHECKS)
@given(head=st.text(max_size=6), rest=st.text(max_size=6))
def test_any_head(check: str, head: str, rest: str) -> None:
    _CHECKS[check](head + rest)


def test_opened_by_a_text_not_remembered() -> None:
    P._reached.clear()
    P._opened.clear()
    assert sorted(P._opened_by("Subscribe now")) == ["subscribe"]
    assert P._opened_by("Plain words") == set()


_ANCHORED = [P._SUBSCRIBE, P._FOLLOW, P._FORM]


def _check_anchored(text: str) -> None:
    # Every alternative of these patterns starts with ^ (no MULTILINE): search finds only what match does.
    for pattern in _ANCHORED:
        found, matched = pattern.search(text), pattern.match(text)
        assert (found and found.span()) == (matched and matched.span()), (pattern.pattern[:30], text)


@pytest.mark.parametrize("line", MATCHING)
def test_anchored_patterns_match_where_they_search(line: str) -> None:
    for v in _variants(line):
        _check_anchored(v)
        _check_anchored(f"{BODY}\n{v}")


@given(st.tuples(st.sampled_from(["", "— ", "x ", "\n"]), _lines))
def test_anchored_patterns_match_where_they_search_anywhere(parts: tuple[str, str]) -> None:
    _check_anchored("".join(parts))


def test_prose_punctuation_is_non_word_and_folds_to_itself() -> None:
    # What _lowered_lines rests on.
    word = regex.compile(r"\w")
    for c in _PROSE_PUNCT:
        assert not word.match(c) and fold(c) == c, hex(ord(c))


def test_latin1_characters_fold_to_ascii_as_bytes_lower_them() -> None:
    # What _lowered_lines rests on: in Latin-1, only "ß" folds to ASCII letters from outside ASCII; the others
    # fold to non-empty text outside ASCII, of no script the parts are written in; ASCII folds as bytes.lower.
    for c in map(chr, range(0x100)):
        folded = fold(c)
        if c.isascii():
            assert folded == c.encode().lower().decode(), hex(ord(c))
        elif c != "ß":
            assert folded and not any(f.isascii() or ord(f) >= 0x400 for f in folded), hex(ord(c))
    assert all(c.isascii() or ord(c) >= 0x400 for c in "".join(P._NEWSLETTER_PARTS + P._CLICK_PARTS + P._BOX_PARTS))
    assert "\n" not in "".join(fold(chr(c)) for c in range(0x110000) if c != 10 and not 0xD800 <= c < 0xE000)


_LATIN1_LINES = st.sampled_from([*MATCHING, "ÀSIGN Straße", "ÉNEWSLETTERß", "“TAP” — é", "Notícias"])


@given(st.lists(_lines | _TEXTS | _LATIN1_LINES, max_size=8))
def test_lowered_lines_hold_the_parts_of_each_folded_text(texts: list[str]) -> None:
    texts = [t.replace("\n", " ") for t in texts]  # paragraphs: no line break
    lowered = P._lowered_lines(texts, list(range(len(texts)))).split("\n")
    assert len(lowered) == max(len(texts), 1)
    for text, line in zip(texts, lowered, strict=False):
        for part in P._NEWSLETTER_PARTS + P._CLICK_PARTS + P._BOX_PARTS:
            assert (part in fold(text)) == (part in line), (part, text, line)


def test_consent_parts_fold_from_their_letters_only() -> None:
    # What _mentions(t, _CONSENT_PARTS) rests on, as test_letters_that_match_ignoring_case_fold_to_the_letter.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in set("".join(P._CONSENT_PARTS)):
        for c in regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE):
            assert fold(c) == letter, (letter, hex(ord(c)))


def _reference_picks(text: str) -> dict[int, str]:
    """What Prompts.propose picked before it screened whole documents: every paragraph visited in turn."""
    from cleanse.shape import is_short, tail_start, words
    from cleanse.text import paragraphs

    paras = paragraphs(text)
    if len(paras) < 2:
        return {}
    tail = tail_start(paras, 0.5)
    picks: dict[int, str] = {}
    for p in paras:
        if p.index in picks:
            continue
        t, n = p.text, words(p.text)
        if n > 60:
            continue
        reach = P._reach(t)
        if n > reach and (n > 40 or (n > 30 and p.index < tail) or not P._may_take(t, n, p.index >= tail)):
            continue
        opens, finds = reach > 0, n <= 40 and P._may_find(t)
        if not (opens or finds):
            continue
        reason = _reference_prompt(t, n, opens, finds)
        if not reason and finds and p.index >= tail and P._CLICK.search(t) and P._OFFER.search(t):
            reason = "click"
        if reason:
            picks[p.index] = reason
        elif finds and n <= 5 and p.index >= tail and P._BOX.search(t):
            after = paras[p.index + 1 :]
            if all(is_short(q, 30) for q in after):
                run = [p.index, *(q.index for q in after)]
            else:
                run = [p.index]
                for q in after[:8]:
                    if not is_short(q, 25):
                        break
                    run.append(q.index)
            for i in run:
                picks.setdefault(i, "signup-box")
    return picks


def _reference_prompt(t: str, n: int, opens: bool, finds: bool) -> str | None:
    if opens and n <= 12:
        if P._ADVERT.match(t):
            return "advert"
        if P.is_share_buttons(t) and any(w.casefold() in P._BUTTON_CORE for w in word_runs(t)):
            return "share-buttons"
        if P._TECH.match(t):
            return "technical"
    if opens and P._CONSENT.match(t):
        return "consent"
    if n <= 30:
        if (opens and P._SUBSCRIBE.search(t)) or (finds and P._NEWSLETTER.search(t) and P._ADDRESS.search(t)):
            return "subscribe"
        if opens and P._FOLLOW.search(t):
            return "follow"
        if opens and P._FORM.search(t):
            return "form"
    return None


_PAGE_LINES = st.lists(
    st.sampled_from(MATCHING + BODY.split("\n") + ["Pick Six Newsletter", "Sorry!", "- Jones tells a story"]) | _lines,
    min_size=2,
    max_size=14,
)


@given(_PAGE_LINES, st.sampled_from([str, str.upper, str.lower, str.title]))
def test_propose_picks_what_visiting_every_paragraph_picked(lines: list[str], case: Callable[[str], str]) -> None:
    from cleanse.text import paragraphs, remove_paragraphs

    text = case("\n".join(lines))
    picks = _reference_picks(text)
    paras = paragraphs(text)
    expected = (
        []
        if len(picks) == len(paras)
        else remove_paragraphs(text, paras, sorted((i, "prompt", r) for i, r in picks.items()))
    )
    assert list(Prompts().propose(text, {})) == expected, text
