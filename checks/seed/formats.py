"""The patterns a header's values are checked against, shared by the JSON
Schema and the pydantic model (here, so that a run whose seeds all come from
the cache never imports pydantic)."""

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ID_PATTERN = r"^[0-9]{3,}_[0-9a-f]{16}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
