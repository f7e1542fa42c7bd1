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
    [tool.checks.stats]
    max-accepted = { CLM001 = 0.02 }  # `checks stats` fails above it

Unknown keys, unknown codes and wrong types are usage errors (exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
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
    "stats",
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
    # [tool.checks.stats] max-accepted: the share of seeds that may accept
    # each code before `checks stats` fails.
    max_accepted: dict[str, float] = field(default_factory=dict)

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


def has_checks_table(path: Path) -> bool:
    """Whether `path` has a [tool.checks] table (an empty one counts)."""
    tool = _read(path).get("tool", {})
    return isinstance(tool, dict) and "checks" in tool


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    path = explicit or find_pyproject(start)
    if path is None:
        return Config(root=start)
    if not path.is_file():
        raise UsageError(f"{path}: no such configuration file")
    return parse_table(checks_table(path), path)


def _name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _codes(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _share(value: Any) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and 0.5 <= value <= 1
    )


def _revision(value: Any) -> bool:
    return _name(value) and not value.startswith("-")  # git would take it for an option


def _count(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and value >= 1


# Each plain key of [tool.checks]: the Config field it sets, whether a value
# is valid, what it must be (for the message), and the value made of it.
_PLAIN: dict[str, tuple[str, Callable[[Any], bool], str, Callable[[Any], Any]]] = {
    "corpus": ("corpus", _name, "a folder name", Path),
    "select": ("select", _codes, "a list of rule codes or prefixes", tuple),
    "ignore": ("ignore", _codes, "a list of rule codes or prefixes", tuple),
    "near-duplicate": ("near_duplicate", _share, "a number from 0.5 to 1", float),
    "base": ("base", _revision, "a git revision", str),
    "baseline": ("baseline", _name, "a file name", Path),
    "max-seed-bytes": ("max_seed_bytes", _count, "a whole number of bytes", int),
}


def parse_table(table: Any, path: Path) -> Config:
    where = f"{path}: [tool.checks]"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(
            f"{where} has unknown key {unknown[0]!r}; allowed: {', '.join(KEYS)}"
        )
    values: dict[str, Any] = {}
    for key, (name, valid, what, made) in _PLAIN.items():
        if key not in table:
            continue
        value = table[key]
        if not valid(value):
            raise UsageError(f"{where} {key} must be {what}, not {value!r}")
        if key in ("select", "ignore"):
            check_selectors(value, f"{where} {key}")
        values[name] = made(value)
    if "severity" in table:
        values["severity"] = parse_severities(table["severity"], where)
    if "stats" in table:
        values["max_accepted"] = parse_stats(table["stats"], where)
    return Config(root=path.parent.resolve(), source=path, **values)


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


def parse_stats(value: Any, where: str) -> dict[str, float]:
    """[tool.checks.stats]: `max-accepted`, a table of CODE = the largest
    share of seeds (0 to 1) whose header may accept that rule's findings."""
    from checks.rules.registry import all_rules

    wanted = f"{where} stats must be a table with max-accepted = {{CODE = share}}"
    if not isinstance(value, dict) or set(value) - {"max-accepted"}:
        raise UsageError(wanted)
    limits = value.get("max-accepted", {})
    if not isinstance(limits, dict):
        raise UsageError(wanted)
    for code, share in limits.items():
        if code not in all_rules():
            raise UsageError(f"{where} stats max-accepted names unknown rule {code!r}")
        if (
            isinstance(share, bool)
            or not isinstance(share, (int, float))
            or not 0 <= share <= 1
        ):
            raise UsageError(
                f"{where} stats max-accepted {code} must be a share from 0 to 1, not {share!r}"
            )
    return {code: float(share) for code, share in limits.items()}


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
