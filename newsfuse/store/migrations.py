"""Named, ordered schema migrations, shared by every SQL backend.

Each migration is applied once, in order, inside a transaction, and recorded in
``schema_migrations``. Never edit a migration that has shipped: add a new one.
SQL is written for both SQLite and PostgreSQL; ``{bigint}``, ``{text}`` and
``{real}`` are filled in per dialect.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        (
            """CREATE TABLE articles (
                id {text} PRIMARY KEY,
                source {text} NOT NULL,
                source_offset {bigint},
                format {text} NOT NULL,
                url {text},
                title {text},
                outlet {text},
                author {text},
                published {text},
                published_inferred INTEGER NOT NULL DEFAULT 0,
                language {text},
                text {text} NOT NULL,
                headings {text} NOT NULL DEFAULT '[]'
            )""",
            "CREATE INDEX articles_source ON articles (source, source_offset)",
            """CREATE TABLE dropped_lines (
                article_id {text} NOT NULL REFERENCES articles (id),
                lineno INTEGER NOT NULL,
                line {text} NOT NULL,
                reason {text} NOT NULL,
                PRIMARY KEY (article_id, lineno)
            )""",
        ),
    ),
    Migration(
        "0002_rejections_and_sources",
        (
            # offset -1 stands for "whole file", so the primary key has no NULLs.
            """CREATE TABLE rejections (
                source {text} NOT NULL,
                source_offset {bigint} NOT NULL,
                reason {text} NOT NULL,
                message {text} NOT NULL,
                PRIMARY KEY (source, source_offset, reason)
            )""",
            """CREATE TABLE sources (
                key {text} PRIMARY KEY,
                fingerprint {text} NOT NULL,
                documents INTEGER NOT NULL,
                rejected INTEGER NOT NULL
            )""",
        ),
    ),
    Migration(
        "0003_runs",
        (
            """CREATE TABLE runs (
                id {text} PRIMARY KEY,
                started {text} NOT NULL,
                finished {text},
                status {text} NOT NULL,
                config_hash {text} NOT NULL,
                versions {text} NOT NULL,
                inputs {text} NOT NULL,
                stages {text} NOT NULL DEFAULT '[]'
            )""",
        ),
    ),
    Migration(
        "0004_copies",
        (
            # One link per unordered pair (a < b); re-detection replaces it. params and
            # evidence are JSON (aligned sentence spans over each article's text).
            """CREATE TABLE copy_links (
                a {text} NOT NULL REFERENCES articles (id),
                b {text} NOT NULL REFERENCES articles (id),
                relation {text} NOT NULL,
                direction {text} NOT NULL,
                direction_evidence {text} NOT NULL,
                score {real} NOT NULL,
                method {text} NOT NULL,
                params {text} NOT NULL,
                evidence {text} NOT NULL,
                PRIMARY KEY (a, b)
            )""",
            "CREATE INDEX copy_links_b ON copy_links (b)",
            # MinHash signatures with the parameters they were made with (JSON), so the
            # copy index is rebuilt from the store for incremental assignment. MinHash
            # values are base64 of little-endian uint32 (portable across both backends).
            """CREATE TABLE copy_signatures (
                article_id {text} PRIMARY KEY REFERENCES articles (id),
                params {text} NOT NULL,
                exact {text} NOT NULL,
                minhash {text} NOT NULL,
                terms {text} NOT NULL,
                words INTEGER NOT NULL
            )""",
            "CREATE INDEX copy_signatures_exact ON copy_signatures (exact)",
        ),
    ),
    Migration(
        "0005_events",
        (
            # Events and storylines (newsfuse.cluster). ``state`` is the online clusterer's
            # JSON state of the cluster (sums, labels), so later ingests continue
            # incrementally; rows are built and read by newsfuse.cluster.storage.
            """CREATE TABLE events (
                id {text} PRIMARY KEY,
                storyline_id {text} NOT NULL,
                label {text} NOT NULL,
                label_article {text},
                start_day {text},
                end_day {text},
                origins INTEGER,
                key_entities {text} NOT NULL,
                key_terms {text} NOT NULL,
                seq {bigint} NOT NULL,
                state {text} NOT NULL
            )""",
            "CREATE INDEX events_storyline ON events (storyline_id)",
            """CREATE TABLE storylines (
                id {text} PRIMARY KEY,
                label {text} NOT NULL,
                start_day {text},
                end_day {text},
                article_count INTEGER NOT NULL,
                event_ids {text} NOT NULL,
                key_entities {text} NOT NULL,
                key_terms {text} NOT NULL,
                seq {bigint} NOT NULL,
                state {text} NOT NULL
            )""",
            # One row per article: the event it is in now (re-pointed on merges) and the
            # "why together" evidence of the decision at its arrival (JSON).
            """CREATE TABLE event_members (
                article_id {text} PRIMARY KEY REFERENCES articles (id),
                event_id {text} NOT NULL,
                seq {bigint} NOT NULL,
                evidence {text} NOT NULL
            )""",
            "CREATE INDEX event_members_event ON event_members (event_id, seq)",
            # The merge/split log, in order (position orders changes of one arrival).
            """CREATE TABLE event_changes (
                seq {bigint} NOT NULL,
                position INTEGER NOT NULL,
                kind {text} NOT NULL,
                level {text} NOT NULL,
                kept {text} NOT NULL,
                other {text} NOT NULL,
                into_id {text},
                score {real} NOT NULL,
                trigger_article {text} NOT NULL,
                PRIMARY KEY (seq, position)
            )""",
            """CREATE TABLE events_state (
                key {text} PRIMARY KEY,
                value {text} NOT NULL
            )""",
        ),
    ),
    Migration(
        "0006_extract",
        (
            # Who said what, and when (newsfuse.extract). Per-article rows are replaced
            # when an article is extracted again; entities and statements are the corpus
            # stage's latest result. Spans are stored with their text (JSON [article,
            # start, end, text] where a row holds several); rows are built and read by
            # newsfuse.extract.storage.
            """CREATE TABLE extract_entities (
                id {text} PRIMARY KEY,
                name {text} NOT NULL,
                label {text} NOT NULL,
                aliases {text} NOT NULL
            )""",
            """CREATE TABLE extract_mentions (
                entity_id {text} NOT NULL,
                article_id {text} NOT NULL REFERENCES articles (id),
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text {text} NOT NULL,
                PRIMARY KEY (article_id, start_char, end_char, entity_id)
            )""",
            "CREATE INDEX extract_mentions_entity ON extract_mentions (entity_id)",
            """CREATE TABLE extract_roles (
                entity_id {text} NOT NULL,
                article_id {text} NOT NULL REFERENCES articles (id),
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                title {text} NOT NULL,
                normalized {text} NOT NULL,
                day {text},
                day_inferred INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (entity_id, article_id, start_char, end_char)
            )""",
            """CREATE TABLE extract_quotes (
                id {text} PRIMARY KEY,
                article_id {text} NOT NULL REFERENCES articles (id),
                content_start INTEGER NOT NULL,
                content_end INTEGER NOT NULL,
                content_text {text} NOT NULL,
                cue {text},
                speaker {text},
                speaker_mention INTEGER,
                quote_kind {text} NOT NULL,
                mode {text} NOT NULL,
                said_on_index INTEGER,
                outlet {text},
                speaker_entity {text},
                speaker_name {text} NOT NULL,
                source_kind {text} NOT NULL,
                said_on {text},
                statement_id {text}
            )""",
            "CREATE INDEX extract_quotes_article ON extract_quotes (article_id, content_start)",
            "CREATE INDEX extract_quotes_speaker ON extract_quotes (speaker_entity)",
            """CREATE TABLE extract_statements (
                id {text} PRIMARY KEY,
                speaker_entity {text},
                speaker_name {text} NOT NULL,
                text {text} NOT NULL,
                said_on {text}
            )""",
            """CREATE TABLE extract_variants (
                statement_id {text} NOT NULL,
                seq INTEGER NOT NULL,
                quote_id {text} NOT NULL,
                article_id {text} NOT NULL REFERENCES articles (id),
                outlet {text},
                content {text} NOT NULL,
                mode {text} NOT NULL,
                differences {text} NOT NULL,
                PRIMARY KEY (statement_id, seq)
            )""",
            """CREATE TABLE extract_dates (
                article_id {text} NOT NULL REFERENCES articles (id),
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text {text} NOT NULL,
                label {text} NOT NULL,
                type {text} NOT NULL,
                value {text},
                range_start {text},
                range_end {text},
                tense {text},
                sentence INTEGER NOT NULL,
                anchor {text},
                anchor_inferred INTEGER NOT NULL DEFAULT 0,
                is_relative INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (article_id, start_char, end_char)
            )""",
            """CREATE TABLE extract_timeline (
                id {text} PRIMARY KEY,
                article_id {text} NOT NULL REFERENCES articles (id),
                start_day {text} NOT NULL,
                end_day {text} NOT NULL,
                value {text} NOT NULL,
                what {text} NOT NULL,
                who {text} NOT NULL,
                sentence {text} NOT NULL,
                date_span {text} NOT NULL,
                inferred INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX extract_timeline_day ON extract_timeline (start_day, end_day)",
            """CREATE TABLE extract_publication (
                article_id {text} PRIMARY KEY REFERENCES articles (id),
                published {text},
                inferred INTEGER NOT NULL,
                method {text} NOT NULL,
                evidence {text} NOT NULL,
                earliest {text},
                latest {text}
            )""",
        ),
    ),
    Migration(
        "0007_crosscheck",
        (
            # Claims, discrepancies and briefs (newsfuse.crosscheck, newsfuse.brief), one row
            # per record with its lossless JSON form (newsfuse.crosscheck.serial); a rerun
            # replaces the rows of the scopes it checked. Rows are built by
            # newsfuse.crosscheck.storage.
            """CREATE TABLE claims (
                id {text} PRIMARY KEY,
                scope {text} NOT NULL,
                status {text} NOT NULL,
                origins INTEGER NOT NULL,
                position INTEGER NOT NULL,
                body {text} NOT NULL
            )""",
            "CREATE INDEX claims_scope ON claims (scope, position)",
            """CREATE TABLE discrepancies (
                id {text} PRIMARY KEY,
                scope {text} NOT NULL,
                kind {text} NOT NULL,
                position INTEGER NOT NULL,
                body {text} NOT NULL
            )""",
            "CREATE INDEX discrepancies_scope ON discrepancies (scope, position)",
            """CREATE TABLE briefs (
                id {text} PRIMARY KEY,
                scope {text} NOT NULL,
                level {text} NOT NULL,
                subject {text} NOT NULL,
                position INTEGER NOT NULL,
                body {text} NOT NULL
            )""",
        ),
    ),
    Migration(
        "0008_article_extractions",
        (
            # The parse cache: each article's per-article extraction (spaCy parse read
            # into mentions, quotes, dates, happenings) as its lossless JSON form
            # (newsfuse.serial), with the fingerprint of the code and models that made
            # it. A later run reuses the rows whose fingerprint matches instead of
            # parsing every stored article again. Rows are built by
            # newsfuse.extract.cache.
            """CREATE TABLE article_extractions (
                article_id {text} PRIMARY KEY REFERENCES articles (id),
                fingerprint {text} NOT NULL,
                body {text} NOT NULL
            )""",
        ),
    ),
    Migration(
        "0009_dropped_lines_position",
        (
            # A dropped line is keyed by its place among the article's dropped lines,
            # not by its line number: in an HTML page several dropped lines can share
            # one (lines of the extracted text that cannot be located on the page), and
            # the old key made storing such a page fail. Stored rows keep their order.
            """CREATE TABLE dropped_lines_v2 (
                article_id {text} NOT NULL REFERENCES articles (id),
                position INTEGER NOT NULL,
                lineno INTEGER NOT NULL,
                line {text} NOT NULL,
                reason {text} NOT NULL,
                PRIMARY KEY (article_id, position)
            )""",
            """INSERT INTO dropped_lines_v2 (article_id, position, lineno, line, reason)
                SELECT article_id, lineno, lineno, line, reason FROM dropped_lines""",
            "DROP TABLE dropped_lines",
            "ALTER TABLE dropped_lines_v2 RENAME TO dropped_lines",
        ),
    ),
    Migration(
        "0010_sentence_vectors",
        (
            # Sentence vectors by a hash of the model's name and the sentence (base64
            # float32), so a later crosscheck embeds only new sentences. Rows are built
            # by newsfuse.crosscheck.vectors.
            """CREATE TABLE sentence_vectors (
                key {text} PRIMARY KEY,
                vector {text} NOT NULL
            )""",
        ),
    ),
)
