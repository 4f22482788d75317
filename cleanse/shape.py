"""Shape of paragraphs, shared by the page-noise cleaners (related, prompts, comments, footers).

Page noise is told from body text less by its words than by its shape: it is
short, it does not end like a sentence, it comes in runs of list items, and it
sits at the end of the document. These helpers measure that shape.
"""

from __future__ import annotations

import codecs
import operator
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, repeat

import regex

from cleanse import text as _text
from cleanse.text import REGEX_TIMEOUT, Paragraph

_WORD = regex.compile(r"\w+")
# Scripts written without spaces between words: one word is counted per two of their characters.
_DENSE = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}"
# Text goes through bytes.translate, no regex: encoded one byte a character where one of these codecs can
# (Latin-1, the fastest to encode; Western European, Cyrillic, Central European, Greek, Turkish, Baltic, Hebrew,
# Arabic: none has a character of the dense scripts), its bytes then read with a table per codec.
_SINGLE_BYTE = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256")


def _word_bytes(codec: str) -> bytes:
    """For each byte, itself if the codec decodes it to a word character, else a space (undefined bytes too)."""
    chars = bytes(range(0x80, 0x100)).decode(codec, "replace")  # a character a byte, U+FFFD if none
    return _ASCII_WORDS + bytes(b if _WORD.fullmatch(c) else 32 for b, c in enumerate(chars, 0x80))


_ASCII_WORDS = bytes(b if _WORD.fullmatch(chr(b)) else 32 for b in range(0x80))  # every codec's first half


# Each byte not a word character becomes a space.
_WORD_BYTES = {codec: _word_bytes(codec) for codec in _SINGLE_BYTE}
_LATIN1_WORDS = _WORD_BYTES["latin-1"]
# The single-byte codecs that have a character outside ASCII, for each: those to try next for a text one
# cannot encode, by the first character it lacks.
_CODECS_FOR: dict[str, tuple[str, ...]] = {}
for _codec in _SINGLE_BYTE:
    for _c in bytes(range(0x80, 0x100)).decode(_codec, "ignore"):
        _CODECS_FOR[_c] = (*_CODECS_FOR.get(_c, ()), _codec)
# Punctuation common in prose but outside Latin-1 (dashes, curly quotes, ellipsis), all non-word.
_PROSE_PUNCT = "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026"
# Other text goes through its UTF-8 bytes when all its non-ASCII characters are letters (every letter is a
# word character): each ASCII byte not a word character becomes a space (the bytes of other characters are
# all >= 0x80).
_UTF8_WORDS = bytes(b if b >= 0x80 else _LATIN1_WORDS[b] for b in range(256))
_WORD_BYTES["utf-8"] = _UTF8_WORDS
_ASCII_BYTES = bytes(range(0x80))
_LIST_ITEM = regex.compile(r"[-–—•*·▪►»]\s|\d{1,2}[.)]\s")
_BULLETS = "-–—•*·▪►»"  # those of _LIST_ITEM
_SENTENCE_END = regex.compile(r"[.!?…。！？]['\"’”»)\]]*\s*$")


def words(text: str) -> int:
    """Number of words; scripts written without spaces count one word per two characters.

    >>> words("Read more: the plan"), words("相关阅读：新闻")
    (4, 5)
    """
    count = _counted.get(text)
    if count is None:
        count = _count_words(text)
        if len(text) <= 2000:  # paragraphs, asked about by several cleaners in turn
            if len(_counted) >= _CACHE_LIMIT:
                _counted.clear()
            _counted[text] = count
    return count


_counted: dict[str, int] = {}
_TEXT = operator.attrgetter("text")
# What the caches of this module are for is the cleaners of one document asking in turn about its
# paragraphs; a few documents' worth of entries is enough, and keeps a worker's memory small.
_CACHE_LIMIT = 1024


def _count_words(text: str) -> int:
    raw, encoding, dense = _encoded(text)
    return _runs(raw.translate(_RUNS[encoding])) + dense // 2


