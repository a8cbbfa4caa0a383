"""Building blocks of the lesson site's pages: the page shell (CSS and JavaScript inlined,
no external request), an article with its highlighted words and notes, the legend, the kit's
numbers, and the text as words a student can mark.

Every text from the corpus is escaped (:func:`biaskit.escape.html`); data for the page's
scripts is JSON in a ``<script type="application/json">`` element with ``<``, ``>``, ``&``,
U+2028 and U+2029 escaped, so no text can end the element.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from biaskit.escape import html as esc
from biaskit.lesson.site_data import Article
from biaskit.lesson.wording import words
from biaskit.style import CATEGORY_COLORS, tint

__all__ = [
    "article_block",
    "asset",
    "guess_text",
    "legend",
    "numbers_table",
    "page",
    "script_json",
]

_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}  # fmt: skip


@cache
def asset(name: str) -> str:
    """A file of ``site_assets/`` (CSS or JavaScript), as text."""
    return resources.files("biaskit.lesson").joinpath("site_assets", name).read_text("utf-8")


def script_json(obj: Any) -> str:
    """``obj`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _category_css() -> str:
    rules = []
    for cat, color in CATEGORY_COLORS.items():
        rules.append(
            f"mark.bk-{cat}{{background:{tint(color, 0.35)};border-bottom:2px solid {color}}}"
            f"mark.bk-{cat}.bk-other,mark.bk-{cat}.bk-neg{{background:{tint(color, 0.12)}}}"
            f".sw.bk-{cat}{{background:{tint(color, 0.6)};border-bottom:2px solid {color}}}"
        )
    return "".join(rules)


def page(
    title: str,
    body: str,
    *,
    lang: str = "en",
    depth: int = 0,
    scripts: tuple[str, ...] = (),
    data: Any = None,
    popup: bool = False,
) -> str:
    """A whole HTML page: ``body`` is HTML already; ``title`` is plain text."""
    up = "../" * depth
    w = words(lang)
    nav = (
        f'<header class="bk-top"><nav><a href="{up}index.html">{esc(w["nav_home"])}</a>'
        f'<a href="{up}class.html">{esc(w["nav_class"])}</a></nav></header>'
    )
    pop = (
        f'<div id="bk-pop" class="bk-pop" role="dialog" aria-live="polite" hidden>'
        f'<button type="button" class="bk-pop-close">{esc(w["close"])}</button>'
        '<div class="bk-pop-body"></div></div>'
        if popup
        else ""
    )
    blob = (
        f'<script type="application/json" id="bk-data">{script_json(data)}</script>'
        if data is not None
        else ""
    )
    js = "".join(f"<script>{asset(s)}</script>" for s in scripts)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{asset('site.css')}{_category_css()}</style>"
        f"</head><body>{nav}<main>{body}</main>{pop}{blob}{js}</body></html>\n"
    )


def _paragraphs(escaped: str) -> str:
    body = _PARA_RE.sub("</p><p>", escaped).replace("\n", "<br>")
    return f"<p>{body}</p>"


def legend(lang: str) -> str:
    """The colour legend in ``lang``."""
    w = words(lang)
    items = "".join(
        f'<span class="bk-item"><span class="sw bk-{esc(c)}"></span>{esc(w.get("cat_" + c, c))}'
        "</span>"
        for c in CATEGORY_COLORS
    )
    return (
        f'<div class="bk-legend"><b>{esc(w["legend"])}</b>{items}'
        f'<br><span>{esc(w["legend_styles"])}</span></div>'
    )


def _mark(a: Article, i: int, m: dict[str, Any]) -> str:
    return (
        f'<mark class="bk bk-{esc(m["category"])} bk-{esc(m["style"])}" tabindex="0" '
        f'role="button" data-note="n-{esc(a.slug)}-{i}" data-category="{esc(m["category"])}">'
    )


def highlighted(a: Article) -> str:
    """The article's text with every shown match marked (nested matches kept when they nest)."""
    text, pieces, pos, stack = a.text, [], 0, []
    for i, m in enumerate(a.shown):
        while stack and stack[-1] <= m["start"]:
            end = stack.pop()
            pieces.append(esc(text[pos:end]) + "</mark>")
            pos = end
        if m["start"] < pos or (stack and m["end"] > stack[-1]):
            continue  # crosses an open mark: cannot nest, listed in the notes only
        pieces.append(esc(text[pos : m["start"]]) + _mark(a, i, m))
        pos = m["start"]
        stack.append(m["end"])
    while stack:
        end = stack.pop()
        pieces.append(esc(text[pos:end]) + "</mark>")
        pos = end
    pieces.append(esc(text[pos:]))
    return _paragraphs("".join(pieces))


def notes_list(a: Article) -> str:
    """Every highlighted word of ``a`` with its note (the click targets of the marks)."""
    w = words(a.language)
    items = []
    for i, m in enumerate(a.shown):
        neutral = f' <span>{esc(w["neutral"])} {esc(m["neutral"])}</span>' if m["neutral"] else ""
        items.append(
            f'<li id="n-{esc(a.slug)}-{i}"><b>{esc(m["text"])}</b> — <i>{esc(m["label"])}</i>. '
            f'<span>{esc(m["whose"])}</span> <span>{esc(m["note"])}</span>{neutral}</li>'
        )
    return (
        f'<details class="bk-notes-box"><summary>{esc(w["notes"])} ({len(items)})</summary>'
        f'<ol class="bk-notes">{"".join(items)}</ol></details>'
    )


def meta_line(a: Article) -> str:
    """ "Outlet · date" and the title, escaped."""
    return (
        f'<div class="bk-meta">{esc(a.outlet)}{" · " + esc(a.date) if a.date else ""}</div>'
        f"<h3>{esc(a.title)}</h3>"
    )


def invented(a: Article) -> str:
    """The visible note on invented quotes, when the article has one."""
    return f'<p class="bk-invented">{esc(a.invented)}</p>' if a.invented else ""


def article_block(a: Article, *, guess_href: str) -> str:
    """One article as a column of the story page: heading, highlighted text, notes."""
    w = words(a.language)
    return (
        f'<article class="bk-article" lang="{esc(a.language)}" data-article="{esc(a.id)}">'
        f"{meta_line(a)}"
        f'<p class="bk-no-print"><a href="{esc(guess_href)}">{esc(w["guess_link"])} '
        f"{esc(a.outlet)}</a></p>"
        f'<div class="bk-text">{highlighted(a)}</div>{invented(a)}{notes_list(a)}</article>'
    )


def numbers_table(articles: list[Article], lang: str) -> str:
    """The kit's numbers per outlet with plain column names (both measures)."""
    w = words(lang)
    head = "".join(
        f"<th>{esc(w[k])}</th>"
        for k in ("outlet", "words", "n_loaded", "loaded_per_1k", "stance_per_1k")
    )
    rows = "".join(
        f"<tr><td>{esc(a.outlet)}</td><td class='num'>{a.n_words:,}</td>"
        f"<td class='num'>{a.n_loaded}</td><td class='num'>{a.loaded_per_1k:.1f}</td>"
        f"<td class='num'>{a.stance_per_1k:.1f}</td></tr>"
        for a in sorted(articles, key=lambda x: (-x.loaded_per_1k, x.outlet))
    )
    table = f'<table class="bk-numbers"><tr>{head}</tr>{rows}</table>'
    return f'<div class="bk-table-wrap">{table}</div>'


def guess_text(a: Article) -> str:
    """The article's text, every word a span a student can mark (offsets in data-s, data-e)."""
    pieces, pos = [], 0
    for s, e in a.word_spans():
        pieces.append(esc(a.text[pos:s]))
        pieces.append(f'<span class="w" data-s="{s}" data-e="{e}">{esc(a.text[s:e])}</span>')
        pos = e
    pieces.append(esc(a.text[pos:]))
    return _paragraphs("".join(pieces))
