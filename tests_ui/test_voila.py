"""`make classroom`: Voila serves notebook 05 as a no-code app; its widgets work.

Voila runs on a loopback port on a copy of the notebook and the corpus (so the committed
notebook is never touched), with its code hidden. The test waits for the port with a plain TCP
connect (every page request starts a kernel, so it does not poll with HTTP), opens the app,
changes the Story dropdown and sees the article change. The server's process group is stopped
at the end, kernels included. Screenshots: build/ui/voila-05*.png.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SHOTS, _free_port
from playwright.sync_api import Browser, Page, expect

pytest.importorskip("voila", reason="voila is in the classroom extra: make setup")

NOTEBOOK = "05_classroom_lesson.ipynb"
START_TIMEOUT = 90  # s until the port answers; usually a few seconds
RENDER_TIMEOUT_MS = 240_000  # the notebook runs in full before the widgets show (about 30 s)


def _stop(proc: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("voila")
    (base / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / NOTEBOOK, base / "notebooks" / NOTEBOOK)
    shutil.copytree(REPO / "corpus", base / "corpus")
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        (base / var.lower()).mkdir()
        env[var] = str(base / var.lower())
    port = _free_port()
    log = base / "voila.log"
    cmd = [sys.executable, "-m", "voila", NOTEBOOK, "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=base / "notebooks", env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"voila exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            with socket.socket() as s:
                s.settimeout(1)
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"voila not up after {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def app(voila: str, browser: Browser) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1300, "height": 900})
    ctx.set_default_timeout(30_000)
    page = ctx.new_page()
    page.goto(voila, timeout=RENDER_TIMEOUT_MS, wait_until="domcontentloaded")
    page.locator(".widget-dropdown select").first.wait_for(timeout=RENDER_TIMEOUT_MS)
    yield page
    ctx.close()


def _text(page: Page) -> str:
    return "\n".join(page.locator(".widget-interact .biaskit-highlight .bk-text").all_inner_texts())


def test_code_is_hidden_and_the_lesson_shows(app: Page) -> None:
    body = app.locator("body").inner_text()
    assert "Lesson plan" in body and "Start-up" in body
    assert "lesson.article_explorer(" not in body and "import biaskit" not in body
    assert app.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    assert "Traceback" not in body
    expect(app.locator(".bk-exercises details").first).to_be_attached()


def test_story_dropdown_changes_the_article(app: Page) -> None:
    story = app.locator(".widget-dropdown").filter(has_text="Story").locator("select")
    story.scroll_into_view_if_needed()
    before = _text(app)
    assert before, "no highlighted article under the dropdowns"
    current = story.input_value()
    other = next(v for v in story.locator("option").evaluate_all("os => os.map(o => o.value)")
                 if v != current)  # fmt: skip
    story.select_option(value=other)
    deadline = time.monotonic() + 30
    while _text(app) in ("", before):
        assert time.monotonic() < deadline, "the article did not change within 30 s"
        time.sleep(0.2)
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.screenshot(path=str(SHOTS / "voila-05-story-changed.png"), full_page=True)
    assert "Traceback" not in app.locator("body").inner_text()


def test_make_classroom_runs_voila_on_notebook_05() -> None:
    makefile = Path(REPO / "Makefile").read_text()
    assert "classroom: setup" in makefile and f"voila {NOTEBOOK}" in makefile
