import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biaskit.text import count_words, find_quotes, normalize_for_matching, split_sentences, tokenize


def test_tokens_keep_offsets_and_compounds():
    text = "The self-proclaimed leader's full-scale plan, worth $3.5bn, didn’t work in the U.S."
    toks = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    assert "self-proclaimed" in words
    assert "full-scale" in words
    assert "didn’t" in words
    assert "3.5bn" in words
    assert "U.S" in words
    assert count_words(text) == len(toks)


def test_non_latin_scripts_pass_through():
    text = "Лукашенко сказал: «Мы говорили долго». 你好 world"
    toks = tokenize(text)
    assert [t.text for t in toks][:2] == ["Лукашенко", "сказал"]
    assert all(text[t.start : t.end] == t.text for t in toks)


def test_sentences_respect_abbreviations_and_initials():
    text = (
        "Mr. Smith met Gen. J. Doe in the U.S. capital on Feb. 3. They spoke for 2.5 hours! "
        "Did it help? “Yes,” she said.\n\nA new paragraph"
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Mr. Smith met Gen. J. Doe in the U.S. capital on Feb. 3.",
        "They spoke for 2.5 hours!",
        "Did it help?",
        "“Yes,” she said.",
        "A new paragraph",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_headline_line_is_its_own_sentence():
    text = "Minister resigns over contract row\nThe minister resigned on Monday."
    assert len(split_sentences(text)) == 2


def test_empty_and_whitespace_text():
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t") == []
    assert tokenize("   ") == []
    assert find_quotes("") == []


def test_normalize_keeps_length():
    for text in ["İstanbul’s self‑proclaimed", "ǅ ﬁ ß", "plain"]:
        assert len(normalize_for_matching(text)) == len(text)
    assert normalize_for_matching("Don’t") == "don't"


def test_direct_vs_scare_quotes():
    text = (
        'He said: "The dictator will fall." The so-called “peace talks” went nowhere. '
        "“We will never give up our country to anyone,” the minister told reporters."
    )
    kinds = {q.inner: q.kind for q in find_quotes(text)}
    assert kinds["The dictator will fall."] == "direct"
    assert kinds["peace talks"] == "scare"
    assert kinds["We will never give up our country to anyone,"] == "direct"


def test_term_attributed_to_its_user_is_not_a_scare_quote():
    text = (
        'Moscow calls its actions a "special military operation". The so-called “elections” ended.'
    )
    kinds = {q.inner: q.kind for q in find_quotes(text)}
    assert kinds == {"special military operation": "direct", "elections": "scare"}


def test_short_quote_presented_as_speech_is_direct():
    text = "The spokesman called the plan “a disgrace,” he said. In his words, “not now.”"
    kinds = [q.kind for q in find_quotes(text)]
    assert kinds == ["direct", "direct"]


@pytest.mark.parametrize(
    ("text", "inner", "kind"),
    [
        # a reporting verb or utterance noun anywhere in the sentence: a partial quote
        ("He slammed the inquiry as a “witch hunt” on Tuesday.", "witch hunt", "direct"),
        ("Her claim that the vote was “rigged” drew no evidence.", "rigged", "direct"),
        ("The vote was “rigged”, the senator wrote on Friday.", "rigged", "direct"),
        # after the quote: across a comma, or an utterance noun, it is speech; a verb whose
        # subject is the quote leaves it a scare quote
        ("A “cordon operation” began in Khyber, the army said.", "cordon operation", "direct"),
        ("Her “Pocahontas” comment drew fire.", "Pocahontas", "direct"),
        ("In other words, the “peacemaker” admitted defeat.", "peacemaker", "scare"),
        # distancing words before the quote keep it a scare quote, whoever spoke
        ("Officials praised the so-called “peace plan” on Monday.", "peace plan", "scare"),
        ("The “referendum” was held on a Sunday.", "referendum", "scare"),
        # first or second person, or a whole sentence: someone's words
        ("The plan to “bring our jobs home” stalled.", "bring our jobs home", "direct"),
        ("“Outrageous.” The hall fell silent.", "Outrageous.", "direct"),
        # a title, a nickname, a word quoted as a word: a mention
        ("A poster for the show “The Apprentice” hangs in the lobby.", "The Apprentice", "mention"),
        ("Envoy Marie “Masha” Petrova flew home.", "Masha", "mention"),
        ("The words “ambulance” and “blockade” appear together.", "ambulance", "mention"),
        # a headline's speaker tag, or single quotes in a headline
        ("Jeh Johnson: outbreak 'manageable' after talks", "manageable", "direct"),
        (
            "Senate sets 'shortest trial possible'\n\nThe trial opens today.",
            "shortest trial possible",
            "direct",
        ),
        (
            "Senate sets “shortest trial possible”\n\nThe trial opens today.",
            "shortest trial possible",
            "scare",
        ),
        # a thought verb, or a sentence that calls the quote a slogan
        ("He thinks the toll is “probably too high” now.", "probably too high", "direct"),
        ("“Take back control” became the campaign's rallying cry.", "Take back control", "mention"),
    ],
)
def test_quote_kinds(text, inner, kind):
    kinds = {q.inner: q.kind for q in find_quotes(text)}
    assert kinds[inner] == kind


def test_us_is_not_read_as_first_person():
    kinds = [q.kind for q in find_quotes("The US “peace plan” was shelved.")]
    assert kinds == ["scare"]


def test_unclosed_quote_ends_at_paragraph_and_orphan_close_starts_there():
    text = "“We will stay here as long as it takes\n\nWe talked for hours,” he said."
    quotes = find_quotes(text)
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert quotes[0].inner == "We will stay here as long as it takes"
    assert quotes[1].inner.startswith("We talked for hours")


def test_single_quotes_are_not_apostrophes():
    text = "The workers' union ended the 'temporary measure' and didn't strike."
    quotes = find_quotes(text)
    assert [q.inner for q in quotes] == ["temporary measure"]
    assert quotes[0].kind == "scare"


quote_chars = st.sampled_from(list("\"“”„«»‘’'"))
text_strategy = st.lists(
    st.one_of(st.text(min_size=0, max_size=12), quote_chars, st.sampled_from([" ", "\n\n", ". "])),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_offsets_always_slice_back(text):
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
    for q in find_quotes(text):
        assert text[q.start : q.end] == q.text
        assert q.start <= q.inner_start <= q.inner_end <= q.end


def test_embedded_post_is_its_authors_words():
    text = (
        "The council met on Monday.\n\n"
        "What a sham “trial” this is! pic.twitter.com/abc — Jane Doe (@janedoe) June 29, 2018\n\n"
        "A hoax, she wrote later\n\n— Jane Doe (@janedoe) July 2, 2018\n\nThe vote is on Friday."
    )
    quotes = find_quotes(text)
    assert [(q.kind, q.inner) for q in quotes] == [
        ("direct", "What a sham “trial” this is! pic.twitter.com/abc"),
        ("direct", "A hoax, she wrote later"),
    ]
    assert all(text[q.start : q.end] == q.text for q in quotes)
