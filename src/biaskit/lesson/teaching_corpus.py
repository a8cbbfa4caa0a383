"""Facts about the shipped teaching corpus: the designed contrasts of its datasheet
(``corpus/README.md``), recomputed so a class can check them."""

from __future__ import annotations

import pandas as pd

from biaskit.compare import compare
from biaskit.framing import attribution_profile, naming_shares, scare_quotes
from biaskit.lesson.tables import Table
from biaskit.lexicon import Lexicon
from biaskit.score import match_frame

__all__ = ["DESIGNED_CONTRASTS", "OPPOSITION", "STATE", "TABLOID", "WIRE", "designed_contrasts"]

STATE = "Union State News Agency"
OPPOSITION = "Free Belarus Herald"
WIRE = "Meridian Wire"
TABLOID = "The Daily Clarion"

#: The designed contrasts of ``corpus/README.md``: (number, what the writers intended).
DESIGNED_CONTRASTS: tuple[tuple[int, str], ...] = (
    (1, f"{OPPOSITION} has the highest label rate"),
    (2, f"{WIRE} has the lowest own-voice loaded rate"),
    (3, f'"special military operation" in the own voice of {STATE} only'),
    (4, f"{STATE}: Kiev, Lukashenko; {OPPOSITION}: Kyiv, Lukashenka; {WIRE}: Kyiv, Lukashenko"),
    (5, f"{TABLOID} has the highest intensifier rate"),
    (6, f"{OPPOSITION} has the highest scare-quote rate and share of loaded reporting verbs"),
)


def _top(scored: pd.DataFrame, metric: str, *, lowest: bool = False) -> str:
    table = compare(scored, metric=metric, n_boot=1)
    return str(table["group"].iloc[-1 if lowest else 0])


def _names_used(shares: pd.DataFrame, outlet: str) -> str:
    used = shares[(shares["group"] == outlet) & (shares["count"] > 0)]
    used = used[used["referent"].isin(["kyiv", "lukashenka"])]
    return ", ".join(sorted(used["variant"]))


def designed_contrasts(scored: pd.DataFrame, *, lexicon: Lexicon | None = None) -> Table:
    """The six designed contrasts of the corpus datasheet, recomputed from ``scored``.

    ``scored``: :func:`biaskit.score_frame` of the shipped corpus. Columns: contrast, intended
    (the datasheet), measured (what biaskit finds), holds (True or False).
    """
    matches = match_frame(scored, lexicon=lexicon, columns=["outlet"])
    smo = matches[
        (matches["category"] == "naming")
        & (matches["term"] == "special military operation")
        & ~matches["quoted"].astype(bool)
    ]
    smo_outlets = ", ".join(sorted(smo["outlet"].unique())) or "(none)"
    shares = naming_shares(scored, lexicon=lexicon)
    names = {o: _names_used(shares, o) for o in (STATE, OPPOSITION, WIRE)}
    verbs = attribution_profile(scored, lexicon=lexicon)
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
            f"lowest loaded rate: {_top(scored, 'loaded_per_1k', lowest=True)}",
            _top(scored, "loaded_per_1k", lowest=True) == WIRE,
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
