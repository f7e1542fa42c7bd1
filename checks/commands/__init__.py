"""The commands that write or list, one module each.  Each that writes
validates first and writes nothing when it refuses; every write is atomic,
and a header is edited in place, its body never touched."""

from checks.commands.amend import amend
from checks.commands.index import index
from checks.commands.init import init
from checks.commands.listing import pseudonyms, quotes
from checks.commands.merge import merge_index
from checks.commands.new import new
from checks.commands.renumber import renumber
from checks.commands.report import report
from checks.commands.retract import retract
from checks.commands.show import show
from checks.commands.stats import stats

__all__ = [
    "amend",
    "index",
    "init",
    "merge_index",
    "new",
    "pseudonyms",
    "quotes",
    "renumber",
    "report",
    "retract",
    "show",
    "stats",
]
