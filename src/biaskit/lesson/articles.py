"""Articles as HTML: one highlighted, two side by side, and the neutral rewording beside it.

Every text from the corpus is escaped (:mod:`biaskit.escape`); the outer element carries the
class MathJax skips, so a ``$`` in an article or a title is never typeset as mathematics.
"""

from __future__ import annotations

import re

import pandas as pd

from biaskit.escape import NO_MATH_CLASS
from biaskit.escape import html as esc
from biaskit.highlight import HTML, highlight
from biaskit.lexicon import Lexicon
from biaskit.score import Score, score

__all__ = [
    "article",
    "article_pair",
    "compare_articles",
    "heading",
    "rewrite_side_by_side",
    "show_article",
    "side_by_side",
]


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


def heading(row: pd.Series) -> str:
    """ "Outlet · date: title" of an article row (plain text: escape it to show it)."""
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
    shown = highlight(score(row["text"], lexicon), title=heading(row), legend=legend)
    return HTML(f'<div class="{NO_MATH_CLASS}">{shown}</div>')


def side_by_side(
    left: str, right: str, *, titles: tuple[str, str] | None = None, min_width: str = "20em"
) -> HTML:
    """Two pieces of HTML in two columns (they wrap under each other on a narrow screen).

    ``left`` and ``right`` are HTML already; ``titles`` are plain text and are escaped.
    """
    cols = []
    for i, part in enumerate((left, right)):
        head = ""
        if titles and titles[i]:
            head = (
                '<div style="font-weight:bold;font-size:0.95em;margin:0 0 0.3em 0;'
                f'color:#333">{esc(titles[i])}</div>'
            )
        cols.append(
            f'<div class="bk-column" style="flex:1 1 0;min-width:{esc(min_width)};">'
            f"{head}{part}</div>"
        )
    return HTML(
        f'<div class="bk-side-by-side {NO_MATH_CLASS}" style="display:flex;flex-wrap:wrap;'
        f'gap:2em;align-items:flex-start">{"".join(cols)}</div>'
    )


_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
_INS_STYLE = "background:rgba(0,158,115,0.25);border-bottom:2px solid #009E73;padding:0 1px"


def _paragraphs(escaped: str) -> str:
    body = _PARA_RE.sub("</p><p style='margin:0 0 0.8em 0'>", escaped).replace("\n", "<br>")
    return f"<p style='margin:0 0 0.8em 0'>{body}</p>"


_DEL_STYLE = "text-decoration:line-through;color:#8a2d00;background:#fbe3d6"


def rewrite_diff(s: Score) -> tuple[str, list[tuple[str, str]]]:
    """The rewording of ``s`` as HTML with deleted spans struck through and inserted ones
    underlined, and the (words, suggestions) left unchanged because no drop-in is safe."""
    pieces: list[str] = []
    kept: list[tuple[str, str]] = []
    pos = 0
    for e in s.rewrite_edits():
        if e.replacement is None:
            kept.append((e.original, "; ".join(e.suggestions) or "—"))
            continue
        pieces.append(esc(s.text[pos : e.start]))
        if e.original:
            pieces.append(f'<del class="bk-deleted" style="{_DEL_STYLE}">{esc(e.original)}</del>')
        if e.replacement:
            pieces.append(
                f'<ins class="bk-rewritten" style="{_INS_STYLE};text-decoration:underline">'
                f"{esc(e.replacement)}</ins>"
            )
        pos = e.end
    pieces.append(esc(s.text[pos:]))
    return "".join(pieces), kept


def rewrite_side_by_side(
    s: Score,
    *,
    title: str | None = None,
    titles: tuple[str, str] = ("As published", "Neutral rewording"),
) -> HTML:
    """The highlighted article next to its neutral rewording, shown as a diff.

    Only safe drop-ins are applied (:meth:`biaskit.Score.neutral_rewrite`); deleted words are
    struck through, inserted ones underlined, and loaded words with no safe drop-in are listed
    with their suggestions. The rewording is scored again, so the reader sees what is left.
    """
    again = Score(s.neutral_rewrite(), s.lexicon, language=s.language)
    body, kept = rewrite_diff(s)
    n_changed = sum(1 for e in s.rewrite_edits() if e.replacement is not None)
    head = f'<h3 style="margin:0 0 0.4em 0">{esc(title)}</h3>' if title else ""
    summary = (
        '<div class="bk-summary" style="font-size:0.85em;color:#444;margin:0 0 0.5em 0">'
        f"{n_changed} changes · scored again: {again.loaded_per_1k:.1f} per 1,000 words "
        f"(was {s.loaded_per_1k:.1f})</div>"
    )
    rows = "".join(
        f"<tr><td style='padding:0 0.8em 0 0'>{esc(w)}</td><td>{esc(alt)}</td></tr>"
        for w, alt in kept
    )
    suggestions = (
        "<div style='font-size:0.85em;margin-top:0.8em'><b>Left as written (no safe drop-in)"
        f"</b><table><tr><th align='left'>words</th><th align='left'>consider</th></tr>{rows}"
        "</table></div>"
        if kept
        else ""
    )
    right = (
        '<div class="bk-rewrite" style="line-height:1.7;max-width:52em;font-size:1.05em">'
        f"{head}{summary}{_paragraphs(body)}{suggestions}</div>"
    )
    return side_by_side(str(highlight(s, title=title)), right, titles=titles)


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


def article_pair(
    corpus: pd.DataFrame, story: str, outlet_a: str, outlet_b: str, lexicon: Lexicon
) -> HTML:
    """Both articles, or for an outlet that did not cover the story, a note saying so."""
    parts = []
    for i, outlet in enumerate((outlet_a, outlet_b)):
        try:
            parts.append(str(show_article(corpus, story, outlet, lexicon=lexicon, legend=i == 0)))
        except ValueError as exc:
            parts.append(f"<p><em>{esc(exc)}</em></p>")
    return side_by_side(parts[0], parts[1])
