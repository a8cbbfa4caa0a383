"""Actor labels: how each group describes each person (the words right before a name)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from biaskit.lexicon import load_lexicon
from biaskit.score import score
from biaskit.tables import need_columns
from biaskit.text import normalize_for_matching, tokenize

if TYPE_CHECKING:
    from biaskit.lexicon import Lexicon

__all__ = ["DEFAULT_ACTORS", "ROLE_NOUNS", "actor_labels", "descriptor"]

# --- actor labels --------------------------------------------------------------------------

#: Actors of the shipped corpus and the names they appear under.
DEFAULT_ACTORS: dict[str, list[str]] = {
    "Lukashenka": [
        "Lukashenka",
        "Lukashenko",
        "Alexander Lukashenko",
        "Aliaksandr Lukashenka",
        "Alyaksandr Lukashenka",
    ],
    "Putin": ["Vladimir Putin", "Putin"],
    "Zelensky": [
        "Volodymyr Zelensky",
        "Vladimir Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "Zelensky",
    ],
    "Tsikhanouskaya": [
        "Sviatlana Tsikhanouskaya",
        "Svetlana Tikhanovskaya",
        "Tikhanovskaya",
        "Tsikhanouskaya",
    ],
    # the fictional city of Arnholm (stories transit-strike and climate-protest)
    "Haldane": ["Mira Haldane", "Haldane"],
    "Berg": ["Tomas Berg", "Berg"],
    "Solberg": ["Ingrid Solberg", "Solberg"],
    "Reed": ["Jonas Reed", "Reed"],
    "Voss": ["Lena Voss", "Voss"],
    "Last Summer Arnholm": ["Last Summer Arnholm"],
}

#: Words that end a descriptor: a title never runs across them.
_NOT_TITLE = frozenset(
    """
    a an the this that these those and but or nor so yet as than then also both either
    with by to of for from in on at into onto over under about against between among after
    before during since until without via per like unlike near toward towards through
    said says say saying told tells tell asked asks added adds wrote writes claimed claims
    insisted insists stated states announced announces called calls met meets warned warns
    is are was were be been being has have had do does did will would can could may might
    must shall should not no never he she they it we i you his her their its our my your
    him them us me itself himself herself themselves
    who whom whose which what when where while if because although though how why
    only even now already just still again ever much very too soon later earlier here there
    way time day week month year years moment
    today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    mr mrs ms dr according
    """.split()  # noqa: SIM905 -- a word list reads better as prose than as 150 quoted strings
)
#: Nouns that head a title or role ("opposition leader", "union chair", "his counterpart").
ROLE_NOUNS = frozenset(
    """
    president presidents leader leaders chair chairman chairwoman chief chiefs executive mayor
    spokesperson spokesman spokeswoman minister ministers premier chancellor governor
    secretary candidate inspector boss bosses head official officials commander general
    envoy ambassador aide adviser advisor counterpart ally rival opponent critic challenger
    politician lawmaker deputy speaker founder director analyst activist activists campaigner
    negotiator mediator organiser organizer ruler king queen prince group union
    """.split()  # noqa: SIM905
)
#: Words after which the walk stops but the words kept are a modifier ("the defiant Putin").
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_SPACE_ONLY = re.compile(r"[ \t]+")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _actor_table(actors: Mapping[str, Iterable[str]] | pd.DataFrame | None) -> dict[str, str]:
    """alias -> actor."""
    if actors is None:
        actors = DEFAULT_ACTORS
    if isinstance(actors, pd.DataFrame):
        need_columns(actors, "actor_labels", "actor", "alias")
        pairs = zip(actors["alias"], actors["actor"], strict=True)
    else:
        pairs = ((a, name) for name, aliases in actors.items() for a in [name, *aliases])
    table: dict[str, str] = {}
    for alias, actor in pairs:
        table.setdefault(str(alias), str(actor))
    return table


def _alias_regex(aliases: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?!\w)")


def descriptor(
    text: str, start: int, *, window: int = 4, labels: Iterable[str] | None = None
) -> str:
    """The words right before ``text[start:]`` that read as its title or label ("" if none).

    Walks left over at most ``window`` words, stopping at punctuation, a line break, a word
    that cannot be part of a title (articles, prepositions, conjunctions, common verbs,
    pronouns, adverbs, dates) or after a possessive. "of" is kept inside a title
    ("President of Belarus"). The words found count only if the one next to the name is
    capitalised, a possessive, a role noun (:data:`ROLE_NOUNS`), one of ``labels`` (default:
    the packaged lexicon's label words), or if it is a single word after an article ("the
    defiant Putin"). So "the self-proclaimed president Alexander Lukashenko" gives
    "self-proclaimed president" and "with Putin" gives "".
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    tokens = tokenize(before)
    words: list[str] = []
    end, stop = len(before), ""
    i = len(tokens) - 1
    while i >= 0 and len(words) < window:
        tok = tokens[i]
        if not _SPACE_ONLY.fullmatch(before[tok.end : end]):
            break
        low = tok.text.lower()
        if low == "of" and _title_of(tokens, i, words, before):
            words.append(tok.text)
        elif low in _NOT_TITLE or not any(c.isalpha() for c in low):
            stop = low
            break
        else:
            words.append(tok.text)
            if _POSSESSIVE_END.search(tok.text):
                break
        end, i = tok.start, i - 1
    if not words:
        return ""
    label_set = _label_forms(None) if labels is None else frozenset(labels)
    if not _heads_title(words[0], stop if len(words) == 1 else "", label_set):
        return ""
    return " ".join(reversed(words))


def _title_of(tokens: list[Any], i: int, words: list[str], before: str) -> bool:
    """Is the "of" at ``tokens[i]`` inside a title ("Mayor of Arnholm")?"""
    if i == 0 or not words or not all(w[:1].isupper() for w in words):
        return False
    prev = tokens[i - 1]
    if not _SPACE_ONLY.fullmatch(before[prev.end : tokens[i].start]):
        return False
    return prev.text[:1].isupper() or prev.text.lower() in ROLE_NOUNS


def _heads_title(head: str, stop: str, labels: frozenset[str]) -> bool:
    low = head.lower()
    return (
        head[:1].isupper()
        or bool(_POSSESSIVE_END.search(head))
        or low in ROLE_NOUNS
        or low in labels
        or stop in _DETERMINERS
    )


def _label_forms(lexicon: Lexicon | None) -> frozenset[str]:
    """Every lowercased one-word form of the lexicon's label entries."""
    lex = lexicon if lexicon is not None else load_lexicon()
    forms = (f for e in lex if e.category == "label" for f in (e.term, *e.forms))
    return frozenset(normalize_for_matching(f) for f in forms if " " not in f)


def actor_labels(
    corpus: pd.DataFrame,
    actors: Mapping[str, Iterable[str]] | pd.DataFrame | None = None,
    *,
    by: str = "outlet",
    window: int = 4,
    text: str = "text",
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """How each group labels each actor: the words right before every mention.

    ``actors`` maps an actor to its aliases (or is a DataFrame with columns actor and alias);
    default :data:`DEFAULT_ACTORS`. Each mention (longest alias, whole words, case as written)
    gets the descriptor of :func:`descriptor` (the lexicon's label words count as title
    words), lowercased; no descriptor counts as "(none)".
    ``loaded_terms`` lists the lexicon terms of weight > 0 found in the descriptor.
    Columns: group, actor, descriptor, count, loaded_terms.
    """
    func = "actor_labels"
    need_columns(corpus, func, by, text)
    table = _actor_table(actors)
    pattern = _alias_regex(table)
    labels = _label_forms(lexicon)
    found: Counter[tuple[Any, str, str]] = Counter()
    for g, value in zip(corpus[by], corpus[text], strict=True):
        if pd.isna(g) or not isinstance(value, str):
            continue
        for m in pattern.finditer(value):
            desc = descriptor(value, m.start(), window=window, labels=labels)
            found[(g, table[m.group()], desc)] += 1
    loaded = _loaded_in(sorted({d for _, _, d in found}), lexicon)
    rows = [
        {
            "group": g,
            "actor": a,
            "descriptor": normalize_for_matching(d) or "(none)",
            "count": n,
            "loaded_terms": loaded[d],
        }
        for (g, a, d), n in found.items()
    ]
    cols = ["group", "actor", "descriptor", "count", "loaded_terms"]
    out = pd.DataFrame(rows, columns=cols)
    if out.empty:
        return out
    out = out.groupby(["group", "actor", "descriptor"], as_index=False).agg(
        count=("count", "sum"), loaded_terms=("loaded_terms", "first")
    )
    out = out.sort_values(["group", "actor", "count", "descriptor"], ascending=[1, 1, 0, 1])
    return out.reset_index(drop=True)[cols]


def _loaded_in(descriptors: list[str], lexicon: Lexicon | None) -> dict[str, str]:
    """descriptor -> "; "-joined lexicon terms of weight > 0 it contains."""
    out = {}
    for d in descriptors:
        terms = [m.term for m in score(d, lexicon).matches if m.weight > 0] if d else []
        out[d] = "; ".join(dict.fromkeys(terms))
    return out
