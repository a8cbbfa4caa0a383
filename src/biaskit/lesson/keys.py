"""Answer keys computed from the scored corpus, so they never go stale.

Each exercise of ``exercises.yaml`` gets, per story, lines of plain text (escape them to show
them) and the claims behind them: which words each outlet's article uses or does not use.
A test checks every claim against the article text itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from biaskit.escape import html as esc
from biaskit.highlight import HTML
from biaskit.lesson.wording import Exercise, exercises, words
from biaskit.scored import ScoredCorpus, require_scored

__all__ = ["Claim", "Key", "answer_key", "lines_html", "story_keys"]

MAX_REFERENTS = 4


@dataclass(frozen=True)
class Claim:
    """A fact a key states: the article ``doc_id`` uses ``words`` (or uses none of them)."""

    doc_id: str
    outlet: str
    uses: bool
    words: tuple[str, ...]


@dataclass
class Key:
    """The computed answer to one exercise on one story."""

    exercise: Exercise
    lines: list[str]
    remark: str
    claims: list[Claim] = field(default_factory=list)


def _shown_form(forms: list[str]) -> str:
    """The form to show for a group of case variants: the most frequent not all in capitals."""
    counts = Counter(forms)
    ordered = sorted(counts, key=lambda f: (f.isupper(), -counts[f], f))
    return ordered[0]


def _forms(matches: pd.DataFrame) -> list[str]:
    """Distinct words of ``matches`` (case variants merged), in order of first use."""
    groups: dict[str, list[str]] = {}
    for t in matches.sort_values("start")["text"]:
        groups.setdefault(str(t).lower(), []).append(str(t))
    return [_shown_form(v) for v in groups.values()]


def _rate(x: float) -> str:
    return f"{x:.1f}"


def _predict(docs: pd.DataFrame, w: dict[str, str]) -> list[str]:
    ranked = docs.sort_values(["loaded_per_1k", "outlet"], ascending=[False, True])
    rates = ranked["loaded_per_1k"].round(1)
    top = ", ".join(ranked.loc[rates == rates.max(), "outlet"])  # ties named together
    low = ", ".join(ranked.loc[rates == rates.min(), "outlet"])
    items = "; ".join(f"{r.outlet} {_rate(r.loaded_per_1k)}" for r in ranked.itertuples())
    return [
        w["key_most"].format(a=top, x=_rate(rates.max()), b=low, y=_rate(rates.min())),
        w["key_rank"].format(items=items),
    ]


def _naming(docs: pd.DataFrame, m: pd.DataFrame, w: dict[str, str]) -> tuple[list, list]:
    naming = m[(m["category"] == "naming") & m["referent"].notna() & (m["referent"] != "")]
    outside = naming[naming["voice"] != "quoted"]
    variety = outside.groupby("referent")["perspective"].nunique()
    weighted = set(outside.loc[outside["weight"] > 0, "referent"])
    chosen = sorted(
        (r for r in variety.index if variety[r] > 1 or r in weighted),
        key=lambda r: (-variety[r], r),
    )[:MAX_REFERENTS]
    lines, claims = [], []
    for ref in chosen:
        of_ref = naming[naming["referent"] == ref]
        everywhere = tuple(_forms(of_ref))
        lines.append(" / ".join(_forms(outside[outside["referent"] == ref])) + ":")
        for d in docs.itertuples():
            mine = of_ref[of_ref["id"] == d.id]
            own = mine[mine["voice"] != "quoted"]
            if len(own):
                used = _forms(own)
                lines.append(f"  {d.outlet}: {', '.join(used)}")
                claims.append(Claim(d.id, d.outlet, True, tuple(used)))
            elif len(mine):
                used = _forms(mine)
                lines.append(f"  {d.outlet}: {w['key_quoted_only'].format(words=', '.join(used))}")
                claims.append(Claim(d.id, d.outlet, True, tuple(used)))
            else:
                lines.append(f"  {d.outlet}: {w['key_absent']}")
                claims.append(Claim(d.id, d.outlet, False, everywhere))
    return lines, claims


def _per_outlet(docs: pd.DataFrame, found: pd.DataFrame, empty: str) -> tuple[list, list]:
    """One line per outlet listing the words of ``found`` in its article."""
    lines, claims = [], []
    for d in docs.itertuples():
        mine = found[found["id"] == d.id]
        if mine.empty:
            lines.append(f"{d.outlet}: {empty}")
            continue
        used = _forms(mine)
        lines.append(f"{d.outlet}: {', '.join(used)}")
        claims.append(Claim(d.id, d.outlet, True, tuple(used)))
    return lines, claims


def _verbs(docs: pd.DataFrame, m: pd.DataFrame, w: dict[str, str]) -> tuple[list, list]:
    verbs = m[(m["category"] == "attribution") & (m["voice"] == "own") & ~m["negated"]]
    lines, claims = [], []
    for d in docs.itertuples():
        mine = verbs[verbs["id"] == d.id]
        parts = []
        for grade in ("loaded", "distancing"):
            g = mine[mine["grade"] == grade]
            if len(g):
                used = _forms(g)
                parts.append(f"{', '.join(used)} ({w['key_' + grade]})")
                claims.append(Claim(d.id, d.outlet, True, tuple(used)))
        lines.append(f"{d.outlet}: {'; '.join(parts) or w['key_neutral_only']}")
    return lines, claims


def _fewest(docs: pd.DataFrame, m: pd.DataFrame, w: dict[str, str]) -> list[str]:
    lowest = docs[docs["loaded_per_1k"] == docs["loaded_per_1k"].min()]
    lines = []
    for low in lowest.itertuples():  # every outlet tied for the fewest
        n = int(((m["id"] == low.id) & m["counted"] & (m["measure"] == "loaded")).sum())
        lines.append(w["key_fewest"].format(a=low.outlet, x=_rate(low.loaded_per_1k), n=n))
    return lines


def story_keys(scored: ScoredCorpus, story: str, language: str = "en") -> list[Key]:
    """Every exercise's computed answer for ``story`` (outlets in alphabetical order)."""
    scored = require_scored(scored, "story_keys")
    docs = scored.docs[scored.docs["story"] == story].sort_values(["outlet", "id"])
    if docs.empty:
        raise ValueError(f"story_keys: no story {story!r}")
    m = scored.matches[scored.matches["story"] == story]
    w = words(language)
    counted = m[m["counted"]]
    keys = []
    for ex in exercises():
        lines: list[str] = []
        claims: list[Claim] = []
        if ex.kind == "predict":
            lines = _predict(docs, w) if len(docs) > 1 else [w["key_one"]]
        elif ex.kind == "naming":
            lines, claims = _naming(docs, m, w)
        elif ex.kind == "scare_quotes":
            found = counted[counted["category"] == "scare_quote"]
            lines, claims = _per_outlet(docs, found, w["key_none"])
        elif ex.kind == "verbs":
            lines, claims = _verbs(docs, m, w)
        elif ex.kind == "labels":
            found = counted[counted["category"] == "label"]
            lines, claims = _per_outlet(docs, found, w["key_none"])
        elif ex.kind == "fewest":
            lines = _fewest(docs, m, w)
        if ex.kind == "naming" and not lines:
            continue  # no contested names in this story: nothing to ask
        keys.append(Key(ex, lines, ex.remark(language), claims))
    return keys


