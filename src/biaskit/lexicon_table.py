"""A human-readable table of the lexicon for teachers (``make lexicon-table``)."""

from __future__ import annotations

import sys

from biaskit.escape import markdown
from biaskit.lexicon import CATEGORIES, Lexicon, load_lexicon
from biaskit.style import CATEGORY_LABELS

__all__ = ["lexicon_markdown"]

_INTRO = """# The biaskit lexicon

Generated from `src/biaskit/lang/en/lexicon/*.yaml` by `make lexicon-table`: do not edit by hand.
Each entry says why the word is loaded and what a neutral report would say instead. Weights:
0 neutral reference, 0.5 mild, 1 clearly loaded, 1.5 strong, 2-3 dehumanising.
"""


def _cell(text: object) -> str:
    """A table cell: pipes, HTML, backticks, emphasis, ``$`` and line breaks made literal."""
    return markdown("" if text is None else text)


def lexicon_markdown(lexicon: Lexicon | None = None) -> str:
    """The lexicon as Markdown: one section per category, one row per entry."""
    lex = lexicon if lexicon is not None else load_lexicon()
    counts = lex.category_counts()
    out = [
        _INTRO,
        f"{len(lex)} entries: "
        + ", ".join(f"{CATEGORY_LABELS[c].lower()} {counts[c]}" for c in CATEGORIES)
        + ".\n",
    ]
    for cat in CATEGORIES:
        entries = sorted((e for e in lex if e.category == cat), key=lambda e: e.term.lower())
        if not entries:
            continue
        out.append(f"\n## {CATEGORY_LABELS[cat]} (`{cat}`, {len(entries)} entries)\n")
        if cat == "naming":
            out.append("| referent | variant | perspective | weight | neutral | why |")
            out.append("|---|---|---|---|---|---|")
            for e in sorted(entries, key=lambda e: (e.referent or "", e.weight, e.term)):
                out.append(
                    f"| {_cell(e.referent)} | {_cell(', '.join(e.forms))} | "
                    f"{_cell(e.perspective)} | "
                    f"{e.weight:g} | {_cell('; '.join(e.neutral)) or '—'} | "
                    f"{_cell(e.note)} |"
                )
            continue
        grade = cat == "attribution"
        out.append("| term | forms | " + ("grade | " if grade else "") + "weight | neutral | why |")
        out.append("|---|---|" + ("---|" if grade else "") + "---|---|---|")
        for e in entries:
            g = f"{_cell(e.grade)} | " if grade else ""
            out.append(
                f"| **{_cell(e.term)}** | {_cell(', '.join(e.forms))} | {g}{e.weight:g} | "
                f"{_cell('; '.join(e.neutral)) or '—'} | {_cell(e.note)} |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = sys.argv[1] if len(sys.argv) > 1 else None
    md = lexicon_markdown()
    if target:
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(md)
    else:
        sys.stdout.write(md)
