"""The static lesson site in a real browser, opened from file:// like a USB stick.

Every test fails on any request that is not file:, data: or blob: (the saved-marks download is
a blob: link made in the page). Screenshots land in build/ui/lesson-*.png.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SHOTS
from playwright.sync_api import Browser, BrowserContext, Page, expect

from biaskit.lesson.marks import check_marks
from biaskit.lesson.pdf import print_pdfs
from biaskit.lesson.site import SiteBuild, build_site

LOCAL = ("file:", "data:", "blob:")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    return build_site(tmp_path_factory.mktemp("lesson") / "lesson")


class Offline:
    """A browser context that records (and blocks) every request leaving the machine."""

    def __init__(self, browser: Browser, **options) -> None:
        self.outside: list[str] = []
        self.context: BrowserContext = browser.new_context(accept_downloads=True, **options)
        self.context.set_default_timeout(15_000)
        self.context.on("request", self._seen)
        self.context.route(re.compile(r"^(?!file:|data:|blob:)"), lambda r: r.abort())

    def _seen(self, request) -> None:
        if not request.url.startswith(LOCAL):
            self.outside.append(request.url)

    def page(self, path: Path) -> Page:
        page = self.context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.js_errors = errors  # type: ignore[attr-defined]
        page.goto(path.resolve().as_uri())
        return page


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    o = Offline(browser, viewport={"width": 1280, "height": 900})
    yield o
    o.context.close()
    assert not o.outside, f"requests left the machine: {o.outside}"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Offline]:
    o = Offline(browser, **PHONE)
    yield o
    o.context.close()
    assert not o.outside, f"requests left the machine: {o.outside}"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"lesson-{name}.png"), full_page=True)


def _article_with_kit(site: SiteBuild, at_least: int = 3):
    return next(a for a in site.data.articles() if len(a.kit) >= at_least and a.language == "en")


def test_every_kind_of_page_opens_offline(site: SiteBuild, offline: Offline) -> None:
    story = next(iter(site.data.stories))
    ru = next(s for s, arts in site.data.stories.items() if arts[0].language == "ru")
    paths = [site.out / "index.html", site.out / "class.html",
             site.out / "stories" / f"{site.data.story_slugs[story]}.html",
             site.out / "stories" / f"{site.data.story_slugs[ru]}.html",
             site.out / "worksheets" / f"{site.data.story_slugs[story]}.html",
             site.out / "keys" / f"{site.data.story_slugs[story]}.html",
             site.out / "articles" / f"{site.data.articles()[0].slug}.html"]  # fmt: skip
    for path in paths:
        page = offline.page(path)
        expect(page.locator("main h1, main h3").first).to_be_visible()
        assert not page.js_errors, (path, page.js_errors)  # type: ignore[attr-defined]
    page = offline.page(site.out / "index.html")
    expect(page.get_by_role("cell", name="Start-up", exact=True)).to_be_visible()
    _shot(page, "index")
    # every link of the index leads to a page that exists
    for href in page.locator("a[href]").evaluate_all("as => as.map(a => a.href)"):
        assert href.startswith("file:"), href
        assert Path(href.removeprefix("file://").split("#")[0]).is_file(), href


def test_tap_a_highlighted_word_and_read_its_note(site: SiteBuild, phone: Offline) -> None:
    story = "peace-talks" if "peace-talks" in site.data.stories else next(iter(site.data.stories))
    page = phone.page(site.out / "stories" / f"{site.data.story_slugs[story]}.html")
    mark = page.locator("mark.bk-label").first
    mark.scroll_into_view_if_needed()
    note_id = mark.get_attribute("data-note")
    expected = page.locator(f"li#{note_id}").text_content()
    pop = page.locator("#bk-pop")
    expect(pop).to_be_hidden()
    mark.tap()
    expect(pop).to_be_visible()
    shown = pop.locator(".bk-pop-body").inner_text()
    assert mark.inner_text().strip() in shown
    assert shown.split() == (expected or "").split()
    assert re.search(r"counted", shown), shown
    assert "Neutral alternative:" in shown, shown
    box = pop.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # fits the phone
    _shot(page, "story-phone-note")
    page.locator(".bk-pop-close").tap()
    expect(pop).to_be_hidden()


def _spans(page: Page) -> list[dict]:
    return page.locator("#bk-guess .w").evaluate_all(
        "ss => ss.map((s, i) => ({i, s: +s.dataset.s, e: +s.dataset.e, t: s.textContent}))"
    )


def _data(page: Page) -> dict:
    return json.loads(page.locator("#bk-data").text_content() or "{}")


def _mark_two_kit_words_and_one_other(page: Page) -> tuple[list[int], dict]:
    data, spans = _data(page), _spans(page)
    kit = data["kit"]

    def hits(sp: dict, k: dict) -> bool:
        return sp["s"] < k["end"] and k["start"] < sp["e"]

    chosen = [next(sp["i"] for sp in spans if hits(sp, k)) for k in kit[:2]]
    other = next(sp["i"] for sp in spans if not any(hits(sp, k) for k in kit))
    for i in [*chosen, other]:
        page.locator("#bk-guess .w").nth(i).click()
    return [*chosen, other], data


def test_mark_reveal_and_count_agreement(site: SiteBuild, offline: Offline) -> None:
    a = _article_with_kit(site)
    page = offline.page(site.out / "articles" / f"{a.slug}.html")
    marked, data = _mark_two_kit_words_and_one_other(page)
    expect(page.locator("#bk-guess .w.marked")).to_have_count(3)
    expect(page.locator("#bk-marked")).to_have_text("Words you marked: 3")
    # a second tap unmarks, a third marks again
    page.locator("#bk-guess .w").nth(marked[-1]).click()
    expect(page.locator("#bk-guess .w.marked")).to_have_count(2)
    page.locator("#bk-guess .w").nth(marked[-1]).click()
    expect(page.locator("#bk-result")).to_be_hidden()
    page.locator("#bk-reveal").click()
    expect(page.locator("#bk-result")).to_be_visible()
    n_kit = len(data["kit"])
    assert n_kit == len(a.kit)
    expect(page.locator("#bk-agree")).to_have_text("2")
    expect(page.locator("#bk-miss")).to_have_text(str(n_kit - 2))
    expect(page.locator("#bk-extra")).to_have_text("1")
    items = page.locator("#bk-kit-list li")
    expect(items).to_have_count(n_kit)
    expect(page.locator("#bk-kit-list li.agree")).to_have_count(2)
    first = a.shown[a.kit[0]]
    expect(items.first).to_contain_text(first["note"])
    expect(items.first).to_contain_text(first["label"])
    expect(page.locator("#bk-guess .w.extra")).to_have_count(1)
    assert page.locator("#bk-guess .w.miss").count() >= n_kit - 2
    _shot(page, "guess-revealed")


def test_save_marks_and_load_them_on_the_class_page(
    site: SiteBuild, offline: Offline, tmp_path: Path
) -> None:
    a = _article_with_kit(site)
    page = offline.page(site.out / "articles" / f"{a.slug}.html")
    _mark_two_kit_words_and_one_other(page)
    page.locator("#bk-name").fill('Kim <b>"K"</b>')
    with page.expect_download() as dl:
        page.locator("#bk-save").click()
    saved = tmp_path / dl.value.suggested_filename
    dl.value.save_as(saved)
    assert saved.name.startswith(f"marks-{a.slug}-") and saved.suffix == ".json"
    marks = json.loads(saved.read_text(encoding="utf-8"))
    lengths = {x.id: len(x.text) for x in site.data.articles()}
    assert check_marks(marks, lengths) is None
    assert marks["article"] == a.id and marks["name"] == 'Kim <b>"K"</b>'
    assert len(marks["marks"]) == 3
    for m in marks["marks"]:
        assert a.text[m["start"] : m["end"]] == m["text"]

    # a second student marked only the first kit word; two files are broken
    k0 = a.shown[a.kit[0]]
    other = {**marks, "name": "Lee", "marks": [{"start": k0["start"], "end": k0["end"],
                                                "text": k0["text"]}]}  # fmt: skip
    (tmp_path / "lee.json").write_text(json.dumps(other), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "wrong.json").write_text(json.dumps({**marks, "article": "nope"}), "utf-8")

    klass = offline.page(site.out / "class.html")
    klass.locator("#bk-files").set_input_files(
        [saved, tmp_path / "lee.json", tmp_path / "broken.json", tmp_path / "wrong.json"]
    )
    expect(klass.locator("#bk-loaded")).to_have_text("2 of 4 files loaded.")
    errors = klass.locator("#bk-errors li")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("broken.json: is not a JSON file")
    expect(errors.nth(1)).to_contain_text("wrong.json: its article is not in this lesson pack")
    section = klass.locator(f'section[data-article="{a.id}"]')
    expect(section).to_contain_text('Kim <b>"K"</b>, Lee')  # shown as text, not HTML
    assert section.locator("b").count() == 0
    rows = section.locator("tr.kit")
    expect(rows).to_have_count(len(a.kit))
    first = rows.filter(has_text=k0["text"]).first
    expect(first.locator("td").nth(1)).to_have_text("2")
    expect(first.locator("td").nth(2)).to_have_text("yes")
    expect(section.locator("tr.extra")).to_have_count(1)
    expect(section.locator("tr.extra td").nth(1)).to_have_text("1")
    expect(section.locator("tr.extra td").nth(2)).to_have_text("no")
    _shot(klass, "class-results")


def test_worksheet_prints_to_pdf(site: SiteBuild, offline: Offline) -> None:
    story = next(iter(site.data.stories))
    s = site.data.story_slugs[story]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pairs = [(site.out / "worksheets" / f"{s}.html", SHOTS / f"lesson-{s}-worksheet.pdf"),
             (site.out / "keys" / f"{s}.html", SHOTS / f"lesson-{s}-key.pdf")]  # fmt: skip
    for _, pdf in pairs:
        pdf.unlink(missing_ok=True)
    for pdf in print_pdfs(pairs):
        assert pdf.is_file() and pdf.stat().st_size > 1000
        assert pdf.read_bytes()[:4] == b"%PDF"
    # the print stylesheet hides the navigation and the buttons
    page = offline.page(site.out / "worksheets" / f"{s}.html")
    page.emulate_media(media="print")
    expect(page.locator("nav")).to_be_hidden()
    expect(page.locator(".bk-question").first).to_be_visible()
