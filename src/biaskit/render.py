"""HTML for a scored text: every match coloured by category, with its explanation.

All article text is escaped, so HTML or script inside an article shows as text.
No external CSS, JavaScript or fonts: it renders the same in JupyterLab and in
nbconvert's HTML export. Works on anything with ``text``, ``matches``, ``n_words``
and ``loaded_per_1k`` (a :class:`biaskit.score.Score`), so it imports no scoring code.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from biaskit.context import RULE_NOTES
from biaskit.style import CATEGORY_COLORS, CATEGORY_LABELS, tint

if TYPE_CHECKING:
    from biaskit.score import Match

__all__ = ["HTML", "legend_html", "render_html"]

class HTML(str):
    """A string of HTML that Jupyter displays as rendered HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def _title(m: Match) -> str:
    parts = [f"{CATEGORY_LABELS.get(m.category, m.category)} · weight {m.weight:g}"]
    if m.measure == "stance":
        parts[0] += " · stance (how the outlet distances itself; not loaded language)"
    context = "; ".join(RULE_NOTES.get(r, r) for r in m.rule.split("+") if r)
    if context:
        parts.append(("Counted: " if m.counted else "Not counted: ") + context)
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
    elif m.negated:
        style = (
            f"background:none;border-bottom:2px solid {color};color:inherit;padding:0 1px;"
            "text-decoration:line-through;text-decoration-color:#777"
        )
    elif not m.counted:
        style = (
            f"background:{tint(color, 0.15)};border-bottom:2px dashed {color};"
            "color:inherit;padding:0 1px"
        )
    else:
        style = (
            f"background:{tint(color, 0.35)};border-bottom:2px solid {color};"
            "color:inherit;padding:0 1px;border-radius:2px"
        )
    extra = " bk-quoted" if m.voice != "own" else ""
    extra += " bk-negated" if m.negated else ""
    return (
        f'<mark class="bk bk-{m.category}{extra}" data-category="{m.category}" '
        f'data-voice="{m.voice}" data-weight="{m.weight:g}" '
        f'title="{html.escape(_title(m), quote=True)}" '
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
        'color:#555">dashed: someone else\'s words (not counted) · struck through: negated</span>'
    )
    return (
        f'<div class="bk-legend" style="font-size:0.85em;margin:0 0 0.6em 0">{"".join(items)}</div>'
    )


def render_html(s: Any, *, title: str | None = None, legend: bool = True) -> HTML:
    """The scored text ``s`` as self-contained HTML."""
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
        f"{s.n_words:,} words · "
        f"{sum(1 for m in s.matches if m.counted and m.measure == 'loaded')} "
        f"loaded expressions in the outlet's own voice · "
        f"{s.loaded_per_1k:.1f} per 1,000 words · stance {s.stance_per_1k:.1f} per 1,000 "
        f"words</div>"
    )
    return HTML(
        '<div class="biaskit-highlight" style="line-height:1.7;max-width:52em;'
        'font-size:1.05em">'
        f"{head}{summary}{legend_html() if legend else ''}"
        f"<div class='bk-text'><p style='margin:0 0 0.8em 0'>{body}</p></div></div>"
    )
