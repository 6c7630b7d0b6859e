"""Reuters-21578 reader: dates of every form the SGML uses, stories without a body."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsfuse.datasets.reuters import read_reuters
from newsfuse.errors import InputError

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="NO" NEWID="523">
<DATE> 2-MAR-1987 11:49:17.45</DATE>
<TEXT><TITLE>FED ADDS RESERVES</TITLE><BODY>The Federal Reserve entered the market.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT><TITLE>BAHIA COCOA REVIEW</TITLE><BODY>Showers continued &amp; eased.</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="2">
<DATE>garbled</DATE>
<TEXT TYPE="BRIEF"><TITLE>TITLE ONLY</TITLE></TEXT>
</REUTERS>
"""


def test_reads_single_digit_days_and_two_digit_days(tmp_path: Path) -> None:
    (tmp_path / "reut2-000.sgm").write_text(SGML, encoding="latin-1")
    stories = list(read_reuters(tmp_path))
    assert [s.newid for s in stories] == [523, 1, 2]
    assert stories[0].date == datetime(1987, 3, 2, 11, 49, 17)
    assert stories[1].date == datetime(1987, 2, 26, 15, 1, 1)
    assert stories[1].body == "Showers continued & eased."
    assert stories[2].date is None and stories[2].body == ""


def test_folder_without_sgml_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no reut2"):
        list(read_reuters(tmp_path))
