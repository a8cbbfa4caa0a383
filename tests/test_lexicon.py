import textwrap

import pytest

import biaskit
from biaskit.lexicon import CATEGORIES, LexiconError, load_lexicon, read_lexicon_file


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


GOOD = """\
category: loaded
entries:
- term: zorch
  forms: [zorch, zorches, zorched]
  weight: 1.0
  neutral: [hit]
  note: A made-up loaded word for tests.
"""


def test_packaged_lexicon_is_broad_and_complete(lexicon):
    assert len(lexicon) >= 600
    counts = lexicon.category_counts()
    for cat in CATEGORIES:
        assert counts[cat] > 0, cat
    assert all(e.note.strip() for e in lexicon)
    assert all(0 <= e.weight <= 3 for e in lexicon)
    grades = {e.grade for e in lexicon if e.category == "attribution"}
    assert grades == {"neutral", "distancing", "loaded"}
    kyiv = lexicon.referents()["kyiv"]
    assert {e.term for e in kyiv} >= {"Kyiv", "Kiev"}
    assert len({e.perspective for e in kyiv}) == len(kyiv)


def test_packaged_lexicon_is_cached(lexicon):
    assert biaskit.load_lexicon() is lexicon


def test_user_file_extends_and_overrides(tmp_path, lexicon):
    p = write(
        tmp_path,
        "mine.yaml",
        GOOD.replace("zorch", "dictator").replace("zorches, zorched", "dictators"),
    )
    ext = load_lexicon(p)
    senses = sum(1 for e in lexicon if e.term.lower() == "dictator")  # every sense of the term
    assert len(ext) == len(lexicon) - senses + 1
    assert ext.get("dictator").neutral == ("hit",)
    assert biaskit.score("the dictator", ext).matches[0].category == "loaded"
    new = load_lexicon(write(tmp_path, "new.yaml", GOOD))
    assert len(new) == len(lexicon) + 1


def test_replace_mode_uses_only_user_files(tmp_path):
    lex = load_lexicon(write(tmp_path, "only.yaml", GOOD), mode="replace")
    assert [e.term for e in lex] == ["zorch"]
    s = biaskit.score("They zorched the dictator.", lex)
    assert [m.text for m in s.matches] == ["zorched"]


def test_csv_lexicon(tmp_path):
    p = write(
        tmp_path,
        "mine.csv",
        """\
        term,forms,category,weight,neutral,note,grade
        zorch,zorch|zorches,loaded,1.5,hit|strike,A test word.,
        blorped,,attribution,1,said,A test verb.,loaded
        """,
    )
    lex = load_lexicon(p, mode="replace")
    assert lex.get("zorch").forms == ("zorch", "zorches")
    assert lex.get("zorch").neutral == ("hit", "strike")
    assert lex.get("blorped").grade == "loaded"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (GOOD + GOOD.split("entries:\n")[1], "duplicate term"),
        (GOOD.replace("category: loaded", "category: snarky"), "unknown category 'snarky'"),
        (GOOD.replace("weight: 1.0", "weight: 7"), "field 'weight': 7.0 is outside 0 to 3"),
        (GOOD.replace("weight: 1.0", "weight: heavy"), "field 'weight' must be a number"),
        (GOOD.replace("term: zorch", "term: no"), "YAML read an unquoted yes/no"),
        (GOOD.replace("[hit]", "[hit, no]"), "field 'neutral': YAML read an unquoted"),
        (GOOD.replace("  note: A made-up loaded word for tests.\n", ""), "field 'note' is missing"),
        (
            GOOD.replace("  weight: 1.0\n", "  weight: 1.0\n  colour: red\n"),
            "unknown field(s) colour",
        ),
        (GOOD.replace("category: loaded", "category: attribution"), "field 'grade' is missing"),
        (GOOD.replace("category: loaded", "category: naming"), "field 'referent' is missing"),
    ],
)
def test_validation_errors_name_file_entry_and_field(tmp_path, body, fragment):
    p = write(tmp_path, "bad.yaml", body)
    with pytest.raises(LexiconError) as err:
        read_lexicon_file(p)
    msg = str(err.value)
    assert "bad.yaml" in msg
    assert fragment in msg
    assert "line" in msg


