"""Context rules: whose voice a match is in, negation, senses, and the rewording that stays
true. A small team-written lexicon keeps these tests independent of the packaged entries."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import biaskit
from biaskit.context import RULE_NOTES
from biaskit.lexicon import load_lexicon

LEXICON = """
entries:
- {term: dictator, forms: [dictator, dictators], category: label, weight: 1.5,
   neutral: [leader], replace: leader, note: A label.}
- {term: invader, forms: [invader, invaders], category: loaded, weight: 1.0,
   neutral: [soldier], replace: soldier, note: Loaded.}
- {term: self-proclaimed, category: label, weight: 1.5, neutral: ["(omit)"],
   replace: "(omit)", note: A label.}
- {term: massive, category: intensifier, weight: 0.5, neutral: ["(omit)"],
   replace: "(omit)", note: An intensifier.}
- {term: regime, category: label, weight: 1.0, neutral: [government], note: No drop-in.}
- {term: boasted, forms: [boasted, boasts], category: attribution, grade: loaded, weight: 1.0,
   replace: {boasted: said, boasts: says}, note: A loaded verb.}
- {term: said, forms: [says, say], category: attribution, grade: neutral, weight: 0,
   note: Plain.}
- {term: reportedly, category: hedge, weight: 0.5, note: Hides the source.}
- {term: in my view, category: hedge, weight: 0.5, note: Labels an opinion.}
- {term: lies, forms: [lies, lie], category: loaded, weight: 1.0, note: Accuses of lying.}
- {term: lies (location), forms: [lies], category: loaded, weight: 0, note: Is located.,
   when: {next: [north, south, east, west, north-west, "on", in, near]}}
- {term: liberated, category: loaded, weight: 1.0, note: Official word for captured.,
   when: {unless_frame: [historical]}}
- {term: Kiev, category: naming, referent: kyiv, perspective: russian, weight: 0.5,
   replace: Kyiv, note: Old spelling.}
- {term: orcs, category: label, weight: 2.0, case_sensitive: true,
   note: Dehumanising.}
