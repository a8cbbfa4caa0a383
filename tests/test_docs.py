"""The API reference (``make docs``, scripts/build_docs.py): which modules, and offline pages.

The full build runs in ``make test`` (before nbval); these tests check its two rules
without running pdoc over the package.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def build_docs():
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_public_modules_are_documented_and_private_ones_not(build_docs):
    names = build_docs.public_modules()
    assert names[0] == "biaskit"
    assert {"biaskit.exporting", "biaskit.scored", "biaskit.lesson.corpus_notes"} <= set(names)
    assert not [n for n in names if any(part.startswith("_") for part in n.split("."))]


def test_pages_that_would_fetch_from_outside_fail(build_docs, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "ok.html").write_text(
        '<a href="https://pdoc.dev">pdoc</a><a href="biaskit/score.html">x</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "bad.html").write_text(
        '<script src="https://cdn.example.org/mathjax.js"></script>'
        "<link href='//fonts.example.org/f.css'>",
        encoding="utf-8",
    )
    found = build_docs.external_links(tmp_path)
    assert found == [
        "sub/bad.html: https://cdn.example.org/mathjax.js",
        "sub/bad.html: //fonts.example.org/f.css",
    ]


def test_make_test_builds_the_docs_before_nbval():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_line = next(line for line in makefile.splitlines() if line.startswith("test:"))
    steps = test_line.split(":", 1)[1].split()
    assert "docs" in steps and steps.index("docs") < steps.index("nbval")
    assert "scripts/build_docs.py build/docs" in makefile
