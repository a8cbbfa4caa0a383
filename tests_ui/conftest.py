"""Browser tests: a throwaway JupyterLab server and a headless Chromium driven by Playwright.

Everything runs on copies in a temporary folder (notebooks/, corpus/, Jupyter config, settings,
workspaces, runtime files), so a run never touches the committed notebooks or your own
JupyterLab state. Every wait is bounded; the server is always shut down, kernels included.

Environment knobs (all optional):
  BIASKIT_UI_NOTEBOOKS  folder to copy the notebooks from (default: <repo>/notebooks)
  BIASKIT_UI_CHROMIUM   browser executable (default: /usr/bin/chromium)
  BIASKIT_UI_HEADED=1   show the browser window (needs a display)
  BIASKIT_UI_SLOWMO=ms  slow every browser action down, for watching
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api", reason="run `bash scripts/ui_setup.sh` first")

from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
SHOTS = REPO / "build" / "ui"
CHROMIUM = os.environ.get("BIASKIT_UI_CHROMIUM", "/usr/bin/chromium")
NOTEBOOKS = Path(os.environ.get("BIASKIT_UI_NOTEBOOKS", REPO / "notebooks"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}

SERVER_START_TIMEOUT = 60  # s; usually about 4
KERNEL_IDLE_TIMEOUT_MS = 60_000  # first kernel start, imports included
RUN_ALL_TIMEOUT_MS = 90_000  # usually 8-10 s per notebook
ACTION_TIMEOUT_MS = 15_000

# JupyterLab user settings: no news / update pop-ups, and every cell kept in the DOM
# (no virtual scrolling), so the assertions and the screenshots see the whole notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "scrollPastEnd": False,
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def tree(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> bytes:
        req = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()


def _stop(proc: subprocess.Popen, lab: Lab | None) -> None:
    """Ask the server to shut down (it stops its kernels), then make sure the group is gone."""
    if proc.poll() is None and lab is not None:
        try:
            lab.api("/api/shutdown", method="POST")
            proc.wait(timeout=10)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)  # the server and any kernel it left behind
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def _clear_outputs(path: Path) -> None:
    """Drop stored outputs and prompts, so only what this run renders can pass the tests."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A JupyterLab server on 127.0.0.1 with a random port and token, on a copy of the repo."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    root.mkdir()
    if not NOTEBOOKS.is_dir():
        pytest.fail(f"no notebooks folder at {NOTEBOOKS}")
    shutil.copytree(NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(REPO / "corpus", root / "corpus")
    for nb in (root / "notebooks").glob("*.ipynb"):
        _clear_outputs(nb)

    settings = base / "user-settings"
    for name, values in LAB_SETTINGS.items():
        plugin, _, leaf = name.partition("/")
        ext_dir = settings / plugin / leaf.rpartition("/")[0]
        ext_dir.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values))

    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        (base / var.lower()).mkdir()
        env[var] = str(base / var.lower())  # user-level dirs only; the venv's kernelspec stays
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)

    port = _free_port()
    token = secrets.token_hex(16)
    log = base / "jupyter.log"
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={base / 'workspaces'}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
    server = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"jupyter lab exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
                )
            try:
                server.api("/api/status", timeout=2)
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"jupyter lab not up after {SERVER_START_TIMEOUT} s:\n"
                        f"{log.read_text()[-3000:]}"
                    )
                time.sleep(0.25)
        yield server
    finally:
        _stop(proc, server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium (never a Playwright-downloaded one), fresh profile."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `bash scripts/ui_setup.sh`")
    headed = os.environ.get("BIASKIT_UI_HEADED") == "1"
    args = [a for a in CHROMIUM_ARGS if not (headed and a == "--headless")]
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=not headed,
            args=args,  # Playwright gives launch() a fresh temporary --user-data-dir
            slow_mo=float(os.environ.get("BIASKIT_UI_SLOWMO", "0")),
            timeout=30_000,
        )
        try:
            yield b
        finally:
            b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


_FAILED = pytest.StashKey[bool]()


