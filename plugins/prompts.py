"""Calls to action: newsletter and subscription prompts, share and follow prompts.

A prompt speaks to the reader, not about the story: it starts with an
imperative (``Subscribe``, ``Sign up``, ``Follow``, ``Share``, ``Click here``,
``Inscreva-se``, ``Abonnieren``, ``Подпишитесь``) or asks the reader a
question (``Like this story?``), it names a channel (a newsletter, an inbox,
a social network, a friend) and it is short. A signup box leaves a heading
(``Pick Six Newsletter``) and its form's messages behind it (``Thanks for
signing up!``, ``There was an error processing your subscription.``).

Rules (each removal's ``reason``):

- ``subscribe``: a paragraph of at most 30 words that starts with a
  subscription verb and names a newsletter, an inbox or updates, or that
  names a newsletter together with a subscription verb anywhere and
  addresses the reader (``you``, ``our``, ``here``, ``free``...).
- ``follow``: a paragraph of at most 30 words that starts with ``Follow``
  (or ``Like this story?``, ``Share this``...) and names a social network,
  a friend or ``us``.
- ``click``: in the last half of the text, a paragraph of at most 40 words
  with ``Click here`` (or a translation) and an offer (subscribe, issues,
  more information, download).
- ``form``: the messages of a signup form (``Thanks for signing up!``,
  ``Keep an eye on your inbox``, ``There was an error processing your
  subscription``).
- ``advert``: a line that is only an advertising label (``Advertisement``,
  ``Story continues below advertisement``, ``Anzeige``, ``Publicidade``, ``Реклама``).
- ``share-buttons``: a line made only of share-button words (``Click to share on
  Twitter (Opens in new window)``, ``Share this:``, ``Facebook Twitter Email``,
  ``Like this: Like Loading...``).
- ``consent``: a cookie or terms notice that opens with ``We use cookies``,
  ``This site uses cookies``, ``By continuing to browse`` (at most 60 words).
- ``technical``: ``Please enable JavaScript``, ``Your browser does not support
  the video tag``, ``Loading...``.
- ``signup-box``: a short heading with ``Newsletter`` (or ``Sign up``) in the
  last half of the text; when every paragraph from it to the end is short
  (at most 30 words) they all go, otherwise the heading and the short
  lines that follow it (at most 8, each at most 25 words).
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Iterator
from itertools import compress, count, repeat
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import Keywords, fold, folded_words, is_short, unpunctuated, word_runs, words_before
from cleanse.text import REGEX_TIMEOUT, Paragraph, paragraphs, remove_paragraphs

_I = regex.IGNORECASE

_SUBSCRIBE_VERB = (
    r"(?:subscribe|sign\s*up|signup|register|join|get|receive|stay\s+(?:up\s+to\s+date|informed|on\s+top)|"
    r"don'?t\s+miss|never\s+miss|assine|inscreva-se|cadastre-se|receba|suscr[ií]bete|suscr[ií]base|reg[ií]strate|"
    r"recibe|abonnez-vous|inscrivez-vous|recevez|abonnieren|abonniere|abonnieren\s+sie|melden\s+sie\s+sich|"
    r"registrieren|iscriviti|abbonati|ricevi|подпишитесь|подписывайтесь|подпишись|подписаться|구독하세요|구독)"
)
_CHANNEL = (
    r"(?:newsletters?|inbox|updates|alerts|notifications|e-?mail\s+list|mailing\s+list|boletim|boletín|"
    r"infolettre|lettre\s+d'information|posteingang|rundbrief|caixa\s+de\s+entrada|bandeja\s+de\s+entrada|"
    r"рассылк\w*|новост\w*\s+на\s+почту|뉴스레터)"
)
_SUBSCRIBE = regex.compile(rf"^\W{{0,3}}{_SUBSCRIBE_VERB}\b.*\b{_CHANNEL}", _I)
_NEWSLETTER = regex.compile(
    r"\b(?:newsletters?|뉴스레터|рассылк\w*|infolettre|boletim|boletín)\b.*\b(?:sign|subscri|inscri|assin|abonn|"
    r"suscri|iscriv|подпис|구독)|\b(?:sign|subscri|inscri|assin|abonn|suscri|iscriv|подпис|구독)\w*\b.*\b"
    r"(?:newsletters?|뉴스레터|рассылк\w*|infolettre|boletim|boletín)\b",
    _I,
)
_NETWORK = (
    r"(?:facebook|twitter|instagram|youtube|tiktok|linkedin|telegram|whatsapp|threads|mastodon|bluesky|pinterest|"
    r"social\s+media|redes\s+sociais|redes\s+sociales|réseaux\s+sociaux|sozialen\s+medien|соцсет\w*|"
    r"a\s+friend|your\s+friends|um\s+amigo|un\s+amigo|un\s+ami|einem\s+freund|друзьям|@\w+)"
)
_FOLLOW = regex.compile(
    rf"^\W{{0,3}}(?:follow(?=\s)|like\s+us|find\s+us|connect\s+with\s+us|join\s+us|siga|sígue(?:nos)?|suivez|folgen\s+sie|"
    rf"segui(?:teci)?|подписывайтесь\s+на|следите\s+за)\b.*\b{_NETWORK}"
    rf"|^\W{{0,3}}(?:like\s+this\s+(?:story|article|post)\?|enjoyed\s+this\s+(?:story|article)\?|share\s+(?:this|it)\b|"
    rf"compartilhe|comparte|partagez|teilen\s+sie|condividi|поделитесь)",
    _I,
)
_CLICK = regex.compile(
    r"\b(?:click|tap)\s+here\b|\bclique\s+aqui\b|\bhaz\s+clic\s+aquí\b|\bcliquez\s+ici\b|\bhier\s+klicken\b|"
    r"\bclicca\s+qui\b|\bнажмите\s+здесь\b",
    _I,
)
_OFFER = regex.compile(
    r"\b(?:subscri\w*|sign\s*up|newsletters?|issues|more\s+information|download|register|free\s+trial|offer|"
    r"assin\w*|inscr\w*|abonn\w*|suscri\w*|iscriv\w*|подпис\w*)\b",
    _I,
)
_FORM = regex.compile(
    r"^\W{0,3}(?:thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing|registering)|keep\s+an\s+eye\s+on\s+your\s+inbox"
    r"|check\s+your\s+inbox|there\s+was\s+an\s+error\s+processing\s+your\s+(?:subscription|request)"
    r"|you(?:'re|\s+are)\s+(?:now\s+)?(?:subscribed|signed\s+up|all\s+set)"
    r"|by\s+(?:signing\s+up|subscribing|clicking)[^.]{0,80}\b(?:agree|accept|consent)"
    r"|obrigado\s+por\s+(?:se\s+)?(?:inscrever|assinar)|gracias\s+por\s+suscribirte|merci\s+de\s+votre\s+inscription"
    r"|danke\s+für\s+ihre\s+anmeldung|спасибо\s+за\s+подписку)",
    _I,
)
_ADVERT = regex.compile(
    r"^\W*(?:advertisement|advertising|sponsored(?:\s+content)?|(?:story|article)\s+continues\s+(?:below|after)"
    r"(?:\s+(?:this\s+)?(?:advertisement|ad))?|continue\s+reading\s+(?:the\s+main\s+story|below)|anzeige|werbung"
    r"|publicidade|publicidad|publicité|pubblicità|реклама|광고|広告|reklama|advertentie)\W*$",
    _I,
)
_BUTTON_TEXT = (
    "share shares sharing tweet email e mail print pin pinterest facebook twitter x linkedin reddit whatsapp telegram "
    "messenger copy link save comment comments opens in new window click to on via flipboard tumblr pocket sms like "
    "this loading compartilhar compartilhe partager teilen condividi поделиться"
)
_BUTTON_CORE_TEXT = (
    "share shares tweet facebook twitter linkedin reddit whatsapp pinterest compartilhar compartilhe partager teilen "
    "condividi поделиться like"
)
_BUTTON_WORDS = frozenset(_BUTTON_TEXT.split())
_BUTTON_CORE = frozenset(_BUTTON_CORE_TEXT.split())
_CONSENT = regex.compile(
    r"^\W*(?:we\s+use\s+cookies(?:\s+and\s+similar\s+technologies)?\s+(?:to|on|for|so)\b|this\s+(?:web)?site\s+uses\s+cookies|by\s+(?:using|continuing\s+to\s+(?:use|browse))"
    r"\s+(?:this|our)\s+(?:site|website)|nós\s+usamos\s+cookies|utilizamos\s+cookies|usamos\s+cookies"
    r"|nous\s+utilisons\s+des\s+cookies|wir\s+verwenden\s+cookies|мы\s+используем\s+(?:файлы\s+)?cookie)",
    _I,
)
_TECH = regex.compile(
    r"^\W*(?:please\s+enable\s+javascript|javascript\s+is\s+(?:disabled|required)|your\s+browser\s+does\s+not"
    r"\s+support|to\s+view\s+this\s+video,?\s+please|loading\W*$)",
    _I,
)


# A regex call costs microseconds even when it finds nothing (its timeout reads the clock), so each
# pattern below is tried only when a cheap test on the paragraph's casefolded words says it could
# match (tests/test_prompts.py checks each test against its pattern): the patterns anchored by
# ``^\W*`` (or ``^\W{0,3}``) match only when the first word starts with the first word of one of
# their alternatives (Keywords.opens); in the others each alternative has a word that starts after
# a ``\b`` or a ``\s`` (Keywords.found_in), and a whole word (_may_find).
_OPENERS = {
    "advert": "advertisement advertising sponsored story article continue anzeige werbung publicidade publicidad "
    "publicité pubblicità реклама 광고 広告 reklama advertentie",
    "technical": "please javascript your to loading",
    "consent": "we this by nós utilizamos usamos nous wir мы",
    "subscribe": "subscribe sign signup register join get receive stay don never assine inscreva cadastre receba "
    "suscribete suscríbete suscribase suscríbase registrate regístrate recibe abonnez inscrivez recevez abonnieren "
    "abonniere melden registrieren iscriviti abbonati ricevi подпишитесь подписывайтесь подпишись подписаться "
    "구독하세요 구독",
    "follow": "follow like find connect join siga sígue síguenos suivez folgen segui seguiteci подписывайтесь "
    "следите enjoyed share compartilhe comparte partagez teilen condividi поделитесь",
    "form": "thanks thank keep check there you by obrigado gracias merci danke спасибо",
    # Not a pattern: a line of share buttons opens with a button word (see _only_button_words).
    "share-buttons": _BUTTON_TEXT,
}
_ADVERT_OPENS = Keywords(_OPENERS["advert"])
_TECH_OPENS = Keywords(_OPENERS["technical"])
_CONSENT_OPENS = Keywords(_OPENERS["consent"])
_SUBSCRIBE_OPENS = Keywords(_OPENERS["subscribe"])
_FOLLOW_OPENS = Keywords(_OPENERS["follow"])
_FORM_OPENS = Keywords(_OPENERS["form"])
_ANY_OPENS = Keywords(" ".join(_OPENERS.values()))  # one test for them all: most paragraphs open with none
# What _CONSENT's alternatives are about, after a \s: cookies, or "this site".
_CONSENT_WORDS = Keywords("cookies site website")
# The same, looked for in the casefolded text (_mentions): each alternative of _CONSENT has one.
_CONSENT_PARTS = ("cookie", "site")
# The channel _SUBSCRIBE needs after its verb: a word that starts a word in each alternative
# ("list" for "e-mail list", "entrada" for "caixa de entrada", "почту" for "новост... на почту").
_CHANNEL_WORDS = Keywords(
    "newsletters inbox updates alerts notifications list boletim boletín infolettre lettre posteingang rundbrief "
    "entrada рассылк почту 뉴스레터"
)
# The same, whole, as found in the casefolded text (_mentions): the stems compare "letterbox" with "lettre" and
# "information" with "infolettre", and a _SUBSCRIBE call that finds nothing costs tens of microseconds.
_CHANNEL_PARTS = (
    "newsletter", "inbox", "updates", "alerts", "notifications", "list", "bolet", "lettre", "posteingang",
    "rundbrief", "entrada", "рассылк", "почту", "뉴스레터",
)  # fmt: skip
# A word each _NEWSLETTER match has, found in the casefolded text (_mentions).
_NEWSLETTER_WORDS = ("newsletter", "뉴스레터", "рассылк", "infolettre", "boletim", "boletín")
# And the subscription stem each _NEWSLETTER match has with it (a newsletter named alone is a heading).
_SIGN_PARTS = ("sign", "subscri", "inscri", "assin", "abonn", "suscri", "iscriv", "подпис", "구독")
# A word after \s in each _CLICK alternative ("click here", "haz clic aquí", "hier klicken").
_CLICK_FINDS = Keywords("here aqui aquí cliquez klicken clicca здесь")
# A word that starts after a \s (or _OFFER's \b, or is the first word) in each alternative of _TECH, _FORM
# and _OFFER: what the thing is about, past the opening word, which the opening tests have seen already. A
# regex call asked in turn of one paragraph of a document costs several microseconds (more than asked in a
# loop), and most paragraphs that open like a form message or a technical notice are prose ("There are more
# devices...", "To her Instagram page..."), as are most with "Click here" but no offer.
_TECH_WORDS = Keywords("javascript browser video loading")
_FORM_WORDS = Keywords(
    "signing subscribing registering inbox error subscribed signed all clicking inscrever assinar suscribirte "
    "inscription anmeldung подписку"
)
_OFFER_WORDS = Keywords(
    "subscri sign newsletters issues more download register free offer assin inscr abonn suscri iscriv подпис"
)
_BOX_FINDS = Keywords("newsletters sign subscribe 뉴스레터 рассылка infolettre")  # after _BOX's \b
# One test for the three, first: each of their alternatives has one of these as a whole word (it
# follows a \b or \s, and a \s or \b follows it), or (in _NEWSLETTER) a word that starts "рассылк".
# A set of whole words needs only the paragraph's words, which the opening test has read already.
_FIND_TEXT = (
    "newsletter newsletters 뉴스레터 рассылка infolettre boletim boletín here aqui aquí cliquez klicken clicca здесь "
    "sign signup subscribe"
)
_FIND_WORDS = frozenset(_FIND_TEXT.split())


def _may_find(text: str) -> bool:
    """Whether ``text`` may match _NEWSLETTER, _CLICK or _BOX: False when it has none of their words.

    >>> _may_find("Sign up for our newsletter"), _may_find("Подпишитесь на рассылку"), _may_find("Signs of life")
    (True, True, False)
    """
    found = folded_words(text)
    # Only "р" and "Р" match the "р" of "рассылк" ignoring case (tests/test_prompts.py checks).
    return not _FIND_WORDS.isdisjoint(found) or (("р" in text or "Р" in text) and "рассылк" in " ".join(found))


# The first words of _FOLLOW's alternatives: whole where a \s or a \b follows them in the pattern ("follow" of
# "Follow us", not of "Following the vote"), and the others as the first word's start.
_FOLLOW_FIRST_TEXT = (
    "follow like find connect join siga sígue síguenos suivez folgen segui seguiteci подписывайтесь следите "
    "enjoyed share teilen"
)
_FOLLOW_FIRST = frozenset(_FOLLOW_FIRST_TEXT.split())
_FOLLOW_STARTS = ("compartilhe", "comparte", "partagez", "condividi", "поделитесь")


def _may_follow(text: str) -> bool:
    """Whether ``text`` may match _FOLLOW: False when its first folded word is none of its alternatives' first.

    Sound as Keywords.opens is: _FOLLOW allows only non-word characters before that word, and every character
    that matches one of its letters ignoring case folds to that letter (tests/test_prompts.py checks).

    >>> _may_follow("Follow us on X"), _may_follow("“FOLLOW” @x"), _may_follow("Following the vote, Facebook")
    (True, True, False)
    """
    found = folded_words(text)
    return bool(found) and (found[0] in _FOLLOW_FIRST or found[0].startswith(_FOLLOW_STARTS))


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` contains one of ``words`` as an IGNORECASE pattern could match it.

    Every character that matches a letter of these words ignoring case casefolds to that
    letter, once U+0307 (the dot that "İ" folds with) is left out.

    >>> _mentions("Get the NEWSLETTER", _NEWSLETTER_WORDS), _mentions("İNFOLETTRE", _NEWSLETTER_WORDS)
    (True, True)
    """
    folded = text.casefold().replace("\u0307", "")
    return any(w in folded for w in words)


