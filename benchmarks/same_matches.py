"""Check that a change to the scoring code leaves every match and summary unchanged.

Usage:
    python benchmarks/same_matches.py OUT.tsv [--against BEFORE.tsv] [--allsides PATH]
        [--babe PATH] [--unlp PATH] [--language ru|uk]

Scores the shipped corpora (``corpus/``, ``corpus-ru-uk/``) and, when given, the AllSides
sample, the BABE sentences and the UNLP posts, and writes one line per match (source, id,
start, end, term, category, weight, voice, negated, counted, rule, sentence, speaker,
quote_rule) and one per document summary to OUT. With ``--against`` it compares the two files
and exits 1 if any line differs (the first differences are printed). The data is read, never
copied into the project. Run on demand; never part of the tests.

With ``--language ru`` or ``--language uk`` it checks the lemma matching of that language
only: the language's texts of ``corpus-ru-uk/``, every example and counter-example of its
lexicon, a few hundred sentences made up here from its lexicon forms in random inflections
(seeded, so the same on every run: negators, reporting verbs, attributing phrases, quote
marks, and the odd writing real posts have: curly and modifier apostrophes, stress marks,
masked words, soft hyphens, doubled and no-break spaces, mixed Latin and Cyrillic, capitals)
each alone and run together into paragraphs, and the UNLP posts in that language when
``--unlp`` is given.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import biaskit

ROOT = Path(__file__).resolve().parent.parent


def documents(args: argparse.Namespace) -> Iterator[tuple[str, str, str, str]]:
    """(source, id, language, text) of every document to check."""
    if args.language:
        yield from language_documents(args.language, args.unlp)
        return
    for name in ("corpus", "corpus-ru-uk"):
        docs = biaskit.load_corpus(ROOT / name)
        langs = docs["language"] if "language" in docs else ["en"] * len(docs)
        for i, lang, text in zip(docs["id"], langs, docs["text"], strict=True):
            yield name, str(i), lang if isinstance(lang, str) else "en", text
    if args.allsides:
        docs = biaskit.load_allsides(args.allsides)
        for i, text in zip(docs["id"], docs["text"], strict=True):
            yield "allsides", str(i), "en", text
    if args.babe:
        data = biaskit.load_annotated(args.babe)
        for i, text in enumerate(data["text"]):
            yield "babe", str(i), "en", text
    if args.unlp:
        with open(args.unlp, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    p = json.loads(line)
                    yield "unlp", p["id"], p["lang"], p["text"]


# --- one lemma language: its corpus, its lexicon's examples and made-up sentences --------------

# Words the made-up sentences are built from, per language: subjects, negators, reporting
# verbs and attributing phrases (surface forms), fillers with apostrophes and hyphens.
_PARTS = {
    "uk": {
        "subjects": ["Речник Кремля", "Міністр", "Джерело в СБУ", "Президент", "Депутати",
                     "Місцеві мешканці", "Російські військові", "Окупанти", "Уряд", "Вони"],
        "negators": ["не", "ніколи не", "зовсім не", "навряд чи", "далеко не", "ще не",
                     "ні", "жодним чином не", "не є"],
        "reporting": ["заявив, що", "повідомили, що", "наголосила, що", "назвав", "сказав:",
                      "заперечує, що", "вважає, що", "пише, що", "розповідали, що"],
        "according": ["За словами міністра,", "За даними наших джерел,", "Згідно з даними ЗСУ,",
                      "Як повідомляє агентство,", "На думку експертів,",
                      "За його словами,", "За їхніми даними,"],
        "after": [", — заявили в МЗС.", ", повідомив губернатор.", ", сказав речник.",
                  ", пише видання.", ", — наголосила вона."],
        "fillers": ["п'ять", "об'єкт", "зв'язок", "інтерв'ю", "м'ясо", "прем'єр-міністр",
                    "сім'я", "В'ячеслав", "б'ють", "пам'ять", "вчора", "у Києві", "на фронті",
                    "так званий", "2024", "NATO", "Telegram", "вибухи", "15%", "о 5:30",
                    "ще", "дуже", "і", "але", "а також", "бо", "тому"],
        "mask": ["бл*дь", "х*йло", "нах*й", "п*дор", "с*ка"],
    },
    "ru": {
        "subjects": ["Представитель Кремля", "Министр", "Источник в ФСБ", "Президент",
                     "Депутаты", "Местные жители", "Военные", "Оккупанты", "Правительство",
                     "Они"],
        "negators": ["не", "никогда не", "вовсе не", "вряд ли", "далеко не", "ещё не", "ни",
                     "никоим образом не", "не является"],
        "reporting": ["заявил, что", "сообщили, что", "подчеркнула, что", "назвал", "сказал:",
                      "отрицает, что", "считает, что", "пишет, что", "рассказывали, что"],
        "according": ["По словам министра,", "По данным наших источников,",
                      "Согласно данным Минобороны,", "Как сообщает агентство,",
                      "По мнению экспертов,", "По его словам,", "По их данным,"],
        "after": [", — заявили в МИД.", ", сообщил губернатор.", ", сказал пресс-секретарь.",
                  ", пишет издание.", ", — подчеркнула она."],
        "fillers": ["ещё", "её", "объект", "подъезд", "пресс-секретарь", "вчера", "в Москве",
                    "на фронте", "так называемый", "2024", "NATO", "Telegram", "взрывы",
                    "15%", "в 5:30", "очень", "и", "но", "а также", "потому что", "всё"],
        "mask": ["бл*дь", "х*йло", "нах*й", "п*дор", "с*ка"],
    },
}
_QUOTES = [("«", "»"), ("„", "“"), ("“", "”"), ('"', '"'), ("‘", "’")]
_ODD_SPACES = ["  ", "\u00a0", "\n", "\n\n", "\t", " \n ", "\u202f"]
_INVISIBLE = ["\u00ad", "\u200b", "\u200d", "\ufeff"]
_LATIN_LOOKALIKE = str.maketrans("аеорсхі", "aeopcxi")


@cache
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _inflected(lang: str, rng: random.Random, form: str) -> str:
    """A lexicon form (a lemma sequence) with each word in a random inflection."""
    words = []
    for word in form.split(" "):
        parses = _analyzer(lang).parse(word)
        lexeme = parses[0].lexeme if parses else []
        words.append(rng.choice(lexeme).word if lexeme else word)
    return " ".join(words)


def _roughen(rng: random.Random, sentence: str) -> str:
    """The sentence with one or two of the odd ways real posts are written."""
    for _ in range(rng.randint(1, 2)):
        words = sentence.split(" ")
        i = rng.randrange(len(words))
        w = words[i]
        kind = rng.randrange(10)
        if kind == 0:
            sentence = sentence.replace("'", rng.choice(["’", "ʼ", "‘"]))
            continue
        if kind == 1 and len(words) > 1:
            words[i] = w + rng.choice(_ODD_SPACES)
            words[i] = words[i].rstrip(" ")
        elif kind == 2 and len(w) > 3:  # a stress mark (NFD acute) after a letter
            k = rng.randrange(1, len(w))
            words[i] = w[:k] + "\u0301" + w[k:]
        elif kind == 3 and len(w) > 3:
            k = rng.randrange(1, len(w))
            words[i] = w[:k] + rng.choice(_INVISIBLE) + w[k:]
        elif kind == 4:
            words[i] = w.upper()
        elif kind == 5:
            words[i] = w.translate(_LATIN_LOOKALIKE) if rng.random() < 0.5 else (
                w[:1] + w[1:].translate(_LATIN_LOOKALIKE))
        elif kind == 6:
            words[i] = w.capitalize()
        elif kind == 7 and len(w) > 3:
            k = rng.randrange(1, len(w) - 1)
            words[i] = w[:k] + "*" + w[k + 1 :]
        elif kind == 8:
            words[i] = w + rng.choice([",", ";", " —", " -", ":", "...", " (", ")", "!"])
        else:
            words[i] = w.replace("е", "ё") if rng.random() < 0.5 else w + "-" + w
        sentence = " ".join(words)
    return sentence


def made_up_sentences(lang: str, n: int = 400) -> list[str]:
    """``n`` sentences made up from the lexicon forms of ``lang`` (seeded: the same every
    run), some of them written oddly (see :func:`_roughen`)."""
    rng = random.Random(f"same-matches-{lang}")
    parts = _PARTS[lang]
    forms = sorted({f for e in biaskit.load_lexicon(language=lang) for f in e.forms})
    out = []
    for _ in range(n):
        pick = [_inflected(lang, rng, rng.choice(forms)) for _ in range(rng.randint(1, 3))]
        filler = rng.sample(parts["fillers"], 2)
        shape = rng.randrange(8)
        subj = rng.choice(parts["subjects"])
        if shape == 0:
            s = f"{subj} {rng.choice(parts['reporting'])} {pick[0]} {filler[0]} {pick[-1]}."
        elif shape == 1:
            s = f"{subj} {rng.choice(parts['negators'])} {pick[0]} {filler[0]}."
        elif shape == 2:
            s = f"{rng.choice(parts['according'])} {pick[0]} {filler[0]} {pick[-1]}."
        elif shape == 3:
            o, c = rng.choice(_QUOTES)
            s = f"{subj} {filler[0]} {o}{pick[0]}{c} {filler[1]} {pick[-1]}."
        elif shape == 4:
            s = f"{pick[0].capitalize()} {filler[0]} {pick[-1]}{rng.choice(parts['after'])}"
        elif shape == 5:
            s = f"{pick[0].capitalize()} {rng.choice(parts['mask'])} {filler[0]}, {pick[-1]}!"
        elif shape == 6:
            o, c = rng.choice(_QUOTES)
            s = f"{o}{pick[0].capitalize()} {filler[0]} {pick[-1]}{c}, — {subj.lower()}."
        else:
            s = " ".join([subj, *pick, *filler]) + rng.choice([".", "?", "!", "…", ""])
        out.append(_roughen(rng, s) if rng.random() < 0.6 else s)
    return out


def language_documents(lang: str, unlp: str | None) -> Iterator[tuple[str, str, str, str]]:
    """(source, id, language, text) of every ``lang`` document to check (``--language``)."""
    docs = biaskit.load_corpus(ROOT / "corpus-ru-uk")
    for i, code, text in zip(docs["id"], docs["language"], docs["text"], strict=True):
        if code == lang:
            yield "corpus-ru-uk", str(i), lang, text
    k = 0
    for e in biaskit.load_lexicon(language=lang):
        for text in [x.text for x in e.examples] + list(e.not_examples):
            yield "examples", f"{e.term}:{k}", lang, text
            k += 1
    made_up = made_up_sentences(lang)
    for k, text in enumerate(made_up):
        yield "made-up", str(k), lang, text
    for k in range(0, len(made_up), 5):  # run together: paragraphs of five
        sep = "\n\n" if k % 4 == 0 else " "
        yield "made-up-paragraph", str(k // 5), lang, sep.join(made_up[k : k + 5])
    if unlp:
        with open(unlp, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    p = json.loads(line)
                    if p["lang"] == lang:
                        yield "unlp", p["id"], lang, p["text"]


def lines(args: argparse.Namespace) -> Iterator[str]:
    """One tab-separated line per match and per document summary."""
    lexicons: dict[str, biaskit.Lexicon] = {}
    for source, doc_id, lang, text in documents(args):
        lex = lexicons.get(lang) or lexicons.setdefault(lang, biaskit.load_lexicon(language=lang))
        s = biaskit.score(text, lex, language=lang)
        summary = s.summary()
        yield "\t".join([source, doc_id, "doc", *(f"{k}={v}" for k, v in summary.items())])
        for m in s.matches:
            fields = (m.start, m.end, m.term, m.category, m.weight, m.voice, m.negated,
                      m.counted, m.rule, m.sentence, m.speaker, m.quote_rule, m.replacement)
            yield "\t".join([source, doc_id, "match", *map(str, fields)])
        for q in s.quotes:
            yield "\t".join([source, doc_id, "quote", *map(str, (q.start, q.end, q.kind, q.rule))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--against")
    ap.add_argument("--allsides")
    ap.add_argument("--babe")
    ap.add_argument("--unlp")
    ap.add_argument("--language", choices=("ru", "uk"),
                    help="check one lemma language only (see the module docstring)")
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        n = 0
        for line in lines(args):
            fh.write(line + "\n")
            n += 1
    print(f"{n:,} lines written to {args.out}")
    if args.against:
        old = Path(args.against).read_text(encoding="utf-8").splitlines()
        new = Path(args.out).read_text(encoding="utf-8").splitlines()
        diff = [(i, a, b) for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        if len(old) != len(new) or diff:
            print(f"DIFFERENT: {len(old):,} lines before, {len(new):,} after, "
                  f"{len(diff):,} differ")
            for i, a, b in diff[:10]:
                print(f"line {i}:\n  before: {a}\n  after:  {b}")
            sys.exit(1)
        print(f"identical to {args.against}")


if __name__ == "__main__":
    main()
