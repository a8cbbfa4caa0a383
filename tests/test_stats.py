"""biaskit.stats checked against hand computations and exact distributions."""

import math
import zlib
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from biaskit import stats as S

# --- pooled rates ------------------------------------------------------------------------


def test_pooled_rate_is_total_weight_over_total_words():
    # 3 + 0 + 5 = 8 loaded weight in 100 + 300 + 400 = 800 words: 10 per 1,000 words,
    # not the mean of the per-document rates (30, 0, 12.5 -> 14.17)
    assert S.pooled_rate([3, 0, 5], [100, 300, 400]) == pytest.approx(10.0)
    assert S.pooled_rate([1], [50], per=100) == pytest.approx(2.0)
    assert math.isnan(S.pooled_rate([1, 2], [0, 0]))
    assert S.ratio_of_sums(np.array([1.0, 2.0]), np.array([2.0, 2.0])) == pytest.approx(0.75)


def test_numerator_denominator():
    df = pd.DataFrame(
        {
            "n_words": [200, 800],
            "loaded": [2.0, 4.0],
            "loaded_per_1k": [10.0, 5.0],
            "rate_label": [5.0, 2.5],
            "quoted_share": [0.2, 0.6],
        }
    )
    num, den = S.numerator_denominator(df, "loaded_per_1k")
    assert list(num) == [2.0, 4.0] and list(den) == [0.2, 0.8]
    num, den = S.numerator_denominator(df, "rate_label")  # no weight column: rate x words
    assert list(num) == pytest.approx([1.0, 2.0])
    assert S.ratio_of_sums(num, den) == pytest.approx(3.0)
    num, den = S.numerator_denominator(df, "quoted_share")  # not a rate: the mean
    assert S.ratio_of_sums(num, den) == pytest.approx(0.4)
    with pytest.raises(KeyError, match="caller: no column 'rate_nonsense'"):
        S.numerator_denominator(df, "rate_nonsense", "caller")


# --- random streams ----------------------------------------------------------------------


def test_group_stream_is_seed_and_crc32_of_the_name():
    by_hand = np.random.default_rng(np.random.SeedSequence([3, zlib.crc32(b"Le Monde")]))
    assert S.group_rng(3, "Le Monde").random(5).tolist() == by_hand.random(5).tolist()
    assert S.group_rng(3, "Le Monde").random() != S.group_rng(3, "Le Figaro").random()
    assert S.group_rng(3, "Le Monde").random() != S.group_rng(4, "Le Monde").random()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": 95}, "level must be between 0 and 1, got 95"),
        ({"level": 0}, "level must be between 0 and 1"),
        ({"n_boot": 0}, "n_boot must be"),
        ({"n_boot": 2.5}, "n_boot must be"),
        ({"n_boot": 2.0}, "n_boot must be"),
        ({"seed": -1}, "seed must be"),
    ],
)
def test_check_resampling(kwargs, message):
    args = {"level": 0.95, "n_boot": 10, "seed": 0, **kwargs}
    with pytest.raises(ValueError, match=f"f: {message}"):
        S.check_resampling(args["level"], args["n_boot"], args["seed"], "f")


# --- bootstrap ---------------------------------------------------------------------------


def test_bootstrap_ratio_is_the_documented_draw():
    num, den = np.array([3.0, 0.0, 5.0, 1.0]), np.array([1.2, 0.8, 2.0, 1.5])
    got = S.bootstrap_ratio(num, den, n_boot=300, rng=np.random.default_rng(5))
    idx = np.random.default_rng(5).integers(0, 4, size=(300, 4))
    expected = [num[i].sum() / den[i].sum() for i in idx]
    assert got == pytest.approx(expected)


# Two clusters: X holds two documents (weights 0 and 2), Y one (weight 4); one word-unit each.
# Stage 1 draws XX, XY or YY (1/4, 1/2, 1/4); stage 2 redraws X's two documents (sum 0, 2, 4
# with 1/4, 1/2, 1/4). Ratios of sums, enumerated by hand:
#   XX: (S1 + S2) / 4 with S1 + S2 = 0, 2, 4, 6, 8 (1/16, 4/16, 6/16, 4/16, 1/16)
#   XY: (S + 4) / 3 = 4/3, 2, 8/3 (1/4, 1/2, 1/4)
#   YY: 8 / 2 = 4
TWO_STAGE_EXACT = {
    0.0: 1 / 64,
    0.5: 4 / 64,
    1.0: 6 / 64,
    1.5: 4 / 64,
    2.0: 1 / 64 + 16 / 64,
    round(4 / 3, 9): 8 / 64,
    round(8 / 3, 9): 8 / 64,
    4.0: 16 / 64,
}


