"""The first seed came with a legacy inline header; `checks --fix` migrated it
and its text stayed byte for byte as it reached us."""

import hashlib
import shutil

import pytest
from conftest import REPO, run_checks

NAME = "000_972d40d4eaee384f.txt"
ORIGINAL = REPO.parent / "shared" / "seeds" / NAME
PREFIX = b" date 2022-12-13 "


@pytest.fixture
def original() -> bytes:
    if not ORIGINAL.is_file():
        pytest.skip(
            f"the seed as it reached us is kept beside the repository, at {ORIGINAL}"
        )
    return ORIGINAL.read_bytes()


def body_of(raw: bytes) -> bytes:
    assert raw.startswith(b"---\n")
    return raw.split(b"\n---\n", 1)[1]


def test_bundled_seed_body_is_the_original_text(original):
    assert original.startswith(PREFIX)
    bundled = (REPO / "seeds" / NAME).read_bytes()
    assert body_of(bundled) == original[len(PREFIX) :]
    assert (
        f"sha256: {hashlib.sha256(original[len(PREFIX) :]).hexdigest()}\n".encode()
        in bundled
    )


def test_fix_migrates_the_original_the_same_way(original, corpus):
    path = corpus / "seeds" / NAME
    shutil.copyfile(ORIGINAL, path)
    run = run_checks("--fix", cwd=corpus)
    assert "fixed: migrate the legacy header to front matter" in run.out
    migrated = path.read_bytes()
    assert body_of(migrated) == original[len(PREFIX) :]
    bundled_lines = (REPO / "seeds" / NAME).read_bytes().split(b"\n")
    assert migrated.split(b"\n")[:4] == bundled_lines[:4]  # ---, id, date, sha256
    run_checks("--fix", cwd=corpus)
    assert path.read_bytes() == migrated