def _encoded(text: str) -> tuple[bytes, str, int]:
    """``text`` encoded for the byte tables (``_WORD_BYTES``); the encoding; and the number of its characters
    of the dense scripts.

    Its bytes in one of the single-byte codecs where one has all its word characters: the non-word
    characters the codec lacks (a minus sign, ½, an emoji) are written as spaces, non-word too, which leave
    the words as they were, and a byte a character. Else its UTF-8 bytes with each character outside ASCII
    that is not a word character made a space (``_utf8_words``). No single-byte codec has a character of
    the dense scripts.

    >>> [_encoded(t)[1:] for t in ("Le “plan”", "Путин — «да»", "2−3 яйца", "Ελλάδα ✓", "Путин, Ελλάδα", "相关")]
    [('latin-1', 0), ('cp1251', 0), ('cp1251', 0), ('cp1253', 0), ('utf-8', 0), ('utf-8', 2)]
    >>> [_encoded(t)[1] for t in ("Plan", "Straße", "Łódź", "Ünlü ığdır", "שלום", "مرحبا", "Œuvre")]
    ['latin-1', 'latin-1', 'cp1250', 'cp1254', 'cp1255', 'cp1256', 'cp1252']
    """
    text = read = unpunctuated(text)  # then most text is Latin-1, the fastest to encode
    codec = "latin-1"
    lacking = set()  # codecs that lack a word character of the text
    for _ in range(_TRIES):
        _gaps.clear()
        try:
            return read.encode(codec, _NON_WORDS_AS_SPACES), codec, 0
        except _WordLacking as exc:
            lacking.add(codec)
            others = [other for other in _CODECS_FOR.get(exc.char, ()) if other not in lacking]
            if not others:
                break
            codec = others[0]  # the first codec that has the word character, and may have the others
        except _ManyGaps:
            # The handler is called for each run of characters the codec lacks: for many, the characters
            # it has seen are made spaces in the text, a pass each, and the same codec is tried again.
            for c in set("".join(_gaps)):  # a space a character: offsets stay
                read = read.replace(c, " ")
    # The text as it came: _utf8_words counts the characters of the dense scripts in it, some of them non-word.
    utf8, dense = _utf8_words(text)
    return utf8, "utf-8", dense


# Encodings of a text tried before its UTF-8 bytes are read instead; runs of non-word characters the codec
# lacks written as spaces by the handler in one encoding, before those characters are replaced in the text.
_TRIES = 16
_MAX_GAPS = 32


class _WordLacking(ValueError):
    """A codec lacks a word character of the text being encoded (``char``)."""

    def __init__(self, char: str) -> None:
        super().__init__(f"no byte for the word character {char!r}")
        self.char = char


class _ManyGaps(ValueError):
    """A codec lacks the non-word characters of many runs of the text being encoded (see ``_gaps``)."""


