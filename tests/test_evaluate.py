"""The benchmark metric on tiny hand-made pages, worked out by hand."""

from __future__ import annotations

import pytest

from cleanse.evaluate import (
    PageScore,
    aggregate,
    diff_page,
    evaluate,
    format_report,
    score_page,
    shingles,
    words,
)


def test_words_are_unicode_word_runs() -> None:
    assert words("Читайте также: «Новости» 2019") == ["Читайте", "также", "Новости", "2019"]
    assert words("관련기사 — 서울") == ["관련기사", "서울"]
    assert words("") == []


def test_shingles_count_repeats() -> None:
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }


def test_short_text_is_one_shingle() -> None:
    assert shingles("only three words") == {("only", "three", "words"): 1}


def test_page_shares_sum_to_one() -> None:
    # gold: 5 words -> 2 shingles; pred adds one word -> 3 shingles, 2 shared.
    s = score_page("w1 w2 w3 w4 w5", "w1 w2 w3 w4 w5 w6")
    assert (s.tp, s.fp, s.fn) == pytest.approx((2 / 3, 1 / 3, 0.0))
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == 1.0
    assert s.loss == pytest.approx(1 / 3)


def test_missing_text_costs_recall_not_precision() -> None:
    s = score_page("w1 w2 w3 w4 w5 w6", "w1 w2 w3 w4")
    assert s.precision == 1.0
    assert s.recall == pytest.approx(1 / 3)


def test_case_matters_and_punctuation_does_not() -> None:
    assert score_page("The Cat sat on it", "The Cat, sat; on it!").exact
    assert not score_page("The Cat sat on it", "the cat sat on it").exact


def test_both_empty_is_perfect_but_left_out_of_the_means() -> None:
    empty = score_page("", "")
    assert (empty.precision, empty.recall, empty.exact) == (1.0, 1.0, True)
    full = score_page("w1 w2 w3 w4 w5", "w1 w2 w3 w4")
    s = aggregate([empty, full])
    # Only the non-empty page counts for P and R; both count for accuracy.
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.5)
    assert s.accuracy == 0.5


def test_empty_prediction_scores_zero_recall() -> None:
    s = evaluate({"a": "w1 w2 w3 w4 w5"}, {"a": ""})
    assert s.recall == 0.0
    assert s.precision == 0.0  # no page had tp + fp > 0
    assert s.f1 == 0.0


def test_means_weigh_every_page_the_same() -> None:
    long_good = " ".join(f"w{i}" for i in range(1000))
    gold = {"long": long_good, "short": "x1 x2 x3 x4 x5"}
    pred = {"long": long_good, "short": "x1 x2 x3 x4 x5 junk junk junk junk"}
    s = evaluate(gold, pred)
    short = next(p for p in s.pages if p.key == "short")
    assert s.precision == pytest.approx((1.0 + short.precision) / 2)
    assert s.f1 == pytest.approx(2 * s.precision * s.recall / (s.precision + s.recall))


def test_worst_pages_come_first() -> None:
    s = aggregate(
        [
            PageScore("ok", 1.0, 0.0, 0.0, True),
            PageScore("bad", 0.2, 0.8, 0.0, False),
            PageScore("meh", 0.7, 0.1, 0.2, False),
        ]
    )
    assert [p.key for p in s.worst(2)] == ["bad", "meh"]


def test_diff_shows_extra_and_lost_snippets() -> None:
    gold = "The mayor opened the bridge on Friday. Traffic will flow from Monday morning."
    pred = "Mayor opens bridge\nThe mayor opened the bridge on Friday.\n2 comments\nGreat news for the town"
    d = diff_page(gold, pred)
    assert d.extra == ["Mayor opens bridge", "2 comments\nGreat news for the town"]
    assert d.lost == ["Traffic will flow from Monday morning"]


def test_diff_reports_the_repeat_not_the_original() -> None:
    body = "Rain is expected across the north of the country this weekend."
    d = diff_page(body, f"Rain is expected across the north\n{body}")
    assert d.extra == ["Rain is expected across the north"]
    assert d.lost == []


def test_report_lists_kept_and_lost_for_the_worst_pages() -> None:
    gold = {
        "p1": "The council met on Monday and voted to close the old road for repairs.",
        "p2": "A quiet day in the markets ended with shares little changed overall.",
    }
    pred = {
        "p1": "The council met on Monday and voted to close the old road.\nRead more: Road works in town",
        "p2": gold["p2"],
    }
    report = format_report(evaluate(gold, pred), gold, pred)
    assert report.splitlines()[0].startswith("P ")
    assert "p1  loss" in report
    assert "  kept: Read more: Road works in town" in report
    assert "  lost: for repairs" in report
    assert "p2" not in report  # a perfect page is not listed
