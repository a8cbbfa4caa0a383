import json

import pandas as pd
import pytest

import biaskit
from biaskit import CorpusError, iter_corpus, load_corpus
from biaskit.corpus import SCHEMA


def md(path, meta, body="The dictator spoke to reporters."):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{k}: {v}\n" for k, v in meta.items())
    path.write_text(f"---\n{lines}---\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    md(
        tmp_path / "story-a" / "one.md",
        {
            "id": "a1",
            "outlet": "One",
            "date": "2024-01-02",
            "title": "A",
            "story": "story-a",
            "lean": "left",
        },
    )
    md(
        tmp_path / "story-a" / "two.md",
        {"id": "a2", "outlet": "Two", "date": "2024-01-03", "title": "B", "story": "story-a"},
    )
    (tmp_path / "Plain Outlet").mkdir()
    (tmp_path / "Plain Outlet" / "note.txt").write_text("Just text, no front matter.\n")
    (tmp_path / "story-a" / "STORY.md").write_text("notes for teachers, not an article")
    return tmp_path


def test_folder_round_trip(folder):
    df = load_corpus(folder)
    assert list(df.columns[:6]) == list(SCHEMA)
    assert len(df) == 3
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    row = df.set_index("id").loc["a1"]
    assert row["outlet"] == "One" and row["lean"] == "left" and row["story"] == "story-a"
    assert row["text"] == "The dictator spoke to reporters."
    plain = df[df["outlet"] == "Plain Outlet"].iloc[0]
    assert plain["id"] == "Plain Outlet/note" and pd.isna(plain["date"])


def test_extra_front_matter_keys_become_columns(tmp_path):
    md(
        tmp_path / "s" / "a.md",
        {"id": "a", "outlet": "A", "invented_quotes": "Jane Roe, John Doe"},
        body="Jane Roe and John Doe spoke.",
    )
    md(tmp_path / "s" / "b.md", {"id": "b", "outlet": "B"})
    df = load_corpus(tmp_path).set_index("id")
    assert df.loc["a", "invented_quotes"] == "Jane Roe, John Doe"
    assert pd.isna(df.loc["b", "invented_quotes"])


def test_example_corpus_keeps_invented_quotes():
    corpus = biaskit.load_example_corpus()
    assert "invented_quotes" in corpus.columns
    assert corpus["invented_quotes"].notna().any()


def test_csv_jsonl_json_round_trip(folder, tmp_path):
    df = load_corpus(folder)
    out = tmp_path / "out"
    out.mkdir()
    df.drop(columns=["source"]).to_csv(out / "c.csv", index=False)
    df.drop(columns=["source"]).to_json(
        out / "c.jsonl", orient="records", lines=True, date_format="iso"
    )
    df.drop(columns=["source"]).to_json(out / "c.json", orient="records", date_format="iso")
    for name in ("c.csv", "c.jsonl", "c.json"):
        back = load_corpus(out / name)
        for col in ("id", "outlet", "title", "story", "text"):
            assert list(back[col]) == list(df[col]), (name, col)
        assert list(back["date"].dt.date.astype(str).where(back["date"].notna(), "")) == list(
            df["date"].dt.date.astype(str).where(df["date"].notna(), "")
        )


def test_column_mapping(tmp_path):
    p = tmp_path / "x.csv"
    pd.DataFrame(
        {
            "body": ["The regime fell."],
            "source": ["Paper"],
            "when": ["2020-05-01"],
            "headline": ["H"],
        }
    ).to_csv(p, index=False)
    df = load_corpus(p, text="body", outlet="source", date="when", title="headline")
    assert df.loc[0, "text"] == "The regime fell."
    assert df.loc[0, "outlet"] == "Paper"
    assert df.loc[0, "date"] == pd.Timestamp("2020-05-01")
    assert df.loc[0, "id"] == "x-2"  # <file stem>-<line>
    assert "body" not in df.columns


