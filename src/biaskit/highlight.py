"""Highlighting: an article as self-contained HTML with every match coloured and explained.

All article text is escaped, so HTML or script inside an article shows as text.
No external CSS, JavaScript or fonts: it renders the same in JupyterLab and in
nbconvert's HTML export.
"""

from __future__ import annotations

import html
import re

from biaskit.lexicon import Lexicon
from biaskit.score import Match, Score, score
from biaskit.style import CATEGORY_COLORS, CATEGORY_LABELS, tint

__all__ = ["HTML", "highlight", "legend_html"]


class HTML(str):
    """A string of HTML that Jupyter displays as rendered HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def _title(m: Match) -> str:
    parts = [f"{CATEGORY_LABELS.get(m.category, m.category)} · weight {m.weight:g}"]
    if m.quoted:
        parts[0] += " · quoted (someone else's words: not counted)"
    if m.grade:
        parts.append(f"Grade: {m.grade}" + (f" · speaker: {m.speaker}" if m.speaker else ""))
    if m.referent:
        parts.append(f"Names: {m.referent} · perspective: {m.perspective}")
    parts.append(m.note)
    if m.neutral:
        parts.append("Neutral alternative: " + "; ".join(m.neutral))
    return "\n".join(parts)


def _open_tag(m: Match) -> str:
    color = CATEGORY_COLORS.get(m.category, "#777777")
    if m.weight == 0:
        style = f"background:none;border-bottom:2px dotted {color};color:inherit;padding:0"
    elif m.quoted:
        style = (
            f"background:{tint(color, 0.15)};border-bottom:2px dashed {color};"
            "color:inherit;padding:0 1px"
        )
    else:
        style = (
            f"background:{tint(color, 0.35)};border-bottom:2px solid {color};"
            "color:inherit;padding:0 1px;border-radius:2px"
        )
    quoted = " bk-quoted" if m.quoted else ""
    return (
        f'<mark class="bk bk-{m.category}{quoted}" data-category="{m.category}" '
        f'data-weight="{m.weight:g}" title="{html.escape(_title(m), quote=True)}" '
        f'style="{style}">'
    )


_PARA_RE = re.compile(r"\n[ \t]*\n\s*")


def _escape_text(s: str) -> str:
    out = html.escape(s, quote=False)
    out = _PARA_RE.sub("</p><p style='margin:0 0 0.8em 0'>", out)
    return out.replace("\n", "<br>")


def _shown(m: Match) -> bool:
    return m.weight > 0 or m.category == "naming"


def legend_html(categories: list[str] | None = None) -> str:
    """The colour legend as HTML."""
    cats = categories or list(CATEGORY_COLORS)
    items = []
    for c in cats:
        color = CATEGORY_COLORS[c]
        items.append(
            f'<span class="bk-legend-item" style="display:inline-block;margin:0 0.9em 0.3em 0;'
            f'white-space:nowrap"><span style="display:inline-block;width:0.9em;height:0.9em;'
            f"background:{tint(color, 0.6)};border-bottom:2px solid {color};"
            f'margin-right:0.3em;vertical-align:middle"></span>'
            f"{html.escape(CATEGORY_LABELS[c])}</span>"
        )
    items.append(
        '<span class="bk-legend-item" style="display:inline-block;white-space:nowrap;'
        'color:#555">dashed: inside a quotation (not counted)</span>'
    )
    return (
        f'<div class="bk-legend" style="font-size:0.85em;margin:0 0 0.6em 0">{"".join(items)}</div>'
    )


def highlight(
    text_or_score: str | Score,
    lexicon: Lexicon | None = None,
    *,
    title: str | None = None,
    legend: bool = True,
) -> HTML:
    """The article as HTML, every match coloured by category with a hover explanation.

    Hover text names the category, weight, why the term is loaded and its neutral
    alternative. Neutral reporting verbs are not marked; standard names are
    underlined with dots; quoted matches have a dashed underline.
    """
    s = text_or_score if isinstance(text_or_score, Score) else score(text_or_score, lexicon)
    text = s.text
    shown = sorted((m for m in s.matches if _shown(m)), key=lambda m: (m.start, -m.end))
    pieces: list[str] = []
    pos = 0
    stack: list[int] = []  # end offsets of open <mark> elements
    for m in shown:
        while stack and stack[-1] <= m.start:
            end = stack.pop()
            pieces.append(_escape_text(text[pos:end]) + "</mark>")
            pos = end
        if m.start < pos or (stack and m.end > stack[-1]):
            continue  # crosses an open element: cannot nest, leave it unmarked
        pieces.append(_escape_text(text[pos : m.start]))
        pieces.append(_open_tag(m))
        pos = m.start
        stack.append(m.end)
    while stack:
        end = stack.pop()
        pieces.append(_escape_text(text[pos:end]) + "</mark>")
        pos = end
    pieces.append(_escape_text(text[pos:]))
    body = "".join(pieces)
    head = ""
    if title:
        head = f'<h3 style="margin:0 0 0.4em 0">{html.escape(title)}</h3>'
    summary = (
        f'<div class="bk-summary" style="font-size:0.85em;color:#444;margin:0 0 0.5em 0">'
        f"{s.n_words:,} words · {sum(1 for m in s.matches if m.weight > 0 and not m.quoted)} "
        f"loaded expressions in the outlet's own voice · "
        f"{s.loaded_per_1k:.1f} per 1,000 words</div>"
    )
    return HTML(
        '<div class="biaskit-highlight" style="line-height:1.7;max-width:52em;'
        'font-size:1.05em">'
        f"{head}{summary}{legend_html() if legend else ''}"
        f"<div class='bk-text'><p style='margin:0 0 0.8em 0'>{body}</p></div></div>"
    )