def lines_html(lines: list[str]) -> str:
    """Key lines as an HTML list; indented lines nest under the line before them."""
    out, nested = [], []

    def flush() -> None:
        if nested:
            out[-1] = out[-1].replace("</li>", f"<ul>{''.join(nested)}</ul></li>")
            nested.clear()

    for line in lines:
        if line.startswith(" ") and out:
            nested.append(f"<li>{esc(line.strip())}</li>")
        else:
            flush()
            out.append(f"<li>{esc(line.strip())}</li>")
    flush()
    return f"<ul>{''.join(out)}</ul>" if out else ""


def answer_key(scored: ScoredCorpus, story: str, language: str = "en") -> HTML:
    """The exercises for ``story`` with their computed answers folded away (for notebooks)."""
    w = words(language)
    parts = []
    for i, k in enumerate(story_keys(scored, story, language), start=1):
        parts.append(
            f"<p><b>{i}.</b> {esc(k.exercise.ask(language))}</p>"
            f"<details><summary><b>{esc(w['answer'])}</b></summary>"
            + lines_html(k.lines)
            + (f"<p>{esc(k.remark)}</p>" if k.remark else "")
            + "</details>"
        )
    return HTML(f'<div class="bk-exercises tex2jax_ignore mathjax_ignore">{"".join(parts)}</div>')
