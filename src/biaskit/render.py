"""HTML for a scored text: every match coloured by category, with its explanation.

All article text is escaped, so HTML or script inside an article shows as text.
No external CSS, JavaScript or fonts: it renders the same in JupyterLab and in
nbconvert's HTML export. Works on anything with ``text``, ``matches``, ``n_words``
and ``loaded_per_1k`` (a :class:`biaskit.score.Score`), so it imports no scoring code.
"""

from __future__ import annotations

import html
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from biaskit.context import RULE_NOTES
from biaskit.style import CATEGORY_COLORS, CATEGORY_LABELS, tint

if TYPE_CHECKING:
    from biaskit.match import Match

__all__ = ["HTML", "legend_html", "render_html", "ui_words"]

_WORDS_EN = {
    "weight": "weight",
    "stance": "stance (how the outlet distances itself; not loaded language)",
    "counted": "Counted: ",
    "not_counted": "Not counted: ",
    "grade": "Grade",
    "speaker": "speaker",
    "names": "Names",
    "perspective": "perspective",
    "neutral": "Neutral alternative: ",
    "legend_note": "dashed: someone else's words (not counted) · struck through: negated",
    "summary": "{words} words · {loaded} loaded expressions in the outlet's own voice · "
    "{per_1k} per 1,000 words · stance {stance} per 1,000 words",
    "own_words": "the outlet's own words",
}


@cache
def ui_words(language: str = "en") -> dict[str, dict[str, str]]:
    """The interface words of a language pack (``lang/<code>/ui.yaml``), English where missing.

    Keys: ``categories`` (legend labels), ``rules`` (context-rule notes) and ``words``.
    """
    out = {"categories": dict(CATEGORY_LABELS), "rules": dict(RULE_NOTES), "words": dict(_WORDS_EN)}
    path = resources.files("biaskit").joinpath("lang", language, "ui.yaml")
    if path.is_file():
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in out:
            out[key].update({str(k): str(v) for k, v in (doc.get(key) or {}).items()})
    return out

class HTML(str):
    """A string of HTML that Jupyter displays as rendered HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def _title(m: Match, language: str = "en") -> str:
    ui = ui_words(language)
    w, cats, rules = ui["words"], ui["categories"], ui["rules"]
    parts = [f"{cats.get(m.category, m.category)} · {w['weight']} {m.weight:g}"]
    if m.measure == "stance":
        parts[0] += f" · {w['stance']}"
    context = "; ".join(rules.get(r, r) for r in m.rule.split("+") if r)
    if context:
        parts.append((w["counted"] if m.counted else w["not_counted"]) + context)
    if m.grade:
        parts.append(
            f"{w['grade']}: {m.grade}" + (f" · {w['speaker']}: {m.speaker}" if m.speaker else "")
        )
    if m.referent:
        parts.append(f"{w['names']}: {m.referent} · {w['perspective']}: {m.perspective}")
    parts.append(m.note)
    if m.neutral:
        parts.append(w["neutral"] + "; ".join(m.neutral))
    return "\n".join(parts)


def _open_tag(m: Match, language: str = "en") -> str:
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
        f'title="{html.escape(_title(m, language), quote=True)}" '
        f'style="{style}">'
    )


_PARA_RE = re.compile(r"\n[ \t]*\n\s*")


def _escape_text(s: str) -> str:
    out = html.escape(s, quote=False)
    out = _PARA_RE.sub("</p><p style='margin:0 0 0.8em 0'>", out)
    return out.replace("\n", "<br>")


def _shown(m: Match) -> bool:
    return m.weight > 0 or m.category == "naming"


def legend_html(categories: list[str] | None = None, *, language: str = "en") -> str:
    """The colour legend as HTML, in ``language`` where its pack has a ``ui.yaml``."""
    ui = ui_words(language)
    cats = categories or list(CATEGORY_COLORS)
    items = []
    for c in cats:
        color = CATEGORY_COLORS[c]
        items.append(
            f'<span class="bk-legend-item" style="display:inline-block;margin:0 0.9em 0.3em 0;'
            f'white-space:nowrap"><span style="display:inline-block;width:0.9em;height:0.9em;'
            f"background:{tint(color, 0.6)};border-bottom:2px solid {color};"
            f'margin-right:0.3em;vertical-align:middle"></span>'
            f"{html.escape(ui['categories'].get(c, CATEGORY_LABELS[c]))}</span>"
        )
    items.append(
        '<span class="bk-legend-item" style="display:inline-block;white-space:nowrap;'
        f'color:#555">{html.escape(ui["words"]["legend_note"])}</span>'
    )
    return (
        f'<div class="bk-legend" style="font-size:0.85em;margin:0 0 0.6em 0">{"".join(items)}</div>'
    )


def render_html(s: Any, *, title: str | None = None, legend: bool = True) -> HTML:
    """The scored text ``s`` as self-contained HTML."""
    text = s.text
    language = getattr(s, "language", "en")
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
        pieces.append(_open_tag(m, language))
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
    counted = sum(1 for m in s.matches if m.counted and m.measure == "loaded")
    line = ui_words(language)["words"]["summary"].format(
        words=f"{s.n_words:,}", loaded=counted, per_1k=f"{s.loaded_per_1k:.1f}",
        stance=f"{s.stance_per_1k:.1f}",
    )
    summary = (
        f'<div class="bk-summary" style="font-size:0.85em;color:#444;margin:0 0 0.5em 0">'
        f"{html.escape(line, quote=False)}</div>"
    )
    return HTML(
        '<div class="biaskit-highlight" style="line-height:1.7;max-width:52em;'
        'font-size:1.05em">'
        f"{head}{summary}{legend_html(language=language) if legend else ''}"
        f"<div class='bk-text'><p style='margin:0 0 0.8em 0'>{body}</p></div></div>"
    )
