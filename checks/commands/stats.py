"""`checks stats`: the corpus in figures, and the limits the team set on
them."""

from __future__ import annotations

import sys
from collections import Counter

from checks.commands.common import header_of, refused_in_one_line, run_for
from checks.config import load_config
from checks.options import StatsOptions
from checks.report.reporters import json_text, printable
from checks.rules.pseudonyms import declared
from checks.run.corpus import documents
from checks.seed.document import Document
from checks.seed.index import NAME, IndexFile, read_index


class Tally:
    """The corpus in figures, a seed at a time (`add`), then `figures`."""

    def __init__(self) -> None:
        self.years: Counter = Counter()
        self.languages: Counter = Counter()
        self.outlets: Counter = Counter()
        self.accepted: Counter = Counter()  # seeds accepting each code
        self.seeds = self.amended = self.pseudonymised = 0

    def add(self, doc: Document) -> None:
        self.seeds += 1
        header = header_of(doc)
        date = header.get("date")
        year = date[:4] if isinstance(date, str) and date[:4].isdigit() else None
        self.years[year or "unknown"] += 1
        language = header.get("language", "en")
        self.languages[language if isinstance(language, str) else "unknown"] += 1
        source = header.get("source")
        name = source.get("name") if isinstance(source, dict) else None
        self.outlets[name if isinstance(name, str) and name else "unknown"] += 1
        revisions = header.get("revisions")
        self.amended += isinstance(revisions, list) and bool(revisions)
        self.pseudonymised += bool(declared(doc))
        accepts = header.get("accept")
        codes = {
            e.get("code")
            for e in (accepts if isinstance(accepts, list) else [])
            if isinstance(e, dict)
        }
        self.accepted.update(c for c in codes if isinstance(c, str))

    def figures(self, index: IndexFile | None, diagnostics: list) -> dict:
        seeds, pseudonymised = self.seeds, self.pseudonymised
        retracted = sum(r.tombstone for r in index.rows) if index is not None else 0
        return {
            "seeds": seeds,
            "retracted": retracted,
            "amended": self.amended,
            "pseudonymised": pseudonymised,
            "pseudonymised_share": round(pseudonymised / seeds, 4) if seeds else 0.0,
            "by_year": dict(sorted(self.years.items())),
            "by_language": dict(self.languages.most_common()),
            "by_outlet": dict(self.outlets.most_common()),
            "accepted": dict(sorted(self.accepted.items())),
            "findings": dict(sorted(Counter(d.code for d in diagnostics).items())),
        }


@refused_in_one_line
def stats(args: StatsOptions) -> int:
    """The corpus in figures, and the limits of [tool.checks.stats] checked
    against them: exit 1 when one is crossed."""
    config = load_config(args.config)
    run = run_for(args)
    tally = Tally()
    folder = config.corpus_path
    for doc in documents([folder], folder, config.max_seed_bytes):
        tally.add(doc)
    figures = tally.figures(read_index(folder / NAME), run.check([]).diagnostics)
    seeds, accepted = tally.seeds, tally.accepted
    crossed = [
        f"{code} is accepted in {accepted[code] / seeds:.1%} of seeds "
        f"({accepted[code]} of {seeds}), over the {limit:.1%} "
        "[tool.checks.stats] max-accepted allows"
        for code, limit in sorted(config.max_accepted.items())
        if seeds and accepted[code] / seeds > limit
    ]
    if args.format == "json":
        print(json_text({**figures, "limits_crossed": crossed}, indent=2))
    else:
        sys.stdout.write(_stats_text(figures))
        for line in crossed:
            print(f"checks stats: {line}", file=sys.stderr)
    return 1 if crossed else 0


def _stats_text(figures: dict) -> str:
    seeds = figures["seeds"]
    lines = [
        f"seeds: {seeds}",
        f"retracted: {figures['retracted']}",
        f"amended: {figures['amended']}",
        f"with pseudonyms: {figures['pseudonymised']} "
        f"({figures['pseudonymised_share']:.1%})",
    ]
    for title, key in (
        ("by year", "by_year"),
        ("by language", "by_language"),
        ("by outlet", "by_outlet"),
        ("accepted, seeds per rule", "accepted"),
        ("findings per rule", "findings"),
    ):
        lines.append(f"{title}:")
        lines += [f"  {printable(str(k))}: {v}" for k, v in figures[key].items()]
        if not figures[key]:
            lines.append("  none")
    return "\n".join(lines) + "\n"
