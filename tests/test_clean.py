"""Cleaning is opt-in, rule by rule, on the record: hostile scraped text, nothing lost silently."""

import pandas as pd
import pytest

import biaskit
from biaskit.clean import clean_rules

PROSE = "The senator spoke on Monday and left early."


def rules_of(text: str) -> list[str]:
    return [r for r, *_ in biaskit.clean_text(text).removals]


@pytest.mark.parametrize(
    ("junk", "rule"),
    [
        ("see https://example.com/a?b=1 now", "url"),
        ("see www.example.org now", "url"),
        ("it happened pic.twitter.com/MHdUi1BUyV", "twitter-link"),
        ("it happened https://t.co/Ab12Cd", "twitter-link"),
        ("thanks @GovofCO for it", "handle"),
        ("The mayor (AP Photo/Evan Vucci) spoke.", "photo-credit"),
        ("The mayor (Walker and Walker/Getty Images) spoke.", "photo-credit"),
        ("Photo: Jane Smith/Getty Images", "photo-caption"),
        ("Image source, Reuters", "photo-caption"),
        ("Crowds gathered on Friday. Photo: rolex dela pena/European Pressphoto Agency",
         "photo-caption"),
        ("Advertisement", "advertisement"),
        ("Read more: Why the vote failed", "read-more"),
        ("READ MORE:", "read-more"),
        ("Related: Trump says he is working with China", "read-more"),
        ("Sign up for our daily newsletter covering the best in politics.", "sign-up"),
        ("Copyright © 2019 The Times, LLC. Click here for reprint permission.", "copyright"),
        ("Great day pic.twitter.com/abc — Jane Doe (@janedoe) June 29, 2018", "embed-signature"),
    ],
)  # fmt: skip
def test_each_rule_removes_its_leftover(junk, rule):
    text = f"{PROSE}\n{junk}\n{PROSE}"
    cleaned = biaskit.clean_text(text)
    assert rule in rules_of(text)
    assert cleaned.text.count(PROSE) == 2
    assert cleaned.n_removed > 0


def test_sidebar_of_headlines_goes_as_one_block():
    sidebar = (
        "Trump Slams Democrats Over Border Wall\n\nSenate Passes Sweeping Budget Deal\n\n"
        "Markets Rally After Fed Holds Rates\n"
    )
    text = f"{PROSE}\n\n{sidebar}\n{PROSE}"
    cleaned = biaskit.clean_text(text)
    (removal,) = cleaned.removals
    assert removal[0] == "headline-sidebar"
    assert "Senate Passes" in removal[3] and "Markets Rally" in removal[3]
    assert cleaned.text.count(PROSE) == 2


@pytest.mark.parametrize(
    "prose",
    [
        "The related question is whether the photo of the ad was real.",
        "Related to this, the mayor said the advertisement was misleading.",
        "Contact us at editors@time.com for corrections.",
        "She said she would sign up for the army.",
        "Two Short Title Lines\nAre Not A Sidebar",
        "The Photo Was Real: He Said So.",
    ],
)
def test_prose_that_mentions_the_words_stays(prose):
    cleaned = biaskit.clean_text(prose)
    assert cleaned.text == prose
    assert cleaned.removals == ()


def test_nothing_removed_silently_the_text_is_the_original_minus_the_removals():
    text = (
        "WASHINGTON — The senator spoke. (AP Photo/Evan Vucci) See https://x.com/a for more.\n"
        "Advertisement\nShe left @once. pic.twitter.com/abc\nImage source, Getty Images\nEnd."
    )
    cleaned = biaskit.clean_text(text)
    rebuilt, pos = [], 0
    for _, a, b, removed in cleaned.removals:
        assert text[a:b] == removed
        rebuilt.append(text[pos:a])
        pos = b
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == cleaned.text
    assert cleaned.n_removed == sum(b - a for _, a, b, _ in cleaned.removals)
    report = cleaned.report()
    assert list(report.columns) == ["rule", "start", "end", "n_chars", "removed"]
    assert report["n_chars"].sum() == cleaned.n_removed


