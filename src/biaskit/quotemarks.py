"""Where the quotations of a text are: quote marks paired within a paragraph (mending
unclosed and orphan marks), short single-quoted spans, and posts embedded in scraped
articles. What kind each quotation is, is decided in :mod:`biaskit.quotes`.
"""

from __future__ import annotations

import bisect
import re

from biaskit.tokens import WORD_RE

__all__ = ["quoted_spans"]

_OPEN = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_DOUBLE_RE = re.compile(r"[\"“”„«»]|\n[ \t]*\n")
_SINGLE_RE = re.compile(r"[‘'](?<![\w'’][‘'])(?=\w)([^\n‘’'\"“”]{1,60}?[\w.,!?])[’'](?!\w)")


def quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """Every quoted span of ``text`` in order: (start, end, closed properly), with the marks.

    Double quotes pair within a paragraph; single quotes wrapping at most six words
    outside them are added, and so are embedded posts (which absorb the quotes inside).
    """
    raw = _paired_quotes(text)
    if raw is None:
        raw = _scan_quotes(text)
    _add_single_quotes(text, raw)
    _add_embedded_posts(text, raw)
    return raw


_PAIR_RE = re.compile(r'“[^“”\n]*”|"[^"\n]*"|«[^«»\n]*»')


def _paired_quotes(text: str) -> list[tuple[int, int, bool]] | None:
    """The common case, fast: every double quote mark closes on its own line.

    Returns None when any mark is left over or a straight quote opens like a
    closing mark; the full scanner then decides.
    """
    pairs = []
    for m in _PAIR_RE.finditer(text):
        a = m.start()
        if text[a] == '"' and a > 0:
            prev, nxt = text[a - 1], text[a + 1 : a + 2]
            if (prev.isalnum() or prev in ".,!?;") and (nxt.isspace() or nxt in ".,;:!?)"):
                return None
        pairs.append((a, m.end(), True))
    n_marks = sum(text.count(c) for c in '"“”„«»')
    return pairs if n_marks == 2 * len(pairs) else None


def _scan_quotes(text: str) -> list[tuple[int, int, bool]]:
    """Pair double quote marks paragraph by paragraph, mending unclosed and orphan marks."""
    raw: list[tuple[int, int, bool]] = []  # (open index, close index exclusive, closed properly)
    para_start = 0
    open_at = -1
    closers = ""
    for m in _DOUBLE_RE.finditer(text):
        ch = m.group()
        i = m.start()
        if ch[0] == "\n":  # paragraph break
            if open_at >= 0:
                raw.append((open_at, i, False))
                open_at = -1
            para_start = m.end()
            continue
        if open_at < 0:
            if ch == '"':
                prev = text[i - 1] if i > 0 else " "
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if (prev.isalnum() or prev in ".,!?;") and (nxt.isspace() or nxt in ".,;:!?)"):
                    _orphan_close(text, para_start, i, raw)  # looks like a closing mark
                    para_start = i + 1
                    continue
            if ch in _OPEN:
                open_at, closers = i, _OPEN[ch]
            else:  # a closing mark with nothing open
                _orphan_close(text, para_start, i, raw)
                para_start = i + 1
        elif ch in closers:
            raw.append((open_at, i + 1, True))
            open_at = -1
    if open_at >= 0:
        raw.append((open_at, len(text), False))
    return raw


def _add_single_quotes(text: str, raw: list[tuple[int, int, bool]]) -> None:
    """Add single-quoted spans of up to six words that lie outside double quotes."""
    if "'" not in text and "‘" not in text:
        return
    double_starts = [a for a, _, _ in raw]
    found = []
    for m in _SINGLE_RE.finditer(text):
        a, b = m.start(), m.end()
        i = bisect.bisect_right(double_starts, a) - 1
        if i >= 0 and a < raw[i][1]:
            continue  # inside a double-quoted span
        if len(WORD_RE.findall(m.group(1))) <= 6:
            found.append((a, b, True))
    if found:
        raw.extend(found)
        raw.sort()


# The signature under a social-media post embedded in a web article:
# "— Jane Doe (@janedoe) June 29, 2018".
_EMBED_SIGNATURE_RE = re.compile(
    r"[—–]\s*[^\n()—–]{1,80}\(@\w{1,30}\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}"
)


def _add_embedded_posts(text: str, raw: list[tuple[int, int, bool]]) -> None:
    """Add each embedded post (its text up to the signature) as a quote of its author.

    Scraped web articles keep the text of embedded posts without quote marks; the
    words are the poster's, not the outlet's. Quotes inside a post are merged into it.
    """
    if "(@" not in text:
        return
    posts = []
    for m in _EMBED_SIGNATURE_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if not text[start : m.start()].strip():  # signature on its own line: the post is above
            above = len(text[:start].rstrip())
            start = text.rfind("\n", 0, above) + 1 if above else m.start()
        while start < m.start() and text[start].isspace():
            start += 1
        if start < m.start():
            posts.append((start, m.start(), False))
    if not posts:
        return
    kept = [q for q in raw if not any(q[0] < b and a < q[1] for a, b, _ in posts)]
    raw[:] = sorted(kept + posts)


def _orphan_close(text: str, para_start: int, i: int, raw: list[tuple[int, int, bool]]) -> None:
    """Record a quote from the paragraph start to an unmatched closing mark."""
    start = para_start
    while start < i and text[start].isspace():
        start += 1
    if start < i:
        raw.append((start, i + 1, True))
