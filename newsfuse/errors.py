"""The newsfuse error hierarchy.

    NewsfuseError                 base of everything newsfuse raises on purpose
    ├── ConfigError               invalid configuration (unknown key, bad value, bad file)
    ├── StoreError                the store cannot be opened, migrated or written
    │   └── StoreURLError         a --db URL newsfuse cannot use
    ├── InputError                a user input cannot be read (path, format, data set)
    ├── MissingDependency         an optional extra is not installed
    └── SignatureMismatch         comparing fingerprints made with different parameters

Per-document problems during ingest are *not* exceptions: they become
:class:`newsfuse.model.Rejection` records so that one bad file never stops a run.
Messages say what happened, to which input, and how to fix it. The CLI prints
``str(error)`` on one line and exits with ``error.exit_code``.

Exit codes of the CLI: 0 everything read; 1 the run finished but some inputs were
rejected (each is stored with its reason); 2 usage, configuration or input error;
3 store error; 4 missing optional dependency; 130 interrupted.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class: a problem newsfuse can explain to its user."""

    exit_code = 2
    code = "newsfuse_error"


class ConfigError(NewsfuseError):
    exit_code = 2
    code = "config_error"


class StoreError(NewsfuseError):
    exit_code = 3
    code = "store_error"


class StoreURLError(StoreError):
    code = "store_url_error"


class InputError(NewsfuseError):
    exit_code = 2
    code = "input_error"


class MissingDependency(NewsfuseError):
    exit_code = 4
    code = "missing_dependency"

    def __init__(self, package: str, extra: str | None = None, purpose: str = "") -> None:
        install = f"pip install 'newsfuse[{extra}]'" if extra else f"pip install {package}"
        why = f" (needed for {purpose})" if purpose else ""
        super().__init__(f"the package {package!r} is not installed{why}; install it with: {install}")
        self.package = package


class SignatureMismatch(NewsfuseError):
    code = "signature_mismatch"
