"""Refresh the per-side counts in docs/lexicon-guide.md from the lexicons of every language.

Usage: python scripts/side_counts.py docs/lexicon-guide.md   (run by `make lexicon-table`)
"""

from __future__ import annotations

import sys
from pathlib import Path

from biaskit.sides import packaged_lexicons, with_symmetry_table


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/lexicon-guide.md")
    path.write_text(with_symmetry_table(path.read_text("utf-8"), packaged_lexicons()), "utf-8")


if __name__ == "__main__":
    main()
