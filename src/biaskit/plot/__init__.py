"""Charts for the tables of :mod:`biaskit.compare` and friends (matplotlib only).

Every function follows one contract: ``f(data, *, <column names>, ax=None, **kwargs) -> Axes``.
``data`` is the tidy DataFrame a biaskit function returns (stated in each docstring); the chart
is drawn on ``ax``, or with ``ax=None`` on a new figure sized for the data (one row per group
takes the same room however many groups there are); the Axes is returned and nothing is
shown. ``**kwargs`` go to the main matplotlib artist (the dots, bars, image or lines).

Charts that scale: a figure of the chart's own grows with the rows (up to 100); a given Axes
shows the rows that fit, and the title says "top N of M". More than 20 coloured series
become the 19 largest and a grey "other". Empty tables and undated corpora raise a
ValueError instead of drawing an empty chart. Every label drawn from data is escaped
(:func:`biaskit.escape.mpl_text`). Fonts are sized for a projector and colours stay apart for
colour-blind readers. Global rcParams are never changed.
"""

from biaskit.plot.evaluation import evaluation_chart
from biaskit.plot.groups import categories, rates
from biaskit.plot.layout import (
    LABEL_SIZE,
    NOTE_SIZE,
    OKABE_ITO,
    PALETTE,
    TICK_SIZE,
    TITLE_SIZE,
)
from biaskit.plot.measures import measures
from biaskit.plot.shares import attribution, naming
from biaskit.plot.stories import paired, timeline
from biaskit.plot.words import sentiment_scatter, terms

__all__ = [
    "LABEL_SIZE",
    "NOTE_SIZE",
    "OKABE_ITO",
    "PALETTE",
    "TICK_SIZE",
    "TITLE_SIZE",
    "attribution",
    "categories",
    "evaluation_chart",
    "measures",
    "naming",
    "paired",
    "rates",
    "sentiment_scatter",
    "terms",
    "timeline",
]