def shoot(page: Page, name: str) -> Path:
    """Full-page PNG of the notebook in build/ui/<name>.png.

    JupyterLab scrolls inside its own panel, so the window is first made as tall as the notebook.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    hidden = page.evaluate(
        """() => {
            const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const s = nb && (nb.querySelector('.jp-WindowedPanel-outer')
                             || nb.querySelector('.jp-Notebook'));
            return s ? Math.max(0, s.scrollHeight - s.clientHeight) : 0;
        }"""
    )
    size = page.viewport_size or VIEWPORT
    if hidden:
        page.set_viewport_size(
            {"width": size["width"], "height": min(size["height"] + hidden, 16_000)}
        )
        page.evaluate(
            """() => document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer')
                         .forEach(s => { s.scrollTop = 0; })"""
        )
        page.wait_for_timeout(300)
    try:
        page.screenshot(path=path, full_page=True, timeout=ACTION_TIMEOUT_MS)
    finally:
        page.set_viewport_size(size)
    return path


def safe_shoot(page: Page, name: str) -> None:
    """A screenshot for a failure report; never hides the real failure."""
    try:
        print(f"screenshot: {shoot(page, name)}")
    except Exception as exc:
        print(f"screenshot {name} failed: {exc}")


class NotebookRun:
    """A notebook opened in JupyterLab and run with Run > Run All Cells."""

    def __init__(self, page: Page, name: str):
        self.page = page
        self.name = name

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    def open_and_run(self, lab: Lab) -> None:
        page = self.page
        page.goto(lab.tree(self.name), wait_until="domcontentloaded", timeout=30_000)
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=30_000)
        # The kernel status in the status bar, not the toolbar indicator.
        page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\bIdle\b")).wait_for(
            timeout=KERNEL_IDLE_TIMEOUT_MS
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator(".lm-Menu-item").filter(
            has=page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$"))
        ).click()
        page.wait_for_function(
            # Done when every prompt is numeric, or when a cell failed (Run All stops there).
            """() => {
                const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                const ps = [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
                    .map(p => p.textContent.trim());
                if (ps.length > 0 && ps.every(p => /^\\[\\d+\\]:$/.test(p))) return true;
                const failed = [...nb.querySelectorAll(
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                    .some(e => e.innerText.includes('Traceback'));
                return failed && !ps.includes('[*]:');
            }""",
            timeout=RUN_ALL_TIMEOUT_MS,
            polling=250,
        )
        page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\bIdle\b")).wait_for(
            timeout=ACTION_TIMEOUT_MS
        )
        # Let widgets and images finish rendering.
        page.wait_for_function(
            "() => !document.body.innerText.includes('Loading widget...')",
            timeout=ACTION_TIMEOUT_MS,
        )
        page.wait_for_timeout(500)

    def shoot(self, suffix: str = "") -> Path:
        """build/ui/<notebook stem>[-suffix].png"""
        return shoot(self.page, f"{self.stem}-{suffix}" if suffix else self.stem)

    def errors(self) -> list[str]:
        """Text of every output a reader would take for an error."""
        return self.page.evaluate(
            """() => {
                const out = [];
                const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
                for (const el of panel.querySelectorAll(
                        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
                    const t = el.innerText;
                    if (/Traceback|^\\w*(Error|Exception)\\b/m.test(t)) out.push(t.slice(0, 2000));
                }
                for (const el of panel.querySelectorAll('.jp-OutputArea-output')) {
                    if (/Error displaying widget|Model not found/.test(el.innerText))
                        out.push(el.innerText.slice(0, 500));
                }
                for (const el of panel.querySelectorAll('.jp-mod-error, .jp-OutputArea-error'))
                    out.push(el.innerText.slice(0, 500));
                return out;
            }"""
        )


class Runner:
    """Opens and runs each notebook at most once per module; keeps the pages for the tests."""

    def __init__(self, lab: Lab, browser: Browser):
        self.lab = lab
        self.browser = browser
        self.runs: dict[str, NotebookRun] = {}

    def __call__(self, name: str) -> NotebookRun:
        if name in self.runs:
            return self.runs[name]
        if not (self.lab.root / "notebooks" / name).exists():
            pytest.fail(f"notebooks/{name} does not exist (looked in {NOTEBOOKS})")
        ctx = self.browser.new_context(viewport=VIEWPORT)
        ctx.set_default_timeout(ACTION_TIMEOUT_MS)
        run = NotebookRun(ctx.new_page(), f"notebooks/{name}")
        self.runs[name] = run
        try:
            run.open_and_run(self.lab)
        except Exception:
            safe_shoot(run.page, f"{run.stem}-FAILED-run")
            raise
        shoot(run.page, run.stem)
        return run

    def close(self) -> None:
        for run in self.runs.values():
            run.page.context.close()
        # Kernels would otherwise live on until the server stops.
        for session in json.loads(self.lab.api("/api/sessions") or b"[]"):
            with contextlib.suppress(OSError, urllib.error.URLError):
                self.lab.api(f"/api/sessions/{session['id']}", method="DELETE")


@pytest.fixture(scope="module")
def run_notebook(lab: Lab, browser: Browser) -> Iterator[Runner]:
    """`run_notebook("05_x.ipynb")` opens it, runs all cells, shoots build/ui/05_x.png."""
    runner = Runner(lab, browser)
    try:
        yield runner
    finally:
        runner.close()


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if not request.node.stash.get(_FAILED, False) or "run_notebook" not in request.fixturenames:
        return
    runs = [v for v in request.node.funcargs.values() if isinstance(v, NotebookRun)]
    if not runs:
        runs = list(request.getfixturevalue("run_notebook").runs.values())
    test = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    for run in runs:
        safe_shoot(run.page, f"{run.stem}-FAILED-{test}")
