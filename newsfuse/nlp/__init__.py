"""Shared NLP models, each loaded lazily and once per process, never from a hub."""