def is_share_buttons(text: str) -> bool:
    """A line made only of share-button words, with at least one that names sharing.

    >>> is_share_buttons("Click to share on Twitter (Opens in new window)")
    True
    >>> is_share_buttons("Like this: Like Loading...")
    True
    >>> is_share_buttons("Twitter"), is_share_buttons("Share prices fell on Monday")
    (False, False)
    """
    tokens = [t.casefold() for t in word_runs(text)]
    if not tokens or len(tokens) > 12 or not all(t in _BUTTON_WORDS for t in tokens):
        return False
    return len(tokens) >= 2 or tokens[0] in {"share", "tweet", "compartilhar", "compartilhe", "partager", "teilen"}


def _only_button_words(text: str) -> bool:
    """Whether the casefolded words of ``text`` are 1 to 12 share-button words: true whenever
    :func:`is_share_buttons` is, and cheaper (the folded words are cached across cleaners).

    Sound because casefolding keeps word and non-word characters apart (tests/test_prompts.py checks
    every character), so the folded words are the casefolded word runs, minus any U+0307, which no
    button word has.

    >>> _only_button_words("Share this:"), _only_button_words("Share prices fell")
    (True, False)
    """
    found = folded_words(text)
    return 0 < len(found) <= 12 and all(w in _BUTTON_WORDS for w in found)