def _non_words_as_spaces(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the characters a codec lacks, written as spaces where none is a word character.

    Called once a run of them: for the first ``_MAX_GAPS`` runs of an encoding, the characters are noted in
    ``_gaps``; then it stops the encoding (``_ManyGaps``).
    """
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    run = exc.object[exc.start : exc.end]
    for c in run:
        is_word = _is_word.get(c)
        if is_word is None:
            is_word = _learn(c)
        if is_word:
            raise _WordLacking(c)
    if len(_gaps) >= _MAX_GAPS:
        raise _ManyGaps
    _gaps.append(run)
    return " " * len(run), exc.end


# The runs of non-word characters the encoding under way wrote as spaces (each only affects how fast the
# text is read, never what is read: a space for a non-word character leaves the words as they were).
_gaps: list[str] = []


_NON_WORDS_AS_SPACES = "cleanse.shape.non-words-as-spaces"
codecs.register_error(_NON_WORDS_AS_SPACES, _non_words_as_spaces)


def unpunctuated(text: str) -> str:
    """``text``, its prose punctuation outside Latin-1 (dashes, curly quotes, ellipsis) made spaces.

    The punctuation is non-word, as a space is, so words are the same; and most text is then Latin-1, which
    the byte tables read with no regex and no loop over its characters (and which casefolds fast). It folds
    to itself (tests/test_prompts.py checks), so a string of letters is in ``fold(unpunctuated(t))`` when it
    is in ``fold(t)``.

    >>> unpunctuated("“Sign up” — now…")
    ' Sign up    now '
    """
    if not text.isascii():
        for c in _PROSE_PUNCT:
            if c in text:
                text = text.replace(c, " ")
    return text


def _count_lines(texts: list[str]) -> list[int] | None:
    """``[_count_words(t) for t in texts]``, worked out for all at once (one encoding, one table), or None
    where that cannot be: a text of a dense script, or one with a line break read in UTF-8.

    >>> _count_lines(["Read more: the plan", "Путин − «да»", "", "a\\nb"]), _count_lines(["相关"])
    ([4, 2, 0, 2], None)
    """
    raw, encoding, dense = _encoded("\n".join(texts))
    if dense:
        return None
    if encoding != "utf-8":
        # A byte a character (_encoded makes a space of a character for a character): text i is
        # raw[start:start + len], after the line break of the text before. Marked with a space before it,
        # a word of text i is an "a" after a space from that line break (or the space) to its end.
        marked = b" " + raw.translate(_RUNS[encoding])
        ends = list(accumulate(map(len, texts)))
        ends = list(map(operator.add, ends, range(1, len(texts) + 1)))  # past the line breaks before, and the space
        starts = [0, *ends[:-1]]
        return list(map(marked.count, repeat(b" a"), starts, ends))
    lines = raw.translate(_RUNS_KEEPING_LINES[encoding]).split(b"\n")
    if len(lines) != len(texts):
        return None
    # _runs of each line, mapped (a Python loop of 24 calls costs as much as the counting).
    return list(map(operator.add, map(bytes.count, lines, repeat(b" a")), map(bytes.startswith, lines, repeat(b"a"))))


def _count_blocks(texts: list[str]) -> list[int]:
    """``[_count_words(t) for t in texts]``, worked out for a block of texts at a time (``_count_lines``).

    A block is at most ``_BLOCK`` characters (or one text): each is read in the encoding that can read it,
    and when it cannot be read at once (a dense script) its texts are counted one by one. A long document
    that quotes several scripts, a few paragraphs each, is then mostly read a byte a character (in one block,
    it would all go through UTF-8, or through encodings tried in turn over the whole of it).

    >>> _count_blocks(["Read more: the plan", "Путин − «да»", "相关", "a\\nb"])
    [4, 2, 2, 2]
    """
    out: list[int] = []
    ends = list(accumulate(map(len, texts)))  # characters up to the end of each text (line breaks aside)
    start = 0
    while start < len(texts):
        # The texts that end within _BLOCK characters of where the block starts (one at least).
        stop = max(bisect_right(ends, (ends[start - 1] if start else 0) + _BLOCK, start), start + 1)
        block = texts[start:stop]
        found = _count_lines(block) if len(block) > 1 else None
        out += found if found is not None else map(_count_words, block)
        start = stop
    return out


_BLOCK = 32_768


# Word bytes made "a", the others " ": the words are then the places where an "a" follows a space.
_RUNS = {enc: bytes(32 if b == 32 else 97 for b in table) for enc, table in _WORD_BYTES.items()}
# The same, keeping line breaks: to count the paragraphs of a text at once.
_RUNS_KEEPING_LINES = {enc: table[:10] + b"\n" + table[11:] for enc, table in _RUNS.items()}


def _runs(marked: bytes) -> int:
    """The number of runs of ``a`` in ``marked``, bytes of ``a`` and spaces only."""
    return marked.count(b" a") + marked.startswith(b"a")


def _utf8_words(text: str) -> tuple[bytes, int]:
    """The UTF-8 bytes of ``text``, each character outside ASCII that is not a word character made a space, and
    the number of its characters of the dense scripts (``_DENSE``), which are counted a word per two.

    Every byte of a character outside ASCII is 0x80 or more, so once the non-word ones are spaces the word runs
    are split at ASCII non-word bytes only (``_UTF8_WORDS``).

    >>> utf8, dense = _utf8_words("Путин — «да» 相关")
    >>> utf8.decode(), dense
    ('Путин    да  相关', 2)
    """
    utf8 = text.encode("utf-8", "surrogatepass")
    others = utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if not others.isalpha():
        # Every letter is a word character: only the others' characters outside Alphabetic can be non-word.
        spaced = text
        for c in set("".join(_NOT_ALPHABETIC.findall(others, timeout=REGEX_TIMEOUT))):
            is_word = _is_word.get(c)
            if is_word is None:
                is_word = _learn(c)
            if not is_word:
                spaced = spaced.replace(c, " ")  # faster than in the bytes: one character looked for, not three
        if spaced is not text:
            utf8 = spaced.encode("utf-8", "surrogatepass")
    if not _may_be_dense(utf8):
        return utf8, 0
    return utf8, len(others) - len(_DENSE_RUNS.sub("", others, timeout=REGEX_TIMEOUT))


# The UTF-8 of every character of the dense scripts starts with one of these bytes, or these pairs
# (tests/test_shape.py checks every character): Thai, CJK radicals, kana and Han, compatibility forms, and
# everything outside the BMP. Hangul (0xEA to 0xED) and the scripts of India (0xE0 0xA4...) have none.
_DENSE_LEADS = bytes(0xFF if 0xE3 <= b <= 0xE9 or b in (0xEF, 0xF0) else 0 for b in range(256))
_DENSE_SECONDS = {0xE0: range(0xB8, 0xBA), 0xE2: range(0xBA, 0xC0)}  # the second bytes that follow 0xE0, 0xE2


def _may_be_dense(utf8: bytes) -> bool:
    """False when UTF-8 ``utf8`` has no character of the dense scripts; True when it may have one.

    >>> _may_be_dense("Путин − 뉴스레터".encode()), _may_be_dense("相关".encode()), _may_be_dense("ไทย".encode())
    (False, True, True)
    """
    if b"\xff" in utf8.translate(_DENSE_LEADS):
        return True
    # Each lead byte 0xE0 or 0xE2 looked at, not a search for each pair: the second byte of a pair is a
    # continuation byte, as common in other scripts as their letters, which slows a search for it.
    for lead, seconds in _DENSE_SECONDS.items():
        at = utf8.find(lead)
        while at >= 0:
            if utf8[at + 1 : at + 2] and utf8[at + 1] in seconds:
                return True
            at = utf8.find(lead, at + 1)
    return False


# \w is Alphabetic, marks, decimal digits, connector punctuation and joiners: a non-word character is not Alphabetic.
_NOT_ALPHABETIC = regex.compile(r"\P{Alphabetic}+")
_DENSE_RUNS = regex.compile(rf"[{_DENSE}]+")
# Whether a character outside ASCII and Alphabetic is a word character, for each seen so far (a few hundred).
_is_word: dict[str, bool] = {}


def _learn(c: str) -> bool:
    """Whether ``c`` is a word character, remembered."""
    if len(_is_word) >= 1 << 16:  # a text of every script there is: learn again rather than hold them all
        _is_word.clear()
    _is_word[c] = is_word = _WORD.fullmatch(c, timeout=REGEX_TIMEOUT) is not None
    return is_word


def word_runs(text: str) -> list[str]:
    """The words (``\\w+`` runs) of ``text``, as ``regex.findall(r"\\w+", text)`` gives them, but in one match.

    >>> word_runs("Read more: the plan's cost")
    ['Read', 'more', 'the', 'plan', 's', 'cost']
    """
    raw, encoding, _ = _encoded(text)
    return raw.translate(_WORD_BYTES[encoding]).decode(encoding, "surrogatepass").split()


def is_list_item(text: str) -> bool:
    """A line that starts with a bullet or a small number (``- ``, ``• ``, ``3. ``).

    >>> is_list_item("- Who will make the Rock Hall?"), is_list_item("-5 degrees tonight")
    (True, False)
    """
    # _LIST_ITEM by hand: a bullet and a space, or one or two digits, "." or ")" and a space. In the BMP its
    # \d is str.isdecimal, and its \s str.isspace but for four control characters (tests/test_shape.py checks
    # every character): a \d digit newer than Python's Unicode tables (all outside the BMP) goes to the regex.
    stripped = text.lstrip()
    first = stripped[:1]
    if not first:
        return False
    if first in _BULLETS:
        return _is_space(stripped[1:2])
    if first.isdecimal():
        second = stripped[1:2]
        if second == "." or second == ")":
            return _is_space(stripped[2:3])
        if second.isdecimal():
            third = stripped[2:3]
            return (third == "." or third == ")") and _is_space(stripped[3:4])
        if second < "\U00010000":
            return False
    elif first < "\U00010000":
        return False
    return _LIST_ITEM.match(stripped, timeout=REGEX_TIMEOUT) is not None


def _is_space(c: str) -> bool:
    """Whether ``c`` is one character that ``\\s`` matches."""
    return c.isspace() and c not in "\x1c\x1d\x1e\x1f"


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (a full stop, ``!``, ``?`` or an ellipsis, maybe quoted).

    >>> ends_sentence("He left."), ends_sentence('She said "no."'), ends_sentence("Related stories")
    (True, True, False)
    """
    return _SENTENCE_END.search(text, timeout=REGEX_TIMEOUT) is not None


def is_short(p: Paragraph, limit: int = 25) -> bool:
    """At most ``limit`` words (and 300 characters): a heading, a link, a prompt, not a paragraph of prose."""
    return len(p.text) <= 300 and words(p.text) <= limit


def tail_start(paras: Sequence[Paragraph], share: float = 0.5) -> int:
    """Index of the first paragraph in the last ``share`` of the document's words.

    Trailers (comments, related lists, prompts, footers) live there; body
    text that merely looks like them usually does not.

    >>> from cleanse.text import paragraphs
    >>> tail_start(paragraphs("one two three four\\nfive six\\nseven\\neight"))
    1
    """
    before = words_before(paras)
    total = before[-1]
    for i in range(len(paras)):
        if before[i] >= total * (1 - share):
            return i
    return len(paras)


def words_before(paras: Sequence[Paragraph]) -> list[int]:
    """Words in the paragraphs before each index (one more entry than ``paras``: the total).

    >>> from cleanse.text import paragraphs
    >>> words_before(paragraphs("one two\\nthree\\nfour five six"))
    [0, 2, 3, 6]
    """
    global _last_counted
    seen, answer = _last_counted
    if len(paras) == len(seen) and all(map(operator.is_, paras, seen)):  # the very same paragraphs
        return list(answer)
    texts = list(map(_TEXT, paras))
    counts = _carried(paras, seen, answer)
    if counts is None:
        counts = list(map(_counted.get, texts))
    if None in counts:  # count the new ones together: most often, every paragraph of a new text
        missing = list(compress(texts, map(operator.is_, counts, repeat(None))))
        found = _count_blocks(missing)
        if len(missing) == len(counts):
            counts = list(found)
        else:
            fill = iter(found)
            counts = [next(fill) if n is None else n for n in counts]
        if len(_counted) + len(missing) > _CACHE_LIMIT:
            _counted.clear()
        # Paragraph-sized texts only: a cache of a few documents' paragraphs, not of whole documents.
        _counted.update(compress(zip(missing, found, strict=True), map(operator.ge, repeat(2000), map(len, missing))))
    out: list[int] = list(accumulate(counts, initial=0))  # type: ignore[arg-type]  # no None is left
    _last_counted = (tuple(paras), tuple(out))
    return out


def _carried(
    paras: Sequence[Paragraph], seen: tuple[Paragraph, ...], answer: tuple[int, ...]
) -> list[int | None] | None:
    """The word counts of ``paras`` that the last count (``seen``, ``answer``) gives, None for the others; or None
    when ``paras`` is not the split that ``text.follow_edits`` made from ``seen`` after a cleaner's edits.

    A paragraph carried over by follow_edits is the old one's text object, moved: its count is the old one's.
    """
    followed, before, origin = _text._followed
    if not (
        len(paras) == len(followed)
        and len(seen) == len(before)
        and all(map(operator.is_, paras, followed))
        and all(map(operator.is_, seen, before))
    ):
        return None
    each: list[int | None] = list(map(operator.sub, answer[1:], answer[:-1]))  # the old paragraphs' counts
    each.append(None)  # for origin -1: a paragraph split again, to count
    return list(map(each.__getitem__, origin))


# The paragraphs last counted by words_before, and its answer: the cleaners of a document ask in turn
# about the same Paragraph objects (text.paragraphs gives them again while the text is unchanged).
_last_counted: tuple[tuple[Paragraph, ...], tuple[int, ...]] = ((), (0,))


# Casefolded word runs of paragraph-sized texts, asked for by several cleaners in turn.
_folded: dict[str, tuple[str, ...]] = {}
_prefix_sets: dict[tuple[str, int], frozenset[str]] = {}
_STEM = 4  # keywords are compared by their first four letters (fewer for shorter keywords)


def fold(text: str) -> str:
    """``text`` as ``IGNORECASE`` patterns see it: casefolded, without U+0307 (the dot "İ" folds with).

    >>> fold("İNFOLETTRE Straße")
    'infolettre strasse'
    """
    return text.casefold().replace("\u0307", "")


def folded_words(text: str) -> tuple[str, ...]:
    """The ``\\w+`` runs of ``fold(text)``, in order.

    >>> folded_words("Sign UP — it's free"), folded_words("«Подпишитесь» на 뉴스레터!")
    (('sign', 'up', 'it', 's', 'free'), ('подпишитесь', 'на', '뉴스레터'))
    """
    got = _folded.get(text)
    if got is None:
        raw, encoding, _ = _encoded(fold(text))
        got = tuple(raw.translate(_WORD_BYTES[encoding]).decode(encoding, "surrogatepass").split())
        if len(text) <= 2000:
            if len(_folded) >= _CACHE_LIMIT:
                _folded.clear()
            _folded[text] = got
    return got


def _prefixes(text: str, k: int) -> frozenset[str]:
    key = (text, k)
    got = _prefix_sets.get(key)
    if got is None:
        # Shorter words give themselves, shorter than any stem compared: the same answers as if left out.
        got = frozenset(map(operator.itemgetter(slice(k)), folded_words(text)))
        if len(text) <= 2000:
            if len(_prefix_sets) >= _CACHE_LIMIT:
                _prefix_sets.clear()
            _prefix_sets[key] = got
    return got


class Keywords:
    """Words a text must contain for a pattern to match it: a cheap test to make before the pattern.

    A ``regex`` call costs microseconds even when it finds nothing (reading the
    clock for its timeout is most of it), and a cleaner asks several per
    paragraph. When every match of a pattern starts a word with one of these
    keywords, ignoring case (``\\bsubscri``, ``^\\W*advert``), a text where
    :meth:`found_in` is False cannot match it, and the call is skipped.

    A keyword is one ``\\w+`` run; it matches a word that starts with it.
    Keywords are compared by their first four letters, so the test can say
    yes when the pattern then says no, never the other way round. In scripts
    written without spaces a "word" is a whole phrase: a keyword inside one is
    not found, so patterns over Chinese, Japanese or Thai need their own test.

    >>> kw = Keywords("subscri newsletter 구독")
    >>> kw.found_in("Please SUBSCRIBE today"), kw.found_in("구독하세요"), kw.found_in("a Newsletter-like box")
    (True, True, True)
    >>> kw.found_in("unsubscribe"), kw.found_in("The letter"), kw.found_in("News")  # "news" is "newsletter"'s stem
    (False, False, True)
    >>> Keywords("advert sponsor").opens("— ADVERTISEMENT —"), Keywords("advert").opens("An advert")
    (True, False)
    """

    __slots__ = ("_by_initial", "_checks")

    def __init__(self, words: str | Iterable[str]) -> None:
        by_len: dict[int, set[str]] = {}
        for word in words.split() if isinstance(words, str) else words:
            folded = fold(word)
            if folded_words(folded) != (folded,):
                raise ValueError(f"a keyword is one run of word characters, not {word!r}")
            k = min(len(folded), _STEM)
            by_len.setdefault(k, set()).add(folded[:k])
        if not by_len:
            raise ValueError("no keywords given")
        self._checks = tuple((k, frozenset(stems)) for k, stems in sorted(by_len.items()))
        by_initial: dict[str, list[str]] = {}
        for _, stems in self._checks:
            for stem in sorted(stems):
                by_initial.setdefault(stem[0], []).append(stem)
        self._by_initial = {initial: tuple(stems) for initial, stems in by_initial.items()}

    # Both are asked of every paragraph by several cleaners: written for few calls, the caches read inline.
    def found_in(self, text: str) -> bool:
        """Whether a word of ``text`` starts with one of the keywords (compared by their first letters)."""
        for k, stems in self._checks:
            got = _prefix_sets.get((text, k))
            if got is None:
                got = _prefixes(text, k)
            if not got.isdisjoint(stems):
                return True
        return False

    def opens(self, text: str) -> bool:
        """Whether the first word of ``text`` starts with one of the keywords (compared by their first letters)."""
        got = _folded.get(text)
        if got is None:
            got = folded_words(text)
        if not got:
            return False
        first = got[0]
        stems = self._by_initial.get(first[0])  # only the stems that start with its first letter
        return stems is not None and first.startswith(stems)
