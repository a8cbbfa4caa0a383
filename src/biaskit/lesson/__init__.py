"""Helpers for the notebooks, so that every notebook cell stays one call long.

The numbered notebooks may not define functions (a test checks that), so what a cell would
otherwise compute in a loop lives here, one job per module: :mod:`~biaskit.lesson.articles`
(an article, two side by side, the neutral rewording), :mod:`~biaskit.lesson.widgets` (the
classroom explorer), :mod:`~biaskit.lesson.narrate` (comparison tables in plain words),
:mod:`~biaskit.lesson.summaries` and :mod:`~biaskit.lesson.tables` (tables for teachers),
:mod:`~biaskit.lesson.errors` (validation), :mod:`~biaskit.lesson.corpus_notes` (the
notebook's corpus: loading it, teaching corpus or not, prose from its numbers),
:mod:`~biaskit.lesson.teaching_corpus` (the datasheet's designed contrasts),
:mod:`~biaskit.lesson.at_scale` (the scaling checks) and :mod:`~biaskit.lesson.keys` (exercise
answers computed from the articles). The static lesson site is
:func:`biaskit.lesson.site.build_site` (``biaskit lesson build OUT/``).
The two charts live in :mod:`biaskit.plot` and are re-exported here.

Everything returns a value (HTML, Markdown or a table) and prints nothing. Text from outside
is escaped (:mod:`biaskit.escape`); HTML is self-contained (inline styles, no scripts).
"""

from biaskit.lesson.articles import (
    article,
    compare_articles,
    rewrite_side_by_side,
    show_article,
    side_by_side,
)
from biaskit.lesson.at_scale import replicate, same_results
from biaskit.lesson.corpus_notes import (
    describe_categories,
    describe_corpus,
    is_teaching_corpus,
    load,
    pair_note,
    pick_pair,
    reading_notes,
    teaching_note,
)
from biaskit.lesson.errors import annotated_data, error_examples
from biaskit.lesson.keys import answer_key
from biaskit.lesson.narrate import Markdown, describe_paired, describe_rates
from biaskit.lesson.summaries import (
    naming_summary,
    pick_referent,
    sentiment_vs_lexicon,
    terms_table,
    top_labels,
)
from biaskit.lesson.tables import PLAIN_NAMES, Table, explain, story_numbers, table
from biaskit.lesson.teaching_corpus import DESIGNED_CONTRASTS, designed_contrasts
from biaskit.lesson.widgets import ArticleExplorer, article_explorer
from biaskit.plot import evaluation_chart, sentiment_scatter

__all__ = [
    "DESIGNED_CONTRASTS",
    "PLAIN_NAMES",
    "ArticleExplorer",
    "Markdown",
    "Table",
    "annotated_data",
    "answer_key",
    "article",
    "article_explorer",
    "compare_articles",
    "describe_categories",
    "describe_corpus",
    "describe_paired",
    "describe_rates",
    "designed_contrasts",
    "error_examples",
    "evaluation_chart",
    "explain",
    "is_teaching_corpus",
    "load",
    "naming_summary",
    "pair_note",
    "pick_pair",
    "pick_referent",
    "reading_notes",
    "replicate",
    "rewrite_side_by_side",
    "same_results",
    "sentiment_scatter",
    "sentiment_vs_lexicon",
    "show_article",
    "side_by_side",
    "story_numbers",
    "table",
    "teaching_note",
    "terms_table",
    "top_labels",
]
