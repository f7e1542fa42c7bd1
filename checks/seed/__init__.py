"""One seed as it is read: its exact bytes (document), its YAML header
(header), the model and JSON Schema that validate it, the edits that change a
header in place, and INDEX.md, the table that lists every seed."""
