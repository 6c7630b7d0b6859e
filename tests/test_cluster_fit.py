"""The fit's choice of the close-call band: quality first, within the embedding budget."""

from __future__ import annotations

from newsfuse.cluster.fit import CLOSE_CALL_BANDS, EMBEDDED_BUDGET, close_call_band


def _measure(quality: dict[float, float], embedded: dict[float, float], seen: list[float]):
    def measure(band: float) -> dict[str, float]:
        seen.append(band)
        return {"event": quality[band], "storyline": quality[band] + 0.01, "embedded": embedded[band]}
    return measure


BANDS = CLOSE_CALL_BANDS  # 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0
SHARES = dict(zip(BANDS, (0.03, 0.06, 0.12, 0.19, 0.245, 0.36, 0.49), strict=True))


def test_the_smallest_band_within_tolerance_wins_and_wider_ones_are_not_replayed() -> None:
    quality = dict(zip(BANDS, (0.80, 0.84, 0.889, 0.89, 0.89, 0.89, 0.89), strict=True))
    seen: list[float] = []
    assert close_call_band(_measure(quality, SHARES, seen), 0.89, 0.005, EMBEDDED_BUDGET) == 1.0
    assert seen == [0.25, 0.5, 1.0]


def test_when_no_band_is_good_enough_the_widest_affordable_one_is_kept_not_every_call() -> None:
    quality = dict(zip(BANDS, (0.85, 0.85, 0.86, 0.86, 0.86, 0.87, 0.875), strict=True))
    seen: list[float] = []
    assert close_call_band(_measure(quality, SHARES, seen), 0.89, 0.005, EMBEDDED_BUDGET) == 2.0
    assert seen[-1] == 3.0  # measured, found over the budget (36% of calls embedded), not taken
    assert close_call_band(_measure(quality, SHARES, []), 0.89, 0.005, 1.0) == 4.0  # no budget
    assert close_call_band(_measure(quality, SHARES, []), 0.89, 0.005, 0.01) == 0.25  # nothing fits
