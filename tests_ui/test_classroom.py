"""What a person sees when they open the classroom notebooks in JupyterLab and run them.

Each notebook is opened once (module-scoped) and run with Run > Run All Cells; the tests then
look at the rendered page: highlighted words, hover text, charts, widgets, and no errors.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:
    from conftest import NotebookRun, Runner

WAIT_MS = 15_000

CLASSROOM = "05_classroom_lesson.ipynb"
ONE_ARTICLE = "01_one_article.ipynb"
NOTEBOOKS = [ONE_ARTICLE, CLASSROOM]
TRANSPARENT = {"rgba(0, 0, 0, 0)", "transparent"}


def _panel(page: Page) -> Locator:
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def _article_text(scope: Locator) -> str:
    """Every highlighted article in scope, as the reader sees it."""
    return "\n---\n".join(scope.locator(".biaskit-highlight .bk-text").all_inner_texts())


def _cell_of(element: Locator) -> Locator:
    """The notebook cell an output element belongs to (its widgets and their output)."""
    return element.locator(
        "xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' jp-Cell ')][1]"
    )


def _dropdowns(page: Page) -> Locator:
    """ipywidgets Dropdowns (a <select> with a description label)."""
    return _panel(page).locator(".widget-dropdown")


def _dropdown(page: Page, label: re.Pattern[str]) -> Locator | None:
    for dd in _dropdowns(page).all():
        if label.search(
            dd.locator("label").first.inner_text() if dd.locator("label").count() else ""
        ):
            return dd.locator("select")
    return None


def _choose_other(page: Page, select: Locator) -> str:
    """Pick an option that no dropdown shows yet (so Outlet A never becomes Outlet B)."""
    taken = {s.input_value() for s in _panel(page).locator(".widget-dropdown select").all()}
    options = select.locator("option").all()
    assert len(options) > 1, "the dropdown offers only one choice"
    for opt in options:
        value = opt.get_attribute("value")
        if value not in taken:
            select.select_option(value=value)
            return opt.inner_text()
    raise AssertionError(f"no option left to choose: all of {taken} are taken")


def _wait_for_new_text(scope: Locator, before: str) -> str:
    """Poll (bounded) until the highlighted text in scope is there and differs from before."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        now = _article_text(scope)
        if now and now != before:
            return now
        if time.monotonic() > deadline:
            raise AssertionError(f"the highlighted article did not change within {WAIT_MS} ms")
        time.sleep(0.2)


@pytest.fixture(scope="module", params=NOTEBOOKS)
def notebook(request: pytest.FixtureRequest, run_notebook: Runner) -> NotebookRun:
    return run_notebook(request.param)


@pytest.fixture(scope="module")
def classroom(run_notebook: Runner) -> NotebookRun:
    return run_notebook(CLASSROOM)


@pytest.fixture(scope="module")
def one_article(run_notebook: Runner) -> NotebookRun:
    return run_notebook(ONE_ARTICLE)


def test_every_cell_ran_without_errors(notebook: NotebookRun) -> None:
    errors = notebook.errors()
    assert not errors, "a cell shows an error:\n" + "\n\n".join(errors)
    prompts = _panel(notebook.page).locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    assert prompts, "no code cells rendered"
    not_run = [p for p in prompts if not re.fullmatch(r"\[\d+\]:", p.strip())]
    assert not not_run, f"cells that did not run: {prompts}"


def test_highlighted_words_are_coloured_and_explained(notebook: NotebookRun) -> None:
    page = notebook.page
    marks = _panel(page).locator("mark.bk")
    expect(marks.first).to_be_visible()
    info = marks.evaluate_all(
        """ms => ms.map(m => ({
            cls: m.className,
            category: m.dataset.category,
            weight: parseFloat(m.dataset.weight),
            bg: getComputedStyle(m).backgroundColor,
            border: getComputedStyle(m).borderBottomStyle,
            borderColor: getComputedStyle(m).borderBottomColor,
            title: m.title,
            text: m.innerText,
        }))"""
    )
    assert len(info) >= 3, info
    for m in info:
        assert f"bk-{m['category']}" in m["cls"].split(), m
        if m["weight"] > 0:
            assert m["bg"] not in TRANSPARENT, f"{m['text']!r} has no background colour: {m}"
        else:  # a neutral naming choice: marked only by a dotted underline
            assert m["border"] == "dotted", m
        assert m["borderColor"] not in TRANSPARENT, m
        assert m["title"].strip(), f"{m['text']!r} has no hover text"
    categories = {m["category"] for m in info}
    assert "label" in categories, categories
    assert any(m["cls"].split().count("bk-label") for m in info)
    explained = [m for m in info if "Neutral alternative:" in m["title"]]
    assert explained, "no hover text names a neutral alternative"
    # Different categories get different colours, as the legend promises.
    colours = {m["category"]: m["bg"] for m in info if m["weight"] > 0}
    if len(colours) > 1:
        assert len(set(colours.values())) > 1, colours
    expect(_panel(page).locator(".biaskit-highlight .bk-legend").first).to_be_visible()


def test_hover_shows_the_explanation(notebook: NotebookRun) -> None:
    mark = _panel(notebook.page).locator("mark.bk-label").first
    mark.scroll_into_view_if_needed()
    mark.hover()
    title = mark.get_attribute("title") or ""
    assert re.search(r"Neutral alternative: \S", title), title


def test_one_article_shows_its_charts(one_article: NotebookRun) -> None:
    imgs = _panel(one_article.page).locator(".jp-RenderedImage img")
    if imgs.count() == 0 and not _notebook_makes_charts(one_article):
        pytest.skip("01 draws no charts")
    expect(imgs.first).to_be_visible()
    sizes = imgs.evaluate_all(
        "is => is.map(i => [i.naturalWidth, i.naturalHeight, i.src.slice(0, 22)])"
    )
    for w, h, src in sizes:
        assert w > 100 and h > 100, sizes
        assert src.startswith("data:image/png"), sizes


def _notebook_makes_charts(run: NotebookRun) -> bool:
    editors = _panel(run.page).locator(".jp-CodeCell .jp-InputArea-editor")
    code = "\n".join(editors.all_inner_texts())
    return bool(re.search(r"\bplot\b|\.plot\.|plt\.|matplotlib", code))


@pytest.mark.parametrize("label", ["Story", "Outlet"])
def test_dropdown_changes_the_highlighted_article(classroom: NotebookRun, label: str) -> None:
    page = classroom.page
    select = _dropdown(page, re.compile(rf"^\s*{label}", re.I))
    if select is None:
        labels = [d.inner_text() for d in _dropdowns(page).all()]
        if label == "Story":
            pytest.fail(f"no 'Story' dropdown in {CLASSROOM}; dropdowns: {labels}")
        pytest.skip(f"no {label!r} dropdown in {CLASSROOM}; dropdowns: {labels}")
    select.scroll_into_view_if_needed()
    cell = _cell_of(select)
    before = _article_text(cell)
    assert before, "no highlighted article under the dropdowns before changing them"
    chosen = _choose_other(page, select)
    _wait_for_new_text(cell, before)
    assert cell.locator(".biaskit-highlight .bk-legend").count() > 0
    errors = classroom.errors()
    assert not errors, f"error after choosing {chosen!r}:\n" + "\n\n".join(errors)
    classroom.shoot(f"{label.lower()}-changed")
