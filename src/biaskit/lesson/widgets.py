"""The classroom explorer: dropdowns that re-render two highlighted articles."""

from __future__ import annotations

from typing import Any

import pandas as pd

from biaskit.escape import terminal
from biaskit.highlight import HTML
from biaskit.lesson.articles import article_pair
from biaskit.lexicon import Lexicon, load_lexicon

__all__ = ["ArticleExplorer", "article_explorer"]


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
    and the first two outlets, in alphabetical order. Dropdown entries show names as text
    (ipywidgets does not interpret them as HTML); control characters are made visible.
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
            description=description,
            options=[(terminal(o), o) for o in options],
            value=value,
            style=style,
            layout=layout,
        )

    def render(story: str, outlet_a: str, outlet_b: str) -> None:
        display(article_pair(corpus, story, outlet_a, outlet_b, lex))

    widget = widgets.interactive(
        render,
        story=dropdown("Story", stories, story),
        outlet_a=dropdown("Outlet A", outlets, outlet_a),
        outlet_b=dropdown("Outlet B", outlets, outlet_b),
    )
    return ArticleExplorer(widget, article_pair(corpus, story, outlet_a, outlet_b, lex))
