"""One place to make outside text safe wherever biaskit shows it.

Outlet names, titles, lexicon notes and article text come from outside. Shown raw, an outlet
called ``<img src=x onerror=...>`` runs script in an exported notebook, ``*x*`` turns italic,
``$\\foo$`` becomes (broken) mathematics in a chart or a Markdown cell, and ``\\x1b[31m``
recolours a terminal. Each renderer gets one function here:

- :func:`html` for HTML (text and attribute values),
- :func:`markdown` for Markdown (every Markdown and HTML special character),
- :func:`mpl_text` for matplotlib titles, labels, ticks and legends (no mathtext),
- :func:`terminal` for text printed to a terminal (control characters made visible).

Jupyter typesets ``$...$`` with MathJax even in rendered HTML and Markdown, after any
escaping is undone. :data:`NO_MATH_CLASS` is the class MathJax (versions 2 and 3) skips:
put it on the element that holds escaped text.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any

__all__ = ["NO_MATH_CLASS", "html", "markdown", "mpl_text", "no_math", "terminal"]

#: CSS classes MathJax 2 (``tex2jax_ignore``) and 3 (``mathjax_ignore``) leave untouched.
NO_MATH_CLASS = "tex2jax_ignore mathjax_ignore"

# Characters with a meaning anywhere in a line of Markdown (CommonMark emphasis, code, links,
# GitHub tables and strikethrough, Jupyter's $ maths): each is written with a backslash, which
# every CommonMark renderer turns back into the character itself.
_MD_PUNCTUATION = set("\\`*_[]|~$")
# Characters that only mean something at the start of a line (heading, list, quote, rule).
_MD_LINE_START = re.compile(r"^(\s*\d+(?=[.)])|\s*(?=[#+=-]))")
# Characters with a meaning in HTML: written as entities (a backslash would not stop a tag
# in every renderer).
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def html(text: Any) -> str:
    """``text`` (anything, turned into a string) escaped for HTML text and attribute values."""
    return _html.escape(str(text), quote=True)


def markdown(text: Any) -> str:
    """``text`` escaped for inline Markdown: it renders literally.

    HTML specials become entities; Markdown punctuation (``\\ ` * _ [ ] ~``, ``|`` for
    tables, ``$`` for Jupyter's maths, and a heading or list marker at the start) gets a
    backslash; line breaks become spaces, so a name cannot end a list item or a table row.
    Control characters are shown as escapes.
    """
    s = _NEWLINES.sub(" ", terminal(_NEWLINES.sub(" ", str(text))))
    out = []
    for ch in s:
        if ch in _HTML_ENTITIES:
            out.append(_HTML_ENTITIES[ch])
        elif ch in _MD_PUNCTUATION:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\", "".join(out), count=1)


def no_math(content: str, *, tag: str = "div") -> str:
    """Already-escaped HTML (or Markdown) inside an element MathJax skips.

    For Markdown the content is set off by blank lines, so it is still read as Markdown.
    """
    return f'<{tag} class="{NO_MATH_CLASS}">\n\n{content}\n\n</{tag}>'


def mpl_text(text: Any) -> str:
    """``text`` for a matplotlib label: every ``$`` escaped, so mathtext never starts.

    Matplotlib shows ``\\$`` as ``$`` in plain text; line breaks are kept (they wrap labels).
    """
    return terminal(str(text), keep="\n").replace("$", r"\$")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def terminal(text: Any, *, keep: str = "") -> str:
    """``text`` with control characters (ESC, bell, carriage return, bidi overrides ...)
    shown as Python escapes (``\\x1b``), so printing it cannot move the cursor or recolour
    the terminal. Characters in ``keep`` (e.g. ``"\\n"``) are left as they are.
    """

    def show(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in keep:
            return ch
        return ch.encode("unicode_escape").decode("ascii")

    return _CONTROL.sub(show, str(text))
