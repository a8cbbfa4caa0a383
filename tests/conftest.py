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