@pytest.mark.parametrize("max_draw", [S.MAX_DRAW, 5])  # 5: the chunked path
def test_two_stage_bootstrap_has_the_exact_distribution(max_draw, monkeypatch):
    monkeypatch.setattr(S, "MAX_DRAW", max_draw)
    n_boot = 40_000
    ratios = S.cluster_bootstrap_ratio(
        np.array([0.0, 2.0, 4.0]),
        np.ones(3),
        ["X", "X", "Y"],
        n_boot=n_boot,
        rng=np.random.default_rng(11),
    )
    seen = Counter(np.round(ratios, 9).tolist())
    assert set(seen) == set(TWO_STAGE_EXACT)
    for value, prob in TWO_STAGE_EXACT.items():
        assert seen[value] / n_boot == pytest.approx(prob, abs=0.01), value


def test_two_stage_is_wider_when_clusters_differ():
    """Outlets with their own level: resampling documents alone understates the spread."""
    rng = np.random.default_rng(0)
    levels = {"o1": 2.0, "o2": 8.0, "o3": 4.0, "o4": 12.0}
    outlet = np.repeat(list(levels), 30)
    num = np.array([levels[o] for o in outlet]) + rng.normal(0, 0.5, len(outlet))
    den = np.ones(len(outlet))
    plain = S.bootstrap_ratio(num, den, n_boot=2000, rng=np.random.default_rng(1))
    clustered = S.cluster_bootstrap_ratio(
        num, den, outlet, n_boot=2000, rng=np.random.default_rng(1)
    )
    low, high = S.percentile_interval(plain, 0.95)
    c_low, c_high = S.percentile_interval(clustered, 0.95)
    assert c_high - c_low > 3 * (high - low)
    assert c_low < num.mean() < c_high


def test_two_stage_needs_a_cluster_for_every_document():
    with pytest.raises(ValueError, match="no cluster"):
        S.cluster_bootstrap_ratio(
            np.ones(2), np.ones(2), ["a", None], n_boot=5, rng=np.random.default_rng(0)
        )


def test_percentile_interval_by_hand():
    samples = np.arange(1, 102, dtype=float)  # 1..101: the 5th and 95th percentiles are 6 and 96
    assert S.percentile_interval(samples, 0.9) == pytest.approx((6.0, 96.0))
    assert S.percentile_interval(np.r_[samples, np.nan], 0.9) == pytest.approx((6.0, 96.0))
    low, high = S.percentile_interval(np.array([np.nan]), 0.9)
    assert math.isnan(low) and math.isnan(high)


def test_bootstrap_p_by_hand():
    # one of four at or below 0, three above: 2 x (1 + 1) / (4 + 1)
    assert S.bootstrap_p(np.array([1.0, 2.0, 3.0, -1.0])) == pytest.approx(0.8)
    assert S.bootstrap_p(np.arange(1.0, 10.0)) == pytest.approx(2 / 10)  # never 0
    assert S.bootstrap_p(np.zeros(5)) == 1.0
    assert S.bootstrap_p(np.array([4.0, 6.0]), null=5.0) == 1.0
    assert math.isnan(S.bootstrap_p(np.array([])))


# --- sign-flip test ----------------------------------------------------------------------


def test_sign_flip_exact_by_hand():
    # diffs 1, 2, 3: of the 8 sign patterns only +++ and --- reach |mean| 2
    assert S.sign_flip_p([1, 2, 3]) == pytest.approx(2 / 8)
    # 1, 1, -3: observed |sum| 1; the sums of +-1 +-1 +-3 are odd, so every |sum| >= 1: p = 1
    assert S.sign_flip_p([1, 1, -3]) == 1.0
    assert math.isnan(S.sign_flip_p([4.0]))  # one difference says nothing
    assert math.isnan(S.sign_flip_p([]))


