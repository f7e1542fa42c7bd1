"""Phrase tables for the text detectors: data, not code.

Each pattern is a regular expression matched case-insensitively.  It must be
valid for both RE2 (which decides, in linear time, whether it can match at
all) and Python's re (which then finds where): no backreferences, and
lookarounds only where RE2 may ignore them.
"""

from __future__ import annotations

# -- Pseudonym markers ----------------------------------------------------------
#
# Each entry is (kind, pattern).  All of them are first run together, as one
# RE2 set, over the body's bytes (one linear pass); only the patterns that
# match somewhere are then run with Python's re to find where.
# How English-language outlets say that a name is not the person's own.  The
# kind says where the name is, relative to the marker:
#   after      the name comes just before: "Marta (not her real name)",
#              "Priya, not her real name,", "Sergio, whose name has been changed"
#   predicate  a name or a list of names is the sentence's subject:
#              "Pavel and Inna are not the real names of ..."
#   clause     a relative clause follows the name: "Mehmet, who asked that
#              his real name not be used"; with no name, it is no marker
#   before     the name comes just after: "identified only as Joy",
#              "whom we are calling Elena", "under the pseudonym Kofi"
#   calling    likewise, after what is being named: "we are calling the
#              village shop Greenway Stores"
#   possessive "has changed Sipho's name"
#   names_of   the names are inside the phrase: "The names of Dmitri and Alina
#              have been changed"
#   footnote   an asterisk note: "*Name has been changed", naming the names
#              written with an asterisk ("Lucia*"); without the note, a name
#              marked so ("Yasmin* had no choice") is still taken as flagged,
#              as outlets that use the asterisk put the note at the very end
#   nobody     names nobody unless one comes just before it: "Some names have
#              been changed"

_HIS = r"(?:his|her|their|its|the\s+man's|the\s+woman's)"
_CHANGED = r"(?:been\s+)?changed"

_WHO_NAME = r"(?:his|her|their)\s+(?:real\s+|full\s+|first\s+)?(?:names?|surnames?|family\s+names?)"

