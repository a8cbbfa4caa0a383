"""Property-based fuzzing of the input layer: any input gives a clean CorpusError or
LexiconError (exit status 2 and one line from the CLI) or a correct result, never another
exception; in collect mode good + rejected + skipped = documents in."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biaskit import CorpusError, load_corpus, read_corpus
from biaskit.cli import main
from biaskit.lexicon import LexiconError, read_lexicon_file

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SUFFIXES = [".csv", ".tsv", ".jsonl", ".json", ".md", ".txt", ".parquet"]
cells = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", " ", '"', '""', "\n", "\r", "now", "2024-01-02", "2023-13-45", "=1+1", "\x00", "text"]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {}, optional={"id": json_values, "text": json_values | st.text(min_size=1),
                  "outlet": json_values | st.text(min_size=1), "date": json_values | cells},
)  # fmt: skip


def write(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / name
    path.write_bytes(data)
    return path


def check_consistent(path: Path, expected_in: int | None = None) -> None:
    """read_corpus never crashes; load_corpus agrees with it; nothing is lost."""
    try:
        result = read_corpus(path)
    except CorpusError:
        try:
            load_corpus(path)
        except CorpusError:
            return
        raise AssertionError("read_corpus refused what load_corpus accepted") from None
    if expected_in is not None:
        assert result.n_in == expected_in, (result.n_in, expected_in, result.rejected)
    if len(result.rejected):
        try:
            load_corpus(path)
        except CorpusError as exc:
            assert str(exc) == result.rejected["error"].iloc[0]
            assert "\n" not in str(exc)
        else:
            raise AssertionError("load_corpus accepted a corpus with rejected documents")
    else:
        assert len(load_corpus(path)) == len(result.docs)


@FAST
@given(data=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data, suffix):
    check_consistent(write("x" + suffix, data))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=6), max_size=8),
       delimiter=st.sampled_from([",", "\t"]))  # fmt: skip
def test_random_csv_loses_nothing(rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)  # "\r\n" ends rows: a bare "\r" is quoted
    writer.writerow(["id", "text", "outlet", "date", "extra"])
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8", "surrogatepass")
    blank = sum(1 for r in rows if len(r) == 1 and r[0] and not r[0].strip()
                and not set(r[0]) & {"\n", "\r", delimiter})  # fmt: skip
    expected = max(len(rows) - blank, 1)  # a header-only file is one rejected entry
    check_consistent(write("x.csv" if delimiter == "," else "x.tsv", data), expected)


@FAST
@given(lines=st.lists(record | json_values, min_size=1, max_size=8))
def test_random_jsonl_loses_nothing(lines):
    text = "".join(json.dumps(v) + "\n" for v in lines)
    check_consistent(write("x.jsonl", text.encode("utf-8", "surrogatepass")), len(lines))


@FAST
@given(meta=st.dictionaries(st.sampled_from(["id", "outlet", "date", "title", "story", "x"]),
                            json_values | cells, max_size=5),
       body=st.text(max_size=30))  # fmt: skip
def test_random_front_matter(meta, body):
    front = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    data = f"---\n{front}---\n{body}\n".encode("utf-8", "surrogatepass")
    check_consistent(write("x.md", data), 1)


lexicon_items = st.dictionaries(
    st.sampled_from(["term", "category", "weight", "note", "forms", "case_sensitive", "grade"]),
    json_values | cells,
    max_size=6,
)


@FAST
@given(entries=st.lists(lexicon_items, max_size=4), as_csv=st.booleans(),
       junk=st.binary(max_size=60))  # fmt: skip
def test_random_lexicon_files(entries, as_csv, junk):
    if as_csv:
        out = io.StringIO()
        fields = sorted({k for e in entries for k in e}) or ["term"]
        w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows({k: str(v) for k, v in e.items()} for e in entries)
        data = out.getvalue().encode("utf-8", "surrogatepass")
    else:
        data = yaml.safe_dump({"entries": entries}, allow_unicode=True).encode(
            "utf-8", "surrogatepass"
        )
    for content, suffix in ((data, ".csv" if as_csv else ".yaml"), (junk, ".yaml")):
        try:
            read_lexicon_file(write("lex" + suffix, content))
        except LexiconError as exc:
            assert "\n" not in str(exc) or "\n" in content.decode("utf-8", "replace")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=200), suffix=st.sampled_from([".csv", ".jsonl", ".md"]))
def test_cli_exits_0_or_2_with_one_line(data, suffix, capsys):
    path = write("in" + suffix, data)
    for extra in ([], ["--errors", "collect", "--rejects", str(path.parent / "rej.csv")]):
        code = main(["score", str(path), "--no-sentiment", *extra])
        captured = capsys.readouterr()
        assert code in (0, 2)
        if code == 2:
            assert captured.err.count("\n") == 1 and captured.err.startswith("biaskit: error:")