# Most paragraphs are never folded whole (shape.folded_words, which is most of this cleaner's cost): two cheap
# screens first say which rules could take a paragraph at all.
#
# 1. The rules that need an opening word (all but ``click``, ``signup-box`` and ``subscribe`` on a newsletter
#    named anywhere) are told from the paragraph's first letters (_reach): how many words a paragraph may
#    have for one of them to take it, given the rules whose openers its first word starts with.
_LIMITS = {"advert": 12, "technical": 12, "share-buttons": 12, "consent": 60, "subscribe": 30, "follow": 30, "form": 30}
# Each opener compared as Keywords compares it: its first four casefolded letters (fewer for a shorter word).
_REACH_STEMS = {rule: tuple(sorted({fold(w)[:4] for w in words.split()})) for rule, words in _OPENERS.items()}
# Characters that often come before a paragraph's first word: all non-word (tests/test_prompts.py checks), and
# casefolding keeps them so, so the first word of the folded text is the first word after them.
_LEAD = " \t\u00a0|#\"'“”‘’„«»‹›()[]*•·–—-…."
# What the first characters of paragraphs tell, remembered for each head (_reach) seen (a few thousand in
# practice: paragraphs open with the same few words): _reached[head] is what _learn(head) answers, and
# _opened[head] the rules it counted, when that is not -1.
_reached: dict[str, int] = {}
_opened: dict[str, frozenset[str]] = {}


