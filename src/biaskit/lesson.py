"""Helpers for the notebooks, so that every notebook cell stays one call long.

The numbered notebooks in ``notebooks/`` may not define functions (a test checks that), so
anything a cell would otherwise compute in a loop lives here: picking an article, putting two
articles side by side, the neutral rewording next to the original, the widget explorer of the
classroom notebook, plain-language readings of comparison tables, the corpus datasheet's
designed contrasts, and the checks of the scaling notebook.

Everything returns a value (HTML, Markdown or a DataFrame) and prints nothing. HTML is
self-contained (inline styles, no scripts), so it looks the same in JupyterLab, in exported
HTML and on GitHub.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from biaskit.compare import ALL_OTHERS, compare
from biaskit.framing import attribution_profile, naming_shares, scare_quotes
from biaskit.highlight import HTML, highlight
from biaskit.lexicon import Lexicon, load_lexicon
from biaskit.score import Score, score
from biaskit.scored import match_frame

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "DESIGNED_CONTRASTS",
    "ArticleExplorer",
    "Markdown",
    "annotated_data",
    "article",
    "article_explorer",
    "compare_articles",
    "describe_paired",
    "describe_rates",
    "designed_contrasts",
    "error_examples",
    "evaluation_chart",
    "naming_summary",
    "pick_referent",
    "replicate",
    "rewrite_side_by_side",
    "same_results",
    "sentiment_scatter",
    "sentiment_vs_lexicon",
    "show_article",
    "side_by_side",
    "terms_table",
    "top_labels",
]


class Markdown(str):
    """A string of Markdown that Jupyter displays rendered."""

    def _repr_markdown_(self) -> str:
        return str(self)


# --- one article -----------------------------------------------------------------------


def article(corpus: pd.DataFrame, story: str, outlet: str) -> pd.Series:
    """The one row of ``corpus`` for ``story`` by ``outlet``.

    Raises a ValueError listing the stories or outlets there are when there is no such article.
    """
    for col in ("story", "outlet", "text"):
        if col not in corpus.columns:
            raise KeyError(f"article: no column {col!r}; columns are {list(corpus.columns)}")
    stories = sorted(corpus["story"].dropna().unique())
    if story not in stories:
        raise ValueError(f"article: no story {story!r}; stories are {stories}")
    rows = corpus[(corpus["story"] == story) & (corpus["outlet"] == outlet)]
    if rows.empty:
        outlets = sorted(corpus.loc[corpus["story"] == story, "outlet"].unique())
        raise ValueError(
            f"article: {outlet!r} has no article on {story!r}; outlets covering it: {outlets}"
        )
    return rows.iloc[0]


def _heading(row: pd.Series) -> str:
    """ "Outlet · date: title" of an article row."""
    parts = [str(row.get("outlet", ""))]
    date = row.get("date")
    if date is not None and not pd.isna(date):
        parts.append(pd.Timestamp(date).strftime("%Y-%m-%d"))
    title = str(row.get("title", "") or "")
    head = " · ".join(p for p in parts if p)
    return f"{head}: {title}" if title else head


def show_article(
    corpus: pd.DataFrame,
    story: str,
    outlet: str,
    *,
    lexicon: Lexicon | None = None,
    legend: bool = True,
) -> HTML:
    """One article highlighted, headed by outlet, date and title."""
    row = article(corpus, story, outlet)
    return highlight(score(row["text"], lexicon), title=_heading(row), legend=legend)


def side_by_side(
    left: str, right: str, *, titles: tuple[str, str] | None = None, min_width: str = "20em"
) -> HTML:
    """Two pieces of HTML in two columns (they wrap under each other on a narrow screen)."""
    cols = []
    for i, part in enumerate((left, right)):
        head = ""
        if titles and titles[i]:
            head = (
                '<div style="font-weight:bold;font-size:0.95em;margin:0 0 0.3em 0;'
                f'color:#333">{html.escape(titles[i])}</div>'
            )
        cols.append(
            f'<div class="bk-column" style="flex:1 1 0;min-width:{min_width};">{head}{part}</div>'
        )
    return HTML(
        '<div class="bk-side-by-side" style="display:flex;flex-wrap:wrap;gap:2em;'
        f'align-items:flex-start">{"".join(cols)}</div>'
    )


_TOKEN_RE = re.compile(r"\s+|[^\s]+")
_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
_EDGES_RE = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
_INS_STYLE = "background:rgba(0,158,115,0.25);border-bottom:2px solid #009E73;padding:0 1px"


def _paragraphs(escaped: str) -> str:
    body = _PARA_RE.sub("</p><p style='margin:0 0 0.8em 0'>", escaped).replace("\n", "<br>")
    return f"<p style='margin:0 0 0.8em 0'>{body}</p>"


def _marked_rewrite(original: str, rewritten: str) -> tuple[str, int]:
    """The rewrite as HTML, words that differ from the original marked; and how many spans."""
    a = _TOKEN_RE.findall(original)
    b = _TOKEN_RE.findall(rewritten)
    pieces: list[str] = []
    changed = 0
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, _i1, _i2, j1, j2 in matcher.get_opcodes():
        chunk = "".join(b[j1:j2])
        if op == "equal" or not chunk.strip():
            pieces.append(html.escape(chunk, quote=False))
        elif op in ("replace", "insert"):
            changed += 1
            lead, core, trail = _EDGES_RE.match(chunk).groups()  # punctuation stays unmarked
            if not core:
                pieces.append(html.escape(chunk, quote=False))
                continue
            pieces.append(
                html.escape(lead, quote=False)
                + f'<span class="bk-rewritten" style="{_INS_STYLE}">'
                + html.escape(core, quote=False)
                + "</span>"
                + html.escape(trail, quote=False)
            )
        else:  # delete: nothing of it is left in the rewrite
            changed += 1
    return "".join(pieces), changed


def rewrite_side_by_side(
    s: Score,
    *,
    title: str | None = None,
    titles: tuple[str, str] = ("As published", "Neutral rewording"),
) -> HTML:
    """The highlighted article next to its neutral rewording (changed words marked in green).

    The rewording swaps each loaded expression in the outlet's own voice for the lexicon's
    first neutral alternative (:meth:`biaskit.Score.neutral_rewrite`) and is scored again, so
    the reader sees what is left.
    """
    rewritten = s.neutral_rewrite()
    again = Score(rewritten, s.lexicon)
    body, changed = _marked_rewrite(s.text, rewritten)
    head = f'<h3 style="margin:0 0 0.4em 0">{html.escape(title)}</h3>' if title else ""
    summary = (
        '<div class="bk-summary" style="font-size:0.85em;color:#444;margin:0 0 0.5em 0">'
        f"{changed} passages reworded · scored again: {again.loaded_per_1k:.1f} per 1,000 words "
        f"(was {s.loaded_per_1k:.1f})</div>"
    )
    right = (
        '<div class="bk-rewrite" style="line-height:1.7;max-width:52em;font-size:1.05em">'
        f"{head}{summary}{_paragraphs(body)}</div>"
    )
    return side_by_side(str(highlight(s, title=title)), right, titles=titles)


# --- sentiment is not bias --------------------------------------------------------------


def _tone(polarity: float, threshold: float = 0.1) -> str:
    if polarity >= threshold:
        return "positive"
    if polarity <= -threshold:
        return "negative"
    return "neutral"


def sentiment_vs_lexicon(
    sentences: Iterable[str], *, lexicon: Lexicon | None = None, threshold: float = 0.1
) -> pd.DataFrame:
    """For each sentence: TextBlob's polarity and reading next to what the lexicon finds.

    Columns: sentence, polarity (TextBlob, -1 to 1), TextBlob reads it as (negative, neutral or
    positive; neutral within ``threshold`` of 0), loaded expressions found (term and category)
    and loaded weight (own voice).
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    rows = []
    for text in sentences:
        s = Score(text, lex)
        found = [f"{m.text} ({m.category})" for m in s.matches if m.weight > 0 and not m.quoted]
        rows.append(
            {
                "sentence": text,
                "polarity": round(s.polarity, 2),
                "TextBlob reads it as": _tone(s.polarity, threshold),
                "loaded expressions found": "; ".join(found) if found else "(none)",
                "loaded weight": round(s.loaded, 2),
            }
        )
    return pd.DataFrame(rows)


