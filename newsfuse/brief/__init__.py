"""Briefs: what the sources say about an event or storyline, with citations."""
