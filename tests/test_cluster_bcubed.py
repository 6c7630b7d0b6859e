"""B-cubed and ARI on hand-computed examples."""

from __future__ import annotations

import pytest

from newsfuse.eval.clustering import adjusted_rand, bcubed


def test_cluster_bcubed_perfect_and_trivial_partitions() -> None:
    gold = {1: "a", 2: "a", 3: "b", 4: "b"}
    assert bcubed(gold, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    one = bcubed({i: 0 for i in gold}, gold)  # all in one: P = 2/4 per item
    assert one["precision"] == pytest.approx(0.5) and one["recall"] == 1.0
    single = bcubed({i: i for i in gold}, gold)  # singletons: R = 1/2 per item
    assert single["precision"] == 1.0 and single["recall"] == pytest.approx(0.5)


def test_cluster_bcubed_hand_example() -> None:
    # gold: {1,2,3} {4,5}; predicted: {1,2} {3,4,5}
    gold = {1: "x", 2: "x", 3: "x", 4: "y", 5: "y"}
    pred = {1: "p", 2: "p", 3: "q", 4: "q", 5: "q"}
    # precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall: 2/3, 2/3, 1/3, 1, 1 -> 11/15
    scores = bcubed(pred, gold)
    assert scores["precision"] == pytest.approx(11 / 15)
    assert scores["recall"] == pytest.approx(11 / 15)
    assert scores["f1"] == pytest.approx(11 / 15)


def test_cluster_bcubed_needs_a_prediction_for_every_gold_item() -> None:
    with pytest.raises(ValueError, match="no predicted cluster"):
        bcubed({1: "a"}, {1: "a", 2: "a"})


def test_cluster_bcubed_adjusted_rand_hand_examples() -> None:
    gold = {1: 0, 2: 0, 3: 1, 4: 1}
    assert adjusted_rand({1: "a", 2: "a", 3: "b", 4: "b"}, gold) == 1.0
    # by hand: gold {1,2}{3,4}, predicted {1,2,3}{4}: index 1, expected 3*2/6 = 1 -> 0
    assert adjusted_rand({1: "a", 2: "a", 3: "a", 4: "b"}, gold) == pytest.approx(0.0)
    # crossing partitions: worse than chance (scikit-learn's documented example gives -0.5)
    assert adjusted_rand({1: "a", 2: "b", 3: "a", 4: "b"}, gold) == pytest.approx(-0.5)
    # scikit-learn's documented 0.57 for [0,0,1,1] vs [0,0,1,2]
    assert adjusted_rand({1: 0, 2: 0, 3: 1, 4: 2}, gold) == pytest.approx(0.5714, abs=1e-4)
