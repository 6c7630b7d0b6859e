"""The clean stage on the five seed articles the product was specified from."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.clean import clean
from newsfuse.config import CleanConfig
from newsfuse.model import Article, DropReason, Provenance, RawDocument

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
R = DropReason

# Every scraper line of the samples, by 0-based line number, with its reason.
EXPECTED_DROPS: dict[str, dict[int, DropReason]] = {
    "000": {},
    "001": {29: R.COMMENTS},
    "002": {0: R.SHARE},
    "003": {
        0: R.SITE_HEADER,
        4: R.DUPLICATE_TITLE,
        58: R.RELATED,  # "Related posts"
        60: R.RELATED,
        62: R.RELATED,
        64: R.RELATED,
        67: R.COOKIE,
    },
    "004": {4: R.PROMO, 8: R.PROMO, 14: R.PROMO},
}
TITLE_003 = "Trump Initiates Plans for Putin-Zelensky Summit Amid High-Stakes White House Talks"
HEADINGS_004 = [
    "Trump’s Message to European Leaders and Ceasefire Talks",
    "Ceasefire Talks, Security Guarantees, and Sanctions Discussions",
    "Meeting Details, Background, and Ceasefire Focus",
]


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _clean(prefix: str) -> tuple[list[str], Article]:
    path = _seed(prefix)
    body = path.read_text("utf-8")
    raw = RawDocument(Provenance(str(path), "text"), "text", body)
    article = clean(raw, CleanConfig(detect_language=False))
    assert isinstance(article, Article), article
    return body.split("\n"), article


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DROPS))
def test_clean_seeds_drop_every_scraper_line_with_its_reason(prefix: str) -> None:
    _, article = _clean(prefix)
    assert {d.lineno: d.reason for d in article.dropped} == EXPECTED_DROPS[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DROPS))
def test_clean_seeds_keep_every_body_line(prefix: str) -> None:
    lines, article = _clean(prefix)
    paragraphs = set(article.text.split("\n\n"))
    dropped = {d.lineno for d in article.dropped}
    for n, line in enumerate(lines):
        text = line.strip()
        if not text or n in dropped or text == article.title:
            continue
        assert text in paragraphs, f"line {n} lost: {text[:60]}"


@pytest.mark.parametrize("prefix", sorted(EXPECTED_DROPS))
def test_clean_seeds_dropped_lines_are_the_raw_lines(prefix: str) -> None:
    lines, article = _clean(prefix)
    for d in article.dropped:
        assert lines[d.lineno].strip() == d.line


def test_clean_seeds_outlets_from_scraper_lines() -> None:
    assert _clean("002")[1].outlet == "internewscast.com"
    assert _clean("003")[1].outlet == "london-news-net.preview-domain.com"


def test_clean_seeds_title_taken_once_and_not_in_body() -> None:
    _, article = _clean("003")
    assert article.title == TITLE_003
    assert TITLE_003 not in article.text
    assert [d.reason for d in article.dropped].count(R.DUPLICATE_TITLE) == 1


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seeds_no_title_invented_from_a_body_sentence(prefix: str) -> None:
    assert _clean(prefix)[1].title is None


def test_clean_seeds_subheadings_kept_as_headings() -> None:
    _, article = _clean("004")
    assert [article.text[s:e] for s, e in article.headings] == HEADINGS_004
    assert all(d.reason is R.PROMO for d in article.dropped)


def test_clean_seeds_promo_lines_named() -> None:
    _, article = _clean("004")
    promos = [d.line for d in article.dropped]
    assert promos[0].startswith("Trump announces summit with Putin and Zelensky")
    assert promos[1].startswith("Trump slams Putin after night of chaos in Ukraine")
    assert promos[2].startswith("📢 Political Earthquake")


def test_clean_seeds_typographic_quotes_kept() -> None:
    _, article = _clean("000")
    assert "“very serious consequences”" in article.text


def test_clean_seeds_language_detected() -> None:
    path = _seed("001")
    raw = RawDocument(Provenance(str(path), "text"), "text", path.read_text("utf-8"))
    article = clean(raw)
    assert isinstance(article, Article)
    assert article.language == "en"
