"""Facts about the shipped teaching corpus: the designed contrasts of its datasheet
(``corpus/README.md``), recomputed so a class can check them."""

from __future__ import annotations

import pandas as pd

from biaskit.compare import compare
from biaskit.framing import attribution_profile, naming_shares, scare_quotes
from biaskit.lesson.tables import Table
from biaskit.scored import ScoredCorpus, require_scored

__all__ = [
    "DESIGNED_CONTRASTS",
    "OPPOSITION",
    "PUBLIC",
    "STATE",
    "TABLOID",
    "WIRE",
    "designed_contrasts",
]

STATE = "Union State News Agency"
OPPOSITION = "Free Belarus Herald"
WIRE = "Meridian Wire"
TABLOID = "The Daily Clarion"
PUBLIC = "Northern Public Broadcasting"

#: The designed contrasts of ``corpus/README.md``: (number, what the writers intended).
DESIGNED_CONTRASTS: tuple[tuple[int, str], ...] = (
    (1, f"{OPPOSITION} has the highest label rate"),
    (2, f"{WIRE} and {PUBLIC} have the lowest own-voice loaded rates"),
    (3, f'"special military operation" in the own voice of {STATE} only'),
    (4, f"{STATE}: Kiev, Lukashenko; {OPPOSITION}: Kyiv, Lukashenka; {WIRE}: Kyiv, Lukashenko"),
    (5, f"{TABLOID} has the highest intensifier rate"),
    (6, f"{OPPOSITION} has the highest scare-quote rate and share of loaded reporting verbs"),
)


def _top(scored: ScoredCorpus, metric: str, *, lowest: int = 0) -> str:
    """The highest group by ``metric`` (or the ``lowest`` lowest, names sorted, joined).

    Every outlet with at least two articles is ranked by its pooled rate (``min_docs=2``):
    the contrasts compare what the outlets wrote, not intervals.
    """
    table = compare(scored, metric=metric, n_boot=1, min_docs=2)
    if lowest:
        return ", ".join(sorted(table["group"].iloc[-lowest:]))
    return str(table["group"].iloc[0])


def _names_used(shares: pd.DataFrame, outlet: str) -> str:
    used = shares[(shares["group"] == outlet) & (shares["count"] > 0)]
    used = used[used["referent"].isin(["kyiv", "lukashenka"])]
    return ", ".join(sorted(used["variant"]))


def designed_contrasts(scored: ScoredCorpus) -> Table:
    """The six designed contrasts of the corpus datasheet, recomputed from ``scored``.

    ``scored``: :func:`biaskit.score_corpus` of the shipped corpus. Columns: contrast,
    intended (the datasheet), measured (what biaskit finds), holds (True or False).
    """
    scored = require_scored(scored, "designed_contrasts")
    matches = scored.matches
    smo = matches[
        (matches["category"] == "naming")
        & (matches["term"] == "special military operation")
        & (matches["voice"] == "own")
    ]
    smo_outlets = ", ".join(sorted(smo["outlet"].unique())) or "(none)"
    shares = naming_shares(scored)
    names = {o: _names_used(shares, o) for o in (STATE, OPPOSITION, WIRE)}
    verbs = attribution_profile(scored)
    loaded_verbs = verbs[verbs["grade"] == "loaded"].sort_values(
        ["share", "group"], ascending=[False, True]
    )
    scare_top = str(scare_quotes(scored).iloc[0]["group"])
    verbs_top = str(loaded_verbs.iloc[0]["group"])
    measured = [
        (
            f"highest label rate: {_top(scored, 'rate_label')}",
            _top(scored, "rate_label") == OPPOSITION,
        ),
        (
            f"lowest loaded rates: {_top(scored, 'loaded_per_1k', lowest=2)}",
            _top(scored, "loaded_per_1k", lowest=2) == ", ".join(sorted([WIRE, PUBLIC])),
        ),
        (f"own voice: {smo_outlets}", smo_outlets == STATE),
        (
            "; ".join(f"{o}: {names[o]}" for o in names),
            names[STATE] == "Kiev, Lukashenko"
            and names[OPPOSITION] == "Kyiv, Lukashenka"
            and names[WIRE] == "Kyiv, Lukashenko",
        ),
        (
            f"highest intensifier rate: {_top(scored, 'rate_intensifier')}",
            _top(scored, "rate_intensifier") == TABLOID,
        ),
        (
            f"highest scare-quote rate: {scare_top}; highest share of loaded verbs: {verbs_top}",
            scare_top == OPPOSITION and verbs_top == OPPOSITION,
        ),
    ]
    return Table(
        [
            {"contrast": n, "intended": intended, "measured": m, "holds": bool(ok)}
            for (n, intended), (m, ok) in zip(DESIGNED_CONTRASTS, measured, strict=True)
        ]
    )
