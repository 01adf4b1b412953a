"""Which entity a mention names: knowledge-base candidates ranked by normalized key.

Three tiers, as the link dialog (Ctrl+K) shows them: an alias whose key is the
mention's key (exact); one that equals the mention without an Arabic proclitic, a
Persian ending or a Turkish suffix ("وترامب" -> "ترامب"; affix-stripped); one a few
edits away or one holding all the other's words ("Trump", "Donald Trump") (fuzzy:
Levenshtein distance up to a third of the key's length). Exact and
affix-stripped are index lookups on ``entity_aliases.key``; fuzzy candidates come from
the trigram FTS5 table over the same keys (``entity_aliases_fts``), so ranking costs
the same with 50,000 entities as with 50 (benchmarks/bench_search.py). Within a tier,
entities of the mention's type come first, then the most mentioned.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.core.model import Alias, Entity
from workbench.storage import entities as store
from workbench.text.normalize import phrase_key, phrase_variants

EXACT, STRIPPED, FUZZY = 0, 1, 2
TIER_NAMES = {EXACT: "exact", STRIPPED: "without affix", FUZZY: "similar"}
_FUZZY_POOL = 200


@dataclass(frozen=True, slots=True)
class Candidate:
    entity: Entity
    tier: int
    distance: int
    aliases: tuple[Alias, ...]
    mentions: int


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _fuzzy(conn: sqlite3.Connection, key: str) -> list[tuple[int, str]]:
    grams = sorted({key[i : i + 3] for i in range(len(key) - 2)} - {""})
    grams = [g for g in grams if len(g) == 3]
    if not grams:
        return []
    match = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
    return conn.execute(
        "SELECT a.entity_id, a.key FROM entity_aliases_fts f"
        " JOIN entity_aliases a ON a.rowid = f.rowid"
        " WHERE entity_aliases_fts MATCH ? ORDER BY f.rank LIMIT ?",
        (match, _FUZZY_POOL),
    ).fetchall()


def rank(
    conn: sqlite3.Connection, text: str, *, type: str | None = None, limit: int = 10
) -> list[Candidate]:
    """The best ``limit`` entities for a mention reading ``text`` (see the docstring)."""
    key = phrase_key(text)
    if not key:
        return []
    variants = phrase_variants(text) | {key}
    best: dict[int, tuple[int, int]] = {}
    marks = ",".join("?" * len(variants))
    for entity_id, alias_key in conn.execute(
        f"SELECT entity_id, key FROM entity_aliases WHERE key IN ({marks})", sorted(variants)
    ):
        tier = EXACT if alias_key == key else STRIPPED
        best[entity_id] = min(best.get(entity_id, (9, 0)), (tier, 0))
    if len(key) >= 3:
        allowed = max(1, len(key) // 3)
        words = set(key.split())
        for entity_id, alias_key in _fuzzy(conn, key):
            shared = set(alias_key.split())
            # "Trump" and "Donald Trump": one's words are all in the other; ranked first.
            d = 0 if words <= shared or shared <= words else distance(key, alias_key, allowed)
            if d <= allowed:
                best[entity_id] = min(best.get(entity_id, (9, 0)), (FUZZY, d))
    if not best:
        return []
    entities = store.entities_by_ids(conn, best)
    counts = _mention_counts(conn, list(best))
    order = sorted(
        best,
        key=lambda i: (
            best[i][0],
            best[i][1],
            entities[i].type != type if type else False,
            -counts.get(i, 0),
            entities[i].name,
        ),
    )[:limit]
    aliases = store.aliases_by_entity(conn, order)
    return [
        Candidate(entities[i], best[i][0], best[i][1], tuple(aliases[i]), counts.get(i, 0))
        for i in order
    ]


def _mention_counts(conn: sqlite3.Connection, ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            conn.execute(
                f"SELECT entity_id, count(*) FROM mentions WHERE entity_id IN ({marks})"
                " GROUP BY entity_id",
                chunk,
            )
        )
    return out