def test_rules_can_be_chosen_by_name_and_unknown_names_are_errors():
    text = "see https://example.com now @someone"
    only = biaskit.clean_text(text, rules=["handle"])
    assert [r for r, *_ in only.removals] == ["handle"]
    assert "https://example.com" in only.text
    with pytest.raises(ValueError, match="unknown rule 'links'"):
        biaskit.clean_text(text, rules=["links"])


def test_rules_are_named_data_with_notes():
    rules = clean_rules("en")
    assert len({r.name for r in rules}) == len(rules)
    assert all(r.note for r in rules)
    with pytest.raises(ValueError, match="no cleaning rules for language 'xx'"):
        clean_rules("xx")


def test_clean_text_refuses_non_text():
    with pytest.raises(TypeError, match="text must be a str"):
        biaskit.clean_text(None)  # type: ignore[arg-type]


def test_clean_corpus_reports_per_document_and_outlet():
    corpus = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "outlet": ["X", "X", "Y"],
            "text": [f"{PROSE}\nAdvertisement\n{PROSE}", f"{PROSE} https://x.org/1", PROSE],
        }
    )
    result = biaskit.clean_corpus(corpus)
    removed = [len("Advertisement\n"), len(" https://x.org/1"), 0]
    assert list(result.corpus["n_removed_chars"]) == removed
    assert result.corpus.loc[2, "text"] == PROSE
    assert corpus.loc[0, "text"].count("Advertisement") == 1  # the input is not changed
    assert set(result.removals["id"]) == {"a", "b"}
    report = result.report(by="outlet").set_index(["group", "rule"])
    assert report.loc[("X", "(all rules)"), "n_chars"] == len("Advertisement\n") + 16
    assert report.loc[("Y", "(all rules)"), "n_chars"] == 0  # nothing removed: still shown
    original_x = sum(len(t) for t in corpus["text"][:2])
    assert report.loc[("X", "url"), "share"] == pytest.approx(16 / original_x)
    per_doc = result.report(by=None).set_index(["group", "rule"])
    assert per_doc.loc[("a", "advertisement"), "n_removals"] == 1


def test_clean_corpus_names_the_column_and_row():
    with pytest.raises(KeyError, match="no column 'body'"):
        biaskit.clean_corpus(pd.DataFrame({"text": ["x"]}), text="body")
    with pytest.raises(TypeError, match=r"row 1: column 'text' is not text"):
        biaskit.clean_corpus(pd.DataFrame({"text": ["x", None]}))


def test_russian_and_ukrainian_posts_lose_their_leftovers_not_their_prose():
    ru = ("Оккупанты снова обстреляли город.\nФото: пресс-служба\nПодробности: t.me/somechannel\n"
          "Читайте также: как живут беженцы\nПрисоединяйтесь к акции в субботу.\n"
          "Подписывайтесь на наш канал @example_news\nРеклама")
    cleaned = biaskit.clean_text(ru, language="ru")
    assert [r[0] for r in cleaned.removals] == [
        "photo-caption", "telegram-link", "read-also", "subscribe", "advertisement"
    ]
    assert "Присоединяйтесь к акции в субботу." in cleaned.text  # a call to a protest is prose
    assert cleaned.text.startswith("Оккупанты снова обстреляли город.\n")
    uk = "Окупанти відступили.\nЧитайте також: новини дня\nПідписуйтесь на наш канал!"
    assert biaskit.clean_text(uk, language="auto").text == "Окупанти відступили.\n"


def test_clean_corpus_auto_uses_each_documents_pack():
    corpus = pd.DataFrame({
        "id": ["en", "ru", "uk"],
        "outlet": ["A", "B", "C"],
        "language": ["en", "ru", None],  # the last one is detected
        "text": ["The vote.\nAdvertisement\n", "Голосование.\nРеклама\n",
                 "Голосування.\nРеклама\n"],
    })
    result = biaskit.clean_corpus(corpus, language="auto")
    assert list(result.corpus["text"]) == ["The vote.\n", "Голосование.\n", "Голосування.\n"]
    assert list(result.removals["rule"]) == ["advertisement"] * 3
    with pytest.raises(ValueError, match="no cleaning rules for language 'xx'"):
        biaskit.clean_corpus(corpus.assign(language="xx"), language="auto")
