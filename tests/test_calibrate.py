"""calibrate: cross-validated weights that must help on data built so they do, and an overlay
the existing user-lexicon mechanism loads."""

import pandas as pd
import pytest

import biaskit

LEXICON = """
entries:
- {term: regime, category: label, weight: 0.2, neutral: [government], note: A label.}
- {term: slammed, category: loaded, weight: 3.0, neutral: [criticised], note: Loaded verb.,
   replace: criticised}
- {term: thug, category: label, weight: 1.0, neutral: [man], note: A label.}
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("cal") / "toy.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return biaskit.load_lexicon(path, mode="replace")


@pytest.fixture(scope="module")
def annotated():
    """Biased sentences say "regime" (weighted low); "slammed" (weighted high) is noise."""
    rows = []
    for i in range(40):
        verb = "slammed" if i % 2 else "answered"
        rows.append({"text": f"The regime {verb} the plan number {i}.", "label": 1})
        rows.append({"text": f"The government {verb} the plan number {i}.", "label": 0})
    rows.append({"text": "No agreed label here.", "label": None})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def cal(annotated, lexicon):
    return biaskit.calibrate(annotated, lexicon=lexicon, folds=4, min_count=3, n_boot=200)


def test_fitting_helps_on_held_out_folds(cal):
    before, after = cal.summary["roc_auc"]
    assert before == pytest.approx(0.75)  # slammed outranks regime with the shipped weights
    assert after > 0.95
    assert list(cal.summary.columns) == [
        "weights", "n_texts", "roc_auc", "roc_auc_low", "roc_auc_high",
    ]  # fmt: skip
    assert (cal.summary["n_texts"] == 80).all()  # the unlabelled row is left out
    low, high = cal.summary.loc[1, ["roc_auc_low", "roc_auc_high"]]
    assert low <= after <= high


def test_fitted_weights_reverse_the_wrong_ones(cal):
    w = cal.weights.set_index("term")
    assert w.loc["regime", "fitted"] > w.loc["regime", "shipped"]
    assert w.loc["slammed", "fitted"] < w.loc["slammed", "shipped"]
    assert w.loc["regime", "fitted"] > w.loc["slammed", "fitted"]
    assert "thug" not in w.index  # never seen: keeps its shipped weight, not refitted
    assert ((w["fitted"] >= 0) & (w["fitted"] <= 3)).all()


def test_report_says_before_and_after_and_that_nothing_was_replaced(cal):
    text = cal.report()
    assert "shipped" in text and "fitted (4-fold held out)" in text
    assert "regime" in text and "unchanged" in text


def test_overlay_loads_through_the_user_lexicon_mechanism(cal, lexicon, tmp_path):
    path = cal.to_lexicon(tmp_path / "fitted.yaml")
    fitted = biaskit.load_lexicon(path)  # extends the packaged English lexicon
    w = cal.weights.set_index("term")["fitted"]
    assert fitted.get("regime").weight == pytest.approx(w["regime"])
    assert fitted.get("regime").note == "A label."  # every other field kept
    assert lexicon.get("regime").weight == 0.2  # the lexicon in use is unchanged
    replaced = biaskit.load_lexicon(path, mode="replace")
    assert {e.term for e in replaced} == {"regime", "slammed"}


def test_overlay_of_packaged_entries_keeps_every_sense(tmp_path):
    """Entries sharing a form with a refitted one are written too, so none loses a form."""
    data = pd.DataFrame(
        {
            "text": [f"The fanatic lied about the vote {i}." for i in range(6)]
            + [f"The president spoke about the vote {i}." for i in range(6)],
            "label": [1] * 6 + [0] * 6,
        }
    )
    cal = biaskit.calibrate(data, folds=3, min_count=2, n_boot=50)
    overlay = biaskit.load_lexicon(cal.to_lexicon(tmp_path / "o.yaml"))
    shipped = biaskit.load_lexicon()
    assert len(overlay) == len(shipped)
    assert {e.term for e in overlay} == {e.term for e in shipped}
    # "fanatic" has a weight-0 sense beside the counted one: it stays 0, each sense its own
    senses = sorted(e.weight for e in overlay if e.term == "fanatic")
    assert senses == sorted(e.weight for e in shipped if e.term == "fanatic")
    assert senses[0] == 0
    assert set(cal.weights["term"]) == {"fanatic", "lied"}


def test_bad_input_names_the_column():
    with pytest.raises(KeyError, match="no column 'sentence'"):
        biaskit.calibrate(pd.DataFrame({"text": ["a"], "label": [1]}), text="sentence")
    with pytest.raises(ValueError, match="column 'label' must be 0 or 1"):
        biaskit.calibrate(pd.DataFrame({"text": ["a", "b"], "label": [1, 7]}))
    with pytest.raises(ValueError, match="at least 5 texts of each class"):
        biaskit.calibrate(pd.DataFrame({"text": ["a", "b"], "label": [1, 0]}))