def _reach(text: str) -> int:
    """The most words ``text`` may have for a rule that needs an opening word to take it (0: none can).

    When the first characters of ``text`` after _LEAD (its head, cut to four) tell its first word's first four
    letters (_learn, _head_rules), the answer is the largest limit (_LIMITS) of the rules one of whose openers that
    word starts with: exactly the rules whose ``Keywords.opens`` is true, since those compare the first word
    by its first four letters at most (and ``share-buttons`` needs a first word that is a button word).
    Otherwise it is 60 when ``_ANY_OPENS`` opens ``text`` (every rule may), else 0. Either way it is 0 exactly
    when ``_ANY_OPENS.opens(text)`` is False.

    >>> _reach("Advertisement"), _reach("We use cookies"), _reach("“Follow us”"), _reach("The plan")
    (12, 60, 30, 0)
    >>> _reach("“The plan”"), _reach("In"), _reach("“Sign up”"), _reach("——————————————— Subscribe")
    (0, 60, 30, 30)
    """
    head = text.lstrip(_LEAD)[:4]
    reach = _reached.get(head)
    if reach is None:
        reach = _learn(head)
    if reach < 0:
        return 60 if _ANY_OPENS.opens(text) else 0
    return reach


def _learn(head: str) -> int:
    """What :func:`_reach` answers for a text whose first characters after _LEAD are ``head``, or -1 when
    ``head`` does not tell the first four letters of the text's first folded word (_head_rules); remembered as
    ``_reached[head]`` (and the rules as ``_opened[head]``).

    >>> _learn("Foll"), _learn("In a"), _learn("The "), _learn("Q: W"), _learn("In")
    (30, 12, 0, 0, -1)
    """
    rules = _head_rules(head)
    if len(_reached) >= 4096:
        _reached.clear()
        _opened.clear()
    if rules is None:
        _reached[head] = -1
        return -1
    _opened[head] = rules
    reach = _reached[head] = max((_LIMITS[rule] for rule in rules), default=0)
    return reach


