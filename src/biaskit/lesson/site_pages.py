"""The pages of the lesson site: the teacher's index (plan, stories, how to use), a page per
story (outlets side by side, numbers, exercises), a guess-then-reveal page per article, a
student worksheet and a teacher key per story (both printable), and the class results page.
"""

from __future__ import annotations

from biaskit.escape import html as esc
from biaskit.lesson.keys import lines_html, story_keys
from biaskit.lesson.site_data import Article, LessonData
from biaskit.lesson.site_html import (
    article_block,
    guess_text,
    invented,
    legend,
    meta_line,
    numbers_table,
    page,
)
from biaskit.lesson.wording import words

__all__ = ["PLAN", "article_page", "class_page", "index_page", "key_page", "story_page",
           "worksheet_page"]  # fmt: skip

#: The 45-minute lesson, start-up included: (minutes, step, what happens).
PLAN: tuple[tuple[str, str, str], ...] = (
    ("0–5", "Start-up",
     "Students open the pack: index.html from the USB stick, the shared folder or the LMS, in "
     "any browser (no installation, no internet). Hand out the printed worksheet. With the "
     "notebook instead (make classroom or Binder), allow 5–10 minutes for it to start."),
    ("5–10", "1 · Predict",
     "Students read only the headlines of one story (worksheet question 1) and guess which "
     "outlet is most loaded."),
    ("10–20", "2 · Guess, then reveal",
     "Each student (or pair) opens one outlet's article, taps the words they find loaded, "
     "presses Reveal, reads the notes of the words they missed, and saves their marks."),
    ("20–30", "3 · Compare",
     "The story page: all outlets side by side. Tap a highlighted word to read why it counts "
     "and what a neutral reporter would write. Read the kit's numbers together."),
    ("30–40", "4 · Exercises",
     "Worksheet questions 2 onwards; answers open on demand on the story page, or use the "
     "printed teacher key."),
    ("40–45", "5 · Class results",
     "Collect the saved marks files; open Class results and load them all: which words did "
     "the class find that the kit did not, and the other way round?"),
)  # fmt: skip


def _story_lang(data: LessonData, story: str) -> str:
    return data.language_of(story)


def index_page(data: LessonData) -> str:
    """The teacher's page: plan with timings, how to use, every story."""
    plan = "".join(
        f"<tr><td>{esc(t)}</td><td>{esc(step)}</td><td>{esc(what)}</td></tr>"
        for t, step, what in PLAN
    )
    rows = []
    for story, arts in data.stories.items():
        s = data.story_slugs[story]
        guess = ", ".join(
            f'<a href="articles/{esc(a.slug)}.html">{esc(a.outlet)}</a>' for a in arts
        )
        rows.append(
            f'<tr><td><a href="stories/{esc(s)}.html">{esc(story)}</a></td>'
            f"<td>{esc(_story_lang(data, story))}</td><td class='num'>{len(arts)}</td>"
            f"<td>{guess}</td><td><a href=\"worksheets/{esc(s)}.html\">worksheet</a> · "
            f'<a href="keys/{esc(s)}.html">key</a></td></tr>'
        )
    body = (
        "<h1>Same event, different words: a lesson on loaded language</h1>"
        "<p>A lesson pack made with biaskit. It runs in any browser from a USB stick, a shared "
        "folder, an LMS upload or a <code>file://</code> address: no server, no installation, "
        "no internet. Nothing leaves the student's computer.</p>"
        "<h2>Lesson plan (45 minutes, start-up included)</h2>"
        "<div class='bk-table-wrap'><table><tr><th>minutes</th><th>step</th>"
        f"<th>what happens</th></tr>{plan}</table></div>"
        "<h2>How to use it</h2><ul>"
        "<li>Copy the whole folder (keep its sub-folders) to a USB stick or a shared drive, or "
        "upload the zipped folder to your LMS. Open <code>index.html</code>.</li>"
        "<li><b>Story pages</b> show every outlet's article side by side. Click or tap a "
        "coloured word to open its note. The table gives the kit's numbers in plain words.</li>"
        "<li><b>Guess, then reveal</b> (the outlet links below): students mark words, press "
        "Reveal, then <i>Save my marks</i> to download a small file. Collect the files (email, "
        "LMS, USB) and load them all on <a href='class.html'>Class results</a>.</li>"
        "<li><b>Worksheets</b> and <b>keys</b> print on paper (use the browser's Print); the "
        "pack may also hold ready PDFs in <code>pdf/</code>.</li>"
        "<li>The articles are written for teaching, by fictional outlets. Where quotes of real "
        "people are invented, the article says so.</li></ul>"
        "<h2>Stories</h2><div class='bk-table-wrap'><table><tr><th>story</th><th>language</th>"
        "<th>outlets</th><th>guess, then reveal</th><th>print</th></tr>"
        f"{''.join(rows)}</table></div>"
    )
    return page("Lesson: same event, different words", body)


def _exercises(data: LessonData, story: str, *, answers: str) -> str:
    """Questions with answers: "details" (on demand), "open" (key) or "none" (worksheet)."""
    lang = _story_lang(data, story)
    w = words(lang)
    parts = []
    for i, k in enumerate(story_keys(data.scored, story, lang), start=1):
        answer = lines_html(k.lines) + (
            f"<p>{esc(k.remark)}</p>" if k.remark else ""
        )
        q = f'<p><b>{i}.</b> {esc(k.exercise.ask(lang))}</p>'
        if answers == "details":
            answer = f"<details><summary>{esc(w['answer'])}</summary>{answer}</details>"
        elif answers == "none":
            answer = '<div class="bk-lines"></div>' * 4
        parts.append(
            f'<div class="bk-question" data-exercise="{esc(k.exercise.id)}">{q}{answer}</div>'
        )
    return "".join(parts)


