"""Refresh the per-side counts in docs/lexicon-guide.md from the lexicon.

Usage: python scripts/side_counts.py docs/lexicon-guide.md   (run by `make lexicon-table`)
"""

from __future__ import annotations

import sys
from pathlib import Path

import biaskit
from biaskit.sides import with_symmetry_table


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/lexicon-guide.md")
    path.write_text(with_symmetry_table(path.read_text("utf-8"), biaskit.load_lexicon()), "utf-8")


if __name__ == "__main__":
    main()
