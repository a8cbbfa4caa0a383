"""The teaching corpus ships inside the wheel: load_example_corpus works after pip install."""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import biaskit

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_the_example_corpus(tmp_path):
    # build from a copy, so the checkout gets no build/ or egg-info folders
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "src", src / "src", symlinks=True,
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))  # fmt: skip
    shutil.copytree(ROOT / "corpus", src / "corpus")
    shutil.copytree(ROOT / "corpus-ru-uk", src / "corpus-ru-uk")
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", str(src), "--no-deps", "--no-build-isolation", "-w",
                    str(wheels)], check=True, timeout=120)  # fmt: skip
    (wheel,) = wheels.glob("biaskit-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", "--no-index",
                    str(wheel)], check=True, timeout=120)  # fmt: skip
    # pandas & co. from this test environment, after the fresh venv's own site-packages
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(site) / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = str(venv.resolve())
    code = (
        "import biaskit, pathlib; "
        f"assert str(pathlib.Path(biaskit.__file__).resolve()).startswith({home!r}); "
        "df = biaskit.load_example_corpus(); "
        "assert not biaskit.corpus.corpus_path().is_symlink(); "
        "from biaskit.lesson import site_data, site_html, wording; "
        "assert set(biaskit.load_example_corpus('ru-uk')['language']) == {'ru', 'uk'}; "
        "assert len(site_data.default_sources()) == 2, site_data.default_sources(); "
        "assert wording.exercises() and wording.words('ru')['legend']; "
        "assert all(site_html.asset(n) for n in ('site.css', 'notes.js', 'guess.js', 'class.js')); "
        "print(len(df), df['outlet'].nunique())"
    )
    r = subprocess.run([str(python), "-c", code], cwd=elsewhere, capture_output=True, text=True,
                       timeout=120)  # fmt: skip
    assert r.returncode == 0, r.stderr
    here = biaskit.load_corpus(ROOT / "corpus")
    assert r.stdout.split() == [str(len(here)), str(here["outlet"].nunique())]
