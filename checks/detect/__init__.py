"""Text in, structured findings out: the prose (paragraphs, sentences,
quotes), names, phrase tables, pattern sets, pseudonym markers, attribution,
claims, near-duplicate summaries, look-alike folding and language
identification.  Detectors know no rule."""