def _head_rules(head: str) -> frozenset[str] | None:
    """The rules of _OPENERS one of whose openers the first folded word of a text starts with (compared as
    ``Keywords.opens`` compares them, by their first four letters), for a text whose first characters after
    _LEAD are ``head``; None when ``head`` does not tell the first four letters of that word.

    The words of the folded text are those of the folded ``head`` and the folded rest (the _LEAD characters
    before them fold to non-word characters), but for the last word of ``head``, which the rest may carry on.
    So the first word of ``head`` is the text's when another word follows it in ``head``, and starts it with
    the same four letters when it has four.

    >>> sorted(_head_rules("Shar")), sorted(_head_rules("In a")), _head_rules("In")
    (['follow', 'share-buttons'], ['share-buttons'], None)
    """
    folded = fold(head)
    found = word_runs(folded)
    if not found or (len(found) == 1 and len(found[0]) < 4 and folded.endswith(found[0])):
        return None
    first = found[0][:4]
    return frozenset(rule for rule, stems in _REACH_STEMS.items() if first.startswith(stems))


_OPENS = {
    "advert": _ADVERT_OPENS,
    "technical": _TECH_OPENS,
    "consent": _CONSENT_OPENS,
    "subscribe": _SUBSCRIBE_OPENS,
    "follow": _FOLLOW_OPENS,
    "form": _FORM_OPENS,
}


