"""A deterministic generator of realistic seed corpora, for the benchmarks.

    python benchmarks/generate.py OUT_DIR --seeds 1000 [--seed 7] [--bad 0.02]
    python benchmarks/generate.py OUT_DIR --seeds 5000 --messy

Writes OUT_DIR/pyproject.toml, OUT_DIR/seeds/NNN_<hex>.txt and
OUT_DIR/seeds/INDEX.md.  Each body is about 4 KB of news-like prose in the
project's own words: paragraphs of narration, quotes with and without their
speaker, attributions to people and outlets, a pseudonym marker now and then,
weasel phrases, figures.  A share of seeds (--bad) is broken on purpose: a
wrong hash, a bad date, a quote with no speaker, an undeclared pseudonym.
The same arguments always give the same bytes.

With --messy, the seeds are as a corpus reaches a team that adopts `checks`:
about 1.7 KB each, in the old inline form (` date YYYY-MM-DD` on the line
of the text, no YAML header, no INDEX.md), each paragraph one long line, and
written loosely: weasel attribution, quotes nobody says, claims with no
source, outlets the header does not cite, names flagged as changed and not
declared.  `checks --fix` migrates them and `checks index` lists them; a
run then finds about ten problems a seed, across the families.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checks.seed.header import dump_fields  # noqa: E402
from checks.seed.index import END, PREAMBLE, START, Entry, render_region  # noqa: E402

FIRST = """Ana Tomas Ines Piet Omar Lena Marta Farid Kwame Daria Sergio Hannah Mehmet
Jelena Priya Ahmed Rita Pavel Inna Ruth Bogdan Kira Nadia Tariq Salma Joy Aisha Bruno
Elena Jamie Viktor Maya Kofi Zainab Taras Lucia Petro Eva Bea Ali Noor Sasha Amir""".split()
LAST = """Reyna Alder Harlow Ansel Haddad Moss Velt Sousa Okafor Lund Holm Ruiz Kell
Boateng Novak Ortiz Lamas Brandt Marsh Quill Fenn Ashby Corrin Dale Ember Frost""".split()
PLACES = """Anholm Lowmere Vell Cantrell Orrin Tillbury Marsk Eastwick Harrowgate
Kestel Brennock Saltash Dunmere Fallow Greyhaven Ostry Pellin Rookby""".split()
OUTLETS = [
    "Anholm Courier",
    "Lowmere Gazette",
    "Vell Herald",
    "Orrin Post",
    "Harbour Radio",
]
BODIES = [
    "the harbour authority",
    "the county council",
    "the water board",
    "the health ministry",
    "the port police",
]
NOUNS = """ferry harbour bridge road school clinic market mill dam quay pier bakery
depot station library shelter reservoir orchard factory ward""".split()
VERBS = (
    """reopened closed flooded collapsed expanded recovered stalled emptied""".split()
)
TIMES = """on Monday on Tuesday on Wednesday on Thursday on Friday last week this
month in March in April overnight at dawn""".split(" ")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    kinds = [
        lambda: (
            f"The {rng.choice(NOUNS)} in {rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(TIMES)}, {rng.choice(BODIES)} said."
        ),
        lambda: (
            f"Work on the {rng.choice(NOUNS)} is due to start in the spring and should take about {rng.randint(2, 9)} months."
        ),
        lambda: (
            f"More than {rng.randint(20, 900)} people attended a meeting about the {rng.choice(NOUNS)}, according to the {rng.choice(OUTLETS)}."
        ),
        lambda: (
            f"Residents of {rng.choice(PLACES)} say the {rng.choice(NOUNS)} has been neglected for years."
        ),
        lambda: (
            f"{person(rng)}, who runs the {rng.choice(NOUNS)}, said the delays had cost her {rng.randint(2, 40)} days of work."
        ),
        lambda: f"The {rng.choice(NOUNS)} is reportedly in need of repair.",
        lambda: (
            f"The plan was approved by {rng.choice(BODIES)} after a vote of {rng.randint(5, 9)} to {rng.randint(0, 4)}."
        ),
        lambda: "Traffic along the coast road was slow for most of the day.",
        lambda: (
            f"The {rng.choice(OUTLETS)} reported that the budget had risen by {rng.randint(2, 30)} percent."
        ),
    ]
    # Weasel phrasing is the exception in edited news, not one sentence in nine.
    weights = [1.0] * len(kinds)
    weights[5] = 0.03
    return rng.choices(kinds, weights)[0]()


def quote(rng: random.Random, attributed: bool = True) -> str:
    words = rng.choice(
        [
            "We waited for weeks and nobody came to help us",
            "The water came up to the windows in less than an hour",
            "We have been asking for this since before the storm",
            "Nobody told us the road would close for the whole winter",
            "It is the best news this town has had in years",
        ]
    )
    if not attributed:
        return f'"{words}."'
    return f'"{words}," said {person(rng)}, {rng.choice(["a fisherman", "a teacher", "who runs a shop nearby", "a nurse"])}.'


def body(rng: random.Random, size: int, pseudonym: str | None, bad_quote: bool) -> str:
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        roll = rng.random()
        if roll < 0.25:
            paragraphs.append(quote(rng) + " " + sentence(rng))
        elif roll < 0.3 and pseudonym:
            paragraphs.append(
                f"{pseudonym} (not her real name) has worked at the {rng.choice(NOUNS)} for {rng.randint(2, 30)} years. "
                f"{pseudonym} said the shifts were getting longer."
            )
            pseudonym = None
        else:
            paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randint(2, 4))))
    if bad_quote:
        paragraphs.insert(1, quote(rng, attributed=False))
    return "\n\n".join(paragraphs) + "\n"


def generate(
    out: Path, seeds: int, seed: int = 7, bad: float = 0.02, size: int = 4000
) -> None:
    rng = random.Random(seed)
    folder = out / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    entries = []
    for number in range(seeds):
        seed_id = f"{number:03d}_{rng.getrandbits(64):016x}"
        broken = rng.random() < bad
        flaw = rng.choice(["hash", "date", "quote", "pseudonym"]) if broken else None
        alias = rng.choice(FIRST) if rng.random() < 0.1 or flaw == "pseudonym" else None
        text = body(rng, size, alias, flaw == "quote")
        cites = sorted({o for o in OUTLETS if o in text})
        fields = {
            "id": seed_id,
            "date": "2024-13-40"
            if flaw == "date"
            else f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "title": f"{rng.choice(NOUNS).capitalize()} in {rng.choice(PLACES)}",
            "source": {
                "name": rng.choice(OUTLETS),
                "url": f"https://example.org/news/{number}",
                "retrieved": "2024-12-30",
            },
        }
        if cites:
            fields["cites"] = cites
        if alias and flaw != "pseudonym" and alias in text:
            fields["pseudonyms"] = [alias]
        digest = hashlib.sha256(text.encode()).hexdigest()
        fields["sha256"] = (
            hashlib.sha256(b"other").hexdigest() if flaw == "hash" else digest
        )
        (folder / f"{seed_id}.txt").write_text(f"---\n{dump_fields(fields)}---\n{text}")
        entries.append(
            Entry(
                id=seed_id,
                date=fields["date"],
                title=fields["title"],
                source=fields["source"]["name"],
                cites=tuple(cites),
                pseudonyms=tuple(fields.get("pseudonyms", ())),
                sha256=digest,
            )
        )
    (folder / "INDEX.md").write_text(
        f"{PREAMBLE}{START}\n{render_region(entries, None)}{END}\n"
    )


LOOSE = [
    lambda rng: f"The {rng.choice(NOUNS)} is reportedly close to collapse.",
    lambda rng: (
        f"Experts say the {rng.choice(NOUNS)} in {rng.choice(PLACES)} should never have {rng.choice(VERBS)}."
    ),
    lambda rng: (
        f"Some residents claim the {rng.choice(NOUNS)} was {rng.choice(VERBS)} {rng.choice(TIMES)} without warning."
    ),
    lambda rng: (
        f"It is widely believed that the {rng.choice(NOUNS)} cost far more than planned."
    ),
    lambda rng: (
        f"The repairs will cost at least {rng.randint(2, 90)} million and take {rng.randint(2, 9)} years."
    ),
    lambda rng: (
        f"The {rng.choice(OUTLETS)} said the {rng.choice(NOUNS)} had {rng.choice(VERBS)} {rng.choice(TIMES)}."
    ),
]


def messy_body(rng: random.Random, size: int) -> str:
    """Long one-line paragraphs, loosely sourced."""
    paragraphs: list[str] = []
    alias = rng.choice(FIRST) if rng.random() < 0.5 else None
    while sum(len(p) + 2 for p in paragraphs) < size:
        roll = rng.random()
        if roll < 0.2:
            paragraphs.append(quote(rng, attributed=rng.random() < 0.4))
        elif roll < 0.3 and alias:
            paragraphs.append(
                f"{alias} (name changed) has worked at the {rng.choice(NOUNS)} for "
                f"{rng.randint(2, 30)} years and says the shifts are getting longer."
            )
            alias = None
        else:
            paragraphs.append(
                " ".join(
                    (rng.choice(LOOSE)(rng) if rng.random() < 0.3 else sentence(rng))
                    for _ in range(rng.randint(4, 7))
                )
            )
    return "\n\n".join(paragraphs) + "\n"


def generate_messy(out: Path, seeds: int, seed: int = 7, size: int = 1500) -> None:
    rng = random.Random(seed)
    folder = out / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    (out / "pyproject.toml").write_text('[tool.checks]\ncorpus = "seeds"\n')
    for number in range(seeds):
        seed_id = f"{number:03d}_{rng.getrandbits(64):016x}"
        date = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = messy_body(rng, size)
        (folder / f"{seed_id}.txt").write_text(f" date {date} {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seeds", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bad", type=float, default=0.02)
    parser.add_argument(
        "--messy",
        action="store_true",
        help="legacy seeds, loosely written (run checks --fix, then checks index)",
    )
    args = parser.parse_args(argv)
    if args.messy:
        generate_messy(args.out, args.seeds, args.seed)
    else:
        generate(args.out, args.seeds, args.seed, args.bad)
    print(f"wrote {args.seeds} seeds to {args.out / 'seeds'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
