"""Readers for the public evaluation data sets (never bundled: pass their folder)."""
