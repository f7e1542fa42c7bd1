"""Headless Chromium as the report's tests and benchmark open pages in it:
Debian's `chromium` (a test tool's own browser download does not work where
there is no network), with nothing started in the background, and no
sandbox, which Chromium refuses to run as root with."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """A browser from a started `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
