"""``build_site(out)``: the lesson as a static, self-contained folder of HTML pages.

It works from a USB stick, an LMS upload or a ``file://`` address: every page carries its
own CSS and JavaScript, links are relative, and no page asks for anything from outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from biaskit.lesson.pdf import find_chromium, print_pdfs
from biaskit.lesson.site_data import LessonData, lesson_data
from biaskit.lesson.site_pages import (
    article_page,
    class_page,
    index_page,
    key_page,
    story_page,
    worksheet_page,
)

__all__ = ["SiteBuild", "build_site"]

#: The site's own sub-folders and files, replaced on every build.
SUBFOLDERS = (("articles", "*.html"), ("stories", "*.html"), ("worksheets", "*.html"),
              ("keys", "*.html"), ("pdf", "*.pdf"))  # fmt: skip


@dataclass
class SiteBuild:
    """What :func:`build_site` wrote."""

    out: Path
    pages: list[Path]
    pdfs: list[Path]
    data: LessonData

    def __str__(self) -> str:
        size = sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())
        return (
            f"wrote {len(self.pages)} pages and {len(self.pdfs)} PDFs to {self.out} "
            f"({size / 1e6:.1f} MB); open {self.out / 'index.html'}"
        )


def _write(path: Path, text: str, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path)


def build_site(
    out: str | Path, *, sources: list[Path] | None = None, pdf: bool = False
) -> SiteBuild:
    """Write the lesson site to ``out`` (created if needed).

    ``sources``: corpus paths (default: the shipped English, Russian and Ukrainian articles).
    ``pdf``: also print every worksheet and key to ``out/pdf/`` with headless Chromium
    (raises :class:`biaskit.lesson.pdf.ChromiumMissing` when there is none).
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file, not a folder")
    if pdf:
        find_chromium()  # fail before the build, not after it
    data = lesson_data(sources)
    for folder, pattern in SUBFOLDERS:  # pages of an earlier build (a story may be gone)
        for old in (out / folder).glob(pattern):
            old.unlink()
    pages: list[Path] = []
    _write(out / "index.html", index_page(data), pages)
    _write(out / "class.html", class_page(data), pages)
    to_print: list[tuple[Path, Path]] = []
    for story, arts in data.stories.items():
        s = data.story_slugs[story]
        _write(out / "stories" / f"{s}.html", story_page(data, story), pages)
        for kind, make in (("worksheets", worksheet_page), ("keys", key_page)):
            target = out / kind / f"{s}.html"
            _write(target, make(data, story), pages)
            to_print.append((target, out / "pdf" / f"{s}-{kind[:-1]}.pdf"))
        for a in arts:
            _write(out / "articles" / f"{a.slug}.html", article_page(data, a), pages)
    pdfs = print_pdfs(to_print) if pdf else []
    return SiteBuild(out, pages, pdfs, data)
