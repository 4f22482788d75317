"""HTML in: the extraction stage, its options and metadata, the readers, ``cleanse.clean`` and ``cleanse eval``."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanse
from cleanse.cli import cli
from cleanse.config import Config, ConfigError
from cleanse.extract import Extractor, Trafilatura, looks_like_html, merge_page_meta
from cleanse.io import iter_documents
from cleanse.pipeline import DocumentError, Pipeline, replay

DATA = Path(__file__).resolve().parent / "data" / "html"
PAGE = DATA / "harbour-bridge.html"
GOLD = DATA / "gold.json"
FIRST = "The city council voted on Tuesday to close the old harbour bridge"


@pytest.fixture(scope="module")
def page() -> str:
    return PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_clean_detects_a_page_and_extracts_it(page: str, pipeline: Pipeline) -> None:
    doc = pipeline.clean(page)
    assert doc.text.startswith(FIRST)
    assert doc.text.endswith("has yet to find funding.")
    for noise in ("<", "Home", "You may also like", "2 comments", "cyclists", "Read more", "newsletter", "©"):
        assert noise not in doc.text


def test_page_metadata_fills_what_the_cleaners_left_empty(page: str, pipeline: Pipeline) -> None:
    doc = pipeline.clean(page)
    assert doc.meta["title"] == "Harbour bridge to close for repairs until spring"
    assert doc.meta["date"] == "2024-03-05"
    assert doc.meta["sitename"] == "The Coastal Gazette"
    assert doc.meta["credits"]["authors"] == ["Ann Lee"]
    assert doc.meta["page"]["description"].startswith("Engineers found cracks")


def test_metadata_found_in_the_text_wins() -> None:
    meta = {"credits": {"authors": ["Jane Roe"]}, "title": "From the text", "page": {"author": "Ann Lee", "title": "T"}}
    merge_page_meta(meta)
    assert meta["credits"]["authors"] == ["Jane Roe"]
    assert meta["title"] == "From the text"


def test_the_log_accounts_for_the_extracted_text(page: str, pipeline: Pipeline) -> None:
    doc = pipeline.clean(page)
    extracted = Trafilatura().extract(page, {})
    assert replay(doc.text, doc.removed) == extracted
    assert {(r.plugin, r.reason) for r in doc.removed} >= {
        ("standfirst", "headline"),
        ("standfirst", "standfirst"),
        ("related", "inline"),
        ("prompts", "subscribe"),
    }


def test_plain_text_is_not_extracted(pipeline: Pipeline) -> None:
    text = "Use <p> for paragraphs, the guide says.\n\nIt is short."
    assert pipeline.clean(text).text == text
    assert not looks_like_html(text)


def test_extraction_can_be_disabled(page: str) -> None:
    doc = Pipeline(Config(disable=frozenset({"extract"}))).clean(page)
    assert doc.text.startswith("<!DOCTYPE html>")


def test_options_reach_trafilatura(page: str) -> None:
    with_comments = Pipeline(Config(options={"extract": {"include_comments": True}}, disable=frozenset({"comments"})))
    assert "cyclists" in with_comments.clean(page).text
    assert "cyclists" not in Pipeline(Config(disable=frozenset({"comments"}))).clean(page).text


def test_unknown_or_mistyped_options_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown option 'favour_precision'"):
        Pipeline(Config(options={"extract": {"favour_precision": True}}))
    with pytest.raises(ConfigError, match="must be true or false"):
        Trafilatura(include_tables="no")


def test_a_page_without_article_text_is_reported(pipeline: Pipeline) -> None:
    # bad input (issue 6): the document fails with a clear reason instead of an empty record
    with pytest.raises(DocumentError, match="found no article text"):
        pipeline.clean("<html><head><title>Empty</title></head><body></body></html>")


def test_extractor_errors_fail_the_document() -> None:
    class Broken(Extractor):
        name = "broken"

        def extract(self, html: str, meta: dict[str, object]) -> str:
            raise RuntimeError("boom")

    with pytest.raises(DocumentError, match="boom"):
        Pipeline(cleaners=[Broken()]).clean("<html><body><p>x</p></body></html>")


def test_module_level_clean_takes_html(page: str) -> None:
    assert cleanse.clean(page).text.startswith(FIRST)


def test_readers_html_htm_gz_and_jsonl(tmp_path: Path, page: str) -> None:
    shutil.copy(PAGE, tmp_path / "a.html")
    (tmp_path / "b.htm").write_text(page, encoding="utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    records = [{"id": "r1", "html": page, "lang": "en"}, {"id": "r2", "text": "Plain <b>text</b>."}]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    docs = {d.id: d for d in iter_documents([str(tmp_path)])}  # type: ignore[union-attr]
    assert {k: d.format for k, d in docs.items()} == {"a": "html", "b": "html", "c": "html", "r1": "html", "r2": "text"}
    assert docs["r1"].extra == {"lang": "en"}
    cleaned = {k: Pipeline().run(d).text for k, d in docs.items()}
    assert all(cleaned[k].startswith(FIRST) for k in "abc")
    assert cleaned["r1"].startswith(FIRST)
    assert cleaned["r2"] == "Plain <b>text</b>."


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    body = "<p>" + "Le café du port a rouvert ses portes mardi après deux ans de travaux. " * 4 + "</p>"
    html = f'<html><head><meta charset="windows-1252"></head><body><article>{body}</article></body></html>'
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    (doc,) = list(iter_documents([str(tmp_path / "p.html")]))
    assert doc.meta["encoding"] == "windows-1252"  # type: ignore[union-attr]
    assert "café" in Pipeline().run(doc).text  # type: ignore[arg-type]


def test_cli_run_and_eval(tmp_path: Path) -> None:
    shutil.copy(PAGE, tmp_path / "harbour-bridge.html")
    runner = CliRunner()
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["run", str(tmp_path / "harbour-bridge.html"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "harbour-bridge" and record["text"].startswith(FIRST)

    result = runner.invoke(cli, ["eval", str(GOLD), str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "P 1.000  R 1.000  F1 1.000  acc 1.000  (1 pages)"

    result = runner.invoke(cli, ["eval", str(GOLD), str(out), "--json"])
    assert json.loads(result.output)["f1"] == 1.0


def test_cli_eval_shows_what_was_kept_and_lost(tmp_path: Path) -> None:
    extracted = Trafilatura().extract(PAGE.read_text(encoding="utf-8"), {})
    folder = tmp_path / "cleaned"
    folder.mkdir()
    (folder / "harbour-bridge.txt").write_text(extracted.replace("The bridge, which opened in 1931", "It"), "utf-8")
    result = CliRunner().invoke(cli, ["eval", str(GOLD), str(folder)])
    assert result.exit_code == 0, result.output
    assert "  kept: Harbour bridge to close for repairs until spring" in result.output
    assert "  lost: The bridge, which opened in 1931" in result.output


def test_cli_eval_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "other.txt").write_text("Nothing to match.", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(GOLD), str(tmp_path / "other.txt")])
    assert result.exit_code == 1
    (tmp_path / "bad.json").write_text("[1, 2]", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(tmp_path / "bad.json"), str(tmp_path / "other.txt")])
    assert result.exit_code == 2


# A real page (news-dev, from a public extraction benchmark under the MIT licence) whose article is
# cut into two <div class="... article__body ..."> containers with an advert between them.
SPLIT = DATA / "split-body.html.gz"
SPLIT_GOLD = DATA / "split-body-gold.json"
SECOND_PART = "In fact, the idea that the solution to our financial woes can be found"


def _split_page() -> str:
    return gzip.decompress(SPLIT.read_bytes()).decode("utf-8")


def test_the_second_container_of_a_split_body_is_put_back() -> None:
    text = Pipeline().clean(_split_page()).text
    gold = json.loads(SPLIT_GOLD.read_text(encoding="utf-8"))["split-body"]["articleBody"]
    from cleanse.evaluate import score_page

    score = score_page(gold, text)
    assert SECOND_PART in text
    assert text.index("No one bothered mentioning") < text.index(SECOND_PART)  # in page order
    assert score.recall > 0.95 and score.precision > 0.95
    assert trafilatura_alone_recall() < 0.5  # what the repair is for


def trafilatura_alone_recall() -> float:
    import trafilatura

    from cleanse.evaluate import score_page

    gold = json.loads(SPLIT_GOLD.read_text(encoding="utf-8"))["split-body"]["articleBody"]
    return score_page(gold, trafilatura.extract(_split_page()) or "").recall


def test_rejoin_split_body_can_be_turned_off() -> None:
    pipeline = Pipeline(Config(options={"extract": {"rejoin_split_body": False}}))
    assert SECOND_PART not in pipeline.clean(_split_page()).text


def _page(*blocks: str) -> str:
    return "<html><body>" + "".join(blocks) + "</body></html>"


_PROSE = "The council said the works would start in spring and last for two years, at a cost of four million. "


def _body(*paras: str) -> str:
    return '<div class="story-body">' + "".join(f"<p>{p}</p>" for p in paras) + "</div>"


def test_a_box_sharing_the_body_class_with_short_lines_stays_out() -> None:
    import lxml.html

    from cleanse.extract import rejoin_split_body

    first = [f"{n} {_PROSE * 2}".strip() for n in ("One.", "Two.", "Three.")]
    teaser = ["Most read", "Bridge closes for repairs", "Tram line opens"]
    one_line = [f"Only one paragraph here. {_PROSE * 3}"]
    tree = lxml.html.fromstring(_page(_body(*first), _body(*teaser), _body(*one_line)))
    text = "\n".join(first)
    assert rejoin_split_body(text, tree) == text


def test_a_dropped_part_goes_back_where_the_page_has_it() -> None:
    import lxml.html

    from cleanse.extract import rejoin_split_body

    first = [f"{n} {_PROSE * 2}".strip() for n in ("One.", "Two.")]
    second = [f"{n} {_PROSE * 2}".strip() for n in ("Three.", "Four.")]
    last = [f"{n} {_PROSE * 2}".strip() for n in ("Five.", "Six.")]
    tree = lxml.html.fromstring(
        _page(_body(*first), '<div class="ad">Advertisement</div>', _body(*second), _body(*last))
    )
    text = "Headline of the story\n" + "\n".join(first + last) + "\nSubscribe now"
    got = rejoin_split_body(text, tree).split("\n")
    assert got == ["Headline of the story", *first, *second, *last, "Subscribe now"]