def test_sign_flip_random_beyond_exact_max():
    diffs = np.linspace(1, 2, 20)
    p = S.sign_flip_p(diffs, n_perm=999, seed=4)
    assert p == S.sign_flip_p(diffs, n_perm=999, rng=np.random.default_rng(4))
    assert p == pytest.approx(1 / 1000)  # only the observed signs


# --- ROC-AUC -----------------------------------------------------------------------------


def test_roc_auc_ci_is_the_documented_stratified_draw():
    labels = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 0]
    scores = [0.1, 0.5, 0.5, 0.2, 0.9, 0.5, 0.3, 0.1, 0.7, 0.4, 0.2]
    auc, low, high = S.roc_auc_ci(labels, scores, level=0.8, n_boot=400, seed=9)
    assert auc == S.roc_auc(labels, scores)
    y, x = np.array(labels), np.array(scores)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    rng = np.random.default_rng(9)
    p_idx = pos[rng.integers(0, len(pos), size=(400, len(pos)))]
    n_idx = neg[rng.integers(0, len(neg), size=(400, len(neg)))]
    aucs = [
        S.roc_auc([1] * len(p) + [0] * len(n), np.r_[x[p], x[n]])
        for p, n in zip(p_idx, n_idx, strict=True)
    ]
    assert (low, high) == pytest.approx(tuple(np.percentile(aucs, [10, 90])))


# --- multiple comparisons ----------------------------------------------------------------


def test_holm_and_bh_by_hand():
    p = [0.01, 0.04, 0.03, 0.20]
    # Holm: sorted 0.01, 0.03, 0.04, 0.20 times 4, 3, 2, 1 = 0.04, 0.09, 0.08, 0.20,
    # made non-decreasing: 0.04, 0.09, 0.09, 0.20
    assert S.adjust_p(p, "holm") == pytest.approx([0.04, 0.09, 0.09, 0.20])
    # BH: sorted times 4/1, 4/2, 4/3, 4/4 = 0.04, 0.06, 0.0533, 0.20, made non-increasing
    # from the largest: 0.04, 0.0533, 0.0533, 0.20
    assert S.adjust_p(p, "bh") == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])


def test_adjust_caps_at_one_and_keeps_nan():
    out = S.adjust_p([0.5, np.nan, 0.6], "holm")  # m = 2: 1.0, nan, min(1, 0.6 x 1) -> 1.0
    assert out[0] == 1.0 and math.isnan(out[1]) and out[2] == 1.0
    assert S.adjust_p([0.02, np.nan], "bh") == pytest.approx([0.02, np.nan], nan_ok=True)
    assert len(S.adjust_p([], "bh")) == 0
    with pytest.raises(ValueError, match="'holm' or 'bh'"):
        S.adjust_p([0.1], "bonferroni")


# --- counts ------------------------------------------------------------------------------


def test_most_common_breaks_ties_alphabetically():
    counts = Counter({"b": 3, "a": 3, "c": 5, "d": 1, "e": 3})
    assert S.most_common(counts, 2) == [("c", 5), ("a", 3)]
    assert S.most_common(counts, 2, keep_ties=True) == [("c", 5), ("a", 3), ("b", 3), ("e", 3)]
    assert S.most_common(counts, 0) == []
    assert S.most_common(counts, 10) == S.most_common(counts, 5)


def test_chunked_draws_give_the_same_distribution(monkeypatch):
    """Big draws are split in chunks of resamples; small MAX_DRAW forces that path."""
    rng = np.random.default_rng(2)
    num, den = rng.uniform(0, 5, 40), rng.uniform(0.5, 2, 40)
    labels, scores = [i % 2 for i in range(60)], list(rng.normal(0, 1, 60) + np.arange(60) % 2)
    whole = S.bootstrap_ratio(num, den, n_boot=4000, rng=np.random.default_rng(0))
    auc_whole = S.roc_auc_ci(labels, scores, n_boot=4000)
    monkeypatch.setattr(S, "MAX_DRAW", 50)
    parts = S.bootstrap_ratio(num, den, n_boot=4000, rng=np.random.default_rng(0))
    assert len(parts) == 4000
    assert S.percentile_interval(parts, 0.9) == pytest.approx(
        S.percentile_interval(whole, 0.9), rel=0.02
    )
    auc_parts = S.roc_auc_ci(labels, scores, n_boot=4000)
    assert auc_parts[0] == auc_whole[0]
    assert auc_parts[1:] == pytest.approx(auc_whole[1:], abs=0.02)