def _opened_by(text: str) -> frozenset[str] | set[str]:
    """The rules of _OPENS whose ``Keywords.opens`` is true for ``text`` (and maybe ``share-buttons``): what
    _head_rules found for its head (_reach), when that tells, else what the tests say.

    >>> sorted(_opened_by("“We use cookies”")), sorted(_opened_by("AP"))
    (['consent'], [])
    """
    rules = _opened.get(text.lstrip(_LEAD)[:4])
    if rules is None:
        return {rule for rule, keywords in _OPENS.items() if keywords.opens(text)}
    return rules


# 2. The rules on words found anywhere in a paragraph (``finds``) need, after the whole words of _may_find:
#    ``subscribe`` a word of _NEWSLETTER_WORDS (_mentions), so one of _NEWSLETTER_PARTS; ``click`` (in the
#    tail) a match of _CLICK, which has one of _CLICK_PARTS; ``signup-box`` (in the tail, at most 5 words) a
#    match of _BOX, which has one of _BOX_PARTS. Each is looked for in the casefolded text: every character
#    that matches one of their letters ignoring case casefolds to that letter (tests/test_prompts.py checks),
#    so a match leaves it there.
_NEWSLETTER_PARTS = ("newsletter", "infolettre", "bolet", "рассылк", "뉴스레터")
_CLICK_PARTS = ("clic", "cliq", "tap", "klicken", "нажмите")
_BOX_PARTS = ("newsletter", "sign", "subscribe", "뉴스레터", "рассылка", "infolettre")


def _may_take(text: str, n: int, tail: bool) -> bool:
    """Whether a rule on words found anywhere may take paragraph ``text`` of ``n`` words (at most 40), in the
    tail or not: False when ``subscribe``, ``click`` and ``signup-box`` all would say no.

    >>> _may_take("Sign up for our newsletter", 5, False), _may_take("Click here to subscribe", 4, False)
    (True, False)
    >>> _may_take("Click here to subscribe", 4, True), _may_take("Signs of life", 3, True)
    (True, True)
    """
    if n > 30 and not tail:
        return False
    has = fold(text).__contains__
    if n <= 30 and any(map(has, _NEWSLETTER_PARTS)):
        return True
    return tail and (any(map(has, _CLICK_PARTS)) or (n <= 5 and any(map(has, _BOX_PARTS))))


# 3. The two screens above, for all the paragraphs of a document at once: what a paragraph's first letters say
#    is looked up for all of them in one pass (_reaches), and the words found anywhere are looked for in the
#    casefolded text of the few paragraphs short enough for those rules, joined (_takers). A paragraph that
#    neither says may be taken is never looked at (_candidates).
_TEXT = operator.attrgetter("text")
_STEM = operator.itemgetter(slice(4))  # _reach's head: the text less _LEAD, cut to 4


def _tail_start(before: list[int]) -> int:
    """``shape.tail_start(paras, 0.5)`` for paragraphs with ``before = words_before(paras)``: the first index
    whose words before it are at least half the total (``len(paras)`` if none), found by bisection, as
    ``before`` never decreases.

    >>> _tail_start([0, 4, 6, 7, 8]), _tail_start([0, 0]), _tail_start([0, 1, 1])
    (1, 0, 1)
    """
    return bisect_left(before, before[-1] * 0.5, 0, len(before) - 1)


def _reaches(texts: list[str]) -> list[int]:
    """``[_reach(t) for t in texts]``: the heads are cut and looked up in _reached all together, and _reach is
    asked only about those not remembered or that do not tell (-1).

    >>> _reaches(["Advertisement", "The plan", "“Follow us”", "“The plan”", "“We use”"])
    [12, 0, 30, 0, 60]
    """
    reaches = list(map(_reached.get, map(_STEM, map(str.lstrip, texts, repeat(_LEAD))), repeat(-1)))
    if -1 in reaches:
        return [_reach(t) if r < 0 else r for r, t in zip(reaches, texts, strict=True)]
    return reaches


