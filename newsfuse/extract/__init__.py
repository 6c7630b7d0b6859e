"""Who said what, and when: entities, roles, quotes, statements, dates and timelines.

Two stages (STYLE rule 3):
  * per article, pure: :func:`annotate` / :func:`annotate_many` -> :class:`ArticleExtraction`;
  * corpus: :class:`ExtractCorpus` (``fit`` / ``assign``) or :func:`extract_corpus` ->
    :class:`CorpusExtraction` (canonical entities, statements with variants, inferred
    publication dates, timeline).
Export forms: :mod:`newsfuse.extract.dicts`. spaCy is loaded on first use only.
"""

from newsfuse.extract.annotate import annotate, annotate_doc, annotate_many
from newsfuse.extract.corpus import (
    ArticleResult,
    CorpusExtraction,
    ExtractCorpus,
    extract_corpus,
    with_inferred_dates,
)
from newsfuse.extract.dicts import (
    entities_dict,
    export_from_store,
    publication_dates_dict,
    quotes_dict,
    statements_dict,
    timeline_dict,
)
from newsfuse.extract.records import ArticleExtraction

__all__ = [
    "ArticleExtraction", "ArticleResult", "CorpusExtraction", "ExtractCorpus", "annotate",
    "annotate_doc", "annotate_many", "entities_dict", "export_from_store", "extract_corpus", "publication_dates_dict",
    "quotes_dict", "statements_dict", "timeline_dict", "with_inferred_dates",
]
