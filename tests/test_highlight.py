import re

import biaskit
from biaskit.style import CATEGORY_COLORS


def test_script_in_article_is_escaped():
    html = str(biaskit.highlight('<script>alert("x")</script> The dictator <b>spoke</b>.'))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html


def test_every_counted_match_is_marked_with_category_and_neutral():
    s = biaskit.score("The dictator boasted about the invaders. Reportedly, “peace talks” failed.")
    html = biaskit.highlight(s)
    marks = re.findall(r'<mark class="bk bk-(\w+)[^"]*"[^>]*title="([^"]*)"', html)
    cats = [c for c, _ in marks]
    expected = [m.category for m in s.matches if m.weight > 0]
    assert sorted(cats) == sorted(expected)
    title = dict(marks)["label"]
    assert "Neutral alternative: leader" in title
    assert CATEGORY_COLORS["label"] in html
    assert "http" not in html  # nothing external


def test_nested_scare_quote_keeps_text_intact():
    text = "Lukashenko “boasted” & left."
    html = biaskit.highlight(text)
    plain = re.sub(r"<[^>]+>", "", html.split("class='bk-text'>")[1])
    assert plain == "Lukashenko “boasted” &amp; left."


def test_repr_html_and_paragraphs():
    s = biaskit.score("First para.\n\nSecond para.")
    html = s._repr_html_()
    assert html.count("<p") == 2
    assert biaskit.highlight(s)._repr_html_() == str(biaskit.highlight(s))