PSEUDONYM_MARKERS: tuple[tuple[str, str], ...] = (
    # Parentheses, brackets, commas or dashes around the marker, after the name.
    (
        "after",
        r"[(\[]\s*(?:both\s+|all\s+)?names?\s+(?:has\s+|have\s+)?"
        + _CHANGED
        + r"\b[^)\]\n]{0,60}[)\]]",
    ),
    (
        "after",
        r"[(\[]\s*(?:this\s+is\s+)?not\s+"
        + _HIS
        + r"\s+(?:real|true|actual)\s+(?:first\s+)?names?\b[^)\]\n]{0,40}[)\]]",
    ),
    (
        "after",
        r"[(\[]\s*(?:an?\s+)?(?:pseudonym|pseud\.?|assumed\s+name|fictitious\s+name|changed\s+name)\b[^)\]\n]{0,40}[)\]]",
    ),
    (
        "after",
        r"[(\[]\s*whose\s+(?:real\s+)?names?\s+(?:has\s+been\s+changed|have\s+been\s+changed|we\s+(?:are|have)\s+(?:not\s+)?(?:using|used|publishing|published|changed))\b[^)\]\n]{0,40}[)\]]",
    ),
    (
        "after",
        r"[,\u2013\u2014-]\s*(?:which\s+is\s+)?not\s+"
        + _HIS
        + r"\s+(?:real|true|actual)\s+names?\b",
    ),
    ("after", r"[,\u2013\u2014-]\s*(?:is\s+)?an?\s+pseudonym\b"),
    (
        "after",
        r",\s+as\s+we\s+(?:will|shall|'ll|\u2019ll)\s+call\s+(?:him|her|them|it)\b",
    ),
    # A relative clause after the name ("Sergio, 41, who asked that ...").  A
    # clause with no name before it ("a source who asked ...") is no marker.
    (
        "clause",
        r",\s+whose\s+(?:real\s+)?names?\s+(?:has|have)\s+(?:also\s+)?been\s+changed\b",
    ),
    (
        "clause",
        r",\s+whose\s+(?:real\s+)?names?\s+we\s+(?:have\s+changed|are\s+not\s+(?:using|publishing))\b",
    ),
    ("clause", r",\s+whose\s+real\s+names?\s+(?:is|are)\s+(?:being\s+)?withheld\b"),
    (
        "clause",
        r"\bwho\s+asked\s+(?:that\s+|for\s+)?"
        + _WHO_NAME
        + r"\s+(?:not\s+)?(?:to\s+)?be\s+(?:used|published|withheld|changed)\b",
    ),
    (
        "clause",
        r"\bwho\s+(?:did\s+not|didn't|didn\u2019t)\s+want\s+(?:to\s+(?:give|use|share)\s+)?"
        + _WHO_NAME
        + r"\b",
    ),
    (
        "clause",
        r"\bwho\s+asked\s+(?:us\s+)?to\s+use\s+a\s+(?:different\s+name|pseudonym)\b",
    ),
    (
        "clause",
        r"\bwho\s+(?:declined|refused)\s+to\s+give\s+(?:his|her|their)\s+(?:surname|family\s+name|full\s+name|last\s+name)\b",
    ),
    (
        "clause",
        r"\bon\s+condition\s+that\s+(?:his|her|their)\s+(?:surname|full\s+name|real\s+name|last\s+name)\s+(?:not\s+be|was\s+not|is\s+not)\b",
    ),
    ("clause", r"\bwho\s+cannot\s+be\s+(?:named|identified)\s+for\s+legal\s+reasons\b"),
    ("clause", r"\bidentified\s+(?:here\s+)?(?:by|with|under)\s+a\s+pseudonym\b"),
    (
        "clause",
        r",\s+as\s+(?:he|she|they|it)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:known|called|named|identified|referred\s+to)\s+in\s+(?:court|legal|the\s+court|the\s+judgment|the\s+press|the\s+media|reports|the\s+report)\b",
    ),
    # A quoted name after the person it stands for: 'her daughter "Janet"'.
    (
        "quoted",
        r"\b(?:woman|man|girl|boy|daughter|son|mother|father|wife|husband|sister|brother|child|teenager|student|worker|nurse|resident|friend|neighbou?r|colleague|partner)\s*,?\s+[\"\u201c\u2018']",
    ),
    # A sentence about names given earlier in it.
    (
        "predicate",
        r"\s+(?:is|are|was|were)\s+not\s+"
        + _HIS
        + r"\s+(?:real|true|actual)\s+names?\b",
    ),
    ("predicate", r"\s+(?:is|are)\s+not\s+the\s+(?:real|true|actual)\s+names?\b"),
    ("predicate", r"\s+(?:is|are)\s+(?:a\s+)?pseudonyms?\b"),
    (
        "predicate",
        r"(?:'s|\u2019s)\s+names?\s+(?:has|have)\s+been\s+changed\b(?!\s+to\s+(?!protect))",
    ),
    # The name follows.
    (
        "before",
        r"\b(?:identified|named|known|referred\s+to)\s+(?:in\s+[\w ]{1,30}?\s+)?only\s+as\b",
    ),
    ("before", r"\bidentified\s+only\s+by\s+(?:his|her|their)\s+first\s+names?,?"),
    ("before", r"\bonly\s+(?:his|her|their)\s+first\s+names?,"),
    ("before", r"\bgave\s+(?:his|her|their)\s+(?:first\s+)?names?\s+(?:only\s+)?as\b"),
    (
        "before",
        r"\b(?:whom|who)\s+we\s+(?:are|will|shall|'ll|\u2019ll|have)\s+(?:calling|call|called)\b",
    ),
    ("before", r"\bwe(?:'ll|\u2019ll|\s+will|\s+shall)\s+call\s+(?:him|her|them|it)\b"),
    ("calling", r"\bwe(?:'re|\u2019re|\s+are)\s+calling\s+(?:(?:him|her|them|it)\s+)?"),
    (
        "before",
        r"\b(?:we|I)\s+(?:will\s+be\s+|am\s+|are\s+)?refer(?:ring)?\s+to\s+(?:him|her|them|it|the\s+\w+)\s+as\b",
    ),
    ("before", r"\b(?:whom|who)\s+we\s+(?:will|shall|'ll|\u2019ll)\s+name\b"),
    ("before", r"\basked\s+(?:that\s+we|us\s+to)\s+call\s+(?:him|her|them)\b"),
    (
        "before",
        r"\b(?:asked\s+to\s+be\s+)?referred\s+to\s+(?:here\s+|in\s+[\w ]{1,30}?\s+)?as\b",
    ),
    ("before", r"\brefers?\s+to\s+(?:him|her|them|the\s+\w+)\s+as\b"),
    ("before", r"\b(?:under|using|given)\s+the\s+(?:pseudonym|name)\b"),
    ("before", r"\b(?:used|use|using|gave|given)\s+(?:a\s+)?pseudonyms?\s+for\b"),
    ("before", r"\bwho\s+uses\s+the\s+(?:name|pseudonym)\b"),
    ("possessive", r"\b(?:has|have|had)\s+changed\s+"),
    (
        "names_of",
        r"\bthe\s+names\s+of\s+(?P<names>[^.;:\n]{1,80}?)\s+have\s+been\s+changed\b",
    ),
    (
        "names_of",
        r"(?:'s|\u2019s|'|\u2019)\s+names,\s+(?P<names>[^.;:\n]{1,80}?),\s+have\s+been\s+changed\b",
    ),
    ("names_of", r"\bchanged\s+the\s+names\s+of\s+(?P<names>[^.;:\n]{1,80})"),
    (
        "footnote",
        r"(?:^|\n)[ \t]*\*+[ \t]*(?:(?:all\s+|some\s+)?names?\s+(?:has\s+|have\s+)?(?:been\s+)?changed|not\s+(?:his|her|their|the)\s+real\s+names?|(?:a\s+)?pseudonyms?)\b",
    ),
    (
        "nobody",
        r"\b(?:some|all|other|the\s+others(?:'|\u2019))\s+names\b[^.;\n]{0,40}?\bhave\s+(?:also\s+)?been\s+changed\b",
    ),
    (
        "nobody",
        r"(?:^|[.!?]\s+)names\s+(?:in|of|used\s+in)\s+this\s+(?:article|story|report|piece|feature)\s+have\s+been\s+changed\b",
    ),
)

