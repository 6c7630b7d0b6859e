"""One validated configuration object: defaults, file, environment, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.config import Config, load_config
from newsfuse.errors import ConfigError


def test_config_load_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config.store.url == "sqlite:///newsfuse.db"
    assert config.run.batch_size == 256 and config.clean.detect_language is True


def test_config_load_priority_file_then_env_then_overrides(tmp_path: Path) -> None:
    path = tmp_path / "nf.toml"
    path.write_text('[run]\nbatch_size = 10\nworkers = 2\n[store]\nurl = "sqlite:///a.db"\n')
    config = load_config(path, environ={"NEWSFUSE_RUN__BATCH_SIZE": "20"},
                         overrides={"store": {"url": "sqlite:///b.db"}})
    assert (config.run.batch_size, config.run.workers, config.store.url) == (20, 2, "sqlite:///b.db")


@pytest.mark.parametrize("text, message", [
    ("[nope]\nx = 1\n", "unknown section [nope]"),
    ("[run]\nbatchsize = 1\n", "unknown key run.batchsize"),
    ('[run]\nbatch_size = "many"\n', "run.batch_size: expected a int"),
    ("[run\n", "not valid TOML"),
])
def test_config_load_rejects_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "nf.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(path, environ={})


def test_config_load_rejects_bad_environment() -> None:
    with pytest.raises(ConfigError, match="unknown key run.speed"):
        load_config(environ={"NEWSFUSE_RUN__SPEED": "1"})
    with pytest.raises(ConfigError, match="expected a bool"):
        load_config(environ={"NEWSFUSE_CLEAN__DETECT_LANGUAGE": "maybe"})


def test_config_hash_is_stable_and_sensitive() -> None:
    a, b = load_config(environ={}), load_config(environ={})
    assert a.hash() == b.hash()
    assert a.hash() != load_config(environ={"NEWSFUSE_RUN__BATCH_SIZE": "7"}).hash()
    assert Config().hash() == Config().hash()