def test_yaml_syntax_error_reports_line(tmp_path):
    p = write(tmp_path, "broken.yaml", GOOD.replace("neutral: [hit]", "neutral: [hit"))
    with pytest.raises(LexiconError, match=r"broken.yaml: YAML syntax error at line \d+"):
        read_lexicon_file(p)


def test_form_in_two_entries_is_an_error(tmp_path):
    body = (
        GOOD
        + """\
- term: zap
  forms: [zap, zorched]
  weight: 1.0
  note: Another.
"""
    )
    with pytest.raises(LexiconError, match="'zorched' is already a form of entry 'zorch'"):
        load_lexicon(write(tmp_path, "clash.yaml", body), mode="replace")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.yaml", b"", "file is empty"),
        ("binary.yaml", b"\x00\x01\x02abc", "binary"),
        ("latin.yaml", "term: caf\xe9".encode("latin-1"), "not UTF-8"),
        ("lex.txt", b"term: x", "unknown lexicon format"),
    ],
)
def test_bad_files(tmp_path, name, content, fragment):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(LexiconError, match=fragment):
        read_lexicon_file(p)


def test_missing_file_and_bad_mode(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon(tmp_path / "nope.yaml")
    with pytest.raises(LexiconError, match="mode must be"):
        load_lexicon(mode="merge")


def test_lexicon_table_lists_every_entry(lexicon):
    from biaskit.lexicon_table import lexicon_markdown

    md = lexicon_markdown(lexicon)
    assert md.count("\n| ") - md.count("\n| term") - md.count("\n| referent") >= len(lexicon)
    assert "| **dictator** |" in md


def test_committed_lexicon_table_is_current(lexicon):
    from pathlib import Path

    from biaskit.lexicon_table import lexicon_markdown

    committed = Path(__file__).resolve().parents[1] / "docs" / "lexicon.md"
    assert committed.read_text(encoding="utf-8") == lexicon_markdown(lexicon), (
        "docs/lexicon.md is stale: run `make lexicon-table`"
    )


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_packaged_lexicon_same_with_libyaml_and_strict_loader(language, monkeypatch):
    """The packaged files parse to the same entries (forms, weights, senses, lines) with
    libyaml as with the strict pure-Python loader."""
    from biaskit import lexicon as lexicon_module
    from biaskit import safeyaml

    def strict(text, *, max_chars):
        return safeyaml.load_yaml(text, max_chars=max_chars, line_numbers=True)

    for file in lexicon_module.default_lexicon_files(language):
        text = file.read_text(encoding="utf-8")
        assert safeyaml.load_packaged_yaml(text, max_chars=10**7) == strict(
            text, max_chars=10**7
        ), file.name
    monkeypatch.setattr(lexicon_module, "_DEFAULT_CACHE", {})
    fast = lexicon_module.load_lexicon(language=language)
    monkeypatch.setattr(lexicon_module, "_DEFAULT_CACHE", {})
    monkeypatch.setattr(lexicon_module, "load_packaged_yaml", strict)
    slow = lexicon_module.load_lexicon(language=language)
    assert list(fast) == list(slow)
    assert [e.origin for e in fast] == [e.origin for e in slow]
    def parts(lex):
        return [(e.forms, e.weight, e.when) for e in lex]

    assert parts(fast) == parts(slow)


@pytest.mark.parametrize(
    "text",
    ["entries:\n- &a {term: x}\n- *a\n", "entries:\n- term: x\n  term: y\n"],
)
def test_packaged_loader_still_refuses_anchors_and_duplicate_keys(text):
    from biaskit.safeyaml import YAMLProblem, load_packaged_yaml

    with pytest.raises(YAMLProblem):
        load_packaged_yaml(text, max_chars=10_000)
