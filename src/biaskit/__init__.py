"""biaskit: find, explain and compare loaded language in news text."""

from biaskit.corpus import CorpusError, iter_corpus, load_corpus, load_example_corpus
from biaskit.datasets import fetch_babe, fetch_file, load_allsides, load_babe, load_mediacloud
from biaskit.highlight import highlight
from biaskit.lexicon import Entry, Lexicon, LexiconError, load_lexicon
from biaskit.score import Match, Score, match_frame, score, score_frame

__all__ = [
    "CorpusError",
    "Entry",
    "Lexicon",
    "LexiconError",
    "Match",
    "Score",
    "fetch_babe",
    "fetch_file",
    "highlight",
    "iter_corpus",
    "load_allsides",
    "load_babe",
    "load_corpus",
    "load_example_corpus",
    "load_lexicon",
    "load_mediacloud",
    "match_frame",
    "score",
    "score_frame",
]
__version__ = "0.1.0"
