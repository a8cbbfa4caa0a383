"""The static lesson site: files written, outside text escaped, no external request,
the marks format, and every answer-key claim checked against the articles themselves."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from biaskit import load_corpus, score_corpus
from biaskit.cli import main
from biaskit.lesson import answer_key
from biaskit.lesson.keys import story_keys
from biaskit.lesson.marks import MARKS_SCHEMA, MARKS_VERSION, check_marks
from biaskit.lesson.site import build_site
from biaskit.lesson.site_data import Article, invented_note
from biaskit.lesson.site_html import article_block, script_json

ROOT = Path(__file__).resolve().parents[1]
EVIL_TITLE = "</script><script>alert('title')</script> & \u2028 \u2029 end"
EVIL_OUTLET = '<img src=x onerror="alert(1)"> Outlet'
EVIL_STORY = "evil<b>story</b>"
EVIL_TEXT = (
    "BRAVO — The dictator spoke. </script><script>alert(2)</script> The regime "
    "boasted about its “victory”.\n\nA second paragraph with <u>under</u> and $x$."
)


def _article_md(path: Path, front: dict, text: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + text + "\n",
                    encoding="utf-8")  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A site from one real story, one Russian article and a hostile story with two outlets."""
    src = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "corpus" / "peace-talks", src / "peace-talks")
    shutil.copy(ROOT / "corpus-ru-uk" / "ru-state-agency-depot.md", src / "ru.md")
    evil = src / "evil"
    evil.mkdir()
    for i, outlet in enumerate((EVIL_OUTLET, "Plain Outlet")):
        _article_md(evil / f"a{i}.md", {
            "id": f"evil/../{i}<x>", "outlet": outlet, "date": "2024-01-0" + str(i + 1),
            "title": EVIL_TITLE, "story": EVIL_STORY, "language": "en",
            "invented_quotes": "<b>Jane</b> Doe, John Roe" if i == 0 else "",
        }, EVIL_TEXT)  # fmt: skip
    out = tmp_path_factory.mktemp("site") / "lesson"
    return build_site(out, sources=[src])


def _pages(site) -> dict[str, str]:
    return {str(p.relative_to(site.out)): p.read_text(encoding="utf-8") for p in site.pages}


def test_every_page_is_written(site):
    names = set(_pages(site))
    assert {"index.html", "class.html"} <= names
    stories = set(site.data.stories)
    assert stories == {"peace-talks", "depot-drone-strike", EVIL_STORY}
    for story in stories:
        s = site.data.story_slugs[story]
        assert {f"stories/{s}.html", f"worksheets/{s}.html", f"keys/{s}.html"} <= names
    assert len([n for n in names if n.startswith("articles/")]) == len(site.data.articles())
    # file names stay inside the site whatever the ids say
    assert all(p.resolve().is_relative_to(site.out.resolve()) for p in site.pages)
    assert not list(site.out.rglob("*..*"))


def test_any_number_of_outlets_per_story(site):
    pages = _pages(site)
    for story, arts in site.data.stories.items():
        page = pages[f"stories/{site.data.story_slugs[story]}.html"]
        assert page.count('<article class="bk-article"') == len(arts)
    assert len(site.data.stories["peace-talks"]) == len(list((ROOT / "corpus/peace-talks").glob(
        "*.md"))) - 1  # fmt: skip  (STORY.md is not an article)


def test_hostile_text_is_escaped_everywhere(site):
    for name, page in _pages(site).items():
        assert "<img src=x" not in page, name
        assert "alert('title')</script>" not in page, name
        assert "<script>alert(" not in page, name
        assert "<b>Jane</b>" not in page, name
        assert "<u>under</u>" not in page and "<b>story</b>" not in page, name
        for blob in re.findall(r'<script type="application/json" id="bk-data">(.*?)</script>',
                               page, flags=re.S):  # fmt: skip
            assert "</" not in blob and "\u2028" not in blob and "\u2029" not in blob, name
            json.loads(blob)


def test_hostile_title_round_trips_through_the_page_data(site):
    evil = next(a for a in site.data.articles() if a.outlet == EVIL_OUTLET)
    page = (site.out / "articles" / f"{evil.slug}.html").read_text(encoding="utf-8")
    blob = re.search(r'id="bk-data">(.*?)</script>', page, flags=re.S).group(1)
    data = json.loads(blob)
    assert data["title"] == EVIL_TITLE and data["outlet"] == EVIL_OUTLET
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Outlet" in page


