"""Command line: ``biaskit score``, ``biaskit lexicon check|table``, ``biaskit evaluate``,
``biaskit lesson build``.

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

    p = sub.add_parser(
        "score", help="score articles: files or folders of articles, CSV, TSV, JSONL, JSON, Parquet"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--out", help="write one row per document to FILE.csv, .tsv, .jsonl or .parquet"
    )
    p.add_argument("--lexicon", action="append", help="extra lexicon file (YAML or CSV)")
    p.add_argument(
        "--replace-lexicon",
        action="store_true",
        help="use only the --lexicon files, not the packaged lexicon",
    )
    for column in ("text", "outlet", "date", "id", "title", "story"):
        p.add_argument(f"--{column}", help=f"name of your {column} column or field")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input (default utf-8)")
    p.add_argument(
        "--errors",
        choices=("raise", "collect"),
        default="raise",
        help="raise: stop at the first bad document (default); collect: skip bad documents, "
        "report counts and write them to a rejects file",
    )
    p.add_argument(
        "--rejects",
        help="with --errors collect: the rejects file (default: beside --out, or rejects.csv)",
    )
    p.add_argument(
        "--no-csv-escape",
        action="store_true",
        help="write CSV cells starting with = + - @ as they are (default: prefix them with ')",
    )
    p.add_argument("--batch-size", type=int, default=1000, help="documents per batch")
    p.add_argument(
        "--include-quoted", action="store_true", help="count words inside quotations too"
    )
    p.add_argument("--no-sentiment", action="store_true", help="skip TextBlob sentiment")
    p.add_argument(
        "--matches",
        action="store_true",
        help="write or print one row per match instead of per document",
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

    les = sub.add_parser("lesson", help="build the classroom lesson site")
    lesub = les.add_subparsers(dest="lesson_command", required=True, parser_class=_Parser)
    bld = lesub.add_parser(
        "build", help="write a static lesson site (works offline, from a USB stick or file://)"
    )
    bld.add_argument("out", metavar="OUT", help="folder to write the site to")
    bld.add_argument(
        "--corpus",
        action="append",
        help="corpus folder or file (repeatable; default: the shipped en, ru and uk articles)",
    )
    bld.add_argument(
        "--pdf", action="store_true", help="also print worksheets and keys to PDF (Chromium)"
    )
    return parser


def _say(text: str, file=None) -> None:
    """Print with control characters escaped (file names and data may hold any)."""
    from biaskit.schema import escape

    print("\n".join(escape(line) for line in str(text).split("\n")), file=file or sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``biaskit`` command."""
    args = _build_parser().parse_args(argv)
    from biaskit.corpus import CorpusError
    from biaskit.lexicon import LexiconError
    from biaskit.schema import clip

    try:
        if args.command == "score":
            return _score(args)
        if args.command == "lexicon":
            return _lexicon(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "lesson":
            return _lesson(args)
    except (CorpusError, LexiconError, KeyError, ValueError, OSError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        _say(f"biaskit: error: {clip(str(msg), 600)[1:-1]}", file=sys.stderr)
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


OUT_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")


def _score(args: argparse.Namespace) -> int:
    import pandas as pd

    from biaskit.corpus import iter_corpus
    from biaskit.docframe import documents_frame
    from biaskit.scored import match_frame
    from biaskit.stream import ScoreWriter, iter_scores

    target = Path(args.out) if args.out else None
    if target is not None and target.suffix.lower() not in OUT_SUFFIXES:
        raise ValueError(f"{target}: --out must end in .csv, .tsv, .jsonl or .parquet")
    lexicon = _lexicon_from(args)
    mapping = {c: getattr(args, c) for c in ("text", "outlet", "date", "id", "title", "story")}
    stream = iter_corpus(args.paths, **mapping, encoding=args.encoding, errors=args.errors)
    if args.matches:
        batches = (
            match_frame(documents_frame(docs), lexicon=lexicon)
            for docs in _chunks(stream, args.batch_size)
        )
    else:
        batches = iter_scores(
            stream,
            batch_size=args.batch_size,
            lexicon=lexicon,
            include_quoted=args.include_quoted,
            sentiment=not args.no_sentiment,
        )
    n = 0
    if target is not None:
        writer = ScoreWriter(target, csv_escape=not args.no_csv_escape)
        try:
            for batch in batches:
                writer.write(batch)
                n += len(batch)
        finally:
            writer.close()
        _say(f"wrote {n} rows to {target}")
    else:
        cols = ["id", "outlet", "n_words", "loaded", "loaded_per_1k", "n_label", "n_scare_quote"]
        kept = [b if args.matches else b[cols] for b in batches]
        table = pd.concat(kept, ignore_index=True) if kept else pd.DataFrame()
        n = len(table)
        with pd.option_context("display.width", 120, "display.max_colwidth", 40):
            shown = table if args.matches else table.round(2)
            _say(shown.to_string(index=False))
    if args.errors == "collect":
        _report(stream, args, target)
    return 0


def _chunks(stream, size: int):
    """Documents in lists of ``size`` (at least one list, maybe empty)."""
    batch: list = []
    sent = False
    for doc in stream:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch, sent = [], True
    if batch or not sent:
        yield batch


def _report(stream, args: argparse.Namespace, target: Path | None) -> None:
    """Counts of rejected and skipped documents, and the rejects file."""
    import pandas as pd

    from biaskit.stream import ScoreWriter

    rejects = Path(args.rejects) if args.rejects else (
        target.with_name(target.stem + ".rejects.csv") if target else Path("rejects.csv")
    )  # fmt: skip
    table = pd.concat(
        [
            stream.rejected_frame().assign(kind="rejected"),
            stream.skipped_frame().rename(columns={"reason": "error"}).assign(kind="skipped"),
        ],
        ignore_index=True,
    )[["kind", "file", "line", "field", "error"]]
    writer = ScoreWriter(rejects, csv_escape=not args.no_csv_escape)
    try:
        writer.write(table)
    finally:
        writer.close()
    _say(
        f"rejected {len(stream.rejected)} documents, skipped {len(stream.skipped)} files; "
        f"listed in {rejects}",
        file=sys.stderr,
    )


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


def _lesson(args: argparse.Namespace) -> int:
    from biaskit.lesson.site import build_site

    sources = [Path(p) for p in args.corpus] if args.corpus else None
    try:
        built = build_site(args.out, sources=sources, pdf=args.pdf)
    except RuntimeError as exc:  # no Chromium for --pdf, or it could not print
        _say(f"biaskit: error: {exc}", file=sys.stderr)
        return 2
    _say(str(built))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
