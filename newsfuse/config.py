"""One validated configuration object.

Loaded, in increasing priority, from the packaged defaults (``defaults.toml``), an
optional ``newsfuse.toml`` (in the working directory, or the path in
``NEWSFUSE_CONFIG``), environment variables ``NEWSFUSE_<SECTION>__<KEY>``, and
explicit overrides (the CLI). Unknown sections or keys are errors. Every run records
:meth:`Config.hash`.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from newsfuse.errors import ConfigError


@dataclass(frozen=True)
class StoreConfig:
    url: str = "sqlite:///newsfuse.db"


@dataclass(frozen=True)
class IngestConfig:
    max_file_bytes: int = 64 * 1024 * 1024  # a single-document file above this is rejected
    max_document_bytes: int = 8 * 1024 * 1024  # one record inside a container (JSONL, WARC, feed)
    follow_symlinks: bool = False
    text_extensions: tuple[str, ...] = (".txt", ".text", ".md")
    html_extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")
    jsonl_extensions: tuple[str, ...] = (".jsonl", ".ndjson", ".json")  # .json: lines or one array
    feed_extensions: tuple[str, ...] = (".rss", ".atom", ".xml", ".feed")
    warc_extensions: tuple[str, ...] = (".warc",)


@dataclass(frozen=True)
class CleanConfig:
    html_mode: str = "standard"  # trafilatura: "standard", "fast" (no fallbacks) or "precision"
    detect_language: bool = True
    min_article_chars: int = 1


@dataclass(frozen=True)
class RunConfig:
    batch_size: int = 256  # articles per store transaction
    workers: int = 0  # processes for per-article stages; 0 = one per core
    progress: bool = True
    executor: str = "local"  # "local" or "dask"
    dask_address: str = ""  # tcp://host:8786 to join a cluster; empty starts a local one


@dataclass(frozen=True)
class StagesConfig:
    """Which corpus stages ``run`` and ``ingest`` apply after cleaning, in this order."""

    copies: bool = True
    extract: bool = True
    events: bool = True
    crosscheck: bool = True
    embedder: str = "minilm"  # "minilm" (all-MiniLM-L6-v2) or "hashing" (no model; tests, speed)

    def __post_init__(self) -> None:
        if self.embedder not in ("minilm", "hashing"):
            raise ConfigError(f"stages.embedder: expected 'minilm' or 'hashing', got {self.embedder!r}")


@dataclass(frozen=True)
class Config:
    store: StoreConfig = field(default_factory=StoreConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    run: RunConfig = field(default_factory=RunConfig)
    stages: StagesConfig = field(default_factory=StagesConfig)

    def hash(self) -> str:
        """Stable hash of the effective configuration."""
        blob = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _coerce(value: Any, default: Any, where: str) -> Any:
    """Coerce ``value`` (from TOML or an env string) to the type of ``default``."""
    kind = type(default)
    try:
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if kind is tuple:
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(value)
        if kind is int and isinstance(value, bool):
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{where}: expected a {kind.__name__}, got {value!r}; fix the value in "
            "newsfuse.toml, the environment or the command line"
        ) from None


def _apply(config: Config, data: dict[str, Any], origin: str) -> Config:
    sections = {f.name: f for f in fields(Config)}
    for section, values in data.items():
        if section not in sections:
            raise ConfigError(
                f"{origin}: unknown section [{section}]; known sections: {', '.join(sections)}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"{origin}: [{section}] must be a table of keys")
        current = getattr(config, section)
        known = {f.name for f in fields(current)}
        updates = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(
                    f"{origin}: unknown key {section}.{key}; known keys: {', '.join(sorted(known))}"
                )
            updates[key] = _coerce(value, getattr(current, key), f"{origin}: {section}.{key}")
        config = replace(config, **{section: replace(current, **updates)})
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror})") from None


def _from_env(environ: dict[str, str]) -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if not name.startswith("NEWSFUSE_") or "__" not in name:
            continue
        section, _, key = name[len("NEWSFUSE_") :].lower().partition("__")
        data.setdefault(section, {})[key] = value
    return data


def load_config(
    path: str | Path | None = None,
    overrides: dict[str, dict[str, Any]] | None = None,
    environ: dict[str, str] | None = None,
) -> Config:
    """Build the effective configuration.

    Args:
        path: a TOML file; by default ``$NEWSFUSE_CONFIG`` or ``./newsfuse.toml`` if present.
        overrides: ``{section: {key: value}}`` applied last (CLI flags).
        environ: environment to read (default ``os.environ``).

    Raises:
        ConfigError: unknown section or key, wrong type, unreadable file.
    """
    env = dict(os.environ if environ is None else environ)
    config = Config()
    defaults = resources.files("newsfuse").joinpath("defaults.toml").read_text("utf-8")
    config = _apply(config, tomllib.loads(defaults), "newsfuse/defaults.toml")
    if path is None:
        candidate = env.get("NEWSFUSE_CONFIG") or "newsfuse.toml"
        path = Path(candidate) if Path(candidate).exists() or "NEWSFUSE_CONFIG" in env else None
    if path is not None:
        config = _apply(config, _read_toml(Path(path)), str(path))
    config = _apply(config, _from_env(env), "environment")
    if overrides:
        config = _apply(config, {k: v for k, v in overrides.items() if v}, "command line")
    return config
