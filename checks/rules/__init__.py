"""Rule families; importing this package registers every rule."""

from checks.rules import encoding, header, index, provenance, pseudonyms  # noqa: F401
