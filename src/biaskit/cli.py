"""Command line: ``biaskit score``, ``biaskit lexicon check|table``, ``biaskit evaluate``.

Bad input exits with status 2 and one line naming the file and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="biaskit", description="Find and explain loaded language in news text.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("score", help="score articles: a file, a folder, a CSV or JSONL corpus")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", help="write one row per document to FILE.csv or FILE.jsonl")
    p.add_argument("--lexicon", action="append", help="extra lexicon file (YAML or CSV)")
    p.add_argument(
        "--replace-lexicon",
        action="store_true",
        help="use only the --lexicon files, not the packaged lexicon",
    )
    p.add_argument("--text", help="name of the text column in a CSV/JSONL corpus")
    p.add_argument("--outlet", help="name of the outlet column in a CSV/JSONL corpus")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default utf-8)")
    p.add_argument(
        "--include-quoted", action="store_true", help="count words inside quotations too"
    )
    p.add_argument("--no-sentiment", action="store_true", help="skip TextBlob sentiment")
    p.add_argument(
        "--matches",
        action="store_true",
        help="with --out: write one row per match instead of per document",
    )

    lex = sub.add_parser("lexicon", help="check a lexicon file or print the lexicon table")
    lsub = lex.add_subparsers(dest="lexicon_command", required=True, parser_class=_Parser)
    chk = lsub.add_parser("check", help="validate lexicon files (YAML or CSV)")
    chk.add_argument("files", nargs="+", metavar="FILE")
    tab = lsub.add_parser("table", help="write the lexicon as a Markdown table")
    tab.add_argument("--out", help="output file (default: standard output)")
    tab.add_argument("--lexicon", action="append", help="extra lexicon file")

    ev = sub.add_parser("evaluate", help="agreement with human annotation (BABE layout)")
    ev.add_argument("file")
    ev.add_argument("--lexicon", action="append", help="extra lexicon file")
    ev.add_argument("--text", default=None, help="sentence column (generic CSV)")
    ev.add_argument("--label", default=None, help="bias label column (generic CSV)")
    ev.add_argument("--words", default=None, help="biased-words column (generic CSV)")
    ev.add_argument(
        "--baselines",
        action="store_true",
        help="also compute TextBlob/VADER baselines where installed",
    )
    ev.add_argument("--out", help="write the summary table as Markdown to this file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``biaskit`` command."""
    args = _build_parser().parse_args(argv)
    from biaskit.corpus import CorpusError
    from biaskit.lexicon import LexiconError

    try:
        if args.command == "score":
            return _score(args)
        if args.command == "lexicon":
            return _lexicon(args)
        if args.command == "evaluate":
            return _evaluate(args)
    except (CorpusError, LexiconError, KeyError, ValueError, OSError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"biaskit: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _lexicon_from(args: argparse.Namespace):
    from biaskit.lexicon import load_lexicon

    if not getattr(args, "lexicon", None):
        return load_lexicon()
    mode = "replace" if getattr(args, "replace_lexicon", False) else "extend"
    return load_lexicon(args.lexicon, mode=mode)


def _score(args: argparse.Namespace) -> int:
    import pandas as pd

    from biaskit.corpus import load_corpus
    from biaskit.scored import match_frame, score_frame

    lexicon = _lexicon_from(args)
    frames = []
    for path in args.paths:
        frames.append(load_corpus(path, text=args.text, outlet=args.outlet, encoding=args.encoding))
    corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    dup = corpus["id"].duplicated()
    if dup.any():
        raise ValueError(f"duplicate id {corpus.loc[dup, 'id'].iloc[0]!r} across the inputs")
    if args.matches:
        out = match_frame(corpus, lexicon=lexicon)
    else:
        out = score_frame(
            corpus,
            lexicon=lexicon,
            include_quoted=args.include_quoted,
            sentiment=not args.no_sentiment,
            keep_text=False,
        )
    if args.out:
        target = Path(args.out)
        if target.suffix.lower() == ".csv":
            out.to_csv(target, index=False)
        elif target.suffix.lower() in (".jsonl", ".ndjson"):
            out.to_json(target, orient="records", lines=True, date_format="iso")
        else:
            raise ValueError(f"{target}: --out must end in .csv or .jsonl")
        print(f"wrote {len(out)} rows to {target}")
        return 0
    if args.matches:
        print(out.to_string(index=False))
        return 0
    cols = ["id", "outlet", "n_words", "loaded", "loaded_per_1k", "n_label", "n_scare_quote"]
    with pd.option_context("display.width", 120, "display.max_colwidth", 40):
        print(out[cols].round(2).to_string(index=False))
    return 0


def _lexicon(args: argparse.Namespace) -> int:
    from biaskit.lexicon import Lexicon, LexiconError, load_lexicon, read_lexicon_file

    if args.lexicon_command == "check":
        entries = []
        for f in args.files:
            got = read_lexicon_file(f)
            entries.extend(got)
            print(f"{f}: {len(got)} entries ok")
        try:
            Lexicon(entries, name="check")
            load_lexicon(args.files)
        except LexiconError as exc:
            print(f"biaskit: error: {exc}", file=sys.stderr)
            return 2
        return 0
    from biaskit.lexicon_table import lexicon_markdown

    md = lexicon_markdown(_lexicon_from(args) if args.lexicon else load_lexicon())
    if args.out:
        Path(args.out).write_text(md, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(md)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from biaskit.evaluate import evaluate, load_annotated

    data = load_annotated(args.file, text=args.text, label=args.label, words=args.words)
    report = evaluate(data, lexicon=_lexicon_from(args), baselines=args.baselines)
    md = report.to_markdown()
    if args.out:
        Path(args.out).write_text(md, encoding="utf-8")
        print(f"wrote {args.out}")
    print(md)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
