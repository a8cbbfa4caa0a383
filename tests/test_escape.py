"""biaskit.escape: outside text shown literally in HTML, Markdown, charts and terminals."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from biaskit import escape

IMG = "<img src=x onerror=alert(1)>"


def render_markdown(md: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(md)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (IMG, "&lt;img src=x onerror=alert(1)&gt;"),
        ("*x* and _y_", "*x* and _y_"),
        ("`code`", "`code`"),
        ("a | b", "a | b"),
        ("[link](javascript:alert(1))", "[link](javascript:alert(1))"),
        ("# not a heading", "# not a heading"),
        ("1. not a list", "1. not a list"),
        ("- not a list", "- not a list"),
        ("~~struck~~", "~~struck~~"),
        ("AT&T", "AT&amp;T"),
    ],
)
def test_markdown_renders_literally(text, shown):
    html = render_markdown(escape.markdown(text))
    assert html.strip() == f"<p>{shown}</p>"


def test_markdown_keeps_one_line_and_shows_control_characters():
    md = escape.markdown("first\nsecond\r\nthird \x1b[31mred")
    assert "\n" not in md and "\x1b" not in md
    assert render_markdown(md).strip() == "<p>first second third \\x1b[31mred</p>"


def test_markdown_dollars_are_escaped_and_kept_from_mathjax():
    md = escape.markdown("$\\foo$")
    assert md == "\\$\\\\foo\\$"
    html = render_markdown(escape.no_math(md))
    assert "$\\foo$" in html and escape.NO_MATH_CLASS in html


def test_markdown_table_cell_stays_in_its_cell():
    row = f"| {escape.markdown('a | b')} | {escape.markdown('c')} |"
    html = render_markdown("| x | y |\n|---|---|\n" + row)
    assert html.count("<td>") == 2
    assert "<td>a | b</td>" in html


def test_html_escapes_text_and_attributes():
    assert escape.html(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape.html("\"quoted\" & 'single'") == "&quot;quoted&quot; &amp; &#x27;single&#x27;"


def test_mpl_text_never_starts_mathtext():
    fig, ax = plt.subplots()
    ax.set_title(escape.mpl_text("$\\foo$ costs $5"))
    ax.set_xlabel(escape.mpl_text("plain"))
    fig.canvas.draw()  # an unescaped "$\foo$" raises here: \foo is no mathtext symbol
    title = ax.title
    assert title.get_text() == "\\$\\foo\\$ costs \\$5"


def test_mpl_text_keeps_line_breaks_and_shows_control_characters():
    assert escape.mpl_text("a\nb\x1b[31m") == "a\nb\\x1b[31m"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("bell\x07", "bell\\x07"),
        ("over\rwrite", "over\\rwrite"),
        ("right\u202eto left", "right\\u202eto left"),
        ("two\nlines", "two\\nlines"),
        ("plain Kyiv, Київ", "plain Kyiv, Київ"),
    ],
)
def test_terminal_shows_control_characters(text, shown):
    assert escape.terminal(text) == shown


def test_terminal_keeps_what_it_is_told():
    assert escape.terminal("a\nb\tc", keep="\n") == "a\nb\\tc"


def test_lexicon_table_escapes_entries(tmp_path):
    from biaskit.lexicon import load_lexicon
    from biaskit.lexicon_table import lexicon_markdown

    (tmp_path / "label.yaml").write_text(
        "category: label\n"
        "entries:\n"
        "- term: hostile\n"
        "  forms: [hostile]\n"
        "  weight: 1\n"
        "  neutral: ['a | b']\n"
        "  note: |-\n"
        "    Pipes | break tables, <img src=x onerror=alert(1)>, `ticks`, *stars*, $\\foo$\n"
        "    and a second line.\n",
        encoding="utf-8",
    )
    md = lexicon_markdown(load_lexicon(tmp_path / "label.yaml", mode="replace"))
    row = next(line for line in md.splitlines() if line.startswith("| **hostile**"))
    html = render_markdown(
        "| term | forms | weight | neutral | why |\n|---|---|---|---|---|\n" + row
    )
    assert html.count("<td>") == 5
    assert "<img" not in html and "<code>" not in html and "<em>" not in html
    assert "Pipes | break tables" in html and "and a second line." in html
