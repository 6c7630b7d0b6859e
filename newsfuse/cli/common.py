"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from newsfuse.config import Config, load_config
from newsfuse.model import Rejection
from newsfuse.store import Store, open_store

EXIT_REJECTED = 1


def db_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--db`` and ``--config``, shared by every command that reads or writes a store."""
    fn = click.option(
        "--config", "config_path", type=click.Path(dir_okay=False), default=None,
        help="Configuration file (default: ./newsfuse.toml if present).",
    )(fn)
    return click.option(
        "--db", "db", default=None, metavar="URL",
        help="Store URL: sqlite:///file.db (default sqlite:///newsfuse.db) or postgresql://...",
    )(fn)


def load(db: str | None, config_path: str | None, **overrides: Any) -> tuple[Config, Store]:
    sections: dict[str, dict[str, Any]] = {"store": {"url": db} if db else {}}
    for key, value in overrides.items():
        section, _, name = key.partition("__")
        if value is not None:
            sections.setdefault(section, {})[name] = value
    config = load_config(config_path, overrides=sections)
    return config, open_store(config.store.url)


def print_rejection(rejection: Rejection) -> None:
    click.echo(f"newsfuse: rejected {rejection.one_line()}", err=True)


def emit(data: Any, as_json: bool, table: Callable[[Any], str]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str) if as_json else table(data))
