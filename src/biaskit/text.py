"""Text handling with character offsets: words and sentences (:mod:`biaskit.tokens`) and
quotations (:mod:`biaskit.quotes`), gathered here for convenience."""

from biaskit.quotes import Quote, find_quotes
from biaskit.tokens import (
    WORD_RE,
    Span,
    count_words,
    match_view,
    normalize_for_matching,
    sentence_bounds,
    sentence_index,
    split_sentences,
    tokenize,
)

__all__ = [
    "WORD_RE",
    "Quote",
    "Span",
    "count_words",
    "find_quotes",
    "match_view",
    "normalize_for_matching",
    "sentence_bounds",
    "sentence_index",
    "split_sentences",
    "tokenize",
]
