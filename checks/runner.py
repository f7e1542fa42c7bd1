"""One run of `checks` over a corpus: per-seed rules on the seeds asked for,
then corpus-wide rules over every seed's record and INDEX.md, then fixes.

Seeds are read one at a time; only their records stay in memory.  Per-seed
rules run on the seeds named (all of them by default, only those changed since
REF with `--diff-base REF`); corpus rules always see the whole corpus but keep
only the findings that concern the seeds asked for, or INDEX.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checks.cache import UNCACHEABLE
from checks.config import Config, ConfigError
from checks.context import Context
from checks.corpus import Corpus, Display, SeedRecord, seed_paths
from checks.diagnostic import CorpusFinding, Diagnostic, Fix
from checks.document import Document
from checks.fixes import write_atomic
from checks.index import NAME, read_index, rendered_index
from checks.linter import Linter
from checks.registry import Rule


@dataclass
class Outcome:
    diagnostics: list[Diagnostic]
    fixed: list[tuple[str, Fix]] = field(default_factory=list)
    files: int = 0


def _key(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


class Run:
    def __init__(
        self,
        config: Config,
        rules: Iterable[Rule],
        context: Context | None = None,
    ):
        self.config = config
        self.folder = config.corpus_path
        self.linter = Linter(rules, config.severity, context)
        self.display = Display()
        self.use_cache = False

    def _cache(self):
        from checks.cache import Cache

        settings = (
            sorted(
                r.code
                for r in self.linter.rules
                + self.linter.accept_rules
                + self.linter.corpus_rules
            ),
            sorted((k, v.value) for k, v in self.config.severity.items()),
            self.linter.context.today.isoformat(),
            str(self.folder.resolve()),
        )
        return Cache(self.config.root, settings)

    # The corpus ---------------------------------------------------------------

    def corpus_files(self) -> dict[tuple[int, int], Path]:
        if not self.folder.is_dir():
            return {}
        return {_key(p): p for p in seed_paths([self.folder])}

    def record(self, doc: Document) -> SeedRecord:
        record = SeedRecord.of(doc)
        if "PRV003" in self.linter.selected:
            from checks.similarity import signature

            record.signature = signature(doc.body)
        return record

    def corpus(self, records: list[SeedRecord], base=None) -> Corpus:
        index_path = self.folder / NAME
        return Corpus(
            folder=self.folder,
            records=records,
            index=read_index(index_path),
            index_display=self.display(index_path),
            settings={"near_duplicate": self.config.near_duplicate},
            base=base,
        )

    # Checking -----------------------------------------------------------------

    def check(
        self,
        paths: list[Path],
        fix: bool = False,
        unsafe: bool = False,
        diff_base: str | None = None,
    ) -> Outcome:
        base = None
        if diff_base is not None:
            from checks.history import base_changes

            if not self.folder.is_dir():
                raise ConfigError(f"--diff-base: no corpus folder {self.folder}")
            base = base_changes(self.folder, diff_base)
        in_corpus = self.corpus_files()
        index_path = self.folder / NAME
        index_named = base is not None and base.index_changed
        if paths:
            named_index = [p for p in paths if p.name == NAME and p.is_file()]
            if any(p.samefile(index_path) for p in named_index if index_path.exists()):
                index_named = True
            paths = [p for p in paths if p not in named_index]
        if paths or index_named and base is None:
            targets = {_key(p): p for p in seed_paths(paths)}
        elif self.folder.is_dir():
            targets = dict(in_corpus)
        else:
            raise ConfigError(f"{self.folder}: no such file or folder")
        if base is not None:
            targets = {k: p for k, p in targets.items() if p.stem in base.changed}
        outcome = Outcome([])
        records: list[SeedRecord] = []
        order = list(in_corpus.items()) + [
            (k, p) for k, p in targets.items() if k not in in_corpus
        ]
        cache = self._cache() if self.use_cache and not fix else None
        for key, path in order:
            raw = path.read_bytes()
            display = self.display(path)
            digest = hashlib.sha256(raw).digest() if cache is not None else b""
            hit = cache.get(display, digest) if cache is not None else None
            if hit is not None and hit[0] is None and key in targets:
                hit = None  # cached when it was only read for the corpus rules
            if hit is not None:
                diagnostics, record, pending = hit
                if key in targets:
                    outcome.files += 1
                    outcome.diagnostics += diagnostics
                if record is not None:
                    records.append(record)
                if pending:
                    self.linter.restore_pending(
                        record.stem if record else path.stem, pending, key in targets
                    )
                continue
            doc = Document(path, raw, display)
            diagnostics = []
            if key in targets:
                outcome.files += 1
                if fix:
                    result = self.linter.fix(doc, unsafe=unsafe)
                    doc = result.document
                    diagnostics = result.diagnostics
                    outcome.fixed += [(doc.display, f) for f in result.fixed]
                else:
                    diagnostics = self.linter.check(doc)
                outcome.diagnostics += diagnostics
            record = None
            if key in in_corpus and self.linter.corpus_rules:
                record = self.record(doc)
                records.append(record)
                if key not in targets and b"accept" in doc.raw:
                    self.linter.note_accepts(doc)
            if cache is not None and not any(
                d.code in UNCACHEABLE for d in diagnostics
            ):
                cache.put(
                    display,
                    digest,
                    (
                        diagnostics if key in targets else None,
                        record,
                        self.linter.pending_of(doc.stem),
                    ),
                )
        if cache is not None:
            cache.save()
        if self.linter.corpus_rules and in_corpus:
            everything = not paths and base is None and not index_named
            stems = {p.stem for p in targets.values()}
            shown = {self.display(p) for p in targets.values()}
            if base is not None:
                stems |= {stem for stem, _ in base.gone}
            if index_named:
                shown.add(self.display(index_path))

            def keep(f: CorpusFinding) -> bool:
                return everything or f.place.path in shown or bool(f.seeds & stems)

            corpus = self.corpus(records, base)
            found = self.corpus_findings(corpus, keep)
            if fix and any(d.fix and d.code.startswith("IDX") for d in found):
                outcome.fixed.append((corpus.index_display, self.write_index(corpus)))
                corpus = self.corpus(records, base)
                found = self.corpus_findings(corpus, keep)
            outcome.diagnostics += found
            outcome.files += corpus.index is not None
        outcome.diagnostics += self.linter.unused_accepts()
        outcome.diagnostics.sort()
        return outcome

    def corpus_findings(
        self, corpus: Corpus, keep: Callable[[CorpusFinding], bool]
    ) -> list[Diagnostic]:
        found = []
        for r in self.linter.corpus_rules:
            try:
                findings = list(r.check(corpus, self.linter.context))
            # A rule's bug must not hide the other rules' findings.
            except Exception as error:  # noqa: BLE001
                findings = [
                    CorpusFinding(
                        corpus.index_place(0, 0),
                        f"internal error in rule {r.code}: {type(error).__name__}: {error}; please report it",
                    )
                ]
            for f in findings:
                if keep(f) and not (
                    f.seed and self.linter.accepted(r.code, f.seed, f.text)
                ):
                    found.append(self.linter.corpus_diagnostic(r, f))
        return found

    # Writing INDEX.md -------------------------------------------------------------

    def write_index(self, corpus: Corpus) -> Fix:
        entries = [r.entry for r in corpus.records if r.number is not None]
        text = rendered_index(entries, corpus.index)
        old = corpus.index.text if corpus.index is not None else None
        if text != old:
            write_atomic(corpus.index_path, text.encode("utf-8"))
        verb = "create" if old is None else "rewrite"
        return Fix(f"{verb} INDEX.md's table ({len(entries)} seeds)", ())

    def records(self) -> list[SeedRecord]:
        return [
            self.record(Document(p, p.read_bytes(), self.display(p)))
            for p in self.corpus_files().values()
        ]
