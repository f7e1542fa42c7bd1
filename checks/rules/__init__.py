"""Rule families; importing this package registers every rule."""

from checks.rules import (  # noqa: F401
    claims,
    encoding,
    header,
    index,
    provenance,
    pseudonyms,
    shards,
)