"""


@pytest.fixture(scope="module")
def lex(tmp_path_factory):
    path = tmp_path_factory.mktemp("ctx") / "ctx.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return load_lexicon(path, mode="replace")


def found(s, term):
    return [m for m in s.matches if m.term == term]


# --- voice -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Critics call him a dictator.", "speaker-label"),
        ("Moscow says the dictator is a friend.", "reported-speech"),
        ("Officials said the dictator had left.", "reported-speech"),
        ("According to the ministry, the dictator met envoys.", "according-to"),
        ("It was what the opposition calls a dictator at work.", "what-x-calls"),
        ("The dictator will fall, the senator said.", "attribution-after"),
        ("Analysts described him as a dictator.", "speaker-label"),
    ],
)
def test_reported_speech_is_not_the_outlets_voice(lex, text, rule):
    s = biaskit.score(text, lex)
    (m,) = found(s, "dictator")
    assert (m.voice, m.rule, m.counted) == ("reported", rule, False)
    assert s.loaded == 0
    assert biaskit.score(text, lex, voices=("own", "reported")).loaded == 1.5


def test_words_before_the_reporting_verb_are_the_outlets(lex):
    s = biaskit.score("The dictator said the vote was fair.", lex)
    (m,) = found(s, "dictator")
    assert m.voice == "own" and m.counted and s.loaded == 1.5


def test_the_reporting_verb_is_always_the_outlets_choice(lex):
    s = biaskit.score("Critics say the minister boasted about the deal.", lex)
    (m,) = found(s, "boasted")
    assert m.voice == "own" and m.counted


def test_first_person_opinion_is_the_writers_own(lex):
    s = biaskit.score("I think the dictator is weak.", lex)
    assert found(s, "dictator")[0].voice == "own"


def test_a_noun_after_a_determiner_is_not_a_reporting_verb(lex):
    s = biaskit.score("His says were ignored while the dictator waited.", lex)
    assert found(s, "dictator")[0].voice == "own"


def test_quoted_words_count_only_when_asked(lex):
    text = 'He said: "The dictator will fall."'
    assert biaskit.score(text, lex).loaded == 0
    assert biaskit.score(text, lex, include_quoted=True).loaded == 1.5
    df = pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": [text]})
    own = biaskit.score_corpus(df, lexicon=lex)
    every = biaskit.score_corpus(df, lexicon=lex, include_quoted=True)
    assert own.docs["loaded"].iloc[0] == 0 and every.docs["loaded"].iloc[0] == 1.5
    assert every.docs["loaded_per_1k"].iloc[0] > 0
    assert own.matches.set_index("term").loc["dictator", "voice"] == "quoted"


def test_summary_and_properties_read_one_tally(lex):
    s = biaskit.score('The dictator spoke. He said: "The dictator lies."', lex, include_quoted=True)
    row = s.summary()
    assert row["loaded"] == s.loaded == 4.0  # dictator twice, lies once
    assert row["n_label"] == s.counts["label"] == 2
    assert row["rate_label"] == pytest.approx(s.rates["label"])


# --- negation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The president is not a dictator.",
        "He is no dictator.",
        "She was never a dictator.",
        "He isn't a dictator.",
        "The reform is far from a dictator's decree.",
    ],
)
def test_negated_matches_are_shown_not_counted(lex, text):
    s = biaskit.score(text, lex)
    (m,) = found(s, "dictator")
    assert m.negated and not m.counted and s.loaded == 0
    assert biaskit.score(text, lex, count_negated=True).loaded == 1.5


def test_negation_is_undone_and_bounded(lex):
    assert biaskit.score("He is not only a dictator but a thief.", lex).loaded == 1.5
    assert biaskit.score("It was not raining, and the dictator left.", lex).loaded == 1.5
    s = biaskit.score("Moscow denied that the dictator ordered it.", lex)
    (m,) = found(s, "dictator")
    assert (m.voice, m.negated, m.rule) == ("reported", True, "denied")


# --- senses --------------------------------------------------------------------------------


def test_a_neutral_sense_wins_when_its_condition_holds(lex):
    located = biaskit.score("Bucha lies north-west of Kyiv.", lex)
    assert located.loaded == 0 and found(located, "lies (location)")
    lying = biaskit.score("He lies about the war.", lex)
    assert lying.loaded == 1.0 and found(lying, "lies")


def test_a_frame_keeps_a_sense_out(lex):
    assert biaskit.score("Soviet troops liberated Auschwitz in 1945.", lex).loaded == 0
    assert biaskit.score("The army liberated the town on Monday.", lex).loaded == 1.0


def test_case_sensitive_forms(lex):
    assert biaskit.score("The poll by CNN/ORC came out.", lex).loaded == 0
    assert biaskit.score("They called the soldiers orcs.", lex, include_quoted=True).loaded == 2


# --- stance apart from loaded ---------------------------------------------------------------


def test_hedges_are_stance_not_loaded(lex):
    s = biaskit.score("The minister reportedly met the envoy.", lex)
    assert s.loaded == 0 and s.stance == 0.5
    assert s.summary()["stance_per_1k"] > 0


# --- the rewording --------------------------------------------------------------------------


def test_rewrite_keeps_number_case_and_articles(lex):
    assert biaskit.score("An invader was captured.", lex).neutral_rewrite() == (
        "A soldier was captured."
    )
    assert biaskit.score("The dictators met.", lex).neutral_rewrite() == "The leaders met."
    assert biaskit.score("Dictator Smith spoke.", lex).neutral_rewrite() == "Leader Smith spoke."
    assert biaskit.score("It was a massive attack.", lex).neutral_rewrite() == (
        "It was an attack."
    )
    assert biaskit.score("Self-proclaimed president Lee spoke.", lex).neutral_rewrite() == (
        "President Lee spoke."
    )
    assert biaskit.score("The minister boasted of it.", lex).neutral_rewrite() == (
        "The minister said of it."
    )
    assert biaskit.score("He flew to Kiev.", lex).neutral_rewrite() == "He flew to Kyiv."


def test_rewrite_never_touches_someone_elses_words_or_opinion_markers(lex):
    for text in [
        'He said: "The dictator will fall."',
        "Critics call him a dictator.",
        "The president is not a dictator.",
        "In my view, the decision was a mistake.",
        "The minister reportedly met the envoy.",
    ]:
        assert biaskit.score(text, lex).neutral_rewrite() == text


def test_without_a_drop_in_the_words_stay_and_are_suggested(lex):
    s = biaskit.score("The regime fell.", lex)
    assert s.neutral_rewrite() == "The regime fell."
    (edit,) = s.rewrite_edits()
    assert edit.replacement is None and edit.suggestions == ("government",)


# --- offsets survive normalisation (property test) -------------------------------------------

JOINERS = [" ", "\u00a0", "\n", " \n  ", "\t"]
INVISIBLE = ["", "\u00ad", "\u200b", "\u200d"]


@settings(max_examples=150, deadline=None)
@given(
    before=st.text(max_size=30),
    after=st.text(max_size=30),
    joiner=st.sampled_from(JOINERS),
    hidden=st.sampled_from(INVISIBLE),
    nfd=st.booleans(),
)
def test_offsets_slice_back_through_normalisation(lex, before, after, joiner, hidden, nfd):
    phrase = f"self-proc{hidden}laimed{joiner}dictator"
    text = f"{before} {phrase} {after}"
    if nfd:
        text = unicodedata.normalize("NFD", text)
    s = biaskit.score(text, lex, include_quoted=True, count_negated=True)
    for m in s.matches:
        assert text[m.start : m.end] == m.text
    terms = {m.term for m in s.matches}
    if not any(c.isalnum() for c in before[-1:] + after[:1]):
        assert "dictator" in terms


def test_look_alike_letters_and_line_breaks_do_not_hide_words(lex):
    cyrillic_a = "dict\u0430tor"  # Cyrillic "а" in a Latin word
    assert found(biaskit.score(f"The {cyrillic_a} spoke.", lex), "dictator")
    s = biaskit.score("The self-\u00adproclaimed\n dictator spoke.", lex)
    assert {m.term for m in s.matches} >= {"dictator"}


# --- negation scope: the negator's clause, not a fixed window --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nobody in the cabinet, not even his allies, would call him a dictator.",
        "He is not, as critics say, a dictator.",
        "No serious historian of the region, whatever his politics, would describe the former "
        "general as anything like a dictator.",
    ],
)
def test_negation_reaches_the_end_of_its_clause_across_asides(lex, text):
    (m,) = found(biaskit.score(text, lex), "dictator")
    assert m.negated and not m.counted and "negated" in m.rule


@pytest.mark.parametrize(
    "text",
    [
        "He did not attend, and the dictator spoke.",
        "He did not attend; the dictator spoke.",
        "She never voted because the dictator rigged the count.",
        "He was not there, the dictator spoke.",
        "It is not clear but the dictator left.",
    ],
)
def test_negation_stops_at_a_clause_boundary(lex, text):
    (m,) = found(biaskit.score(text, lex), "dictator")
    assert not m.negated and m.counted


def test_the_negation_note_is_true_of_the_sentence(lex):
    (m,) = found(biaskit.score("He is not, as critics say, a dictator.", lex), "dictator")
    assert (m.voice, m.rule) == ("own", "negated")  # the aside's verb governs only the aside
    assert "end of its clause" in RULE_NOTES["negated"]


# --- reported speech needs a content clause ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He told reporters the dictator would fall.",
        "Officials said the dictator fled.",
        "The minister said in a statement that the dictator had left.",
    ],
)
def test_a_reporting_verb_with_a_content_clause_reports(lex, text):
    (m,) = found(biaskit.score(text, lex), "dictator")
    assert (m.voice, m.rule, m.counted) == ("reported", "reported-speech", False)


@pytest.mark.parametrize(
    "text",
    [
        "She denounced the massive crackdown.",
        "He described the massive crowd.",
        "Officials' claims about the massive fraud were rejected.",
        "The claims of massive fraud were rejected.",
    ],
)
def test_a_plain_object_or_a_noun_is_not_reported_speech(lex, text):
    (m,) = found(biaskit.score(text, lex), "massive")
    assert (m.voice, m.counted) == ("own", True)


def test_describing_verbs_label_only_with_as(lex):
    (m,) = found(biaskit.score("Analysts described him as a dictator.", lex), "dictator")
    assert m.rule == "speaker-label"
    (m,) = found(biaskit.score("Rights groups denounced the vote as a massive fraud.", lex),
                 "massive")
    assert m.rule == "speaker-label"
    # the object before "as" is the outlet's word; the label is what follows "as"
    (m,) = found(biaskit.score("Rights groups denounced the dictator as weak.", lex), "dictator")
    assert (m.voice, m.counted) == ("own", True)
    (m,) = found(biaskit.score("Critics slammed the vote as a massive fraud.", lex), "massive")
    assert m.rule == "speaker-label"
    (m,) = found(biaskit.score("They condemned groups such as the massive militia.", lex),
                 "massive")
    assert m.voice == "own"  # "such as" gives no label


# --- use and mention ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The word dictator is banned on state television.",
        "Editors avoid the loaded term dictator.",
        "Dictator is a loaded word.",
        "The label dictator was everywhere that week.",
    ],
)
def test_a_word_mentioned_as_a_word_is_not_used(lex, text):
    s = biaskit.score(text, lex)
    (m,) = found(s, "dictator")
    assert (m.voice, m.rule, m.counted) == ("mentioned", "mention", False)
    assert s.loaded == 0
    assert biaskit.score(text, lex, include_quoted=True).loaded == 0  # never counted as used
    assert "mention" in s.explain()["context"].iloc[0] or "word" in s.explain().to_string()


@pytest.mark.parametrize(
    "text",
    ["The dictator used words of war.", "The dictator's last word was final.",
     "A word from the dictator ended it."],
)
def test_using_a_word_near_the_noun_word_is_still_use(lex, text):
    (m,) = found(biaskit.score(text, lex), "dictator")
    assert (m.voice, m.counted) == ("own", True)


def test_negation_scope_ends_at_a_second_predicate_and_a_new_clause(lex):
    for text in [
        "He would never give up and boasted, without proof, that he won.",
        "He offered no evidence, and the idea, frankly, is a dictator's fantasy.",
    ]:
        s = biaskit.score(text, lex)
        assert all(not m.negated for m in s.matches if m.term in ("boasted", "dictator"))
    (m,) = found(biaskit.score("He is not a thief and a dictator.", lex), "dictator")
    assert m.negated  # "and a ...": the same predicate


def test_reporting_verbs_in_names_objects_and_earlier_verbs(lex):
    (m,) = found(biaskit.score("The United States announced sanctions over the dictator's "
                               "role.", lex), "dictator")
    assert m.voice == "own"  # "States" is a name, "announced" takes a plain object
    (m,) = found(biaskit.score("Moscow accused the dictator of lying.", lex), "dictator")
    assert m.rule == "reported-speech"  # the object of "accused" carries the claim
    (m,) = found(biaskit.score("Officials said the police denounced the massive crowd.", lex),
                 "massive")
    assert m.rule == "reported-speech"  # the earlier "said" governs the clause


@pytest.mark.parametrize(
    "text, term",
    [
        ("The president did not meet the dictator.", "dictator"),
        ("He didn't meet the dictator in Minsk.", "dictator"),
        ("He never trusted the dictator.", "dictator"),
        ("They left without condemning the invaders.", "invader"),
        ("The army did not stop the massive crackdown.", "massive"),
        ("He has not met the dictator.", "dictator"),
        ("They won't negotiate with the regime.", "regime"),
    ],
)
def test_a_negated_verb_leaves_its_object_the_outlets_word(lex, text, term):
    (m,) = found(biaskit.score(text, lex), term)
    assert (m.voice, m.negated, m.counted, m.rule) == ("own", False, True, "negated-verb")
    assert "negates a verb" in biaskit.score(text, lex).explain()["context"].iloc[-1]


@pytest.mark.parametrize(
    "text",
    [
        "The president is not a dictator.",
        "He has never been a dictator.",
        "She didn't become a dictator.",
        "They did not consider him a dictator.",
        "He is not a brutal dictator.",
        "He was never a dictator, whatever they say.",
    ],
)
def test_copulas_and_verbs_of_labelling_keep_the_negation(lex, text):
    (m,) = found(biaskit.score(text, lex), "dictator")
    assert m.negated and not m.counted


def test_a_negated_loaded_verb_is_itself_negated(lex):
    (m,) = found(biaskit.score("The minister did not lie about the war.", lex), "lies")
    assert m.negated and m.rule == "negated"


@pytest.mark.parametrize(
    "text, term",
    [
        ("The invaders, officials said, were repelled.", "invader"),
        ("He is, officials said, a dictator.", "dictator"),
        ("The regime, as Moscow calls it, rejected the offer.", "regime"),
        ("The regime, in the analyst's view, is doomed.", "regime"),
        ("The invaders were repelled, said the minister.", "invader"),
        ("Some say the regime is collapsing.", "regime"),
    ],
)
def test_attribution_asides_report_the_clause(lex, text, term):
    (m,) = found(biaskit.score(text, lex), term)
    assert m.voice == "reported" and not m.counted


@pytest.mark.parametrize(
    "text, term",
    [
        ("The dictator, a former general, said the vote was fair.", "dictator"),
        ("The dictator, in his home state, said nothing.", "dictator"),
        ("The regime, in my view, is finished.", "regime"),
        ("The regime is, needless to say, finished.", "regime"),
        ('"We will win," he said, citing the massive crowd.', "massive"),
        ("The regime, as critics say, is finished.", "regime"),
    ],
)
def test_the_subject_of_a_reporting_verb_and_the_writers_asides_stay_own_voice(lex, text, term):
    (m,) = found(biaskit.score(text, lex), term)
    assert m.voice == "own" and m.counted
