"""Build the API reference from the docstrings with pdoc: ``python scripts/build_docs.py [DIR]``.

Writes HTML into DIR (default build/docs/), one page per public module of biaskit (names
without a leading underscore). Offline by design: no MathJax, no Mermaid (both would load
from a CDN), no source links; search is a local script. A warning while documenting (a
module that fails to import, a docstring pdoc cannot convert) fails the build, and so does any
``src=`` or ``href=`` pointing off the machine other than the "built with pdoc" footer link.
Exits 0 when the reference is written, 1 otherwise.
"""

from __future__ import annotations

import pkgutil
import re
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "docs"
#: The only outside link the pages may hold: pdoc's footer credit (a link, never fetched).
ALLOWED_LINKS = {"https://pdoc.dev"}
#: pdoc warnings that are not failures: a submodule named twice (``biaskit`` already brings
#: the submodules its ``__all__`` names), and annotations written for the type checker only
#: (names imported under ``TYPE_CHECKING``), which pdoc shows as written.
HARMLESS = ("has already been added", "Error parsing type annotation")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)["']""", re.I)


def public_modules() -> list[str]:
    """``biaskit`` and every submodule whose dotted name has no part starting with ``_``."""
    import biaskit

    found = pkgutil.walk_packages(biaskit.__path__, prefix="biaskit.")
    names = [m.name for m in found if not any(p.startswith("_") for p in m.name.split("."))]
    return ["biaskit", *sorted(names)]


def external_links(out: Path) -> list[str]:
    """Outside addresses in ``src=``/``href=`` attributes of the written pages, except
    :data:`ALLOWED_LINKS`, as ``file: address``."""
    bad = []
    for page in sorted(out.rglob("*.html")):
        for address in EXTERNAL.findall(page.read_text(encoding="utf-8")):
            if address not in ALLOWED_LINKS:
                bad.append(f"{page.relative_to(out)}: {address}")
    return bad


def build(out: Path) -> list[str]:
    """Write the reference into ``out``; returns the problems found (empty: success)."""
    import pdoc
    import pdoc.render

    pdoc.render.configure(
        docformat="restructuredtext",
        math=False,
        mermaid=False,
        search=True,
        show_source=False,
        footer_text="biaskit API reference",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*public_modules(), output_directory=out)
    problems = [
        f"{w.category.__name__}: {w.message}"
        for w in caught
        if not any(h in str(w.message) for h in HARMLESS)
    ]
    return problems + external_links(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else DEFAULT_OUT
    start = time.perf_counter()
    problems = build(out)
    for p in problems:
        print(f"build_docs: {p}", file=sys.stderr)
    if problems:
        return 1
    n = len(list(out.rglob("*.html")))
    print(f"build_docs: {n} pages in {out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
