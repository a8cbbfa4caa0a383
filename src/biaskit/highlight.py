"""Highlighting: an article as self-contained HTML with every match coloured and explained."""

from __future__ import annotations

from biaskit.lexicon import Lexicon
from biaskit.render import HTML, legend_html, render_html
from biaskit.score import Score, score

__all__ = ["HTML", "highlight", "legend_html"]


def highlight(
    text_or_score: str | Score,
    lexicon: Lexicon | None = None,
    *,
    language: str = "en",
    title: str | None = None,
    legend: bool = True,
) -> HTML:
    """The article as HTML, every match coloured by category with its explanation.

    The explanation names the category, weight, whose words they are and whether they
    count (and by which context rule), why the term is loaded and its neutral alternative.
    Neutral reporting verbs are not marked; standard names are underlined with dots;
    someone else's words have a dashed underline; negated words are struck through.
    """
    s = (
        text_or_score
        if isinstance(text_or_score, Score)
        else score(text_or_score, lexicon, language=language)
    )
    return render_html(s, title=title, legend=legend)
