"""Store contract for claims, discrepancies and briefs (migration 0007_crosscheck):
SQLite and PostgreSQL both round-trip them losslessly and a rerun replaces its scopes."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.brief.records import Brief, BriefSentence, Citation, SourceItem, StatementItem, TimelineItem
from newsfuse.crosscheck.records import Attribution, Claim, ClaimMention, Discrepancy, Fact, Side
from newsfuse.crosscheck.step import CrosscheckResult
from newsfuse.model import Span
from newsfuse.store import WriteBatch, open_store
from newsfuse.store.migrations import MIGRATIONS

from test_store_contract import make_article  # noqa: E402  (same fixtures as the contract)


def _result(text: str, scope_id: str = "e1") -> tuple[CrosscheckResult, object]:
    article = make_article(text)
    s = Span(article.id, 0, len(text), text)
    fact = Fact("amount", "USD 90000000000", Span(article.id, 0, min(3, len(text)), text[:3]), "USD", "USD 90 billion")
    mention = ClaimMention("m1", s, "ent1", "Volodymyr Zelensky", "stating", (fact,),
                           Attribution("ent1", "Volodymyr Zelensky", "named", None, "q1"), False,
                           ("arm", "deal"), date(2025, 8, 18), None)
    scope = f"event:{scope_id}"
    side = Side("USD 90 billion", s, fact.span, "Volodymyr Zelensky", date(2025, 8, 18), "c1")
    disc = Discrepancy("d1" + scope_id, scope, "amount", "USD amount: arms deal", (side, side), "rule", 0.5, "note")
    claim = Claim("c1" + scope_id, scope, text, "conflicting", (mention,), 1, (article.id,), ("Volodymyr Zelensky",),
                  (disc.id,), (s,), "conflicting reports", 1.1)
    cite = Citation(article.id, "example.com", s)
    brief = Brief("b" + scope_id, "event", scope_id, "Headline", (BriefSentence(text, (cite,), claim.id, "conflicting", 1,
                  ("Volodymyr Zelensky",)),), (), (disc,), (), (), (), (StatementItem("Z", text, None, (cite,), ((s,),)),),
                  (TimelineItem(date(2025, 8, 18), date(2025, 8, 18), "2025-08-18", "what", (cite, cite)),),
                  (SourceItem(article.id, "example.com", "A title", date(2025, 8, 13), article.id, ()),), 1, 1)
    return CrosscheckResult((claim,), (disc,), (brief,), {"claims_conflicting": 1}), article


def test_store_crosscheck_migration_is_applied(store_url: str) -> None:
    store = open_store(store_url)
    assert "0007_crosscheck" in store.applied_migrations()
    assert "0007_crosscheck" in [m.name for m in MIGRATIONS]


def test_store_crosscheck_round_trip_is_lossless(store_url: str) -> None:
    result, article = _result("Zelensky said the deal would total $90 billion.")
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    assert store.write_crosscheck(result) == 1
    assert store.claims() == list(result.claims)
    assert store.claims("event:e1", "conflicting") == list(result.claims)
    assert store.claims(status="corroborated") == []
    assert store.discrepancies(kind="amount") == list(result.discrepancies)
    assert store.briefs() == list(result.briefs)
    assert store.briefs("event:e1") == list(result.briefs)


def test_store_crosscheck_rerun_replaces_its_scopes_only(store_url: str) -> None:
    one, article = _result("Zelensky said the deal would total $90 billion.", "e1")
    two, _ = _result("Zelensky said the deal would total $90 billion.", "e2")
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    store.write_crosscheck(one)
    store.write_crosscheck(two)
    store.write_crosscheck(one)  # a rerun of e1 leaves one copy and keeps e2
    assert sorted(c.scope for c in store.claims()) == ["event:e1", "event:e2"]
    assert len(store.briefs()) == 2
    store.write_crosscheck(two, replace=True)
    assert [c.scope for c in store.claims()] == ["event:e2"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=3, max_size=60).filter(lambda t: "\x00" not in t))
def test_store_crosscheck_round_trip_any_unicode(store_url: str, text: str) -> None:
    result, article = _result(text, "u")
    store = open_store(store_url)
    store.write(WriteBatch(articles=[article]))
    store.write_crosscheck(result)
    assert store.claims("event:u") == list(result.claims)
    assert store.briefs("event:u") == list(result.briefs)