def sentiment_scatter(data: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Each sentence as a dot: TextBlob polarity (x) against loaded weight (y).

    ``data``: :attr:`biaskit.Score.sentence_sentiment`. ``**kwargs`` go to ``ax.scatter``.
    """
    import matplotlib.pyplot as plt

    from biaskit.plot import LABEL_SIZE, OKABE_ITO, TICK_SIZE, TITLE_SIZE

    ax = ax if ax is not None else plt.gca()
    kw = {"s": 70, "alpha": 0.8, "color": OKABE_ITO[0]}
    ax.scatter(data["polarity"], data["loaded"], **{**kw, **kwargs})
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlim(-1.05, 1.05)
    ax.grid(alpha=0.3)
    ax.set_title("Sentiment and loaded language, sentence by sentence", fontsize=TITLE_SIZE)
    ax.set_xlabel("TextBlob polarity (-1 negative to +1 positive)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Loaded weight in the sentence (own voice)", fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    return ax


# --- two articles and the classroom explorer --------------------------------------------


def compare_articles(
    corpus: pd.DataFrame,
    story: str,
    outlet_a: str,
    outlet_b: str,
    *,
    lexicon: Lexicon | None = None,
) -> HTML:
    """The same story by two outlets, highlighted side by side."""
    return side_by_side(
        str(show_article(corpus, story, outlet_a, lexicon=lexicon)),
        str(show_article(corpus, story, outlet_b, lexicon=lexicon, legend=False)),
    )


class ArticleExplorer:
    """Dropdowns (Story, Outlet A, Outlet B) that re-render two highlighted articles.

    Displayed in Jupyter it is a live ``ipywidgets.interactive``. Its display also carries the
    first view as static HTML, which viewers without a running kernel (exported HTML, GitHub)
    show instead of the widget.
    """

    def __init__(self, widget: Any, first_view: HTML) -> None:
        self.widget = widget
        self.first_view = first_view

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_())
        bundle["text/plain"] = (
            "Article explorer (Story, Outlet A, Outlet B): run the notebook in Jupyter to use it"
        )
        bundle["text/html"] = str(self.first_view)
        return bundle


def article_explorer(
    corpus: pd.DataFrame,
    *,
    story: str | None = None,
    outlet_a: str | None = None,
    outlet_b: str | None = None,
    lexicon: Lexicon | None = None,
) -> ArticleExplorer:
    """Three dropdowns, "Story", "Outlet A" and "Outlet B", and the two articles side by side.

    Changing a dropdown re-renders the articles (no code to write). Defaults: the first story
    and the first two outlets, in alphabetical order.
    """
    import ipywidgets as widgets
    from IPython.display import display

    stories = sorted(corpus["story"].dropna().unique())
    outlets = sorted(corpus["outlet"].dropna().unique())
    if not stories or not outlets:
        raise ValueError("article_explorer: the corpus has no stories or no outlets")
    story = story if story is not None else stories[0]
    outlet_a = outlet_a if outlet_a is not None else outlets[0]
    outlet_b = outlet_b if outlet_b is not None else outlets[min(1, len(outlets) - 1)]
    lex = lexicon if lexicon is not None else load_lexicon()
    style = {"description_width": "5em"}
    layout = widgets.Layout(width="32em")

    def dropdown(description: str, options: list[str], value: str) -> Any:
        if value not in options:
            raise ValueError(f"article_explorer: {value!r} is not one of {options}")
        return widgets.Dropdown(
            description=description, options=options, value=value, style=style, layout=layout
        )

    def render(story: str, outlet_a: str, outlet_b: str) -> None:
        display(_pair_or_note(corpus, story, outlet_a, outlet_b, lex))

    widget = widgets.interactive(
        render,
        story=dropdown("Story", stories, story),
        outlet_a=dropdown("Outlet A", outlets, outlet_a),
        outlet_b=dropdown("Outlet B", outlets, outlet_b),
    )
    return ArticleExplorer(widget, _pair_or_note(corpus, story, outlet_a, outlet_b, lex))


def _pair_or_note(
    corpus: pd.DataFrame, story: str, outlet_a: str, outlet_b: str, lexicon: Lexicon
) -> HTML:
    """Both articles, or for an outlet that did not cover the story, a note saying so."""
    parts = []
    for i, outlet in enumerate((outlet_a, outlet_b)):
        try:
            parts.append(str(show_article(corpus, story, outlet, lexicon=lexicon, legend=i == 0)))
        except ValueError as exc:
            parts.append(f"<p><em>{html.escape(str(exc))}</em></p>")
    return side_by_side(parts[0], parts[1])


# --- reading comparison tables in plain words -------------------------------------------


def _fmt(value: float, digits: int = 1) -> str:
    return "n/a" if pd.isna(value) else f"{value:.{digits}f}"


def describe_rates(table: pd.DataFrame, *, unit: str = "loaded words per 1,000 words") -> Markdown:
    """:func:`biaskit.compare` output read out in plain words, with what the intervals allow.

    Says which groups are clearly apart (their intervals do not overlap) and which cannot be
    told apart on this data.
    """
    ci = table.attrs.get("ci", 0.95)
    lines = [
        f"Each rate is {unit}, with a {ci:.0%} interval (the range the rate could plausibly "
        "be in, given how much it varies from article to article):",
        "",
    ]
    for r in table.itertuples(index=False):
        lines.append(
            f"- **{r.group}**: {_fmt(r.rate)} (between {_fmt(r.ci_low)} and {_fmt(r.ci_high)}), "
            f"from {r.n_docs} articles"
        )
    if len(table) >= 2:
        top, bottom = table.iloc[0], table.iloc[-1]
        apart, close = [], []
        for a, b in zip(
            table.itertuples(index=False), table.iloc[1:].itertuples(index=False), strict=False
        ):
            (apart if a.ci_low > b.ci_high else close).append(f"{a.group} and {b.group}")
        lines += [
            "",
            f"**{top['group']}** has the highest rate and **{bottom['group']}** the lowest. "
            "Taking neighbours in this ranking two at a time:",
            "",
        ]
        if apart:
            lines.append(
                "- clearly apart (the intervals do not overlap): " + "; ".join(apart) + "."
            )
        if close:
            lines.append(
                "- too close to rank on this data (the intervals overlap): "
                + "; ".join(close)
                + "."
            )
    return Markdown("\n".join(lines))


def describe_paired(table: pd.DataFrame) -> Markdown:
    """:func:`biaskit.compare_paired` output read out in plain words."""
    lines = []
    for r in table.itertuples(index=False):
        reference = "the other outlets" if r.reference == ALL_OTHERS else r.reference
        if r.ci_low > 0:
            verdict = "more loaded than"
        elif r.ci_high < 0:
            verdict = "less loaded than"
        else:
            verdict = "not clearly different from"
        lines.append(
            f"- **{r.group}** is {verdict} {reference} on the same stories: "
            f"{r.mean_diff:+.1f} on average over {r.n_pairs} stories "
            f"(interval {r.ci_low:+.1f} to {r.ci_high:+.1f}; p = {r.p_value:.3f})"
        )
    return Markdown("\n".join(lines))


# --- names and labels --------------------------------------------------------------------


def top_labels(labels: pd.DataFrame, actor: str, *, n: int = 3) -> pd.DataFrame:
    """How each group most often introduces ``actor``: :func:`biaskit.actor_labels` condensed.

    One row per group: mentions, share with a descriptor, the ``n`` most frequent descriptors
    (with counts) and the loaded terms among them.
    """
    sub = labels[labels["actor"] == actor]
    if sub.empty:
        actors = sorted(labels["actor"].unique())
        raise ValueError(f"top_labels: no actor {actor!r}; actors are {actors}")
    rows = []
    for group, g in sub.groupby("group", sort=True):
        described = g[g["descriptor"] != "(none)"].sort_values(
            ["count", "descriptor"], ascending=[False, True]
        )
        loaded = sorted({t for ts in g["loaded_terms"] for t in ts.split("; ") if t})
        rows.append(
            {
                "group": group,
                "mentions": int(g["count"].sum()),
                "with a descriptor": f"{described['count'].sum() / g['count'].sum():.0%}",
                "most frequent descriptors": "; ".join(
                    f"{d} ({c})"
                    for d, c in zip(
                        described["descriptor"][:n], described["count"][:n], strict=True
                    )
                )
                or "—",
                "loaded terms": "; ".join(loaded) or "—",
            }
        )
    return pd.DataFrame(rows)


def terms_table(distinctive: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """:func:`biaskit.distinctive_terms` output as one column per group: "term (z)" by rank."""
    cols = {}
    for group, g in distinctive.groupby("group", sort=True):
        top = g.sort_values(["z", "term"], ascending=[False, True]).head(n)
        cells = [f"{t} ({z:.1f})" for t, z in zip(top["term"], top["z"], strict=True)]
        cols[str(group)] = cells + [""] * (n - len(cells))
    out = pd.DataFrame(cols, index=pd.RangeIndex(1, n + 1, name="rank"))
    return out


def naming_summary(shares: pd.DataFrame) -> pd.DataFrame:
    """One row per referent of :func:`biaskit.naming_shares`: how contested its name is.

    Columns: referent, mentions, variants (each used variant with its count), main variants
    (how many different variants are some group's most used one), most contested first.
    """
    rows = []
    for referent, sub in shares[shares["count"] > 0].groupby("referent", sort=True):
        totals = sub.groupby("variant")["count"].sum().sort_values(ascending=False, kind="stable")
        main = sub.sort_values(["count", "variant"], ascending=[False, True]).groupby("group")
        rows.append(
            {
                "referent": referent,
                "mentions": int(totals.sum()),
                "variants": "; ".join(f"{v} ({c})" for v, c in totals.items()),
                "main variants": main["variant"].first().nunique(),
            }
        )
    out = pd.DataFrame(rows, columns=["referent", "mentions", "variants", "main variants"])
    out = out.sort_values(
        ["main variants", "mentions", "referent"], ascending=[False, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def pick_referent(shares: pd.DataFrame, referent: str | None = None) -> str:
    """``referent`` if given, else the most contested one of :func:`naming_summary`."""
    if referent is not None:
        return referent
    summary = naming_summary(shares)
    if summary.empty:
        raise ValueError("pick_referent: no naming matches in the corpus")
    return str(summary["referent"].iloc[0])


# --- validation --------------------------------------------------------------------------


def annotated_data(
    path: str | None = None,
    *,
    text: str | None = None,
    label: str | None = None,
    words: str | None = None,
) -> pd.DataFrame:
    """Annotated sentences: the file at ``path`` (BABE layout, or a CSV with the columns named),
    or with ``path=None`` the small sample written by the biaskit team."""
    from biaskit.evaluate import load_annotated, load_sample

    if path is None:
        return load_sample()
    return load_annotated(path, text=text, label=label, words=words)


def _split(cell: Any) -> set[str]:
    return {w for w in str(cell).split("; ") if w} if isinstance(cell, str) else set()


def error_examples(report: Any, *, n: int = 8) -> pd.DataFrame:
    """Sentences where biaskit and the annotators disagree on words, most disagreements first.

    ``report``: the result of :func:`biaskit.evaluate`. Columns: sentence, label (1 biased,
    0 not), missed (annotated words biaskit did not flag), extra (flagged words the annotators
    did not mark), flagged and annotated.
    """
    s = report.sentences
    rows = []
    for r in s.itertuples(index=False):
        flagged, gold = _split(r.flagged), _split(r.annotated)
        missed, extra = sorted(gold - flagged), sorted(flagged - gold)
        if missed or extra:
            rows.append(
                {
                    "sentence": r.text,
                    "label": r.label,
                    "missed": "; ".join(missed) or "—",
                    "extra": "; ".join(extra) or "—",
                    "errors": len(missed) + len(extra),
                }
            )
    out = pd.DataFrame(rows, columns=["sentence", "label", "missed", "extra", "errors"])
    out = out.sort_values("errors", ascending=False, kind="stable").head(n)
    return out.drop(columns="errors").reset_index(drop=True)


_EVAL_METRICS = {
    "roc_auc": "ROC-AUC (sentences)",
    "word_precision": "precision (words)",
    "word_recall": "recall (words)",
    "word_f1": "F1 (words)",
}


def evaluation_chart(summary: pd.DataFrame, *, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Grouped bars: each method's ROC-AUC and word-level precision, recall and F1.

    The ROC-AUC bar carries its bootstrap interval when the summary has one.

    ``summary``: ``biaskit.evaluate(...).summary``. ``**kwargs`` go to ``ax.barh``.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    from biaskit.plot import LABEL_SIZE, NOTE_SIZE, OKABE_ITO, TICK_SIZE, TITLE_SIZE

    ax = ax if ax is not None else plt.gca()
    methods = list(summary["method"])
    metrics = [m for m in _EVAL_METRICS if m in summary.columns]
    height = 0.8 / max(len(metrics), 1)
    pos = np.arange(len(methods))
    for i, metric in enumerate(metrics):
        values = summary[metric].astype(float).fillna(0).to_numpy()
        y = pos - 0.4 + height * (i + 0.5)
        kw = {
            "height": height,
            "color": OKABE_ITO[i % len(OKABE_ITO)],
            "label": _EVAL_METRICS[metric],
        }
        if metric == "roc_auc" and {"roc_auc_low", "roc_auc_high"} <= set(summary.columns):
            low = summary["roc_auc_low"].astype(float).fillna(0).to_numpy()
            high = summary["roc_auc_high"].astype(float).fillna(0).to_numpy()
            kw["xerr"] = np.vstack([values - low, high - values]).clip(min=0)
            kw["error_kw"] = {"elinewidth": 1, "capsize": 2}
        ax.barh(y, values, **{**kw, **kwargs})
        ends = high if "xerr" in kw else values
        for yy, v, e in zip(y, values, ends, strict=True):
            ax.text(e + 0.01, yy, f"{v:.2f}", va="center", fontsize=NOTE_SIZE - 2)
    ax.set_yticks(pos, labels=methods)
    ax.set_ylim(len(methods) - 0.5, -0.5)
    ax.set_xlim(0, 1.12)
    ax.axvline(0.5, color="black", linewidth=1, linestyle=":")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=NOTE_SIZE, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title("Agreement with the annotators", fontsize=TITLE_SIZE)
    ax.set_xlabel("Score (0 to 1, higher is better; dotted: chance ROC-AUC)", fontsize=LABEL_SIZE)
    ax.set_ylabel("Method", fontsize=LABEL_SIZE)
    ax.tick_params(labelsize=TICK_SIZE)
    return ax


# --- the corpus datasheet's designed contrasts --------------------------------------------

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


def designed_contrasts(scored: pd.DataFrame, *, lexicon: Lexicon | None = None) -> pd.DataFrame:
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
    return pd.DataFrame(
        [
            {"contrast": n, "intended": intended, "measured": m, "holds": bool(ok)}
            for (n, intended), (m, ok) in zip(DESIGNED_CONTRASTS, measured, strict=True)
        ]
    )


# --- at scale ------------------------------------------------------------------------------


def replicate(corpus: pd.DataFrame, n: int, *, id_column: str = "id") -> pd.DataFrame:
    """``n`` copies of ``corpus`` stacked, ids made unique (``<id>--copy-01`` ...).

    A stand-in for a large corpus when measuring scale: the scores of every copy equal the
    original's, so results can be checked exactly.
    """
    if n < 1:
        raise ValueError(f"replicate: n must be at least 1, not {n!r}")
    width = len(str(n))
    copies = []
    for i in range(1, n + 1):
        c = corpus.copy()
        if id_column in c.columns:
            c[id_column] = c[id_column].astype(str) + f"--copy-{i:0{width}d}"
        c["copy"] = i
        copies.append(c)
    return pd.concat(copies, ignore_index=True)


def same_results(
    expected: pd.DataFrame,
    actual: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    key: str = "id",
    tol: float = 1e-9,
) -> pd.DataFrame:
    """Column by column: do two score tables agree? (rows matched on ``key``)

    Numbers are compared as floats (Dask may return nullable integers), anything else by value
    with missing values equal whatever their kind (NaN, None, ``<NA>``). Columns:
    column, rows, differing rows, largest difference (numbers), identical (True or False).
    """
    if columns is None:
        columns = [c for c in expected.columns if c in actual.columns and c != key]
    a = expected.set_index(key).sort_index()
    b = actual.set_index(key).sort_index()
    if list(a.index) != list(b.index):
        missing = sorted(set(a.index) ^ set(b.index))[:5]
        raise ValueError(f"same_results: the tables have different {key!r} values, e.g. {missing}")
    rows = []
    for col in columns:
        x, y = a[col], b[col]
        if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
            xf, yf = x.astype("float64").to_numpy(), y.astype("float64").to_numpy()
            diff = abs(xf - yf)
            both_nan = pd.isna(xf) & pd.isna(yf)
            bad = int(((diff > tol) | (pd.isna(diff) & ~both_nan)).sum())
            largest = float(pd.Series(diff).max()) if len(diff) else 0.0
        else:
            xn, yn = pd.isna(x).to_numpy(), pd.isna(y).to_numpy()
            xv = np.where(xn, None, x.to_numpy(dtype=object))
            yv = np.where(yn, None, y.to_numpy(dtype=object))
            same = (xn & yn) | (~xn & ~yn & (xv == yv).astype(bool))
            bad = int((~same).sum())
            largest = float("nan")
        rows.append(
            {
                "column": col,
                "rows": len(x),
                "differing rows": bad,
                "largest difference": largest,
                "identical": bad == 0,
            }
        )
    return pd.DataFrame(rows)
