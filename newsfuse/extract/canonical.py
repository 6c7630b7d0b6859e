"""Canonical entities across articles (a corpus stage: ``fit`` on articles, ``assign`` one).

Names merge when their keys agree after spelling and transliteration folding
(:mod:`newsfuse.extract.names`). People merge on surname and first initial; a surname
alone joins the one person of that surname (the one named in full in the same article
first). Two romanisations of one surname that different outlets use for one person
("Muammar Gaddafi", "Moammar Gadhafi") are read as one spelling. Places merge with their
acronyms and country names ("US", "U.S.", "the United States"). The label of a name is
the majority over the corpus, so the small model's occasional "Trump" as ORG does not
split a person. Role mentions ("the US president") are
resolved again here with every title the corpus gives each person.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsfuse.extract.names import (
    COUNTRY_NAMES,
    COUNTRY_OF,
    DEMONYMS,
    PARTICLES,
    acronym,
    name_tokens,
    translit,
)
from newsfuse.extract.records import ArticleExtraction, Entity, Mention, Role
from newsfuse.extract.roles import RoleRef, compatible
from newsfuse.model import content_id
from newsfuse.unionfind import UnionFind

_PLACES = {"GPE", "LOC", "FAC"}


def _group(label: str) -> str:
    return "place" if label in _PLACES else label.lower()


def _given_and_surname(mention: Mention) -> tuple[str, str]:
    """A person's folded first given name ("" for a surname alone) and surname."""
    words = name_tokens(mention.span.text, "PERSON")
    given = [w for w in words[:-1] if w not in PARTICLES]
    return (translit(given[0]) if given else ""), (translit(words[-1]) if words else "")


def _person_parts(mention: Mention) -> tuple[str, str]:
    """A person's folded surname and first initial ("" for a surname alone)."""
    given, surname = _given_and_surname(mention)
    return surname, given[:1]


_LIKE_LETTERS = ("aeiouy", "ckq", "gq")  # letters one name is romanised with in turn


