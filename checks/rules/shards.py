"""Rules on the lines of a JSON Lines shard, before a line becomes the seed it
stands for (the seed's own rules then run on it as on any other)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checks.report.diagnostic import Finding
from checks.rules.registry import rule
from checks.run.context import Context

if TYPE_CHECKING:
    from checks.run.shards import Record


@rule("HDR016", "bad-shard-record", "error", stage="shard", needs_text=False)
def bad_shard_record(record: Record, ctx: Context) -> Iterator[Finding]:
    """A line of a JSON Lines shard is not a seed record.

    ## What it does
    Reports, at the shard and the line, a line that is not valid JSON, not a
    JSON object, has no string `text`, or holds a number, a boolean or a null
    where a seed's header holds strings; and, at the line where reading
    stopped, a shard that cannot be read to its end (a cut-off or damaged
    stream, a decompressor that is not installed).

    ## Why it matters
    A record that cannot be read is a document nobody checked.

    ## Example
    ```
    {"id": "000_0123456789abcdef", "date": 20240301, "text": "..."}
    ```
    """
    if record.problem is not None:
        yield Finding(0, len(record.source), record.problem)
