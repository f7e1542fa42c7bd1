"""Configuration: `[tool.checks]` in the corpus repository's pyproject.toml,
validated once, then overridden by command-line flags.

    [tool.checks]
    corpus = "seeds"            # the folder checked when no path is given
    select = ["ALL"]            # codes or code prefixes
    ignore = []
    near-duplicate = 0.8        # PRV003: shared 5-word shingles (Jaccard), 0.5-1
    base = "main"               # what `checks renumber` compares with
    baseline = "checks-baseline.json"  # findings recorded by `checks baseline`
    max-seed-bytes = 8388608    # ENC008: larger seed files are not read
    [tool.checks.severity]
    ENC006 = "error"            # error, warning or info

Unknown keys, unknown codes and wrong types are usage errors (exit 2).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checks.options import UsageError
from checks.report.diagnostic import Severity
from checks.run.history import committed_bytes
from checks.seed.files import MAX_SEED_BYTES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = (
    "corpus",
    "select",
    "ignore",
    "severity",
    "near-duplicate",
    "base",
    "baseline",
    "max-seed-bytes",
)


@dataclass(frozen=True)
class Config:
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    corpus: Path = Path("seeds")
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    near_duplicate: float = 0.8
    base: str = "main"
    baseline: Path | None = None
    max_seed_bytes: int = MAX_SEED_BYTES

    @property
    def corpus_path(self) -> Path:
        return self.root / self.corpus

    @property
    def baseline_path(self) -> Path | None:
        return None if self.baseline is None else self.root / self.baseline

    def overridden(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.checks]
    table, as ruff finds its own."""
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if (
            candidate.is_file()
            and "tool" in _read(candidate)
            and "checks" in _read(candidate)["tool"]
        ):
            return candidate
    return None


def _read(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    """The TOML file at `path`, or `raw` (another revision's bytes of it)."""
    try:
        text = path.read_text(encoding="utf-8") if raw is None else raw.decode("utf-8")
        return tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot be read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None


def checks_table(path: Path, raw: bytes | None = None) -> Any:
    """The [tool.checks] table of `path` (or of `raw`), empty when none."""
    tool = _read(path, raw).get("tool", {})
    return tool.get("checks", {}) if isinstance(tool, dict) else {}


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    path = explicit or find_pyproject(start)
    if path is None:
        return Config(root=start)
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    return parse_table(checks_table(path), path)


def parse_table(table: Any, path: Path) -> Config:
    where = f"{path}: [tool.checks]"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(
            f"{where} has unknown key {unknown[0]!r}; allowed: {', '.join(KEYS)}"
        )
    config = Config(root=path.parent.resolve(), source=path)
    if "corpus" in table:
        if not isinstance(table["corpus"], str) or not table["corpus"]:
            raise UsageError(
                f"{where} corpus must be a folder name, not {table['corpus']!r}"
            )
        config = replace(config, corpus=Path(table["corpus"]))
    for key in ("select", "ignore"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(
                isinstance(v, str) for v in value
            ):
                raise UsageError(
                    f"{where} {key} must be a list of rule codes or prefixes, not {value!r}"
                )
            check_selectors(value, f"{where} {key}")
            config = replace(config, **{key: tuple(value)})
    if "near-duplicate" in table:
        value = table["near-duplicate"]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not 0.5 <= value <= 1
        ):
            raise UsageError(
                f"{where} near-duplicate must be a number from 0.5 to 1, not {value!r}"
            )
        config = replace(config, near_duplicate=float(value))
    if "base" in table:
        if (
            not isinstance(table["base"], str)
            or not table["base"]
            or table["base"].startswith("-")  # git would take it for an option
        ):
            raise UsageError(
                f"{where} base must be a git revision, not {table['base']!r}"
            )
        config = replace(config, base=table["base"])
    if "baseline" in table:
        if not isinstance(table["baseline"], str) or not table["baseline"]:
            raise UsageError(
                f"{where} baseline must be a file name, not {table['baseline']!r}"
            )
        config = replace(config, baseline=Path(table["baseline"]))
    if "max-seed-bytes" in table:
        value = table["max-seed-bytes"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError(
                f"{where} max-seed-bytes must be a whole number of bytes, not {value!r}"
            )
        config = replace(config, max_seed_bytes=value)
    if "severity" in table:
        config = replace(config, severity=parse_severities(table["severity"], where))
    return config


def parse_severities(value: Any, where: str) -> dict[str, Severity]:
    from checks.rules.registry import all_rules

    if not isinstance(value, dict):
        raise UsageError(
            f'{where} severity must be a table of CODE = "error"|"warning"|"info"'
        )
    severities = {}
    for code, level in value.items():
        if code not in all_rules():
            raise UsageError(f"{where} severity names unknown rule code {code!r}")
        try:
            severities[code] = Severity(level)
        except ValueError:
            raise UsageError(
                f"{where} severity of {code} must be error, warning or info, not {level!r}"
            ) from None
    return severities


def check_selectors(selectors: Any, where: str) -> None:
    from checks.rules.registry import all_rules, unknown_selectors

    unknown = unknown_selectors(selectors, all_rules())
    if unknown:
        raise UsageError(f"{where}: {unknown[0]!r} matches no rule code")


@dataclass(frozen=True)
class ConfigChange:
    """What the working tree changed of the configuration that judges a
    `--diff-base` run: the file and line to report, and what changed."""

    path: Path
    line: int
    text: str  # the line, for an excerpt
    what: str


def base_configuration(
    config: Config, ref: str
) -> tuple[Config, bytes | None, ConfigChange | None]:
    """The configuration revision `ref` has, which judges a `--diff-base` run
    (a pull request must not weaken the gate it is judged by), the baseline
    as `ref` has it (None: none there), and what the working tree changed."""
    source = config.source
    assert source is not None
    old = committed_bytes(source, ref)
    old_table = {} if old is None else checks_table(source, old)
    new_table = checks_table(source)
    base = parse_table(old_table, source)
    changed = sorted(
        k
        for k in set(old_table) | set(new_table)
        if old_table.get(k) != new_table.get(k)
    )
    what = [f"[tool.checks] {', '.join(changed)}"] if changed else []
    recorded = None
    if base.baseline_path is not None:
        recorded = committed_bytes(base.baseline_path, ref)
        now = base.baseline_path.read_bytes() if base.baseline_path.is_file() else None
        if recorded != now:
            what.append(f"the baseline {base.baseline}")
    if not what:
        return base, recorded, None
    lines = source.read_text(encoding="utf-8").splitlines() or [""]
    line = next((i for i, t in enumerate(lines, 1) if t.strip() == "[tool.checks]"), 1)
    return (
        base,
        recorded,
        ConfigChange(source, line, lines[line - 1], " and ".join(what)),
    )
