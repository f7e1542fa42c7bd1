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
from checks.seed.index import NAME, read_index


@refused_in_one_line
def stats(args: StatsOptions) -> int:
    """The corpus in figures, and the limits of [tool.checks.stats] checked
    against them: exit 1 when one is crossed."""
    config = load_config(args.config)
    run = run_for(args)
    years: Counter = Counter()
    languages: Counter = Counter()
    outlets: Counter = Counter()
    accepted: Counter = Counter()
    seeds = amended = pseudonymised = 0
    for doc in documents(
        [config.corpus_path], config.corpus_path, config.max_seed_bytes
    ):
        seeds += 1
        header = header_of(doc)
        date = header.get("date")
        years[
            date[:4] if isinstance(date, str) and date[:4].isdigit() else "unknown"
        ] += 1
        language = header.get("language", "en")
        languages[language if isinstance(language, str) else "unknown"] += 1
        source = header.get("source")
        name = source.get("name") if isinstance(source, dict) else None
        outlets[name if isinstance(name, str) and name else "unknown"] += 1
        revisions = header.get("revisions")
        amended += isinstance(revisions, list) and bool(revisions)
        pseudonymised += bool(declared(doc))
        accepts = header.get("accept")
        codes = {
            e.get("code")
            for e in (accepts if isinstance(accepts, list) else [])
            if isinstance(e, dict)
        }
        accepted.update(c for c in codes if isinstance(c, str))
    index = read_index(config.corpus_path / NAME)
    retracted = sum(r.tombstone for r in index.rows) if index is not None else 0
    findings = Counter(d.code for d in run.check([]).diagnostics)
    figures = {
        "seeds": seeds,
        "retracted": retracted,
        "amended": amended,
        "pseudonymised": pseudonymised,
        "pseudonymised_share": round(pseudonymised / seeds, 4) if seeds else 0.0,
        "by_year": dict(sorted(years.items())),
        "by_language": dict(languages.most_common()),
        "by_outlet": dict(outlets.most_common()),
        "accepted": dict(sorted(accepted.items())),
        "findings": dict(sorted(findings.items())),
    }
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