def story_page(data: LessonData, story: str) -> str:
    """All outlets on ``story`` side by side, the numbers and the exercises."""
    arts = data.stories[story]
    lang = _story_lang(data, story)
    w = words(lang)
    s = data.story_slugs[story]
    cols = "".join(article_block(a, guess_href=f"../articles/{a.slug}.html") for a in arts)
    body = (
        f"<h1>{esc(story)}</h1>"
        f'<p class="bk-no-print"><a href="../worksheets/{esc(s)}.html">Worksheet</a> · '
        f'<a href="../keys/{esc(s)}.html">Teacher key</a></p>'
        f"<h2>{esc(w['numbers'])}</h2>{numbers_table(arts, lang)}"
        f"<h2>{esc(w['read_story'])}</h2>{legend(lang)}<div class='bk-grid'>{cols}</div>"
        f"<h2>{esc(w['exercises'])}</h2>{_exercises(data, story, answers='details')}"
    )
    return page(story, body, lang=lang, depth=1, scripts=("notes.js",), popup=True)


GUESS_WORDS = ("marked", "agree", "miss", "neutral", "none")


def article_page(data: LessonData, a: Article) -> str:
    """Guess, then reveal: mark words, compare with the kit, save the marks."""
    w = words(a.language)
    s = data.story_slugs[a.story]
    payload = {
        "id": a.id, "slug": a.slug, "title": a.title, "outlet": a.outlet,
        "kit": a.kit_json(), "words": {k: w[k] for k in GUESS_WORDS},
    }  # fmt: skip
    counts = "".join(
        f'<div><b id="bk-{k}">0</b>{esc(w[k])}</div>' for k in ("agree", "miss", "extra")
    )
    body = (
        f'<p class="bk-no-print"><a href="../stories/{esc(s)}.html">'
        f'{esc(w["read_story"])}</a></p>'
        f"{meta_line(a)}<p>{esc(w['guess_intro'])}</p>"
        f'<div id="bk-guess" class="bk-guess bk-text" lang="{esc(a.language)}">'
        f"{guess_text(a)}</div>"
        f"{invented(a)}"
        f'<div id="bk-result" hidden><div class="bk-counts">{counts}</div>'
        f'<h2>{esc(w["kit_matches"])}</h2><ol id="bk-kit-list"></ol></div>'
        f'<div class="bk-panel"><span id="bk-marked"></span>'
        f'<button type="button" id="bk-reveal">{esc(w["reveal"])}</button>'
        f'<button type="button" id="bk-clear">{esc(w["clear"])}</button>'
        f'<label>{esc(w["name"])} <input type="text" id="bk-name" maxlength="80"></label>'
        f'<button type="button" id="bk-save">{esc(w["save"])}</button></div>'
    )
    return page(f"{a.outlet}: {a.title}", body, lang=a.language, depth=1,
                scripts=("guess.js",), data=payload)  # fmt: skip


def _headlines(arts: list[Article]) -> str:
    return "<ul>" + "".join(
        f"<li><b>{esc(a.outlet)}</b>: {esc(a.title)}</li>" for a in arts
    ) + "</ul>"


def worksheet_page(data: LessonData, story: str) -> str:
    """The student worksheet for ``story``: headlines and questions with room to write."""
    lang = _story_lang(data, story)
    body = (
        f"<h1>Worksheet · {esc(story)}</h1><p>Name: ____________________ Date: __________</p>"
        f"{_headlines(data.stories[story])}{_exercises(data, story, answers='none')}"
    )
    return page(f"Worksheet: {story}", body, lang=lang, depth=1)


def key_page(data: LessonData, story: str) -> str:
    """The teacher key for ``story``: the numbers and every computed answer."""
    lang = _story_lang(data, story)
    arts = data.stories[story]
    notes = "".join(invented(a) for a in arts)
    body = (
        f"<h1>Teacher key · {esc(story)}</h1>{_headlines(arts)}"
        f"{numbers_table(arts, lang)}{notes}{_exercises(data, story, answers='open')}"
    )
    return page(f"Teacher key: {story}", body, lang=lang, depth=1)


CLASS_WORDS = {
    "students": "Files loaded for this article", "word": "Word",
    "marked_by": "Students who marked it", "kit_flags": "The kit flags it",
    "yes": "yes", "no": "no", "loaded": "{n} of {m} files loaded.",
}  # fmt: skip


def class_page(data: LessonData) -> str:
    """Load the students' marks files and see the class's results per article and word."""
    payload = {
        "articles": {
            a.id: {"title": a.title, "outlet": a.outlet, "story": a.story,
                   "n_chars": len(a.text),
                   "kit": [{k: m[k] for k in ("start", "end", "text")} for m in a.kit_json()]}
            for a in data.articles()
        },
        "words": CLASS_WORDS,
    }  # fmt: skip
    body = (
        "<h1>Class results</h1><p>Choose the students' saved marks files (you can select "
        "several at once). Nothing is uploaded: the files are read in this browser only.</p>"
        '<p><input type="file" id="bk-files" multiple accept=".json,application/json"></p>'
        '<p id="bk-loaded"></p><ul id="bk-errors"></ul><div id="bk-class"></div>'
    )
    return page("Class results", body, scripts=("class.js",), data=payload)
