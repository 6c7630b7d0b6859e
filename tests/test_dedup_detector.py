"""CopyDetector: exact, near and partial copies, incremental assignment, index rebuilds."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.dedup import CopiesConfig, CopyDetector, SignatureParams, fingerprint
from newsfuse.errors import SignatureMismatch
from newsfuse.model import Article, Provenance
from newsfuse.nlp.embeddings import HashingEmbedder
from newsfuse.store import WriteBatch, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "dedup"
NO_REWRITES = CopiesConfig(rewrites=False)


def art(text: str, outlet: str = "a.example", published: datetime | None = None, title: str | None = None) -> Article:
    return Article(id=Article.make_id(text, outlet, None, title), provenance=Provenance(outlet, "text"),
                   text=text, title=title, outlet=outlet, url=None, published=published, language="en")


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def day(n: int) -> datetime:
    return datetime(2025, 8, n, 12, tzinfo=timezone.utc)


def check_spans(link, by_id):  # type: ignore[no-untyped-def]
    for pair in link.evidence:
        assert pair.a.article == link.a and pair.b.article == link.b
        assert by_id[link.a].text[pair.a.start:pair.a.end] == pair.a.text
        assert by_id[link.b].text[pair.b.start:pair.b.end] == pair.b.text


def test_dedup_detector_exact_copy_with_other_case_and_spacing() -> None:
    original = art(fixture("original"), "harbourgazette.example", day(1))
    copy = art(fixture("original").upper().replace("\n", "\n\n"), "copycat.example", day(2))
    detector = CopyDetector(NO_REWRITES).fit([original, copy])
    [link] = detector.links_
    assert (link.relation, link.score, link.method) == ("exact", 1.0, "xxh3-128-normalised")
    assert link.source == original.id and link.direction_evidence == "published earlier"
    assert len(link.evidence) == 5
    check_spans(link, {original.id: original, copy.id: copy})


def test_dedup_detector_near_copy_with_new_header_and_footer() -> None:
    original = art(fixture("original"), "harbourgazette.example")
    text = "SYNDICATED | Tuesday edition\n\n" + fixture("original") + "\n\nCopyright 2025 Wire Partners."
    copy = art(text, "reprints.example")
    detector = CopyDetector(NO_REWRITES).fit([original, copy, art(fixture("other"))])
    [link] = detector.links_
    assert link.relation == "near" and link.method == "minhash-lsh+jaccard"
    assert link.score >= 0.7 and link.params["seed"] == 1 and link.params["num_perm"] == 128
    assert link.params["shingle"] == 5 and link.params["near_jaccard"] == 0.7
    check_spans(link, {original.id: original, copy.id: copy})


def test_dedup_detector_trimmed_copy_is_near_and_directed_by_containment() -> None:
    original = art(fixture("original"))
    trimmed = art("\n".join(fixture("original").splitlines()[:8]), "trim.example")
    [link] = CopyDetector(NO_REWRITES).fit([original, trimmed]).links_
    assert link.relation == "near"
    assert link.source == original.id and link.direction_evidence.startswith("containment 1.00 vs")


def test_dedup_detector_verbatim_half_is_partial() -> None:
    lines = fixture("original").splitlines()
    original = art(fixture("original"))
    mixed = art("\n".join(lines[:6] + fixture("other").splitlines()), "mix.example")
    # a half copy shares too few shingles for the near-dup LSH: content-word candidates find it
    assert CopyDetector(NO_REWRITES).fit([original, mixed]).links_ == []
    [link] = CopyDetector(CopiesConfig(), embedder=HashingEmbedder()).fit([original, mixed]).links_
    assert link.relation == "partial" and link.method == "terms-lsh+jaccard"
    assert len(link.evidence) >= 3


def test_dedup_detector_unrelated_articles_have_no_links() -> None:
    texts = [fixture("original"), fixture("other"), fixture("independent")]
    assert CopyDetector(NO_REWRITES).fit([art(t) for t in texts]).links_ == []


def test_dedup_detector_incremental_assign_equals_fit() -> None:
    articles = [art(fixture("original"), "x.example", day(1)), art(fixture("other")),
                art(fixture("original") + "\n\nA footer line added by the copier.", "y.example", day(3))]
    whole = CopyDetector(NO_REWRITES).fit(articles)
    step = CopyDetector(NO_REWRITES).fit(articles[:2])
    assert step.links_ == []
    assert step.assign(articles[2]) == whole.links_
    assert step.assign(articles[2]) == []  # idempotent


def test_dedup_detector_rebuilds_from_stored_signatures(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    first = [art(fixture("original"), "x.example", day(1)), art(fixture("other"))]
    store.write(WriteBatch(articles=first))
    detector = CopyDetector(NO_REWRITES).fit(first)
    store.write_copies(detector.links_, list(detector.signatures_.values()))
    # a later ingest: the index comes back from the store, no text is re-fingerprinted
    rebuilt = CopyDetector.from_signatures(store.copy_signatures(), NO_REWRITES, lookup=store.article)
    assert len(rebuilt) == 2
    new = art(fixture("original").replace("voted on Tuesday to approve", "voted on Tuesday to back"),
              "y.example", day(2))
    store.write(WriteBatch(articles=[new]))
    [link] = rebuilt.assign(new)
    assert link.relation == "near" and link.source == first[0].id
    assert store.write_copies([link], [rebuilt.signatures_[new.id]]) == 1
    assert store.copy_links([new.id]) == [link]
    store.close()


def test_dedup_detector_refuses_signatures_with_other_params() -> None:
    detector = CopyDetector(NO_REWRITES).fit([art(fixture("other"))])
    foreign = fingerprint(art(fixture("original")), SignatureParams(seed=99))
    with pytest.raises(SignatureMismatch, match="seed 1 vs 99"):
        detector.assign(art(fixture("original")), foreign)
    with pytest.raises(SignatureMismatch, match="rebuild the copy index"):
        CopyDetector.from_signatures([foreign], NO_REWRITES, lookup=lambda _id: None)


def fed_report(amount: str, rate: str) -> str:
    return (f"The Federal Reserve entered the U.S. Government securities market to arrange {amount} "
            "billion dlrs of customer repurchase agreements, a Fed spokesman said. Dealers said Federal "
            f"funds were trading at {rate} pct when the Fed began its temporary and indirect supply of "
            "reserves to the banking system. Dealers had expected the Fed to add reserves through "
            "customer agreements because the banks were settling their reserve positions at the "
            "end of the statement period, and the operation came at the usual time. Reuter")


def test_dedup_detector_one_template_with_other_figures_on_other_days_is_no_copy() -> None:
    monday = art(fed_report("1.5", "6-3/16"), "wire.example", day(4))
    friday = art(fed_report("two", "6-1/4"), "wire.example", day(8))
    assert CopyDetector(NO_REWRITES).fit([monday, friday]).links_ == []


def test_dedup_detector_figure_corrected_within_hours_is_a_near_copy() -> None:
    first = art(fed_report("1.5", "6-3/16"), "wire.example", datetime(2025, 8, 4, 11, tzinfo=timezone.utc))
    fixed = art(fed_report("1.5", "6-1/4"), "wire.example", datetime(2025, 8, 4, 13, tzinfo=timezone.utc))
    [link] = CopyDetector(NO_REWRITES).fit([first, fixed]).links_
    assert link.relation == "near" and link.source == first.id
    # undated, the same difference reads as one template reporting other facts
    undated = [art(fed_report("1.5", "6-3/16"), "a.example"), art(fed_report("1.5", "6-1/4"), "b.example")]
    assert CopyDetector(NO_REWRITES).fit(undated).links_ == []


def test_dedup_detector_same_figure_written_another_way_is_still_a_copy() -> None:
    words = art(fed_report("two", "6-1/4"), "wire.example", day(4))
    digits = art(fed_report("2", "6-1/4"), "other.example", day(9))
    [link] = CopyDetector(NO_REWRITES).fit([words, digits]).links_
    assert link.relation == "near"


def test_dedup_detector_short_texts_only_match_exactly() -> None:
    a, b = art("Shr 12 cts vs 10 cts"), art("Shr 12 cts vs 11 cts")
    assert CopyDetector(NO_REWRITES).fit([a, b]).links_ == []


words = st.lists(st.sampled_from("alpha beta gamma delta epsilon zeta eta theta iota kappa".split()),
                 min_size=12, max_size=40)


@settings(max_examples=40, deadline=None)
@given(x=words, y=words, edits=st.integers(0, 3))
def test_dedup_detector_links_are_symmetric(x: list[str], y: list[str], edits: int) -> None:
    one = art(" ".join(x), "one.example")
    two = art(" ".join(x[: len(x) - edits] + y[:edits]) if edits else " ".join(y), "two.example")
    if one.id == two.id:
        return
    forward = CopyDetector(NO_REWRITES).fit([one, two]).links_
    backward = CopyDetector(NO_REWRITES).fit([two, one]).links_
    key = [(link.a, link.b, link.relation, link.direction, round(link.score, 3)) for link in forward]
    assert key == [(link.a, link.b, link.relation, link.direction, round(link.score, 3)) for link in backward]
    assert all(link.a < link.b for link in forward)


def test_dedup_detector_copies_step_is_incremental_and_idempotent(tmp_path: Path) -> None:
    from newsfuse.dedup import copies_step

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    first = [art(fixture("original"), "x.example", day(1)), art(fixture("other"))]
    store.write(WriteBatch(articles=first))
    one = copies_step(store.articles(), store.copy_signatures(), NO_REWRITES, lookup=store.article)
    store.write_copies(one.links, one.signatures)
    assert (one.links, len(one.signatures), one.counters["articles_checked"]) == ([], 2, 2)
    later = art(fixture("original") + "\n\nReprinted with permission.", "y.example", day(2))
    store.write(WriteBatch(articles=[later]))
    two = copies_step(store.articles(), store.copy_signatures(), NO_REWRITES, lookup=store.article)
    assert two.counters["articles_indexed_before"] == 2 and two.counters["articles_checked"] == 1
    assert [x.relation for x in two.links] == ["near"] and two.counters["links_near"] == 1
    store.write_copies(two.links, two.signatures)
    again = copies_step(store.articles(), store.copy_signatures(), NO_REWRITES, lookup=store.article)
    assert again.links == [] and again.signatures == []
    with pytest.raises(SignatureMismatch):
        copies_step(store.articles(), store.copy_signatures(),
                    CopiesConfig(rewrites=False, signature=SignatureParams(seed=5)), lookup=store.article)
    store.close()