def _takers(texts: list[str], counts: list[int], tail: int) -> set[int]:
    """The indices ``i`` for which ``_may_take(texts[i], counts[i], i >= tail)`` is True (``texts``: paragraphs,
    without line breaks).

    Each rule's parts are looked for in the lowered texts of the paragraphs it may take, joined by line breaks
    (_lowered_lines): no part holds a line break, so a part is in line ``k`` of the joined text exactly when it
    is in the folded text of its ``k``-th paragraph, and that paragraph is taken without being asked again.

    >>> sorted(_takers(["Sign up for our newsletter", "Plain words", "Click here to subscribe"], [5, 2, 4], 2))
    [0, 2]
    """
    found: set[int] = set()
    # subscribe: at most 30 words (before the tail; the tail's are looked for below).
    head = list(compress(range(tail), map(operator.le, counts[:tail], repeat(30))))
    if head:
        lowered = _lowered_lines(texts, head)
        for part in filter(lowered.__contains__, _NEWSLETTER_PARTS):  # most often none
            found.update(_lines_with(lowered, part, head))
    # In the tail: subscribe (at most 30 words) and click, at most 40 words; signup-box, at most 5 words.
    end = list(compress(range(tail, len(texts)), map(operator.le, counts[tail:], repeat(40))))
    if end:
        lowered = _lowered_lines(texts, end)
        for part in filter(lowered.__contains__, _NEWSLETTER_PARTS):
            found.update(i for i in _lines_with(lowered, part, end) if counts[i] <= 30)
        for part in filter(lowered.__contains__, _CLICK_PARTS):
            found.update(_lines_with(lowered, part, end))
        for part in filter(lowered.__contains__, _BOX_ONLY_PARTS):
            found.update(i for i in _lines_with(lowered, part, end) if counts[i] <= 5)
    return found


# The parts of _BOX_PARTS that hold none of _NEWSLETTER_PARTS ("sign", "subscribe"): a line of at most 5 words
# with one of the others holds a newsletter part, and is taken for it already.
_BOX_ONLY_PARTS = tuple(p for p in _BOX_PARTS if not any(q in p for q in _NEWSLETTER_PARTS))


def _lines_with(lowered: str, part: str, indices: list[int]) -> Iterator[int]:
    """The ``indices[k]`` of the lines ``k`` of ``lowered`` (counted from 0) that hold ``part``.

    >>> list(_lines_with("no\\nsign up\\nsign", "sign", [4, 7, 9]))
    [7, 9]
    """
    at = lowered.find(part)
    line = start = 0
    while at >= 0:
        line += lowered.count("\n", start, at)
        yield indices[line]
        start = lowered.find("\n", at)
        if start < 0:
            return
        at = lowered.find(part, start)


def _lowered_lines(texts: list[str], indices: list[int]) -> str:
    """The ``texts`` at ``indices``, joined by line breaks, prose punctuation (dashes, curly quotes...) made
    spaces, then folded as :func:`shape.fold` does, or lowered in a way that finds the same parts cheaper.

    Every part _may_take looks for is in a line of the result exactly when it is in the folded text of that
    paragraph: the parts are letters; the punctuation is not, and folds to itself (tests/test_prompts.py
    checks); casefolding maps a character at a time and keeps line breaks. Most text is then ASCII, which
    casefolds fast. A Latin-1 text is lowered as bytes (ASCII letters only), which is as good for the parts:
    only "ß" of the Latin-1 characters outside ASCII folds to ASCII letters (it is folded instead), the others
    fold to characters outside ASCII, none of them Cyrillic or Hangul (tests/test_prompts.py checks).

    >>> _lowered_lines(["“Sign UP” — now", "x", "İNFO"], [0, 2]).splitlines()
    [' sign up    now', 'info']
    >>> _lowered_lines(["SIGN UP: NOTÍCIAS", "É"], [0, 1]).splitlines()
    ['sign up: notÍcias', 'É']
    """
    joined = unpunctuated("\n".join(map(texts.__getitem__, indices)))
    if joined.isascii():
        return joined.lower()
    try:
        raw = joined.encode("latin-1")
    except UnicodeEncodeError:
        return fold(joined)
    if b"\xdf" in raw:  # ß
        return fold(joined)
    return raw.lower().decode("latin-1")


# A prompt addresses the reader: a newsletter named without an imperative needs one of these.
_ADDRESS = regex.compile(
    r"\b(?:you|your|our|us|here|now|free|today|inbox|você|seu|sua|nosso|nossa|tu|su|nuestro|votre|notre|ihr|unser\w*|ваш\w*|наш\w*)\b",
    _I,
)
_BOX = regex.compile(r"\b(?:newsletters?|sign\s*up|subscribe|뉴스레터|рассылка|infolettre)\b", _I)


