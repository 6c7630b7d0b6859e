"""What the line classifier says about one line."""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.model import DropReason, LineLabel


@dataclass(frozen=True, slots=True)
class LineDecision:
    """What the classifier decided for one line.

    ``reason`` is set exactly when ``label`` is :attr:`LineLabel.BOILERPLATE`.
    Blank lines are paragraph separators: they get ``BODY`` with no reason and carry
    no text.
    """

    label: LineLabel
    reason: DropReason | None = None


BODY = LineDecision(LineLabel.BODY)
HEADING = LineDecision(LineLabel.HEADING)
TITLE = LineDecision(LineLabel.TITLE)


def drop(reason: DropReason) -> LineDecision:
    """A boilerplate decision with its reason."""
    return LineDecision(LineLabel.BOILERPLATE, reason)