# Names that are placeholders wherever they appear (matched as written).
PLACEHOLDER_NAMES = r"\b(?:Jane|John|Janet|Baby|Richard)\s+(?:Doe|Roe)\b"

# Sentences that say a pseudonym is a public persona or that a name was changed
# in life, not by the text: a name they mention is not reported.
PSEUDONYM_EXEMPTIONS: tuple[str, ...] = (
    r"\breal\s+name\s+(?:is|was)\s+(?!not\b|being\b)",
    r"\b(?:pen|stage)\s+name\b",
    r"\bchanged\s+(?:his|her|their|its)\s+name\s+(?:legally\s+)?to\b",
    r"\b(?:formerly|previously)\s+known\s+as\b",
    r"\bis\s+in\s+fact\b",
    r"\bis\s+actually\s+the\b",
)

# Capitalised words that start sentences or name no one.
NOT_NAMES: frozenset[str] = frozenset(
    """a about after all also an and another as at before both but by during each
    every for from he her here his i if in it its last many most mr mrs ms miss
    my next no none not now of on once one only or our she since so some still
    that the their them then there these they this those though to two under
    until we what when where which while who why with yet you your according
    grandfather grandmother mother father sister brother son daughter aunt uncle
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    police court officials""".split()
)

TITLES: frozenset[str] = frozenset(
    "mr mrs ms miss dr mx sir dame madam prof professor".split()
)

# Lower-case words allowed inside a name: "Ana de Souza", "Omar al-Hassan".
NAME_PARTICLES: frozenset[str] = frozenset(
    "de da das do dos del della di du van von der den ter la le al el bin ibn bint".split()
)
