"""The report: Markdown, JSON and one standalone HTML page, written from the store.

Sections for later stages appear only when those stages have produced something;
the report says nothing the store does not hold.
"""

from __future__ import annotations

from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.export import write_json
from newsfuse.report.html import render_html
from newsfuse.report.markdown import render_markdown
from newsfuse.report.view import ReportView
from newsfuse.store import Store

__all__ = ["ReportView", "render_html", "render_markdown", "write_report"]


# A report folder holds this hidden file, so a later ``newsfuse ingest`` of the folder
# above it does not read the report as articles.
REPORT_MARKER = ".newsfuse-report"


def write_report(store: Store, out_dir: str | Path) -> list[Path]:
    """Write ``report.md``, ``report.json`` and ``report.html`` into ``out_dir`` (and the
    hidden :data:`REPORT_MARKER` that keeps ingest out of the folder).

    Returns:
        The paths written.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the report folder ({exc.strerror})") from None
    (out / REPORT_MARKER).write_text("A newsfuse report: newsfuse ingest does not read the files of this folder "
                                     "unless they are named one by one.\n", encoding="utf-8")
    view = ReportView.from_store(store)
    written = []
    for name, body in (("report.md", render_markdown(view)), ("report.html", render_html(view))):
        path = out / name
        path.write_text(body, encoding="utf-8")
        written.append(path)
    json_path = out / "report.json"
    with json_path.open("w", encoding="utf-8") as fh:
        write_json(store, fh, indent=1)
    written.append(json_path)
    return written
