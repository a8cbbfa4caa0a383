"""biaskit: find, explain and compare loaded language in news text."""

from biaskit.actors import actor_labels, frequent_actors
from biaskit.calibrate import Calibration, calibrate
from biaskit.candidates import candidate_terms
from biaskit.clean import Cleaned, CleanedCorpus, clean_corpus, clean_text
from biaskit.compare import compare, compare_paired, compare_pairs, timeline_rates
from biaskit.corpus import (
    CorpusError,
    LoadResult,
    iter_corpus,
    load_corpus,
    load_example_corpus,
    read_corpus,
)
from biaskit.datasets import fetch_babe, fetch_file, load_allsides, load_babe, load_mediacloud
from biaskit.evaluate import evaluate, load_annotated
from biaskit.exporting import export
from biaskit.framing import attribution_profile, naming_shares, scare_quotes
from biaskit.highlight import highlight
from biaskit.lexicon import Entry, Lexicon, LexiconError, load_lexicon
from biaskit.progress import dask_progress
from biaskit.scale import read_corpus_dask, score_dask
from biaskit.score import Match, Score, score
from biaskit.scored import ScoredCorpus, match_frame, score_corpus, score_frame
from biaskit.stream import iter_scores, score_stream
from biaskit.terms import distinctive_terms

__all__ = [
    "Calibration",
    "Cleaned",
    "CleanedCorpus",
    "CorpusError",
    "Entry",
    "Lexicon",
    "LexiconError",
    "LoadResult",
    "Match",
    "Score",
    "ScoredCorpus",
    "actor_labels",
    "attribution_profile",
    "calibrate",
    "candidate_terms",
    "clean_corpus",
    "clean_text",
    "compare",
    "compare_paired",
    "compare_pairs",
    "dask_progress",
    "distinctive_terms",
    "evaluate",
    "export",
    "fetch_babe",
    "fetch_file",
    "frequent_actors",
    "highlight",
    "iter_corpus",
    "iter_scores",
    "load_allsides",
    "load_annotated",
    "load_babe",
    "load_corpus",
    "load_example_corpus",
    "load_lexicon",
    "load_mediacloud",
    "match_frame",
    "naming_shares",
    "plot",
    "read_corpus",
    "read_corpus_dask",
    "scare_quotes",
    "score",
    "score_corpus",
    "score_dask",
    "score_frame",
    "score_stream",
    "timeline_rates",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "plot":  # matplotlib is imported only when charts are asked for
        import importlib

        return importlib.import_module("biaskit.plot")
    raise AttributeError(f"module 'biaskit' has no attribute {name!r}")
