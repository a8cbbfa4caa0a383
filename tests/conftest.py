import matplotlib

matplotlib.use("Agg")

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
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


# --- a toy lexicon and corpus for the comparison and framing tests ----------------------

TOY_LEXICON = """
entries:
- {term: dictator, category: label, weight: 1.5, neutral: [leader], note: A label.}
- {term: self-proclaimed, category: label, weight: 1.5, neutral: ["(omit)"], note: A label.}
- {term: regime, category: label, weight: 1.0, neutral: [government], note: A label.}
- {term: invaders, category: loaded, weight: 1.0, neutral: [troops], note: Loaded.}
- {term: said, forms: [says], category: attribution, grade: neutral, weight: 0, note: Plain.}
- {term: claimed, category: attribution, grade: distancing, weight: 0.5, note: Distancing.}
- {term: boasted, category: attribution, grade: loaded, weight: 1.0, note: Loaded verb.}
- term: Kyiv
  category: naming
  referent: kyiv
  perspective: ukrainian
  weight: 0
  note: Standard name.
- term: Kiev
  category: naming
  referent: kyiv
  perspective: russian
  weight: 0.5
  note: Old transliteration.
"""

DOCS = [
    # outlet, story, date, text
    ("A", "s1", "2024-01-05", "The dictator boasted about Kiev. The regime claimed victory."),
    ("A", "s2", "2024-01-20", "The invaders left Kyiv, the dictator said. Kiev was calm."),
    ("A", "s3", "2024-02-03", "Officials said the regime was quiet in Kiev today."),
    ("B", "s1", "2024-01-06", "The president said the talks in Kyiv went on for hours."),
    ("B", "s2", "2024-01-21", "Troops left Kyiv, officials said on Monday morning."),
    ("B", "s3", "2024-02-04", "The government claimed the vote was fair, said Kiev."),
    ("C", "s1", "2024-01-07", "The invaders and the regime claimed Kyiv would fall."),
    ("C", "s2", "2024-01-22", 'He said: "The dictator will fall, believe me, very soon."'),
]


@pytest.fixture(scope="session")
def toy_lex(tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("lex")) / "toy.yaml"
    path.write_text(TOY_LEXICON, encoding="utf-8")
    return biaskit.load_lexicon(path, mode="replace")


@pytest.fixture(scope="session")
def docs():
    df = pd.DataFrame(DOCS, columns=["outlet", "story", "date", "text"])
    df["date"] = pd.to_datetime(df["date"])
    df["lean"] = df["outlet"].map({"A": "left", "B": "centre", "C": "right"})
    return df
