"""`checks report [PATH ...] -o report.html`: the corpus and its findings as
one self-contained HTML page.

The overview (the corpus in figures, drawn as inline SVG with the numbers
beside) is written into the page and reads with scripting off.  The seeds
travel as JSON inside the page, each drawn when it is asked for (`#seed-ID`,
`#finding-N`): its header as a table, its text with every finding marked at
the span its diagnostic carries, accepted findings apart with their reasons,
quotes with their speakers and flagged names.  Every string from a seed is
put on the page as text, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from importlib import resources

from checks.commands.common import header_of, read_by_detectors, refused_in_one_line
from checks.commands.stats import Tally
from checks.config import load_config
from checks.options import ReportOptions, Running
from checks.rules.claims import analysed
from checks.rules.pseudonyms import detected
from checks.rules.registry import all_rules, select
from checks.run.corpus import documents
from checks.run.runner import Run
from checks.seed.document import LINE_BREAK, Document
from checks.seed.files import write_atomic
from checks.seed.index import NAME, read_index

# Findings listed in the page's table at once; filters find the others.
SHOWN_AT_ONCE = 500


@refused_in_one_line
def report(args: ReportOptions) -> int:
    """Write the report page; say where, and how much it holds."""
    config = load_config(args.config)
    rules = select(all_rules().values(), config.select, config.ignore)
    # As `checks` runs: the per-seed rules on every core, with the cache.
    run = Run(config, rules, running=Running.of_flags(None, "local", None, False))
    folder = config.corpus_path
    diagnostics = run.check(list(args.paths)).diagnostics
    by_path: dict[str, list] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    tally = Tally()
    seeds = []
    numbered = 0
    for doc in documents(args.paths or [folder], folder, config.max_seed_bytes):
        tally.add(doc)
        seed = _seed(run, doc, by_path.pop(doc.display, []), numbered)
        numbered += len(seed["findings"])
        seeds.append(seed)
    others = [
        {**d.as_dict(), "n": numbered + i}
        for i, d in enumerate(d for found in by_path.values() for d in found)
    ]
    figures = tally.figures(read_index(folder / NAME), diagnostics)
    page = _page(figures, seeds, others, diagnostics)
    write_atomic(args.output, page.encode("utf-8"))
    print(
        f"Report written to {args.output}: {len(seeds)} seeds, "
        f"{len(diagnostics)} findings, {len(page.encode()) // 1024:,} KB."
    )
    return 0


def _seed(run, doc: Document, findings: list, first: int) -> dict:
    """A seed as the page draws it: offsets in UTF-16 code units, as the
    browser counts them."""
    text = doc.text if doc.unread is None else ""
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    units = _Units(text)

    def span(line: int, column: int) -> int:
        if not 0 < line <= len(starts):
            return 0
        return units(min(len(text), starts[line - 1] + column - 1))

    marked = []
    for n, d in enumerate(findings, first):
        marked.append(
            {
                "n": n,
                "code": d.code,
                "name": d.name,
                "severity": d.severity.value,
                "message": d.message,
                "line": d.line,
                "column": d.column,
                "start": span(d.line, d.column),
                "end": span(d.end_line, d.end_column),
            }
        )
    header = header_of(doc)
    accepts = header.get("accept") if isinstance(header.get("accept"), list) else []
    accepted = []
    for d, index in run.linter.accepted(doc) if doc.unread is None else []:
        entry = accepts[index] if index < len(accepts) else {}
        accepted.append(
            {
                "code": d.code,
                "name": d.name,
                "message": d.message,
                "line": d.line,
                "start": span(d.line, d.column),
                "end": span(d.end_line, d.end_column),
                "reason": str(entry.get("reason", ""))
                if isinstance(entry, dict)
                else "",
            }
        )
    quotes, names = _read(doc, units)
    return {
        "id": doc.stem,
        "path": doc.display,
        "header": header,
        "text": text,
        "unread": doc.unread,
        "findings": marked,
        "accepted": accepted,
        "quotes": quotes,
        "pseudonyms": names,
    }


class _Units:
    """Code-point offsets of a text as UTF-16 code units (the same, for text
    with no character beyond the Basic Multilingual Plane)."""

    def __init__(self, text: str):
        self.text = text
        self.plain = all(ord(c) < 0x10000 for c in text) if not text.isascii() else True

    def __call__(self, offset: int) -> int:
        if self.plain:
            return offset
        return offset + sum(1 for c in self.text[:offset] if ord(c) >= 0x10000)


def _read(doc: Document, units: _Units) -> tuple[list, list]:
    """The quotes of an English seed, each with its speaker, and the names
    its text flags as not real: the spans the page marks."""
    if not read_by_detectors(doc):
        return [], []
    claims, shift = analysed(doc)
    text = claims.prose.text
    quotes = [
        {
            "start": units(a.quote.start + shift),
            "end": units(a.quote.end + shift),
            "speaker": text[a.speaker[0] : a.speaker[1]] if a.speaker else None,
        }
        for a in claims.attributions
    ]
    found, shift = detected(doc)
    names = [
        {"name": p.name, "start": units(p.start + shift), "end": units(p.end + shift)}
        for p in found.pseudonyms
    ]
    return quotes, names


def _page(figures: dict, seeds: list, others: list, diagnostics: list) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(
        loader=PackageLoader("checks.report", "html"),
        autoescape=select_autoescape(["html", "j2"], default=True),
    )
    rules = all_rules()
    severities = Counter(d.severity.value for d in diagnostics)
    families = Counter(d.code[:3] for d in diagnostics)
    per_rule = [
        {
            "code": code,
            "name": rules[code].name if code in rules else "",
            "severity": rules[code].severity.value if code in rules else "",
            "count": count,
        }
        for code, count in sorted(figures["findings"].items())
    ]
    data = {
        "seeds": seeds,
        "others": others,
        "rules": {
            c: {"name": r.name, "severity": r.severity.value} for c, r in rules.items()
        },
        "shown_at_once": SHOWN_AT_ONCE,
    }
    html = resources.files("checks.report").joinpath("html")
    script = html.joinpath("report.js").read_text(encoding="utf-8")
    # The page runs this script and no other: no inline handler, no script
    # element that a seed's text could have slipped in.
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return environment.get_template("report.html.j2").render(
        script_hash=f"sha256-{digest}",
        figures=figures,
        per_rule=per_rule,
        severities=dict(severities.most_common()),
        families=dict(sorted(families.items())),
        findings=len(diagnostics),
        style=html.joinpath("report.css").read_text(encoding="utf-8"),
        script=script,
        data=_embedded(data),
        seeds_listed=seeds[:SHOWN_AT_ONCE],
    )


def _embedded(data: dict) -> str:
    """JSON that can stand inside a <script> element: no `<`, `>` or `&`
    as such, so that no text of a seed can close the element or open one."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
