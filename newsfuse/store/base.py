"""The ``Store`` protocol: what every backend (SQLite, PostgreSQL) provides.

Writes go through :meth:`Store.write` with a :class:`WriteBatch`, applied in one
transaction, so a run killed at any point leaves whole batches or nothing. Every
insert is idempotent (keyed by deterministic ids), so re-running the same input
adds nothing and a killed run resumes to exactly the store an uninterrupted run
gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from newsfuse.model import Article, Rejection, RunRecord

if TYPE_CHECKING:
    import numpy as np

    from newsfuse.brief.records import Brief
    from newsfuse.crosscheck.records import Claim, Discrepancy
    from newsfuse.crosscheck.step import CrosscheckResult
    from newsfuse.cluster.model import ClusterChange, ClusterUpdate, Event, Membership, Storyline
    from newsfuse.cluster.storage import EventsState
    from newsfuse.dedup.links import CopyLink
    from newsfuse.dedup.signature import Signature
    from newsfuse.extract.corpus import CorpusExtraction
    from newsfuse.extract.records import (
        ArticleExtraction,
        AttributedQuote,
        DateMention,
        Entity,
        PublicationDate,
        Statement,
        TimelineEntry,
    )


@dataclass(frozen=True, slots=True)
class SourceMark:
    """Completion marker of one input file: written in the same transaction as the
    last batch of its documents, so a file marked done is fully stored."""

    key: str  # the file path as given to ingest
    fingerprint: str  # size and mtime: a changed file is read again
    documents: int
    rejected: int


@dataclass(frozen=True, slots=True)
class WriteBatch:
    articles: Sequence[Article] = ()
    rejections: Sequence[Rejection] = ()
    sources: Sequence[SourceMark] = ()


@dataclass(frozen=True, slots=True)
class WriteResult:
    articles_new: int = 0
    rejections_new: int = 0


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int = 0
    dropped_lines: int = 0
    rejections: int = 0
    sources: int = 0
    runs: int = 0
    extra: dict[str, int] = field(default_factory=dict)


@runtime_checkable
class Store(Protocol):
    """A newsfuse store. Backends must pass ``tests/test_store_contract.py``."""

    url: str

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; return the names applied now."""
        ...

    def local_files(self) -> tuple[Path, ...]:
        """The files on this machine that hold the store (ingest never reads them)."""
        ...

    def applied_migrations(self) -> list[str]: ...

    def write(self, batch: WriteBatch) -> WriteResult:
        """Insert a batch atomically; existing ids are left as they are."""
        ...

    def source_done(self, key: str, fingerprint: str) -> bool:
        """Whether this exact file (same fingerprint) was completely stored before."""
        ...

    def begin_run(self, run: RunRecord) -> None: ...

    def finish_run(self, run: RunRecord) -> None: ...

    def runs(self) -> list[RunRecord]: ...

    def article(self, article_id: str) -> Article | None:
        """One article with its dropped lines, or ``None``; accepts a unique id prefix."""
        ...

    def articles(self) -> Iterator[Article]:
        """Every article with its dropped lines, in a stable order (source, offset, id)."""
        ...

    def rejections(self) -> list[Rejection]: ...

    def counts(self) -> StoreCounts: ...

    def close(self) -> None: ...

    # -- copies (migration 0004) ------------------------------------------------
    def write_copies(self, links: Sequence[CopyLink] = (), signatures: Sequence[Signature] = (),
                     replace: bool = False) -> int:
        """Store copy links and signatures in one transaction; return the links new to the store.

        A link replaces the stored one of the same pair (a, b); a signature the stored
        one of the same article. Both must refer to stored articles. With ``replace``
        every stored link and signature is deleted first (a copy index rebuilt from
        scratch).
        """
        ...

    def copy_links(self, article_ids: Iterable[str] | None = None) -> list[CopyLink]:
        """Stored links (all, or those touching any of ``article_ids``), sorted by (a, b)."""
        ...

    def copy_signatures(self) -> Iterator[Signature]:
        """Every stored signature, sorted by article id (to rebuild the copy index)."""
        ...

    # -- who said what, and when (migration 0006) -----------------------------------
    def write_extract(self, corpus: CorpusExtraction, replace_corpus: bool = True) -> int:
        """Store an extract result in one transaction; return the number of quotes written.

        The per-article rows (mentions, roles, quotes, dates, timeline, publication dates)
        of every article in ``corpus`` replace the stored ones. With ``replace_corpus``
        the corpus-level tables (entities, statements) are replaced as a whole, since a
        refit may merge or split them; without it they are upserted by id.
        """
        ...

    def extract_entities(self) -> list[Entity]:
        """Canonical entities with their mentions and dated roles, sorted by id."""
        ...

    def extract_quotes(self, article_ids: Iterable[str] | None = None) -> list[AttributedQuote]:
        """Quotes (all, or of ``article_ids``) in article and text order."""
        ...

    def extract_statements(self) -> list[Statement]:
        """Statements with their variants, sorted by id."""
        ...

    def extract_dates(self, article_ids: Iterable[str] | None = None) -> list[DateMention]:
        """Date mentions (all, or of ``article_ids``) in article and text order."""
        ...

    def extract_timeline(self) -> list[TimelineEntry]:
        """Timeline entries by date."""
        ...

    def extract_publication_dates(self) -> list[PublicationDate]:
        """The publication date used for each extracted article, and how it was decided."""
        ...

    # -- events and storylines (migration 0005) ------------------------------------
    def write_article_extractions(self, extractions: Sequence[ArticleExtraction], fingerprint: str) -> int:
        """Keep each article's per-article extraction, made by the code and models
        ``fingerprint`` names (the parse cache); replaces an article's older row."""
        ...

    def article_extractions(self, fingerprint: str,
                            article_ids: Iterable[str] | None = None) -> dict[str, ArticleExtraction]:
        """The kept extractions made with ``fingerprint``, by article id."""
        ...

    def write_events(self, update: ClusterUpdate, replace: bool = False) -> None:
        """Apply one events-stage update in one transaction.

        Upserts the changed events and storylines (with their clusterer state), deletes
        the ids merges retired, re-points the memberships of merged events to the
        survivor, inserts the new memberships with their evidence, appends the
        merge/split log and saves the clusterer's global state. With ``replace`` every
        events table is emptied first (a refit from scratch).
        """
        ...

    def events(self) -> list[Event]:
        """Every event, by arrival of its opening article; articles in arrival order."""
        ...

    def storylines(self) -> list[Storyline]:
        """Every storyline, by arrival of its opening article; events in time order."""
        ...

    def event_memberships(self, article_ids: Iterable[str] | None = None) -> list[Membership]:
        """Memberships with their "why together" evidence (all, or of ``article_ids``)."""
        ...

    def event_changes(self) -> list[ClusterChange]:
        """The merge/split log, in order."""
        ...

    def events_state(self) -> EventsState | None:
        """The persisted clusterer state (for ``EventClusterer.from_state``), or ``None``."""
        ...

    # -- sentence vectors (migration 0010) -------------------------------------------
    def write_sentence_vectors(self, vectors: Mapping[str, np.ndarray]) -> int:
        """Keep sentence vectors by key (``nlp.embeddings.vector_key``); a stored key
        keeps its row. Returns the number of vectors offered."""
        ...

    def sentence_vectors(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``keys``; absent keys are left out."""
        ...

    # -- claims, discrepancies, briefs (migration 0007) -----------------------------
    def write_crosscheck(self, result: CrosscheckResult, replace: bool = False) -> int:
        """Write a crosscheck result (claims, discrepancies, briefs) in one transaction.

        The rows of every scope in ``result`` are replaced (a rerun leaves one copy);
        other scopes are kept, unless ``replace`` empties the tables first. Returns the
        number of claims written.
        """
        ...

    def claims(self, scope: str | None = None, status: str | None = None) -> list[Claim]:
        """Claims with their evidence (all, of one scope ``"event:<id>"``, of one status)."""
        ...

    def discrepancies(self, scope: str | None = None, kind: str | None = None) -> list[Discrepancy]:
        """Conflicts and changes of stance (all, of one scope, of one kind)."""
        ...

    def briefs(self, scope: str | None = None) -> list[Brief]:
        """Briefs in the order written (all, or the one of a scope)."""
        ...