def test_a_hostile_note_is_escaped():
    note = '<script>alert("note")</script>'
    a = Article(
        id="x", slug="x", outlet="O", story="s", title="t", date="", language="en",
        text="The regime fell.", n_words=3, loaded_per_1k=0, stance_per_1k=0, n_loaded=1,
        invented="", kit=[0],
        shown=[{"start": 4, "end": 10, "text": "regime", "category": "label", "label": "L",
                "style": "own", "whose": "w", "note": note, "neutral": '"><svg onload=x>'}],
    )  # fmt: skip
    html = article_block(a, guess_href='"><b>')
    assert "<script>" not in html and "<svg" not in html and 'href=""><b>' not in html
    assert 'href="&quot;&gt;&lt;b&gt;"' in html
    assert "&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;" in html
    assert "\\u003c/script\\u003e" in script_json(a.kit_json())


def test_no_page_asks_for_anything_outside(site):
    external = re.compile(r"""(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:[a-z]+:|//)""",
                          re.I)  # fmt: skip
    for name, page in _pages(site).items():
        assert not external.search(page), (name, external.search(page).group())
        assert "http://" not in page and "https://" not in page, name
        assert "@import" not in page and "url(" not in page, name
        assert "<link" not in page and "<iframe" not in page, name


def test_invented_quotes_note_is_shown(site):
    evil = next(a for a in site.data.articles() if a.outlet == EVIL_OUTLET)
    names = "<b>Jane</b> Doe, John Roe"
    assert evil.invented == f"Quotes attributed to {names} are invented for teaching."
    story = _pages(site)[f"stories/{site.data.story_slugs[EVIL_STORY]}.html"]
    assert "Quotes attributed to &lt;b&gt;Jane&lt;/b&gt; Doe, John Roe are invented" in story
    plain = next(a for a in site.data.articles() if a.outlet == "Plain Outlet")
    assert plain.invented == ""
    ru = next(a for a in site.data.articles() if a.language == "ru")
    assert ru.invented == invented_note(True, "ru") and "придуманы" in ru.invented
    assert invented_note("false", "en") == "" and invented_note(None, "en") == ""


def test_ru_articles_get_legend_and_notes_in_russian(site):
    page = _pages(site)[f"stories/{site.data.story_slugs['depot-drone-strike']}.html"]
    assert 'lang="ru"' in page
    assert "Цвета:" in page and "Ярлык" in page and "Оценочных слов на 1000 слов" in page
    assert ">К уроку</a>" in page and "Lesson home" not in page  # the navigation too
    ru = site.data.stories["depot-drone-strike"][0]
    assert any(re.search("[а-я]", m["note"]) for m in ru.shown)


def test_notes_give_the_neutral_alternative(site):
    arts = site.data.stories["peace-talks"]
    with_alt = [m for a in arts for m in a.shown if m["neutral"]]
    assert len(with_alt) > 5
    story = _pages(site)["stories/peace-talks.html"]
    assert story.count("Neutral alternative:") == len(with_alt)


def test_numbers_have_plain_column_names(site):
    for name, page in _pages(site).items():
        assert "loaded_per_1k" not in page and "stance_per_1k" not in page, name
        assert "offsets" not in page, name
    story = _pages(site)["stories/peace-talks.html"]
    assert "Loaded words per 1,000 words" in story
    assert "Careful/distancing sourcing (stance) per 1,000 words" in story


def test_worksheet_has_no_answers_and_key_has_them(site):
    pages = _pages(site)
    worksheet, key = pages["worksheets/peace-talks.html"], pages["keys/peace-talks.html"]
    keys = story_keys(site.data.scored, "peace-talks")
    some_answer = next(line.strip() for k in keys for line in k.lines if ":" in line)
    assert some_answer.split(":")[0] in key
    assert "@media print" in worksheet and "<details>" not in key
    assert 'class="bk-lines"' in worksheet and 'class="bk-lines"' not in key
    for k in keys:
        for line in k.lines:
            assert line.strip() not in worksheet


def test_plan_includes_start_up(site):
    index = _pages(site)["index.html"]
    assert "Start-up" in index and "0–5" in index


def test_marks_schema():
    lengths = {"a": 100}
    good = {"schema": MARKS_SCHEMA, "version": MARKS_VERSION, "article": "a", "name": "Kim",
            "marks": [{"start": 4, "end": 10, "text": "regime"}]}  # fmt: skip
    assert check_marks(good, lengths) is None
    assert check_marks([], lengths) and check_marks({**good, "schema": "x"}, lengths)
    assert "article" in check_marks({**good, "article": "b"}, lengths)
    for bad in ({"start": 4, "end": 4, "text": "x"}, {"start": -1, "end": 2, "text": "x"},
                {"start": 90, "end": 101, "text": "x"}, {"start": 1.0, "end": 2, "text": "x"},
                {"start": 1, "end": 2, "text": 3}, "x"):  # fmt: skip
        problem = check_marks({**good, "marks": [bad]}, lengths)
        assert problem == "mark 1 is not a word of the article"
    # the page's scripts write and check the same format
    assets = ROOT / "src" / "biaskit" / "lesson" / "site_assets"
    guess, klass = (assets / "guess.js").read_text(), (assets / "class.js").read_text()
    assert f'schema: "{MARKS_SCHEMA}", version: {MARKS_VERSION}' in guess
    assert f'obj.schema !== "{MARKS_SCHEMA}" || obj.version !== {MARKS_VERSION}' in klass
    assert "innerHTML" not in guess + klass + (assets / "notes.js").read_text()