def test_iter_corpus_streams(tmp_path):
    p = tmp_path / "big.jsonl"
    with p.open("w") as fh:
        for i in range(500):
            fh.write(json.dumps({"id": i, "outlet": "O", "text": f"Article {i}."}) + "\n")
    it = iter_corpus(p)
    first = next(it)
    assert first["id"] == "0" and first["text"] == "Article 0."
    assert sum(1 for _ in it) == 499


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.md", b"", "empty.md: file is empty"),
        ("blank.csv", b"   \n", "file is empty"),
        ("bin.md", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (
            "latin.md",
            "---\noutlet: X\n---\nCaf\xe9 au lait".encode("latin-1"),
            "latin.md:4: not valid utf-8",
        ),
        ("bad-front.md", b"---\noutlet: [unclosed\n---\nText", "bad-front.md:2: malformed front"),
        ("open-front.md", b"---\noutlet: X\nText without end", "never closed"),
        ("no-outlet.md", b"---\ntitle: T\n---\nText", "field 'outlet' is missing"),
        ("no-body.md", b"---\noutlet: X\n---\n\n", "no-body.md: field 'text' is empty"),
        ("bad-date.md", b"---\noutlet: X\ndate: last Tuesday-ish\n---\nText", "field 'date'"),
        ("no-text.csv", b"outlet,title\nX,T\n", "no-text.csv:2: field 'text' is missing"),
        ("no-outlet.csv", b"text\nhello\n", "no-outlet.csv:2: field 'outlet'"),
        ("bad.jsonl", b'{"text": "a", "outlet": "X"}\n{"text": oops}\n', "bad.jsonl:2: malformed"),
        ("bad.json", b'[{"text": "a", "outlet": "X"},\n {oops}]', "bad.json:2: malformed JSON"),
        (
            "dup.jsonl",
            b'{"id": 1, "text": "a", "outlet": "X"}\n{"id": 1, "text": "b", "outlet": "X"}\n',
            "dup.jsonl:2: field 'id': duplicate id '1'",
        ),
        ("ragged.csv", b"text,outlet\na,X,extra\n", "ragged.csv:2: more values"),
        ("data.xlsx", b"PK", "unknown corpus format"),
    ],
)
def test_bad_input_names_file_and_line(tmp_path, name, content, fragment):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(CorpusError) as err:
        load_corpus(p)
    assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_other_encodings_and_bom(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("text,outlet\nCaf\xe9 regime,X\n".encode("latin-1"))
    assert load_corpus(p, encoding="latin-1").loc[0, "text"] == "Café regime"
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufefftext,outlet\nhi,X\n".encode())
    assert list(load_corpus(bom).columns[:6]) == list(SCHEMA)


def test_collect_keeps_good_rows_and_reports_bad(tmp_path):
    md(tmp_path / "good.md", {"id": "g", "outlet": "X"})
    (tmp_path / "empty.md").write_text("")
    md(tmp_path / "dup.md", {"id": "g", "outlet": "Y"})
    md(tmp_path / "baddate.md", {"id": "d", "outlet": "X", "date": "not a date"})
    result = biaskit.read_corpus(tmp_path)
    docs, rejected = result.docs, result.rejected
    assert list(docs["id"]) == ["g"]
    assert len(rejected) == 3
    assert set(rejected["field"].dropna()) == {"id", "date"}
    assert rejected["error"].str.contains("empty.md: file is empty").any()


def test_huge_article_file_is_refused_clearly(tmp_path, monkeypatch):
    import biaskit.readers as readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 1000)
    md(tmp_path / "big.md", {"outlet": "X"}, body="word " * 400)
    with pytest.raises(CorpusError, match=r"big\.md: file is .* larger than"):
        load_corpus(tmp_path)


def test_html_in_text_is_kept_raw_and_escaped_when_rendered(tmp_path):
    md(tmp_path / "x.md", {"outlet": "X"}, body="<script>alert(1)</script> The regime.")
    df = load_corpus(tmp_path)
    assert df.loc[0, "text"].startswith("<script>")
    assert "<script>" not in biaskit.highlight(df.loc[0, "text"])


def test_shipped_ru_uk_corpus_loads_from_the_package():
    ru_uk = biaskit.load_example_corpus("ru-uk")
    assert set(ru_uk["language"]) == {"ru", "uk"}
    assert not ru_uk["id"].str.contains("README", case=False).any()  # datasheets are skipped
    with pytest.raises(ValueError, match="no shipped corpus 'fr'"):
        biaskit.load_example_corpus("fr")
