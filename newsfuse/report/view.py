"""What the report shows, gathered once from the store for every renderer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsfuse.model import Article, Rejection
from newsfuse.store import Store


@dataclass(frozen=True)
class ReportView:
    articles: list[Article]
    rejections: list[Rejection]

    @classmethod
    def from_store(cls, store: Store) -> ReportView:
        return cls(list(store.articles()), store.rejections())

    @property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.articles if a.outlet})

    def dropped_by_reason(self) -> list[tuple[str, int]]:
        counts = Counter(d.reason.value for a in self.articles for d in a.dropped)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def describe_date(article: Article) -> str:
    if article.published is None:
        return "date unknown"
    text = article.published.date().isoformat()
    return f"{text} (inferred)" if article.published_inferred else text


def blocks(article: Article) -> list[tuple[str, str]]:
    """The article text as ("heading" | "paragraph", text) blocks, in order."""
    headings = set(article.headings)
    return [
        ("heading" if (s, e) in headings else "paragraph", article.text[s:e])
        for s, e in article.paragraphs()
    ]
