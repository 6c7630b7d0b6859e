"""The Store contract: every backend (SQLite, PostgreSQL) must pass these."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.errors import StoreError, StoreURLError
from newsfuse.model import (
    Article,
    DroppedLine,
    DropReason,
    Provenance,
    Rejection,
    RejectReason,
    RunRecord,
    StageCount,
)
from newsfuse.store import SourceMark, WriteBatch, open_store
from newsfuse.store.migrations import MIGRATIONS


def make_article(text: str = "Body one.\n\nA heading\n\nBody two.", **kw: object) -> Article:
    fields: dict = dict(
        provenance=Provenance("corpus/a.txt", "text", None),
        text=text,
        title="A title",
        outlet="example.com",
        url="https://example.com/a",
        published=datetime(2025, 8, 13, 14, 5, tzinfo=timezone.utc),
        language="en",
        headings=((11, 20),),
        dropped=(DroppedLine(0, "Share this @example.com", DropReason.SHARE),),
    )
    fields.update(kw)
    fields["id"] = Article.make_id(fields["text"], fields["outlet"], fields["url"], fields["title"])
    return Article(**fields)


def test_store_contract_migrations_are_named_ordered_and_idempotent(store_url: str) -> None:
    store = open_store(store_url)
    assert store.applied_migrations() == [m.name for m in MIGRATIONS]
    assert store.migrate() == []  # nothing left to apply
    store.close()


def test_store_contract_article_round_trip_is_lossless(store_url: str) -> None:
    store = open_store(store_url)
    article = make_article()
    assert store.write(WriteBatch(articles=[article])).articles_new == 1
    assert list(store.articles()) == [article]
    assert store.article(article.id) == article
    assert store.article(article.id[:8]) == article  # unique prefix
    store.close()


def test_store_contract_rewriting_the_same_articles_adds_nothing(store_url: str) -> None:
    store = open_store(store_url)
    a, b = make_article(), make_article(text="Other text.", headings=())
    store.write(WriteBatch(articles=[a]))
    result = store.write(WriteBatch(articles=[a, b, b]))
    assert result.articles_new == 1
    counts = store.counts()
    assert (counts.articles, counts.dropped_lines) == (2, 2)
    store.close()


def test_store_contract_rejections_are_idempotent_and_keep_offsets(store_url: str) -> None:
    store = open_store(store_url)
    rejections = [
        Rejection("x.png.txt", RejectReason.BINARY, "binary data, not text"),
        Rejection("feed.jsonl", RejectReason.MALFORMED_JSONL, "line 3 is not JSON", offset=3),
    ]
    assert store.write(WriteBatch(rejections=rejections)).rejections_new == 2
    assert store.write(WriteBatch(rejections=rejections)).rejections_new == 0
    assert sorted(store.rejections(), key=lambda r: r.source) == sorted(
        rejections, key=lambda r: r.source
    )
    store.close()


def test_store_contract_source_marks_detect_changed_files(store_url: str) -> None:
    store = open_store(store_url)
    assert not store.source_done("a.txt", "10:1")
    store.write(WriteBatch(sources=[SourceMark("a.txt", "10:1", 1, 0)]))
    assert store.source_done("a.txt", "10:1")
    assert not store.source_done("a.txt", "11:2")
    store.write(WriteBatch(sources=[SourceMark("a.txt", "11:2", 1, 0)]))
    assert store.source_done("a.txt", "11:2")
    store.close()


def test_store_contract_runs_round_trip(store_url: str) -> None:
    store = open_store(store_url)
    started = datetime(2026, 1, 1, tzinfo=timezone.utc)
    run = RunRecord("run1", started, "cfg", {"newsfuse": "0.1.0"}, ("examples/seeds",))
    store.begin_run(run)
    done = RunRecord(
        "run1", started, "cfg", {"newsfuse": "0.1.0"}, ("examples/seeds",),
        finished=started, status="done", stages=(StageCount("clean", 5, 5, 0.5, {"ok": 5}),),
    )
    store.finish_run(done)
    assert store.runs() == [done]
    store.close()


def test_store_contract_a_failed_batch_writes_nothing(store_url: str) -> None:
    store = open_store(store_url)
    good = make_article()
    bad = make_article(text="Broken.", headings=(), dropped=(
        DroppedLine(2**70, "x", DropReason.PROMO),))  # a line number no INTEGER column holds
    with pytest.raises(Exception):
        store.write(WriteBatch(articles=[good, bad]))
    assert store.counts().articles == 0
    store.close()


def test_store_contract_articles_iterate_in_pages(store_url: str) -> None:
    store = open_store(store_url)
    articles = [make_article(text=f"Text {i}.", headings=(),
                             provenance=Provenance("c.jsonl", "jsonl", i)) for i in range(25)]
    store.write(WriteBatch(articles=articles))
    assert [a.provenance.offset for a in store.articles(page=7)] == list(range(25))  # type: ignore[call-arg]
    store.close()


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=st.none() | texts, line=texts)
def test_store_contract_round_trip_any_unicode(store_url: str, text: str, title: str | None, line: str) -> None:
    if "\x00" in text + (title or "") + line and store_url.startswith("postgres"):
        return  # PostgreSQL TEXT cannot hold NUL; ingest never produces it (binary is rejected)
    store = open_store(store_url)
    # a fresh url per example: the store is shared across examples and ids are content hashes
    article = make_article(text=text, title=title, headings=(), url=f"https://x.test/{uuid.uuid4()}",
                           dropped=(DroppedLine(0, line, DropReason.COOKIE),))
    store.write(WriteBatch(articles=[article]))
    assert store.article(article.id) == article
    store.close()


def test_store_open_rejects_unknown_urls(tmp_path) -> None:
    with pytest.raises(StoreURLError, match="unknown store scheme"):
        open_store("mysql://root@localhost/x")
    with pytest.raises(StoreURLError, match="three slashes"):
        open_store("sqlite://relative.db")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path}/no/such/dir/x.db")


def test_store_open_postgres_unreachable_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://postgres:secret@127.0.0.1:1/none")


# -- Copies: links and signatures (migration 0004_copies) ------------------------------
from newsfuse.dedup import CopyLink, SignatureParams, fingerprint  # noqa: E402
from newsfuse.dedup.links import AlignedPair  # noqa: E402
from newsfuse.model import Span  # noqa: E402


def _copy_pair(store_url: str):  # type: ignore[no-untyped-def]
    store = open_store(store_url)
    x = make_article(text="Alpha beta gamma delta.\n\nEpsilon zeta eta theta.", headings=(), dropped=())
    y = make_article(text="Alpha beta gamma delta.\n\nIota kappa lambda mu.", headings=(), dropped=(),
                     url="https://example.com/b")
    store.write(WriteBatch(articles=[x, y]))
    a, b = sorted([x, y], key=lambda art: art.id)
    return store, a, b


def test_store_contract_copy_links_round_trip_with_evidence(store_url: str) -> None:
    store, a, b = _copy_pair(store_url)
    evidence = (AlignedPair(Span.of(a, 0, 23), Span.of(b, 0, 23), 1.0),)
    link = CopyLink(a.id, b.id, "near", "a->b", "published earlier", 0.5, "minhash-lsh+jaccard",
                    {"seed": 1, "num_perm": 128, "near_jaccard": 0.7}, evidence)
    assert store.write_copies([link]) == 1
    assert store.write_copies([link]) == 0  # idempotent
    assert store.copy_links() == [link]
    assert store.copy_links([b.id]) == [link]
    assert store.copy_links(["nobody"]) == []
    stored = store.copy_links()[0]
    assert stored.evidence[0].a.text == a.text[stored.evidence[0].a.start:stored.evidence[0].a.end]
    store.close()


def test_store_contract_copy_link_redetection_replaces_the_pair(store_url: str) -> None:
    store, a, b = _copy_pair(store_url)
    first = CopyLink(a.id, b.id, "partial", "undirected", "no evidence: undirected", 0.5, "align")
    second = CopyLink(a.id, b.id, "rewrite", "b->a", "containment 0.90 vs 0.60", 0.8, "align")
    store.write_copies([first])
    assert store.write_copies([second]) == 0
    assert store.copy_links() == [second]
    store.close()


def test_store_contract_copy_signatures_round_trip_and_keep_params(store_url: str) -> None:
    store, a, b = _copy_pair(store_url)
    params = SignatureParams(seed=7, num_perm=64, shingle=3)
    sigs = [fingerprint(a, params), fingerprint(b, params)]
    store.write_copies(signatures=sigs)
    store.write_copies(signatures=sigs)  # idempotent
    assert list(store.copy_signatures()) == sigs
    assert list(store.copy_signatures())[0].params == params
    store.close()


def test_store_contract_copy_index_replaced_as_a_whole(store_url: str) -> None:
    store, a, b = _copy_pair(store_url)
    old = SignatureParams(seed=7, num_perm=64, shingle=3)
    store.write_copies([CopyLink(a.id, b.id, "near", "a->b", "published earlier", 0.5, "minhash")],
                       [fingerprint(a, old), fingerprint(b, old)])
    rebuilt = [fingerprint(a, SignatureParams())]
    assert store.write_copies([], rebuilt, replace=True) == 0
    assert store.copy_links() == []  # the old link is gone with the old index
    assert list(store.copy_signatures()) == rebuilt
    store.close()


def test_store_contract_copy_links_need_stored_articles(store_url: str) -> None:
    store = open_store(store_url)
    with pytest.raises(Exception):
        store.write_copies([CopyLink("x", "y", "exact", "undirected", "no evidence: undirected", 1.0, "h")])
    assert store.copy_links() == []
    store.close()


# == extract (who said what, and when; migration 0006) =====================================
# Built by hand so these contract tests need no spaCy model: a tiny article with two names,
# a role, a dated quote and a timeline entry, run through the real corpus stage.
from datetime import date  # noqa: E402  (kept with the extract block it serves)


def _extract_corpus(article: Article, text: str):  # -> (CorpusExtraction, ArticleExtraction)
    from newsfuse.extract.corpus import extract_corpus
    from newsfuse.extract.names import name_key
    from newsfuse.extract.records import (
        ArticleExtraction,
        DateMention,
        Happening,
        Mention,
        Quote,
        RoleMention,
    )
    from newsfuse.model import Span

    def span(part: str) -> Span:
        start = text.index(part)
        return Span(article.id, start, start + len(part), part)

    mentions = (
        Mention(span("Donald Trump"), "PERSON", "name", name_key("Donald Trump", "PERSON"), 0),
        Mention(span("Zelenskyy"), "PERSON", "name", name_key("Zelenskyy", "PERSON"), 0),
    )
    wednesday = DateMention(span("Wednesday"), "DATE", "DATE", "2025-08-13", date(2025, 8, 13),
                            date(2025, 8, 13), "past", 0, date(2025, 8, 13), False, True)
    quote = Quote(f"q-{article.id}", span("we will meet “very soon” with Zelenskyy"), span("said"), span("Donald Trump"),
                  0, "named", "partial", 0)
    ext = ArticleExtraction(
        article.id, article.published, ((0, len(text)),), mentions,
        (RoleMention(span("US President"), 0, "us president"),), (quote,), (wednesday,),
        (Happening(0, 0, span("said"), "say", span(text[: text.index(" that")]), (0,), "past"),),
    )
    return extract_corpus([article], [ext]), ext


def test_store_contract_extract_round_trip_is_lossless(store_url: str) -> None:
    text = "US President Donald Trump said on Wednesday that we will meet “very soon” with Zelenskyy."
    article = make_article(text=text, headings=(), dropped=())
    corpus, _ = _extract_corpus(article, text)
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    assert store.write_extract(corpus) == 1
    assert store.extract_entities() == sorted(corpus.entities, key=lambda e: e.id)
    assert store.extract_quotes() == list(corpus.quotes)
    assert store.extract_quotes([article.id]) == list(corpus.quotes)
    assert store.extract_statements() == sorted(corpus.statements, key=lambda s: s.id)
    assert store.extract_dates() == list(corpus.articles[0].extraction.dates)
    assert store.extract_timeline() == list(corpus.timeline)
    assert store.extract_publication_dates() == list(corpus.publication_dates)
    trump = next(e for e in store.extract_entities() if e.name == "Donald Trump")
    assert trump.roles[0].title == "US President" and trump.roles[0].date == date(2025, 8, 13)
    store.close()


def test_store_contract_extract_rewrite_replaces_rows(store_url: str) -> None:
    text = "US President Donald Trump said on Wednesday that we will meet “very soon” with Zelenskyy."
    article = make_article(text=text, headings=(), dropped=())
    corpus, _ = _extract_corpus(article, text)
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    store.write_extract(corpus)
    store.write_extract(corpus)  # a rerun leaves exactly one copy of everything
    assert len(store.extract_quotes()) == 1 and len(store.extract_timeline()) == 1
    assert len(store.extract_entities()) == len(corpus.entities)
    store.write_extract(corpus, replace_corpus=False)
    assert store.extract_statements() == sorted(corpus.statements, key=lambda s: s.id)
    store.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00“”"),
                     min_size=1, max_size=40))
def test_store_contract_extract_round_trip_any_unicode(store_url: str, words: str) -> None:
    text = f"US President Donald Trump said on Wednesday that we will meet “very soon” with Zelenskyy. {words}"
    article = make_article(text=text, headings=(), dropped=(), url=f"https://x.test/{uuid.uuid4()}")
    corpus, _ = _extract_corpus(article, text)
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    store.write_extract(corpus, replace_corpus=False)
    assert store.extract_quotes([article.id]) == list(corpus.quotes)
    store.close()


# == events and storylines (migration 0005_events) =====================================
# Written by the events stage (newsfuse.cluster); SQL in newsfuse.cluster.storage.

_EVENT_TEXTS = (
    "Russian President Vladimir Putin and Donald Trump met in Anchorage, Alaska, on Friday "
    "for a summit on a ceasefire in Ukraine.",
    "Donald Trump and Vladimir Putin held their Alaska summit in Anchorage on Friday; no "
    "ceasefire deal for Ukraine was announced.",
    "The Anchorage summit between Trump and Putin ended on Friday without a Ukraine ceasefire.",
    "A magnitude 6.1 earthquake struck Qeshm island in southern Iran on Sunday, killing ten.",
    "Ten people died when an earthquake of magnitude 6.1 hit Iran's Qeshm island on Sunday.",
)


def _cluster_articles(n: int = len(_EVENT_TEXTS)) -> list[Article]:
    return [make_article(text=t, headings=(), dropped=(), title=None,
                         url=f"https://news.test/{i}",
                         published=datetime(2025, 8, 15 + i, 12, tzinfo=timezone.utc))
            for i, t in enumerate(_EVENT_TEXTS[:n])]


def test_store_contract_events_round_trip(store_url: str) -> None:
    from newsfuse.cluster import EventClusterer

    articles = _cluster_articles()
    clusterer = EventClusterer(embedder=None)
    update = clusterer.fit(articles)
    store = open_store(store_url)
    store.write(WriteBatch(articles=articles))
    store.write_events(update, replace=True)
    assert store.events() == sorted(update.events, key=lambda e: (e.seq, e.id))
    assert store.storylines() == sorted(update.storylines, key=lambda s: (s.seq, s.id))
    assert store.event_memberships() == sorted(update.memberships, key=lambda m: (m.seq, m.article_id))
    assert store.event_memberships([articles[0].id]) == [update.memberships[0]]
    assert store.event_changes() == list(update.changes)
    assert {a for e in store.events() for a in e.article_ids} == {a.id for a in articles}
    store.close()


def test_store_contract_events_resume_incrementally(store_url: str) -> None:
    from newsfuse.cluster import EventClusterer

    articles = _cluster_articles()
    one_shot = EventClusterer(embedder=None)
    one_shot.fit(articles)
    store = open_store(store_url)
    store.write(WriteBatch(articles=articles))
    assert store.events_state() is None
    store.write_events(EventClusterer(embedder=None).fit(articles[:3]), replace=True)
    state = store.events_state()
    resumed = EventClusterer.from_state(state.globals, state.events, state.storylines, embedder=None)
    store.write_events(resumed.assign(articles[3:]))
    expected = sorted(sorted(e.articles) for e in one_shot.events.values())
    assert sorted(sorted(e.article_ids) for e in store.events()) == expected
    assert len(store.storylines()) == len(one_shot.storylines)
    store.close()


def test_store_contract_event_merge_repoints_memberships(store_url: str) -> None:
    from newsfuse.cluster.model import ClusterChange, ClusterUpdate, Event, Evidence, Membership

    a, b = _cluster_articles(2)
    store = open_store(store_url)
    store.write(WriteBatch(articles=[a, b]))

    def event(eid: str, ids: tuple[str, ...], seq: int) -> Event:
        return Event(eid, "s1", "label", ids[0], None, None, ids, None, (), (), seq)

    joined = Evidence("opened", "fast", -1.5, 0.0, {"terms": 0.25})
    store.write_events(ClusterUpdate(
        events=(event("e1", (a.id,), 1), event("e2", (b.id,), 2)),
        memberships=(Membership(a.id, "e1", 1, joined), Membership(b.id, "e2", 2, joined)),
        state={"globals": {"seq": 2}}), replace=True)
    store.write_events(ClusterUpdate(
        events=(event("e1", (a.id, b.id), 1),), removed_events=("e2",),
        changes=(ClusterChange(3, "merge", "event", "e1", "e2", 2.5, b.id),),
        state={"globals": {"seq": 3}}))
    assert [(e.id, e.article_ids) for e in store.events()] == [("e1", (a.id, b.id))]
    assert {m.article_id: m.event_id for m in store.event_memberships()} == {a.id: "e1", b.id: "e1"}
    assert store.event_changes()[0].other == "e2"
    assert store.events_state().globals == {"seq": 3}
    store.close()


def test_store_contract_dropped_lines_sharing_a_line_number_round_trip_in_order(store_url: str) -> None:
    # an HTML page's extracted lines that cannot be located on the page share a line number
    dropped = (DroppedLine(790, "Related posts", DropReason.RELATED),
               DroppedLine(790, "Share this", DropReason.SHARE),
               DroppedLine(3, "Menu", DropReason.NAVIGATION))
    article = make_article(dropped=dropped)
    store = open_store(store_url)
    assert store.write(WriteBatch(articles=[article])).articles_new == 1
    assert store.article(article.id) == article
    store.close()


def test_store_contract_a_store_of_the_old_dropped_lines_key_is_migrated_keeping_its_rows(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.store.sql as sql

    old = [m for m in MIGRATIONS if m.name < "0009"]
    monkeypatch.setattr(sql, "MIGRATIONS", tuple(old))
    store = open_store(store_url)
    article = make_article(dropped=())
    store.write(WriteBatch(articles=[article]))
    with store._transaction() as cur:
        for lineno, line in ((7, "Cookie settings"), (2, "Share this")):
            cur.execute(store._sql("INSERT INTO dropped_lines (article_id, lineno, line, reason) VALUES (?, ?, ?, ?)"),
                        (article.id, lineno, line, "share"))
    store.close()
    monkeypatch.setattr(sql, "MIGRATIONS", MIGRATIONS)
    store = open_store(store_url)
    assert store.applied_migrations() == [m.name for m in MIGRATIONS]
    assert [(d.lineno, d.line) for d in store.article(article.id).dropped] == [(2, "Share this"), (7, "Cookie settings")]
    store.close()


def test_store_contract_sentence_vectors_round_trip_exactly_and_keep_the_first_row(store_url: str) -> None:
    import numpy as np

    store = open_store(store_url)
    rng = np.random.default_rng(3)
    vectors = {f"k{i}": rng.standard_normal(384).astype(np.float32) for i in range(3)}
    assert store.write_sentence_vectors(vectors) == 3
    assert store.write_sentence_vectors({"k0": np.zeros(384, np.float32)}) == 1
    found = store.sentence_vectors(["k0", "k2", "absent"])
    assert set(found) == {"k0", "k2"}
    assert np.array_equal(found["k0"], vectors["k0"]) and np.array_equal(found["k2"], vectors["k2"])
    store.close()
