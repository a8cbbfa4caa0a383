"""The students' saved marks (``biaskit-marks`` JSON files): the format and its check.

The lesson site's article pages save this format and its class page checks it in the browser
(``site_assets/guess.js`` and ``class.js``); :func:`check_marks` is the same check in Python,
for tests and for teachers who collect the files in a notebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["MARKS_SCHEMA", "MARKS_VERSION", "check_marks"]

MARKS_SCHEMA = "biaskit-marks"
MARKS_VERSION = 1
MAX_MARK_CHARS = 200


def check_marks(obj: Any, lengths: Mapping[str, int]) -> str | None:
    """What is wrong with a marks file's content ``obj`` (None when nothing is).

    ``lengths``: article id -> length of its text in characters. A marks file is a JSON object
    ``{"schema": "biaskit-marks", "version": 1, "article": id, "name": text, "marks":
    [{"start": int, "end": int, "text": text}, ...]}`` (``title`` optional).
    """
    if not isinstance(obj, dict):
        return "not a marks file (no JSON object)"
    if obj.get("schema") != MARKS_SCHEMA or obj.get("version") != MARKS_VERSION:
        return "not a biaskit marks file (schema)"
    article = obj.get("article")
    if not isinstance(article, str) or article not in lengths:
        return "its article is not in this lesson pack"
    if "name" in obj and not isinstance(obj["name"], str):
        return "the name is not text"
    marks = obj.get("marks")
    if not isinstance(marks, list):
        return "it has no list of marks"
    n = lengths[article]
    for i, m in enumerate(marks, start=1):
        ok = (
            isinstance(m, dict)
            and all(type(m.get(k)) is int for k in ("start", "end"))
            and isinstance(m.get("text"), str)
            and 0 <= m["start"] < m["end"] <= n
            and len(m["text"]) <= MAX_MARK_CHARS
        )
        if not ok:
            return f"mark {i} is not a word of the article"
    return None
