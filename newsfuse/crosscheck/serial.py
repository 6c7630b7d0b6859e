"""The crosscheck records' JSON forms: the generic :mod:`newsfuse.serial` (kept importable
here, where it started)."""

from newsfuse.serial import from_json, to_json

__all__ = ["from_json", "to_json"]
