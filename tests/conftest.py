import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import biaskit


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def lexicon():
    return biaskit.load_lexicon()


@pytest.fixture(scope="session")
def corpus():
    """The shipped teaching corpus (modules that need another corpus define their own)."""
    return biaskit.load_example_corpus()


@pytest.fixture(scope="session")
def scored(corpus):
    """The teaching corpus scored without sentiment."""
    return biaskit.score_frame(corpus, sentiment=False)
