"""What a rule may know besides the document: the run's date and the recorded
hashes.  Built once per run by the linter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from checks.run.history import HashRecords


@dataclass
class Context:
    today: datetime.date = field(default_factory=datetime.date.today)
    records: HashRecords = field(default_factory=HashRecords)
