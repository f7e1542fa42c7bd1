"""Classes of characters a reader cannot see, or cannot tell from others:
the encoding rules report them, and texts are compared without them
(checks.detect.lookalike)."""

CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Characters that show nothing: zero-width spaces and joiners, the soft
# hyphen (shown only where a line is broken), the combining grapheme joiner,
# invisible operators, the Mongolian vowel separator and the Hangul fillers.
ZERO_WIDTH = (
    "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u034f\u180e\u115f\u1160\u3164\uffa0"
)
LINE_SEPARATORS = "\u2028\u2029"
TAGS = "\U000e0000-\U000e007f"
# Spaces that look like U+0020 and are not: no-break, thin, hair, figure,
# em and en spaces, the ideographic space and the like.
SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