def _romanised_alike(a: str, b: str) -> bool:
    """Whether two spellings differ at most by one romanisation choice: a vowel for
    another ("Moammar", "Muammar"), c/k/q or g/q ("Qaddafi", "Kaddafi", "Gaddafi"), or
    one vowel or "h" more ("Gadhafi", "Gadafi"; "Pourdastan", "Purdastan")."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b) if x != y]
        return not diff or (len(diff) == 1 and any(diff[0][0] in g and diff[0][1] in g for g in _LIKE_LETTERS))
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:] and b[i] in "aeiouyh"


def _surname_variants(full_names: Iterable[tuple[str | None, str, str]], min_length: int = 5) -> dict[str, str]:
    """Surname spellings read as one person's: Gaddafi and Gadhafi, once "Muammar Gaddafi"
    and "Moammar Gadhafi" show it. Two folded surnames of ``min_length`` letters or more
    that differ by one romanisation choice (:func:`_romanised_alike`) merge when one given
    name, alike in the same way, is written with both, and by different outlets: an outlet
    keeps to one romanisation, so two spellings from one outlet (or from outlets not
    known) are two people ("John Jacob" and "John Jacobi"). Each spelling maps to the
    variant written most often.

    Args:
        full_names: (outlet or ``None``, folded given name, folded surname) of every
            full name of a person.
    """
    # surname -> given name -> the outlets writing it (None: an outlet not known)
    written: dict[str, dict[str, set[str | None]]] = defaultdict(lambda: defaultdict(set))
    counts: Counter[str] = Counter()
    for outlet, given, surname in full_names:
        if len(surname) >= min_length:
            written[surname][given].add(outlet)
            counts[surname] += 1
    buckets: dict[str, list[str]] = defaultdict(list)  # a spelling and each of its one-letter deletions
    for name in sorted(written):
        for key in {name, *(name[:i] + name[i + 1:] for i in range(len(name)))}:
            buckets[key].append(name)
    spellings = UnionFind()

    def one_person(a: str, b: str) -> bool:
        return any(_romanised_alike(g1, g2) and None not in by1 | by2 and by1.isdisjoint(by2)
                   for g1, by1 in written[a].items() for g2, by2 in written[b].items())

    for names in buckets.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if spellings.find(a) != spellings.find(b) and _romanised_alike(a, b) and one_person(a, b):
                    spellings.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in written:
        groups[spellings.find(name)].append(name)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) > 1:
            best = max(group, key=lambda n: (counts[n], n))
            out.update({n: best for n in group if n != best})
    return out


@dataclass
class _Cluster:
    key: str
    group: str
    labels: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    id: str = ""

    def __post_init__(self) -> None:
        self.id = content_id("entity/v1", self.group, self.key)

    @property
    def name(self) -> str:
        full = [(n, len(f.split()), f) for f, n in self.forms.items() if len(f.split()) > 1]
        pool = full if self.group == "person" and full else [(n, len(f.split()), f) for f, n in self.forms.items()]
        return max(pool)[2] if pool else self.key


class EntityResolver:
    """Canonical entities for a corpus of :class:`ArticleExtraction` s.

    Example:
        >>> resolver = EntityResolver().fit(extractions)            # doctest: +SKIP
        >>> ids = resolver.assign(extractions[0])                   # doctest: +SKIP
    """

    def __init__(self) -> None:
        self.label_of: dict[str, str] = {}  # name key -> corpus label
        self.initials: dict[str, set[str]] = defaultdict(set)  # surname -> first initials seen
        self.clusters: dict[str, _Cluster] = {}  # cluster key -> cluster
        self.acronyms: dict[str, str] = {}  # acronym -> cluster key of the spelled-out name
        self.surname_of: dict[str, str] = {}  # surname spelling -> the variant it is read as

    # -- fit --------------------------------------------------------------------------
    def fit(self, extractions: Iterable[ArticleExtraction],
            outlets: Mapping[str, str | None] | None = None) -> EntityResolver:
        """Learn labels, surnames, acronyms and titles from every article's names.

        Args:
            extractions: every article's extraction.
            outlets: article id -> outlet (``None`` where unknown); without it no two
                surname spellings are read as one person's (see :func:`_surname_variants`).
        """
        extractions = list(extractions)
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for ext in extractions:
            for m in ext.mentions:
                if m.kind == "name":
                    votes[m.key][m.label] += 1
        for key, counter in votes.items():
            label = counter.most_common(1)[0][0]
            if key in DEMONYMS:
                label = "NORP"  # "Ukrainian" tagged GPE is still a nationality
            elif key in COUNTRY_OF and label == "PERSON":
                label = "ORG" if key == "kremlin" else "GPE"  # "Kyiv" tagged PERSON
            self.label_of[key] = label
        full_surnames: Counter[str] = Counter()  # surname -> mentions of full names of people ending in it
        for k, lab in self.label_of.items():
            if lab == "PERSON" and " " in k:
                full_surnames[k.split()[-1]] += sum(votes[k].values())
        for key, label in list(self.label_of.items()):
            if " " not in key and key in full_surnames and label in ("ORG", "GPE", "NORP", "LOC") \
                    and 2 * (votes[key]["PERSON"] + full_surnames[key]) >= sum(votes[key].values()):
                # "Trump" as ORG where "Donald Trump" is a person; but not "Libya", named
                # hundreds of times as a place, for one misread "Gaddafi Libya"
                self.label_of[key] = "PERSON"
        outlet_of = outlets or {}
        full_names = []
        for ext in extractions:
            for m in ext.mentions:
                if m.kind == "name" and self.label_of.get(m.key) == "PERSON":
                    given, surname = _given_and_surname(m)
                    if given:
                        full_names.append((outlet_of.get(ext.article), given, surname))
        self.surname_of = _surname_variants(full_names)
        for ext in extractions:
            for m in ext.mentions:
                if m.kind == "name" and self.label_of.get(m.key) == "PERSON":
                    surname, initial = self._person_parts(m)
                    if initial:
                        self.initials[surname].add(initial)
        for ext in extractions:
            for m in ext.mentions:
                if m.kind == "name" and (label := self.label_of.get(m.key, m.label)) in _PLACES | {"ORG"}:
                    short = acronym(m.span.text)
                    if short:
                        self.acronyms.setdefault(short, self._cluster_key(m, label, {}))
        for ext in extractions:
            ids = self._keys(ext)
            for index, m in enumerate(ext.mentions):
                cluster_key = ids[index]
                if m.kind == "name" and cluster_key is not None:
                    cluster = self._cluster(cluster_key, self.label_of.get(m.key, m.label))
                    cluster.labels[m.label] += 1
                    cluster.forms[m.span.text] += 1
            for role in ext.roles:
                role_key = ids[role.mention]
                if role_key is not None:
                    self._cluster(role_key, "PERSON").titles.add(role.title)
        return self

    def _person_parts(self, mention: Mention) -> tuple[str, str]:
        surname, initial = _person_parts(mention)
        return self.surname_of.get(surname, surname), initial

    def _cluster(self, key: str, label: str) -> _Cluster:
        if key not in self.clusters:
            self.clusters[key] = _Cluster(key, key.split(":", 1)[0] if ":" in key else _group(label))
        return self.clusters[key]

    def _cluster_key(self, m: Mention, label: str, local: dict[str, str]) -> str:
        if label == "PERSON":
            surname, initial = self._person_parts(m)
            if not initial:
                known = self.initials.get(surname, set())
                initial = local.get(surname) or (next(iter(known)) if len(known) == 1 else "")
            return f"person:{surname}:{initial}"
        group = _group(label)
        if m.key in COUNTRY_NAMES and group in ("place", "org"):
            return f"place:country:{COUNTRY_NAMES[m.key]}"
        if " " not in m.key and m.key in self.acronyms and m.span.text.replace(".", "").isupper():
            return self.acronyms[m.key]
        return f"{group}:{m.key}"

    def _keys(self, ext: ArticleExtraction) -> list[str | None]:
        """Cluster key of each name mention; surnames prefer the person named in full in
        the same article."""
        local: dict[str, str] = {}
        for m in ext.mentions:
            if m.kind == "name" and self.label_of.get(m.key, m.label) == "PERSON":
                surname, initial = self._person_parts(m)
                if initial:
                    local.setdefault(surname, initial)
        return [self._cluster_key(m, self.label_of.get(m.key, m.label), local) if m.kind == "name" else None
                for m in ext.mentions]

    # -- assign -------------------------------------------------------------------------
    def assign(self, ext: ArticleExtraction) -> list[str | None]:
        """The entity id of every mention of ``ext`` (``None`` where a role or pronoun
        stays unresolved). Role mentions are re-resolved with the corpus's titles."""
        keys = self._keys(ext)
        out: list[str | None] = [self._cluster(k, "PERSON").id if k else None for k in keys]
        titles_at: list[tuple[int, int, Sequence[str]]] = []
        for index, m in enumerate(ext.mentions):
            key = keys[index]
            if m.kind == "name" and key and key.startswith("person:") and not m.quoted:
                titles = self.clusters[key].titles if key in self.clusters else set()
                titles_at.append((m.span.start, index, sorted(titles)))
        for index, m in enumerate(ext.mentions):
            if m.kind == "role":
                words = m.key.split()
                ref = RoleRef(m.span.start, m.span.end, words[-1], tuple(words[:-1]))
                target = _nearest(ref, titles_at)
                target = target if target is not None else m.refers_to
                out[index] = out[target] if target is not None else None
        for index, m in enumerate(ext.mentions):
            if m.kind == "pronoun" and m.refers_to is not None:
                out[index] = out[m.refers_to]
        return out

    def names(self) -> dict[str, str]:
        """Entity id -> canonical name."""
        return {c.id: c.name for c in self.clusters.values()}

    def entities(self, extractions: Sequence[ArticleExtraction], assigned: Sequence[Sequence[str | None]],
                 published: dict[str, tuple[date | None, bool]]) -> list[Entity]:
        """The canonical entities with every mention and every dated role.

        Args:
            extractions: the articles' extractions.
            assigned: :meth:`assign` of each extraction.
            published: article id -> (publication date, whether it was inferred).
        """
        spans: dict[str, list] = defaultdict(list)
        roles: dict[str, list[Role]] = defaultdict(list)
        labels: dict[str, str] = {}
        for ext, ids in zip(extractions, assigned):
            day, inferred = published.get(ext.article, (None, False))
            for m, eid in zip(ext.mentions, ids):
                if eid is None:
                    continue
                spans[eid].append(m.span)
                if m.kind == "name":
                    labels.setdefault(eid, self.label_of.get(m.key, m.label))
                if m.kind == "role":
                    roles[eid].append(Role(m.span.text, m.key, m.span, day, inferred))
            for role in ext.roles:
                eid = ids[role.mention]
                if eid is not None:
                    roles[eid].append(Role(role.span.text, role.title, role.span, day, inferred))
        by_id = {c.id: c for c in self.clusters.values()}
        out = []
        for eid, mention_spans in spans.items():
            cluster = by_id.get(eid)
            if cluster is None:
                continue
            name = cluster.name
            aliases = (name, *sorted({f for f in cluster.forms if f != name}))
            label = cluster.labels.most_common(1)[0][0] if cluster.group != "person" else "PERSON"
            out.append(Entity(eid, name, labels.get(eid, label) if cluster.group != "person" else "PERSON",
                              aliases, tuple(sorted(mention_spans, key=lambda s: (s.article, s.start))),
                              tuple(sorted(roles[eid], key=lambda r: (r.span.article, r.span.start)))))
        out.sort(key=lambda e: (-len(e.mentions), e.name))
        return out


def _nearest(ref: RoleRef, persons: Sequence[tuple[int, int, Sequence[str]]]) -> int | None:
    best = None
    for position, index, titles in persons:
        if position >= ref.start:
            break
        if titles and compatible(ref, titles):
            best = index
    return best