def test_missing_chromium_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BIASKIT_CHROMIUM", str(tmp_path / "no-chromium"))
    assert main(["lesson", "build", str(tmp_path / "out"), "--pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Chromium" in err[0] and "BIASKIT_CHROMIUM" in err[0]
    assert not (tmp_path / "out").exists()


# --- every answer-key claim, checked against the article text -----------------------------


def _check_claims(scored, story: str) -> int:
    texts = dict(zip(scored.docs["id"], scored.docs["text"], strict=True))
    n = 0
    for k in story_keys(scored, story):
        for c in k.claims:
            text = texts[c.doc_id].lower()
            for w in c.words:
                found = re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text)
                assert bool(found) == c.uses, (story, k.exercise.id, c)
                n += 1
    return n


def test_every_key_claim_holds_in_the_shipped_corpus(scored_corpus):
    n = sum(_check_claims(scored_corpus, s) for s in scored_corpus.docs["story"].unique())
    assert n > 50


def test_every_key_claim_holds_in_the_ru_uk_articles():
    folder = ROOT / "corpus-ru-uk"
    files = sorted(p for p in folder.glob("*.md") if not p.name.startswith("README"))
    scored = score_corpus(load_corpus(files))
    for story in scored.docs["story"].unique():
        _check_claims(scored, story)


def test_the_peace_talks_key_says_who_names_kyiv(scored_corpus):
    naming = next(k for k in story_keys(scored_corpus, "peace-talks") if k.exercise.id == "naming")
    docs = scored_corpus.docs.set_index("id")
    for c in naming.claims:
        if "Kyiv" in c.words or "Kiev" in c.words:
            text = docs.loc[c.doc_id, "text"]
            assert c.uses == bool(re.search(r"\bKyiv\b|\bKiev\b", text, re.I)), c


def test_notebook_05_keys_are_computed_not_written(scored_corpus):
    nb = json.loads((ROOT / "notebooks" / "05_classroom_lesson.ipynb").read_text())
    cells = nb["cells"]
    params = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    story = next(
        n.value.value for n in ast.parse("".join(params["source"])).body
        if isinstance(n, ast.Assign) and n.targets[0].id == "story"
    )  # fmt: skip
    key_cells = [c for c in cells if "lesson.answer_key(" in "".join(c["source"])]
    assert len(key_cells) == 1
    stored = "".join(key_cells[0]["outputs"][0]["data"]["text/html"])
    assert stored == str(answer_key(scored_corpus, story)), "re-run notebook 05: its key is stale"
    for c in cells:
        if c["cell_type"] == "markdown":
            text = "".join(c["source"])
            assert "<details>" not in text, "an answer key written by hand in notebook 05"
            assert "every other outlet" not in text


def test_a_rebuild_replaces_old_pages_and_keeps_other_files(tmp_path):
    src = tmp_path / "corpus"
    src.mkdir()
    _article_md(src / "a.md", {"id": "one", "outlet": "O", "title": "T", "story": "s",
                               "language": "en"}, "The regime fell.")  # fmt: skip
    out = tmp_path / "site"
    (out / "stories").mkdir(parents=True)
    (out / "stories" / "gone.html").write_text("old")
    (out / "my-notes.txt").write_text("mine")
    built = build_site(out, sources=[src])
    assert not (out / "stories" / "gone.html").exists()
    assert (out / "my-notes.txt").read_text() == "mine"
    assert (out / "stories" / "s.html").is_file() and len(built.pages) == 6


def test_key_lines_nest_and_are_escaped():
    from biaskit.lesson.keys import lines_html

    html = lines_html(["Kiev / Kyiv:", "  <b>Outlet</b>: Kyiv", "Plain line"])
    assert html == ("<ul><li>Kiev / Kyiv:<ul><li>&lt;b&gt;Outlet&lt;/b&gt;: Kyiv</li></ul></li>"
                    "<li>Plain line</li></ul>")  # fmt: skip
    assert lines_html([]) == ""


def test_story_numbers_name_both_measures_plainly(scored_corpus):
    from biaskit.lesson import story_numbers

    t = story_numbers(scored_corpus.docs, "peace-talks")
    assert list(t.columns) == ["Outlet", "Words", "Loaded words per 1,000 words",
                               "Careful/distancing sourcing (stance) per 1,000 words"]  # fmt: skip
    rates = t["Loaded words per 1,000 words"].tolist()
    assert rates == sorted(rates, reverse=True) and len(t) >= 6
    with pytest.raises(ValueError, match="no story"):
        story_numbers(scored_corpus.docs, "nope")