class Prompts(Cleaner):
    """Remove newsletter, subscription, follow and share prompts."""

    name = "prompts"
    order = 670
    removes = "newsletter, subscription, share and follow prompts and signup boxes"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        texts = list(map(_TEXT, paras))
        before = words_before(paras)
        counts = list(map(operator.sub, before[1:], before[:-1]))  # words(t) of each paragraph
        tail = _tail_start(before)
        reaches = _reaches(texts)
        takers = _takers(texts, counts, tail)
        # Only the paragraphs the two screens say a rule may take are looked at, in order: those of at most
        # ``reach`` words (a rule that needs an opening word; a reach is at most 60) and the takers. Most
        # documents have one or two.
        picks: dict[int, str] = {}
        for i in sorted({*compress(count(), map(operator.le, counts, reaches)), *takers}):
            if i in picks:
                continue
            t = texts[i]
            n = counts[i]
            opens = reaches[i] > 0  # _ANY_OPENS.opens(t)
            # A rule on words found anywhere takes only a taker (the guards of _may_take, tested).
            finds = i in takers and n <= 40 and _may_find(t)
            if not (opens or finds):  # no rule can take it
                continue
            reason = self._prompt(t, n, opens, finds)
            if (
                not reason
                and finds
                and _CLICK_FINDS.found_in(t)
                and i >= tail
                and _OFFER_WORDS.found_in(t)
                and _CLICK.search(t, timeout=REGEX_TIMEOUT)
                and _OFFER.search(t, timeout=REGEX_TIMEOUT)
            ):
                reason = "click"
            if reason:
                picks[i] = reason
            elif finds and n <= 5 and _BOX_FINDS.found_in(t) and i >= tail and _BOX.search(t, timeout=REGEX_TIMEOUT):
                for j in self._box(paras, i):
                    picks.setdefault(j, "signup-box")
        if len(picks) == len(paras):
            return
        yield from remove_paragraphs(text, paras, [(i, "prompt", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _prompt(t: str, n: int, opens: bool, finds: bool) -> str | None:
        """The rule, but ``click``, that takes paragraph ``t`` of ``n`` words (at most 60), if any.

        ``opens`` and ``finds`` say whether ``_ANY_OPENS`` opens ``t`` and whether ``_may_find(t)``.
        """
        rules = _opened_by(t) if opens else ()  # the rules whose opening test is true: most often remembered
        if opens and n <= 12:
            if "advert" in rules and _ADVERT.match(t, timeout=REGEX_TIMEOUT):
                return "advert"
            if (
                _only_button_words(t)
                and is_share_buttons(t)
                and any(w.casefold() in _BUTTON_CORE for w in word_runs(t))
            ):
                return "share-buttons"
            if "technical" in rules and _TECH_WORDS.found_in(t) and _TECH.match(t, timeout=REGEX_TIMEOUT):
                return "technical"
        if "consent" in rules and _mentions(t, _CONSENT_PARTS) and _CONSENT.match(t, timeout=REGEX_TIMEOUT):
            return "consent"
        if n <= 30:
            if (
                "subscribe" in rules
                and _CHANNEL_WORDS.found_in(t)
                and _mentions(t, _CHANNEL_PARTS)
                and _SUBSCRIBE.match(t, timeout=REGEX_TIMEOUT)
            ) or (
                finds
                and _mentions(t, _NEWSLETTER_WORDS)
                and _mentions(t, _SIGN_PARTS)
                and _NEWSLETTER.search(t, timeout=REGEX_TIMEOUT)
                and _ADDRESS.search(t, timeout=REGEX_TIMEOUT)
            ):
                return "subscribe"
            if "follow" in rules and _may_follow(t) and _FOLLOW.match(t, timeout=REGEX_TIMEOUT):
                return "follow"
            if "form" in rules and _FORM_WORDS.found_in(t) and _FORM.match(t, timeout=REGEX_TIMEOUT):
                return "form"
        return None

    @staticmethod
    def _box(paras: list[Paragraph], index: int) -> list[int]:
        after = paras[index + 1 :]
        if all(is_short(p, 30) for p in after):
            return [index, *(p.index for p in after)]
        run = [index]
        for p in after[:8]:
            if not is_short(p, 25):
                break
            run.append(p.index)
        return run


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Prompts())
