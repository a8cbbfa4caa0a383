"""Hostile and malformed input: each class of failure is refused by the one input layer,
with one bounded line naming file, line and field, and nothing is lost in collect mode."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import biaskit
from biaskit import CorpusError, iter_corpus, load_corpus, read_corpus
from biaskit.lexicon import LexiconError, read_lexicon_file


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def raises(path, fragment, **kwargs):
    """load_corpus and iter_corpus refuse ``path`` with the same one-line message."""
    with pytest.raises(CorpusError) as a:
        load_corpus(path, **kwargs)
    with pytest.raises(CorpusError) as b:
        list(iter_corpus(path, **kwargs))
    assert str(a.value) == str(b.value)
    assert fragment in str(a.value), str(a.value)
    assert "\n" not in str(a.value) and len(str(a.value)) <= 600
    return a.value


# --- strict CSV --------------------------------------------------------------------


def test_unclosed_quote_is_reported_where_it_opened_and_later_rows_kept(tmp_path):
    p = write(tmp_path / "q.csv", 'text,outlet\nok,A\n"never closed,B\nthree,C\nfour,D\n')
    err = raises(p, 'q.csv:3: CSV error: unexpected end of data (an unclosed quote')
    assert err.line == 3
    result = read_corpus(p)
    assert list(result.docs["text"]) == ["ok", "three", "four"]
    assert list(result.rejected["line"]) == [3]


def test_stray_quote_mid_file_keeps_the_rows_after_it(tmp_path):
    p = write(tmp_path / "q.csv", 'text,outlet\n"a,b" x,A\nfine,"B"\n')
    result = read_corpus(p)
    assert list(result.docs["text"]) == ["fine"]
    assert result.rejected.loc[0, "error"].startswith(f"{p}:2: CSV error")


def test_multiline_fields_are_still_fine(tmp_path):
    p = write(tmp_path / "m.csv", 'text,outlet\n"line one\nline two",A\nnext,B\n')
    df = load_corpus(p)
    assert list(df["text"]) == ["line one\nline two", "next"]
    assert list(df["source"]) == [f"{p}:2", f"{p}:4"]


def test_leading_blank_lines_repeated_header_duplicate_columns(tmp_path):
    assert len(load_corpus(write(tmp_path / "b.csv", "\n  \ntext,outlet\nhi,X\n"))) == 1
    rep = write(tmp_path / "r.csv", "text,outlet\nhi,X\ntext,outlet\nho,Y\n")
    raises(rep, "r.csv:3: repeated header row")
    assert len(read_corpus(rep).docs) == 2
    raises(write(tmp_path / "d.csv", "text,outlet,text\na,X,b\n"), "column 'text' appears twice")
    raises(write(tmp_path / "few.csv", "text,outlet,title\na,X\n"), "fewer values than header")


# --- typed, validated schema ------------------------------------------------------------


def test_mapped_column_must_exist(tmp_path):
    p = write(tmp_path / "x.csv", "body,outlet\nhi,X\n")
    err = raises(p, "x.csv:1: field 'bodyy' (named by text=) not found; columns: body, outlet",
                 text="bodyy")  # fmt: skip
    assert err.field == "bodyy"
    j = write(tmp_path / "x.jsonl", '{"body": "hi", "outlet": "X"}\n')
    raises(j, "x.jsonl:1: field 'bodyy' (named by text=) not found; fields: body, outlet",
           text="bodyy")  # fmt: skip


@pytest.mark.parametrize("value", ["now", "today", "last Tuesday", "2023-13-45", "12/01/2024"])
def test_dates_need_iso_8601(tmp_path, value):
    p = write(tmp_path / "d.csv", f"text,outlet,date\nhi,X,{value}\n")
    err = raises(p, "d.csv:2: field 'date'")
    assert err.field == "date" and err.line == 2


def test_time_zones_are_normalised_to_naive_utc(tmp_path):
    p = write(
        tmp_path / "z.csv",
        "id,text,outlet,date\n"
        "a,x,X,2024-03-01T12:00:00+02:00\nb,x,X,2024-03-01 12:00\nc,x,X,2024-03-01T23:30Z\n"
        "d,x,X,2024-03-01\n",
    )
    dates = load_corpus(p).set_index("id")["date"]
    assert dates.dtype == "datetime64[ns]"
    assert dates["a"] == pd.Timestamp("2024-03-01 10:00")  # aware: to UTC, zone dropped
    assert dates["b"] == pd.Timestamp("2024-03-01 12:00")  # naive: kept
    assert dates["c"] == pd.Timestamp("2024-03-01 23:30")


def test_impossible_front_matter_date_names_file_and_field(tmp_path):
    p = write(tmp_path / "a.md", "---\noutlet: X\ndate: 2023-13-45\n---\nBody.\n")
    err = raises(p, "a.md: field 'date': '2023-13-45' is not a real date")
    assert err.file == str(p) and err.field == "date"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"text": [], "outlet": "X"}, "text"),
        ({"text": "a", "outlet": False}, "outlet"),
        ({"text": "a", "outlet": {"k": 1}}, "outlet"),
        ({"text": "a", "outlet": None}, "outlet"),
        ({"text": "  ", "outlet": "X"}, "text"),
        ({"id": True, "text": "a", "outlet": "X"}, "id"),
        ({"id": [1], "text": "a", "outlet": "X"}, "id"),
        ({"text": "a", "outlet": "X", "title": ["t"]}, "title"),
    ],
)
def test_wrong_types_are_rejected_naming_the_field(tmp_path, row, field):
    p = write(tmp_path / "t.jsonl", json.dumps(row) + "\n")
    err = raises(p, f"t.jsonl:1: field {field!r}")
    assert err.field == field


def test_nan_id_rejected_number_id_stringified(tmp_path):
    p = write(tmp_path / "n.jsonl", '{"id": NaN, "text": "a", "outlet": "X"}\n')
    raises(p, "field 'id' must be text, not nan")
    p = write(tmp_path / "i.jsonl", '{"id": 7, "text": "a", "outlet": "X"}\n')
    assert load_corpus(p).loc[0, "id"] == "7"


def test_our_source_column_never_replaces_the_users(tmp_path):
    p = write(tmp_path / "s.csv", "text,outlet,source\nhi,X,Reuters wire\n")
    df = load_corpus(p)
    assert df.loc[0, "source"] == "Reuters wire"
    assert df.loc[0, "source_line"] == f"{p}:2"
    assert list(df.columns)[-1] == "source_line"
    assert next(iter(iter_corpus(p)))["source"] == "Reuters wire"


# --- safe YAML and JSON ----------------------------------------------------------------


def test_yaml_aliases_anchors_and_duplicate_keys_are_refused(tmp_path):
    bomb = "---\nouter: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\noutlet: X\n---\nBody.\n"
    raises(write(tmp_path / "bomb.md", bomb), "bomb.md:2: malformed front matter: anchors")
    dup = write(tmp_path / "dup.md", "---\noutlet: X\ntitle: A\noutlet: Y\n---\nBody.\n")
    raises(dup, "dup.md:4: malformed front matter: duplicate key 'outlet' (first on line 2)")
    lex = write(tmp_path / "l.yaml", "category: hedge\nentries:\n- term: &t maybe\n  weight: 1\n")
    with pytest.raises(LexiconError, match="anchors"):
        read_lexicon_file(lex)
    lex = write(tmp_path / "k.yaml", "category: hedge\nentries:\n- term: a\n  term: b\n")
    with pytest.raises(LexiconError, match=r"line 4: duplicate key 'term'"):
        read_lexicon_file(lex)


def test_front_matter_and_lexicon_size_caps(tmp_path, monkeypatch):
    big = "---\noutlet: X\nnote: '" + "x" * 70_000 + "'\n---\nBody.\n"
    raises(write(tmp_path / "big.md", big), "the limit is 65,536")
    import biaskit.lexicon as lexicon

    monkeypatch.setattr(lexicon, "MAX_LEXICON_BYTES", 100)
    p = write(tmp_path / "big.yaml", "category: hedge\nentries:\n" + "# pad\n" * 40)
    with pytest.raises(LexiconError, match=r"big.yaml: file is .* MB; a lexicon file may be"):
        read_lexicon_file(p)


def test_deep_json_is_a_corpus_error_not_recursion_error(tmp_path):
    deep = '{"text": "a", "outlet": "X", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n"
    p = write(tmp_path / "deep.jsonl", deep + '{"text": "b", "outlet": "X"}\n')
    raises(p, "deep.jsonl:1: JSON nested deeper than 100 levels")
    assert list(read_corpus(p).docs["text"]) == ["b"]
    raises(write(tmp_path / "deep.json", "[" * 200_000), "JSON nested deeper than 100 levels")
    ok = '{"text": "a", "outlet": "X", "x": ' + "[" * 90 + "]" * 90 + "}\n"
    assert len(load_corpus(write(tmp_path / "ok.jsonl", ok))) == 1


def test_field_size_cap(tmp_path, monkeypatch):
    import biaskit.schema as schema

    monkeypatch.setattr(schema, "MAX_FIELD_CHARS", 50)
    p = write(tmp_path / "f.jsonl", json.dumps({"text": "x" * 60, "outlet": "X"}) + "\n")
    raises(p, "f.jsonl:1: field 'text' has 60 characters (limit 50)")


def test_messages_are_one_bounded_line_with_control_characters_escaped(tmp_path):
    value = "\x1b[31m" + "\n" * 3 + "y" * 5000
    p = write(tmp_path / "c.jsonl", json.dumps({"text": "a", "outlet": "X", "date": value}) + "\n")
    err = raises(p, "field 'date': cannot read '\\x1b[31m\\n\\n\\nyyy")
    assert "\x1b" not in str(err) and "…" in str(err)


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.csv", "a.tsv", "a.jsonl", "a.json", "a.md", "dir"])
def test_unknown_encoding_for_every_format(tmp_path, name):
    p = tmp_path / name
    if name == "dir":
        write(p / "x.md", "Body.")
    else:
        write(p, "text,outlet\nhi,X\n")
    raises(p, "unknown encoding 'bogus'", encoding="bogus")
    raises(p, "unknown encoding 'hex'", encoding="hex")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_work_in_every_text_format(tmp_path, encoding):
    rows = {"text": "Café regime", "outlet": "X"}
    files = {
        "a.csv": "text,outlet\nCafé regime,X\n",
        "a.tsv": "text\toutlet\nCafé regime\tX\n",
        "a.jsonl": json.dumps(rows, ensure_ascii=False) + "\n",
        "a.json": json.dumps([rows], ensure_ascii=False),
        "a.md": "---\noutlet: X\n---\nCafé regime\n",
    }
    for name, text in files.items():
        p = write(tmp_path / name, text.encode(encoding))
        assert load_corpus(p, encoding=encoding).loc[0, "text"] == "Café regime", name


def test_undecodable_byte_and_lone_surrogate_name_file_and_line(tmp_path):
    p = write(tmp_path / "b.csv", b"text,outlet\nfine,X\nCaf\xe9,Y\nok,Z\n")
    err = raises(p, "b.csv:3: not valid utf-8 (byte 0xe9)")
    assert err.line == 3 and len(read_corpus(p).docs) == 2
    lines = '{"text": "a", "outlet": "X"}\n{"text": "\\ud800", "outlet": "X"}\n'
    j = write(tmp_path / "s.jsonl", lines)
    raises(j, "s.jsonl:2: field 'text' contains a lone surrogate")
    m = write(tmp_path / "m.md", b"---\noutlet: X\n---\nline\n\xff\n")
    raises(m, "m.md:5: not valid utf-8 (byte 0xff)")


def test_nul_bytes_anywhere_reject_their_row(tmp_path):
    rows = b"".join(b"row %d,X\n" % i for i in range(3000))  # well past the first 8 KB
    p = write(tmp_path / "n.csv", b"text,outlet\n" + rows + b"bad\x00row,X\nlast,X\n")
    raises(p, "n.csv:3002: contains a NUL character")
    result = read_corpus(p)
    assert len(result.docs) == 3001 and list(result.rejected["line"]) == [3002]
    j = write(tmp_path / "n.jsonl", '{"text": "a\\u0000b", "outlet": "X"}\n')
    raises(j, "n.jsonl:1: field 'text' contains a NUL character")
    raises(write(tmp_path / "bin.md", b"\x89PNG\r\n\x1a\n\x00\x00"), "binary file")


# --- collect mode is loss-free --------------------------------------------------------------


def test_collect_accounts_for_every_document(tmp_path):
    write(tmp_path / "good.md", "---\noutlet: X\n---\nFine.\n")
    write(tmp_path / "empty.csv", "")
    write(tmp_path / "header-only.csv", "text,outlet\n")
    write(tmp_path / "rows.csv", 'text,outlet,date\nok,X,\nbad date,X,now\n"open,X\nafter,X,\n')
    write(tmp_path / "deep.jsonl", '{"text": "a", "outlet": "X", "x": ' + "[" * 500 + "]" * 500
          + '}\n{"text": "b", "outlet": "X"}\n')  # fmt: skip
    write(tmp_path / "README.md", "About this corpus.")
    write(tmp_path / "sub" / "STORY.md", "notes")
    write(tmp_path / "changelog.md", "notes")
    write(tmp_path / ".hidden.md", "---\noutlet: X\n---\nHidden.\n")
    write(tmp_path / ".git" / "config", "x")
    write(tmp_path / "picture.png", b"\x89PNG")
    unreadable = write(tmp_path / "locked.md", "---\noutlet: X\n---\nLocked.\n")
    unreadable.chmod(0)
    try:
        locked = not unreadable.open("rb").close()
    except PermissionError:
        locked = False
    result = read_corpus(tmp_path)
    unreadable.chmod(0o644)
    # in: 1 good.md + 1 empty + 1 header-only + 4 rows + 2 deep lines + 1 locked = 10
    #     and 7 skipped entries (README, STORY, changelog, .hidden.md, .git, png)
    assert sorted(result.docs["text"]) == sorted(["Fine.", "ok", "after", "b"]
                                                 + (["Locked."] if locked else []))  # fmt: skip
    assert len(result.skipped) == 6
    assert len(result.rejected) == 6 - locked
    assert result.n_in == 16
    errors = " | ".join(result.rejected["error"])
    for fragment in ("empty.csv: file is empty", "header only", "rows.csv:3: field 'date'",
                     "rows.csv:4: CSV error", "deep.jsonl:1: JSON nested deeper"):  # fmt: skip
        assert fragment in errors
    reasons = dict(zip(result.skipped["file"].map(lambda f: f.rsplit("/", 1)[-1]),
                       result.skipped["reason"], strict=True))  # fmt: skip
    assert reasons["README.md"].startswith("a note") and reasons[".git"] == "hidden folder"
    assert reasons["picture.png"] == "not a corpus format (.png)"


def test_parquet_in_and_out(tmp_path):
    df = load_corpus(write(tmp_path / "a.csv", "id,text,outlet,date\na,Hi.,X,2024-01-02\n"))
    df.drop(columns="source").to_parquet(tmp_path / "a.parquet")
    back = load_corpus(tmp_path / "a.parquet")
    assert back.loc[0, "date"] == pd.Timestamp("2024-01-02") and back.loc[0, "id"] == "a"
    assert back.loc[0, "source"] == f"{tmp_path / 'a.parquet'}#1"
    raises(write(tmp_path / "bad.parquet", b"PAR1 nonsense"), "not a readable Parquet file")
    n = biaskit.score_stream(tmp_path / "a.parquet", tmp_path / "out.parquet", sentiment=False)
    assert n == 1 and pd.read_parquet(tmp_path / "out.parquet").loc[0, "id"] == "a"


# --- lexicon CSV ----------------------------------------------------------------------------

LEX_HEADER = "term,category,weight,note,case_sensitive\n"


def test_lexicon_csv_strictness(tmp_path):
    rows = "zorch,loaded,1,test,yes\nblip,hedge,1,t,0\n"
    ok = write(tmp_path / "ok.csv", "\n\n" + LEX_HEADER + rows)
    entries = read_lexicon_file(ok)  # a leading blank line does not make it empty
    assert [e.case_sensitive for e in entries] == [True, False]
    bad = write(tmp_path / "cs.csv", LEX_HEADER + "zorch,loaded,1,test,maybe\n")
    with pytest.raises(LexiconError, match=r"cs.csv, line 2: field 'case_sensitive': 'maybe'"):
        read_lexicon_file(bad)
    rep = write(tmp_path / "rep.csv", LEX_HEADER + "zorch,loaded,1,t,no\n" + LEX_HEADER)
    with pytest.raises(LexiconError, match=r"rep.csv, line 3: repeated header row"):
        read_lexicon_file(rep)
    quote = write(tmp_path / "q.csv", LEX_HEADER + '"zorch,loaded,1,t,no\nblip,hedge,1,t,no\n')
    with pytest.raises(LexiconError, match=r"q.csv, line 2: CSV error: unexpected end of data"):
        read_lexicon_file(quote)
    dup = write(tmp_path / "dup.csv", "term,term,category\na,b,hedge\n")
    with pytest.raises(LexiconError, match=r"dup.csv, line 1: column 'term' appears twice"):
        read_lexicon_file(dup)


def test_explicit_date_formats_only_when_asked(tmp_path):
    path = tmp_path / "us.csv"
    path.write_text("id,outlet,date,text\na,X,2/27/18,Some text.\n", encoding="utf-8")
    with pytest.raises(biaskit.CorpusError, match="date"):
        biaskit.load_corpus(path)
    df = biaskit.load_corpus(path, date_formats=("%m/%d/%y",))
    assert str(df["date"].iloc[0].date()) == "2018-02-27"
