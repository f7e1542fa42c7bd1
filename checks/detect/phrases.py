"""Phrase tables for the text detectors: data, not code.

Each pattern is a regular expression matched case-insensitively.  It must be
valid for both RE2 (which decides, in linear time, whether it can match at
all) and Python's re (which then finds where): no backreferences, and
lookarounds only where RE2 may ignore them.
"""

from __future__ import annotations

# -- Pseudonym markers ----------------------------------------------------------
#
# A marker is how a text says that a name is not the person's own.  It is a
# concept with parts, and the patterns below are built from those parts: a
# name-noun ("real name", "pseudonym"), a verb of changing, withholding or
# calling, a negation, and the punctuation around them.  Each entry is
# (kind, pattern); all of them are first run together, as one RE2 set, over the
# body's bytes (one linear pass), and only those that match somewhere are then
# run with Python's re to find where.  The kind says where the named person is,
# relative to the marker (checks.detect.pseudonyms resolves it):
#   aside      the name comes just before a parenthesis, bracket, dash or comma
#              aside that says so: "Marta (not her real name)", "Priya, a
#              pseudonym,"; an aside with no name before it is a note about
#              the names that follow ("(names changed)")
#   clause     a relative clause after the name says so: "Sergio, whose name
#              has been changed", "Odile, who asked us not to print her real name"
#   subject    the marker is said of its sentence's subject: a name or a list
#              ("Pavel and Inna are not the real names of ..."), or a pronoun
#              that refers back to the last person named ("It is not her real
#              name", "She asked to be identified by a pseudonym")
#   called     the name follows a verb of calling or identifying: "whom we are
#              calling Elena", "let's call him Emeka", "identified only as Joy"
#   alias      the name follows "goes by the nickname ..."; it is a substitute
#              only when the text names the person no other way
#   self       the person named himself so ("called himself Idris") to protect
#              someone: the sentence must give that purpose
#   quoted     a quoted name after the person it stands for: 'her daughter
#              "Janet"', or before a wish not to be identified
#   possessive "has changed Sipho's name"
#   names_of   the names are inside the phrase: "The names of Dmitri and Alina
#              have been changed", "Neither Ivan nor Olga is their real name"
#   footnote   a note on a line of its own: "*Name has been changed" names the
#              names written with an asterisk ("Lucia*"), else the name it
#              speaks of, else the person the text is about; without any note,
#              a name marked so ("Yasmin* had no choice") is still taken as
#              flagged, as outlets that use the asterisk put the note at the end
#   blanket    a note about several people: "All names have been changed",
#              "we are masking their identities"; it covers the people the
#              text introduces after it (before it, when it closes a passage),
#              and names nobody when none can be found

# The parts.
_OWN = r"(?:real|true|actual|given|birth|proper|legal|own)"  # "real name"
_SUBSTITUTE = (
    r"(?:pseudonyms?|pseud(?=\.)|alias(?:es)?|(?:false|assumed|fake|fictitious|fictional"
    r"|made-up|invented|changed|different|substitute)\s+names?)"
)
_CHANGED = (
    r"(?:changed|altered|falsified|disguised|masked|withheld|replaced|anonymi[sz]ed"
    r"|modified|concealed|protected)"
)
_NOT = r"(?:not|n't|n\u2019t|never)"
_BEEN = (
    r"(?:(?:has|have|had)\s+(?:also\s+|all\s+)?been|(?:was|were|is|are)(?:\s+being)?)"
)
_PRONOUN = r"(?:his|her|their|my|its)"
_OWNER = (
    r"(?:(?:"
    + _PRONOUN
    + r"|the|these|those)\s+)?(?:[\w'\u2019-]+(?:'s|\u2019s|s'|s\u2019)\s+)?"
)
# "not her real name", "not the family's real names", "also not real name"
_NOT_OWN_NAME = _NOT + r"\s+(?:even\s+)?" + _OWNER + _OWN + r"\s+(?:first\s+)?names?\b"
# "name changed", "names have been changed", "her name was altered"
_NAME_CHANGED = (
    r"\bnames?\s+(?:(?:used|here|in\s+this\s+\w+)\s+)?(?:" + _BEEN + r"\s+)?"
    r"(?:also\s+|all\s+|deliberately\s+|since\s+)?" + _CHANGED + r"\b"
)
# The wish or the act of keeping a name back: "asked us not to print her real
# name", "did not want her real name published", "changed his real name to keep".
_WITHHOLDING_VERB = (
    r"(?:asked|asks|requested|wished|wanted|preferred|agreed|chose|declined|refused"
    r"|(?:did|does|do)\s+not\s+want|(?:didn|doesn|don)(?:'|\u2019)t\s+want"
    r"|changed(?=\s+(?:his|her|their)\s+real\s+name\b(?!\s+to\s+[\"\u201c'\u2018]?(?-i:[A-Z]))))"
)
# What the wish or the act is about: "... her real name", "... a pseudonym".
_OWN_NAME_KEPT = (
    r"\s+(?:[\w'\u2019]+\s+){0,6}?(?:"
    + _PRONOUN
    + r"\s+"
    + _OWN
    + r"\s+names?|an?\s+"
    + _SUBSTITUTE
    + r")\b"
)
_CALL = r"(?:call|name|refer\s+to|identify)"
_WE = r"(?:I|we)"
_WILL = (
    r"(?:'ll|\u2019ll|\s+will|\s+shall|'d|\u2019d|\s+would|\s+(?:am|are)\s+going\s+to"
    r"|(?:\s+have|'ve|\u2019ve)?\s+(?:chosen|decided|agreed|opted)\s+to"
    r"|\s+(?:chose|decided|agreed|opted)\s+to)"
)
# Who gives a name in print: the outlet or its writer ("this newspaper", "the BBC").
_OUTLET = (
    r"(?:this|our)\s+\w+|the\s+(?-i:[A-Z][\w&]+)|the\s+(?:paper|newspaper|magazine|programme|program"
    r"|website|site|station|broadcaster|publication|reporter|author|writer|documentary)"
)
# Speaking to the press: "spoke to the Herald under the name Marcus".
_SPEAKING = (
    r"\b(?:speaking|spoke|speaks|talking|talked|writing|wrote|writes|posting|posts|interviewed|quoted)\s+"
    r"(?:(?:to|with|for)\s+(?:the\s+)?\w+\s+)?"
)
_HIM = r"(?:him|her|them|it|this\s+\w+|the\s+\w+)"

PSEUDONYM_MARKERS: tuple[tuple[str, str], ...] = (
    # An aside after the name.
    (
        "aside",
        r"[(\[](?:[^()\[\]\n]{0,60}?\b)?(?:"
        + _NOT_OWN_NAME
        + r"|"
        + _NAME_CHANGED
        + r"|(?:an?\s+)?"
        + _SUBSTITUTE
        + r"\b|\bwhose\s+(?:real\s+|full\s+)?names?\b)[^()\[\]\n]{0,80}?[)\]]",
    ),
    (
        "aside",
        r"(?:[,\u2013\u2014]|\s-)\s*(?:which\s+is\s+|this\s+is\s+|that\s+is\s+)?(?:also\s+)?"
        + _NOT_OWN_NAME,
    ),
    (
        "aside",
        r"[,\u2013\u2014]\s*(?:which\s+is\s+)?(?:also\s+)?an?\s+" + _SUBSTITUTE + r"\b",
    ),
    ("aside", r"[,\u2013\u2014]\s*(?:his|her|their)\s+names?\s+" + _CHANGED + r"\b"),
    (
        "aside",
        r",\s+as\s+(?:we|I)\s+(?:will\s+|shall\s+|'ll\s+|\u2019ll\s+|are\s+|'re\s+|\u2019re\s+|am\s+)?"
        r"(?:call|calling|name|naming|refer\s+to|referring\s+to)\s+(?:him|her|them|it)\b",
    ),
    # A relative clause after the name.
    (
        "clause",
        r"(?:[,\u2013\u2014]|\s-)\s*(?:\d{1,3},\s+)?whose\s+(?:real\s+|first\s+|full\s+)?names?\s+"
        r"(?:"
        + _BEEN
        + r"\s+(?:also\s+|since\s+)?"
        + _CHANGED
        + r"|we\s+(?:have|are|'ve|\u2019ve)\s+(?:not\s+)?(?:changed|using|used|publishing|published|giving|given))\b",
    ),
    (
        "clause",
        r"\bwho\s+(?:[\w'\u2019]+\s+){0,3}?" + _WITHHOLDING_VERB + _OWN_NAME_KEPT,
    ),
    (
        "clause",
        r"\bwho\s+(?:also\s+)?(?:uses|used|use|gave|gives|is\s+using)\s+an?\s+"
        + _SUBSTITUTE
        + r"\b",
    ),
    ("clause", r"\bwho\s+cannot\s+be\s+(?:named|identified)\s+for\s+legal\s+reasons\b"),
    (
        "clause",
        r"\bon\s+condition\s+that\s+(?:his|her|their)\s+(?:surname|full\s+name|real\s+name|last\s+name)\s+(?:not\s+be|was\s+not|is\s+not)\b",
    ),
    (
        "clause",
        r"\bwho\s+(?:declined|refused)\s+to\s+give\s+(?:his|her|their)\s+(?:surname|family\s+name|full\s+name|last\s+name)\b",
    ),
    ("clause", r"\bidentified\s+(?:here\s+)?(?:by|with|under)\s+a\s+pseudonym\b"),
    (
        "clause",
        r",\s+as\s+(?:he|she|they|it)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:known|called|named|identified|referred\s+to)\s+in\s+(?:court|legal|the\s+court|the\s+judgment|the\s+press|the\s+media|reports|the\s+report)\b",
    ),
    # A quoted name: after the person it stands for, or before a wish not to be named.
    (
        "quoted",
        r"\b(?:woman|man|girl|boy|daughter|son|mother|father|wife|husband|sister|brother|child|teenager|student|worker|nurse|resident|friend|neighbou?r|colleague|partner)\s*,?\s+[\"\u201c\u2018']",
    ),
    (
        "quoted_before",
        r"[\"\u201d\u2019'],?\s+who\s+(?:(?:did|does)\s+not|(?:didn|doesn)(?:'|\u2019)t|asked\s+not\s+to|preferred\s+not\s+to)"
        r"\s+(?:want\s+to\s+)?be\s+(?:identified|named)\b",
    ),
    # Said of the sentence's subject.
    (
        "subject",
        r"(?:(?:\s+(?:is|are|was|were)|'s|\u2019s)\s+(?:(?:[a-z]+ly|also|of\s+course|most\s+likely|probably)\s+){0,2}"
        + _NOT
        + r"|(?:isn|aren|wasn|weren)(?:'|\u2019)t)\s+(?:even\s+)?"
        + _OWNER
        + _OWN
        + r"\s+(?:first\s+)?names?\b",
    ),
    (
        "subject",
        r"\s+(?:is|are|was|were)\s+(?:also\s+|just\s+|simply\s+|merely\s+|only\s+)?(?:an?\s+|the\s+)?"
        + _SUBSTITUTE
        + r"\b",
    ),
    (
        "subject",
        r"(?:'s|\u2019s)\s+names?\s+"
        + _BEEN
        + r"\s+(?:also\s+)?"
        + _CHANGED
        + r"\b(?!\s+to\s+(?!protect))",
    ),
    (
        "subject",
        r"\b(?:his|her|their)\s+(?:real\s+|first\s+)?names?\s+"
        + _BEEN
        + r"\s+(?:also\s+)?"
        + _CHANGED
        + r"\b(?!\s+to\s+(?!protect))",
    ),
    ("subject", r"\b" + _WITHHOLDING_VERB + _OWN_NAME_KEPT),
    ("subject", _SPEAKING + r"(?:only\s+)?under\s+an?\s+" + _SUBSTITUTE + r"\b"),
    (
        "names_of",
        r"\bneither\s+(?P<names>[^.;:\n]{1,60}?\s+nor\s+[^.;:\n]{1,40}?)\s+(?:is|are|was|were)\s+"
        + _OWNER
        + _OWN
        + r"\s+names?\b",
    ),
    # The name follows a verb of calling or identifying.
    (
        "called",
        r"\b(?:identified|named|known|referred\s+to)\s+(?:in\s+[\w ]{1,30}?\s+)?only\s+as\b",
    ),
    ("called", r"\bidentified\s+only\s+by\s+(?:his|her|their)\s+first\s+names?,?"),
    ("called", r"\bonly\s+(?:his|her|their)\s+first\s+names?,"),
    ("called", r"\bgave\s+(?:his|her|their)\s+(?:first\s+)?names?\s+(?:only\s+)?as\b"),
    (
        "called",
        r"\b(?:identified|referred\s+to|known|called|named|quoted)\s+(?:only\s+|here\s+)?(?:by|as|under|with)\s+"
        r"(?:his|her|their|the)\s+(?:nickname|alias|pseudonym|nom\s+de\s+guerre|code\s*name)\s*,?",
    ),
    (
        "called",
        r"\b(?:whom|who|that)\s+(?:"
        + _WE
        + r"|"
        + _OUTLET
        + r")(?:\s+(?:is|are|am|have\s+been|has\s+been)\s+calling"
        r"|(?:'re|\u2019re)\s+calling|\s+call|\s+called|"
        + _WILL
        + r"\s+"
        + _CALL
        + r"|(?:\s+will|\s+shall|'ll|\u2019ll)\s+be\s+(?:calling|naming|referring\s+to))\b(?:\s+as\b)?",
    ),
    ("called", r"(?<=[a-z])\s+" + _WE + r"\s+call\s+(?=[\"\u201c'\u2018]?[^\W\d_])"),
    (
        "called",
        r"\b" + _WE + _WILL + r"\s+" + _CALL + r"\b(?:\s+" + _HIM + r"\b)?(?:\s+as\b)?",
    ),
    ("called", r"\blet(?:'s|\u2019s|\s+us)\s+call\s+" + _HIM + r"\b"),
    (
        "called",
        r"\b(?:we|I)(?:'re|\u2019re|\s+are|\s+am|'m|\u2019m)\s+calling\s+(?:(?:him|her|them|it)\s+)?",
    ),
    (
        "called",
        r"\b(?:we|I)\s+(?:will\s+be\s+|am\s+|are\s+)?refer(?:ring)?\s+to\s+(?:him|her|them|it|the\s+\w+)\s+(?:only\s+|here\s+|simply\s+)?as\b",
    ),
    ("called", r"\basked\s+(?:that\s+we|us\s+to)\s+call\s+(?:him|her|them)\b"),
    (
        "called",
        r"\b(?:asked\s+to\s+be\s+)?referred\s+to\s+(?:here\s+|in\s+[\w ]{1,30}?\s+)?as\b",
    ),
    ("called", r"\brefers?\s+to\s+(?:him|her|them|the\s+\w+)\s+as\b"),
    (
        "called",
        r"\b(?:under|using|given)\s+the\s+(?:pseudonym|false\s+name|assumed\s+name)\b",
    ),
    ("called", r"\b(?:used|use|using|gave|given)\s+(?:a\s+)?pseudonyms?\s+for\b"),
    ("called", r"\bwho\s+uses\s+the\s+(?:name|pseudonym)\b"),
    (
        "called",
        r"\b(?:we|I)(?:'re|\u2019re|\s+are|\s+am|'m|\u2019m|\s+have|'ve|\u2019ve|\s+will\s+be)?\s+"
        r"(?:using|used|use|given|gave)\s+the\s+(?:name|pseudonym)\b",
    ),
    ("called", _SPEAKING + r"(?:only\s+)?under\s+the\s+(?:name|pseudonym|alias)\b"),
    ("called", r"\bpseudonymous\s+(?:(?-i:[a-z]+)\s+){0,2}"),
    (
        "called",
        r"\b(?:my|his|her|their)\s+"
        + _OWN
        + r"\s+name\s+(?:is\s+not|isn't|isn\u2019t|was\s+not|wasn't|wasn\u2019t)\b",
    ),
    (
        "called",
        r"\breplaced\s+(?:the\s+)?names?\b[^.;:\n]{0,60}\s(?:to|with|by)\s+(?=[\"\u201c'\u2018]?[A-Z])",
    ),
    (
        "names_of",
        r"\b(?:called|named|referred\s+to\s+as|identified\s+as)\s+(?P<names>[^.;:\n,]{1,40}?)\s+(?:in|throughout)\s+this\s+(?:article|story|report|piece|feature|book|film|documentary|series)\b",
    ),
    (
        "alias",
        r"\b(?:go(?:es|ing)?|went)\s+by\s+(?:the\s+)?(?:alias|nickname|pseudonym|name|call\s+sign|moniker|nom\s+de\s+guerre|code\s*name)\b,?",
    ),
    (
        "alias",
        r"\b(?:under|using|used)\s+the\s+(?:alias|nickname|nom\s+de\s+guerre)\b,?",
    ),
    ("self", r"\bcall(?:s|ed|ing)\s+(?:himself|herself|themselves)\b"),
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
    # Notes.
    (
        "footnote",
        r"(?:^|\n)[ \t]*(?:\*+[ \t]*(?:[^\n]{0,60}?\b)?(?:(?:all\s+|some\s+)?names?\s+(?:"
        + _BEEN
        + r"\s+)?"
        + _CHANGED
        + r"|not\s+(?:his|her|their|the)\s+real\s+names?|(?:a\s+)?pseudonyms?)"
        r"|names?\s+" + _BEEN + r"\s+" + _CHANGED + r")\b",
    ),
    (
        "blanket",
        r"\b(?:(?:all|some|many|most|other|the|their|these|those|both)\s+)?(?:(?:of\s+)?the\s+)?(?:[\w'\u2019-]+(?:'|\u2019)s?\s+)?"
        r"(?:names|identities)\b(?:\s+(?:of|in|used\s+in)\s+[^.;:\n]{1,60}?|\s+(?:here|used|below))?\s+(?:"
        + _BEEN
        + r"|have|had|were)\s+(?:also\s+|all\s+|deliberately\s+)?(?:been\s+)?"
        + _CHANGED
        + r"\b",
    ),
    (
        "blanket",
        r"\b(?:all|both|they|everyone|each)\s+(?:have\s+|has\s+)?had\s+(?:their|his|her)\s+names?\s+"
        + _CHANGED
        + r"\b",
    ),
    (
        "blanket",
        r"\b(?:I|we)(?:'ve|\u2019ve|\s+have|\s+are|'re|\u2019re)?\s+(?:changed|masking|masked|disguised|concealed|withheld|altered|changing)\s+"
        r"(?:all\s+)?(?:of\s+)?(?:the\s+|their\s+|some\s+)?(?:\w+\s+)?(?:names|identities)\b",
    ),
    ("blanket", r"\b(?:using|under|with|by)\s+pseudonyms\b"),
    (
        "blanket",
        r"\b(?:given|gave|give|assigned|assign)\s+(?:(?:the|these|those|all|our|them|him|her)\s+)?(?:[a-z]+\s+)?(?:false\s+names|pseudonyms|other\s+names|new\s+names)\b",
    ),
    (
        "blanket",
        r"\ban?\s+"
        + _SUBSTITUTE
        + r"\s+(?:was|is|has\s+been)\s+(?:\w+\s+)?(?:used|given|meant|chosen)\b",
    ),
)

# In a marker's own clause: the name is a public persona, or one the person
# took in life, not one the text gave them.  A name they mention is not
# reported; the same words elsewhere in the sentence silence nothing.
PSEUDONYM_EXEMPTIONS: tuple[str, ...] = (
    r"\b(?:real|actual|birth|legal)\s+name\s*(?:(?:is|was)\s+(?!not\b|being\b|known\b|withheld\b|kept\b|protected\b)|[,:]\s*(?-i:[A-Z][a-z]))",
    r"\b(?:pen|stage|brand|screen|ring|trade|band)\s+names?\b",
    r"\bnom\s+de\s+plume\b",
    r"\bchanged\s+(?:his|her|their|its)\s+name\s+(?:legally\s+)?to\b",
    r"\b(?:formerly|previously)\s+known\s+as\b",
    r"\bis\s+in\s+fact\b",
    r"\bis\s+actually\s+the\b",
    r"\bother\s+names\b",
)

# Verbs that tell a sentence's subject from a capitalised word that only opens
# it ("Maren spoke", not "Clearly that"); a word ending in -ed or -s counts too.
COMMON_VERBS: frozenset[str] = frozenset(
    """is was are were has had have says said can could will would did does do
    may might must should seems seemed became becomes lives worked works told
    tells knew knows went goes came comes got gets spoke met left fled ran sat
    stood took gave made found thought saw began brought kept held lost paid
    sent spent won wrote drove grew fell felt heard led lay meant read rose
    sold sang slept taught understood woke wore became remembers""".split()
)

# Words after which a capitalised word names a place, a thing or a group, not
# a person being introduced: "in Norway", "the Old Bridge", "first Danish".
NOT_PERSON_AFTER: frozenset[str] = frozenset(
    """in at from of on into onto near across without about over under
    between among through toward towards against via behind beyond outside inside
    within upon throughout the a an first last next same former fellow other
    another every each""".split()
)

# Adjectives of nationality or origin, which are capitalised but name nobody.
NATIONALITIES: frozenset[str] = frozenset(
    """afghan african albanian american arab armenian asian australian austrian
    belarusian belgian brazilian british bulgarian burmese canadian chechen
    chilean chinese colombian congolese croatian cuban czech danish dutch
    egyptian english eritrean ethiopian european filipino finnish french
    georgian german ghanaian greek haitian hungarian indian indonesian iranian
    iraqi irish israeli italian japanese jordanian kenyan korean kurdish
    latvian lebanese libyan lithuanian malaysian mexican moldovan moroccan
    nepali nigerian norwegian pakistani palestinian persian peruvian polish
    portuguese romanian russian rwandan saudi scottish serbian sikh slovak
    somali spanish sudanese swedish swiss syrian taiwanese thai tibetan
    turkish ugandan ukrainian uyghur venezuelan vietnamese welsh yazidi
    yemeni zimbabwean""".split()
)

# Roles whose holders a text names for real: a note that names were changed
# does not cover "the ministry's spokesman, Arvid Holt" or "Dr Ines Lowe".
OFFICIAL_ROLES: str = (
    r"spokes(?:man|woman|person)|officials?|ministers?|president|prosecutors?|lawyers?|attorneys?"
    r"|judges?|mayor|governor|director|professor|researchers?|analysts?|ambassador|senator"
    r"|councillor|commissioner|secretary|chief|chairman|chairwoman|chair|ceo|head"
)

# A wish that a name protect someone: what makes "called himself X" a substitute.
PROTECTIVE_PURPOSE: str = (
    r"\b(?:to\s+(?:protect|preserve|shield|safeguard|hide|conceal)|for\s+(?:his|her|their|the\s+family's|the\s+family\u2019s)?\s*(?:own\s+)?(?:safety|protection|security|privacy)"
    r"|for\s+(?:security|safety|privacy|legal)\s+(?:reasons|purposes)|for\s+fear|out\s+of\s+fear|(?:fears?|feared|afraid)\s+(?:of\s+)?(?:reprisals?|retribution|for))\b"
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
    police court officials name names yeah yes okay ok oh hey hello sorry thanks
    well wow three four five six seven eight nine ten
    eleven twelve twenty thirty forty fifty hundred dozens several""".split()
)

TITLES: frozenset[str] = frozenset(
    "mr mrs ms miss dr mx sir dame madam prof professor".split()
)

# Lower-case words allowed inside a name: "Ana de Souza", "Omar al-Hassan".
NAME_PARTICLES: frozenset[str] = frozenset(
    "de da das do dos del della di du van von der den ter la le al el bin ibn bint".split()
)


# -- Sentences ------------------------------------------------------------------

# Words after which a full stop does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof rev gen lt col maj capt sgt cpl adm gov sen rep pres st
    jr sr co corp inc ltd bros no nos vol pp fig approx est dept univ ave rd
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    e.g i.e etc vs cf al""".split()
)


# -- Attribution and claims -------------------------------------------------------

# Words and phrases that tie words to whoever said or wrote them.
REPORTING: str = (
    r"\b(?:said|says|say|saying|told|tells|tell|telling|added|adds|recalled|recalls|recalling"
    r"|explained|explains|wrote|writes|writing|stated|states|noted|notes|claimed|claims"
    r"|argued|argues|insisted|insists|warned|warns|asked|asks|replied|replies|continued"
    r"|continues|reported|reports|announced|announces|confirmed|confirms|described|describes"
    r"|revealed|reveals|admitted|admits|acknowledged|acknowledges|tweeted|posted|quoted"
    r"|cited|citing|cites|according\s+to|in\s+a\s+statement|in\s+an\s+interview|testified"
    r"|alleged|alleges|denied|denies|estimated|estimates|report|recounted|recounts|remembered"
    r"|remembers|shouted|whispered|urged|urges|stressed|stresses|pointed\s+out|went\s+on"
    r"|spoke|speaking|complained|complains|agreed|agrees|predicted|predicts|concluded"
    r"|concludes|found|finds|showed|shows|published|documented|documents|recorded|records"
    r"|counted|called|calls|dubbed|branded|termed|sa(?:y|id)\s+in)\b"
)

# Weasel attribution: the claim leans on nobody in particular.  A weasel cue
# is a verb of saying or believing whose agent is nobody in particular, and
# only its own agent can excuse it.  The patterns are built from parts; each
# entry is (kind, pattern), matched outside quotes:
#   vague     the agent is in the phrase and vague: "some critics argue",
#             "many believe", "others say", "according to some"; never excused
#   passive   the agent is missing: "it is believed", "is widely regarded
#             as", "has been suggested"; excused only by its own "by X", X a
#             name or a definite one ("is considered by the ministry")
#   adverb    "reportedly", "allegedly": excused by a reporting verb in the
#             sentence that names its source ("..., the ministry said")
#   hedge     the writer guesses where a source should say: "probably",
#             "arguably", "it seems"; excused as an adverb is
#   noun      a claim with no owner: "there are reports", "popular belief",
#             "studies show"; excused by "by X" or "from X" just after
_QUANTITY = (
    r"(?:some|many|most|several|numerous|various|countless|few|a\s+few"
    r"|a\s+(?:large\s+|growing\s+|small\s+)?(?:number|lot|majority|minority)\s+of"
    r"|the\s+majority\s+of)"
)
_GROUP = (
    r"(?:people|critics|experts|observers|scholars|historians|commentators|analysts"
    r"|fans|reviewers|researchers|scientists|sources|insiders|supporters|opponents"
    r"|detractors|skeptics|sceptics|proponents|advocates|academics|economists"
    r"|theorists|pundits|biographers|writers|authors|users|listeners|viewers"
    r"|readers|audiences|journalists|officials|diplomats|activists|linguists"
    r"|philosophers|theologians|purists)"
)
_OPINERS = (
    r"(?:critics|experts|observers|scholars|historians|commentators|analysts|reviewers"
    r"|pundits|biographers|academics|theorists|detractors|skeptics|sceptics|proponents"
    r"|advocates|insiders|sources|economists|researchers|scientists|authors|writers)"
)
_SAYS = (
    r"(?:say|says|said|claim|claims|claimed|believe|believes|believed|think|thinks"
    r"|thought|consider|considers|considered|argue|argues|argued|contend|contends"
    r"|contended|maintain|maintains|maintained|suggest|suggests|suggested|feel|feels"
    r"|felt|note|notes|noted|state|states|stated|describe|describes|described|regard"
    r"|regards|regarded|view|views|viewed|see|sees|saw|perceive|perceived|agree"
    r"|agreed|disagree|disagreed|speculate|speculated|hypothesi[sz]e|hypothesi[sz]ed"
    r"|assert|asserts|asserted|allege|alleged|insist|insists|insisted|observe"
    r"|observed|hold|holds|held|suspect|suspected|fear|feared|doubt|doubted|dispute"
    r"|disputed|deem|deemed|credit|credited|attribute|attributed|praise|praised"
    r"|critici[sz]e|critici[sz]ed|conjecture|conjectured|theori[sz]e|theori[sz]ed"
    r"|posit|posited|infer|inferred|conclude|concluded|estimate|estimated|predict"
    r"|predicted|worry|worried|complain|complained|acknowledge|acknowledged|assume"
    r"|assumed|tend\s+to|refer\s+to|call(?:ed)?\s+(?:it|him|her|them|this|the|a|an|his|its|their)\b"
    r"|point\s+out|pointed\s+out|warn|warned"
    r"|question|questioned|report|reported|recogni[sz]e|recogni[sz]ed"
    r"|declare|declares|declared)"
)
_BEFORE_VERB = r"(?:(?:have|has|had|would|will|may|might|could|also|long|often|still|even|now|generally|sometimes|usually|widely|strongly)\s+){0,3}"
_BE = r"(?:is|are|was|were|be|been|being|'s)"
_HEDGE = (
    r"(?:widely|generally|commonly|often|broadly|largely|popularly|usually|sometimes"
    r"|frequently|traditionally|universally|increasingly|occasionally|variously"
    r"|still|also|now|once|long|even|further|not)"
)
_THOUGHT = (
    r"(?:said|believed|thought|considered|regarded|rumou?red|reputed|purported"
    r"|alleged|claimed|suspected|speculated|conjectured|argued|contended|deemed"
    r"|presumed|assumed|suggested|felt|feared|hypothesi[sz]ed|theori[sz]ed"
    r"|postulated|surmised|posited)"
)
_SEEN_AS = r"(?:seen|viewed|regarded|perceived|described|acknowledged|recogni[sz]ed|hailed|touted|considered|thought\s+of|taken|noted)\s+as"
_ACCEPTED = (
    r"(?:accepted|agreed|acknowledged|recogni[sz]ed|credited|attributed|cited|disbelieved|doubted"
    r"|reported|held|understood|noted|praised|criticised|criticized|described"
    r"|believed|regarded|considered|thought|seen|viewed)"
)
_IT_IS = r"\bit\s+(?:is|was|has\s+(?:long\s+|also\s+|often\s+)?been|had\s+been|may\s+be|might\s+be|could\s+be|would\s+be|can\s+be)\s+"

WEASEL_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "adverb",
        r"\b(?:reportedly|allegedly|purportedly|supposedly|reputedly|ostensibly)\b",
    ),
    (
        "hedge",
        r"\b(?:probably|possibly|perhaps|arguably|apparently|seemingly|presumably"
        r"|conceivably|most\s+likely|(?:is|are|was|were)\s+(?:very\s+|quite\s+|most\s+)?likely\b"
        r"|(?:it\s+)?(?:seems?|seemed|appears?|appeared)\s+(?:to|that|as\s+if))\b",
    ),
    # "may have been built", "might well be": a guess at what happened
    (
        "hedge",
        r"\b(?:may|might)\s+(?:well\s+|also\s+|even\s+|once\s+)?(?:have\s+)?"
        r"(?:be|been|have|stem|derive|date|come|originate|reflect|indicate)\b",
    ),
    # those whose trade is opinion, as a clause's subject whatever their verb:
    # "Scholars have tended to ...", "Early critics dismissed ..."
    (
        "vague",
        r"(?:^|[.;:]\s+|,\s+(?:and|but)\s+)(?:[A-Z][\w-]*\s+)?"
        + _OPINERS
        + r"\s+(?:have\s+|had\s+|often\s+|also\s+|generally\s+)?[a-z]+(?:ed|s)\b",
    ),
    # "some critics have argued", "many in the community believe", "others say"
    (
        "vague",
        r"\b" + _QUANTITY + r"\s+(?:(?!of\s)[a-z][\w-]*\s+){0,2}?"
        r"(?:[a-z]+s|[a-z]*men|[a-z]*people|"
        + _GROUP
        + r")\s+"
        + _BEFORE_VERB
        + _SAYS
        + r"\b",
    ),
    ("vague", r"\b" + _QUANTITY + r"\s+" + _BEFORE_VERB + _SAYS + r"\b"),
    (
        "vague",
        r"\b(?:many|some|most|few)\s+(?:in|among|within)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+"
        + _BEFORE_VERB
        + _SAYS
        + r"\b",
    ),
    ("vague", r"\bothers\s+" + _BEFORE_VERB + _SAYS + r"\b"),
    (
        "vague",
        r"\b(?:some|many|few|one|others)\s+(?:would|might|could|may)\s+(?:say|argue|claim|suggest|contend)\b",
    ),
    # a group with nothing to name it by: "critics argue", "scholars have noted"
    (
        "vague",
        r"(?:^|[.;:,]\s+|\b(?:and|but|while|though|that|because|since|as|so|when|if)\s+)(?:[\w-]+\s+)?"
        + _GROUP
        + r"(?:\s+of\s+[\w.-]+)?\s+"
        + _BEFORE_VERB
        + _SAYS
        + r"\b",
    ),
    # a vague number of those whose trade is opinion: "several commentators"
    ("vague", r"\b" + _QUANTITY + r"\s+(?:[a-z]+\s+)?" + _OPINERS + r"\b"),
    # "seen by many", "held by some": a passive whose agent is nobody in particular
    (
        "vague",
        r"\b(?:[a-z]+ed|[a-z]+en|seen|held|thought|known)\s+by\s+(?:many|some|most|others)\b(?=\s*[,.;]|\s+(?:to|as|in|for|of\s+(?:them|us|those))\b)",
    ),
    (
        "vague",
        r"\b(?:according\s+to|in\s+the\s+(?:opinion|view|eyes|words|estimation)\s+of)\s+"
        r"(?:some|many|most|several|others|numerous|various|critics|experts|observers"
        r"|scholars|historians|commentators|analysts|fans|unnamed|anonymous|insiders"
        r"|sources|reports|rumou?rs|estimates|accounts|media\s+reports|local\s+reports"
        r"|(?:some|many|several|unnamed|anonymous)\s+\w+)\b",
    ),
    (
        "vague",
        r"\b(?:many|some|most)\s+(?:are|were)\s+of\s+the\s+(?:opinion|view|belief)\b",
    ),
    (
        "vague",
        r"\b(?:a\s+)?(?:source|insider)\s+(?:close\s+to|familiar\s+with|said|says|told|claimed|alleged|added|suggested)\b",
    ),
    (
        "vague",
        r"\b(?:people|sources|officials|persons|someone)\s+(?:familiar\s+with|close\s+to"
        r"|with\s+knowledge\s+of|briefed\s+on)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:said|say|says|told)\b",
    ),
    # the agent left out
    (
        "passive",
        _IT_IS
        + r"(?:"
        + _HEDGE
        + r"\s+)?(?:"
        + _THOUGHT
        + r"|reported|noted|understood|held|estimated|hoped|expected|accepted|agreed|acknowledged|recogni[sz]ed|observed|stated|maintained|asserted|implied|argued)\b",
    ),
    (
        "passive",
        r"\b"
        + _BE
        + r"\s+(?:"
        + _HEDGE
        + r"\s+){0,2}"
        + _THOUGHT
        + r"\s+to\s+(?:be|have)\b",
    ),
    (
        "passive",
        r"\b"
        + _BE
        + r"\s+(?:"
        + _HEDGE
        + r"\s+){0,2}(?:said|reported|rumou?red|understood|believed|thought|alleged|claimed|reputed|purported)\s+to\b",
    ),
    (
        "passive",
        r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:"
        + _HEDGE
        + r"\s+){0,2}(?:considered|believed|regarded|deemed|suspected|rumou?red)\b",
    ),
    (
        "passive",
        r"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been|be)\s+(?:"
        + _HEDGE
        + r"\s+){0,2}"
        + _SEEN_AS
        + r"\b",
    ),
    (
        "passive",
        r"\b(?:has|have|had)\s+(?:also\s+|long\s+|often\s+)?been\s+(?:"
        + _HEDGE
        + r"\s+)?(?:suggested|argued|speculated|conjectured|claimed|alleged|noted|said|reported|proposed|hypothesi[sz]ed|theori[sz]ed|contended|posited|questioned|disputed|called|described|mentioned|hailed\s+as|praised\s+as)\b",
    ),
    (
        "passive",
        r"\b(?:widely|generally|commonly|popularly|broadly|universally|traditionally|often|frequently)\s+"
        + _ACCEPTED
        + r"\b",
    ),
    # a claim with no owner
    (
        "noun",
        r"\bthere\s+(?:is|are|was|were|have\s+been|has\s+been|had\s+been)\s+(?:also\s+)?(?:\w+\s+)?"
        r"(?:reports|claims|rumou?rs|suggestions|allegations|speculation|indications|sightings"
        r"|suspicions|theories|accounts|concerns|fears|beliefs|arguments|doubts|concern"
        r"|debate|controversy|criticism|suspicion|doubt"
        r"|a\s+(?:widespread\s+|common\s+|popular\s+)?(?:belief|perception|consensus|view))\b",
    ),
    ("noun", r"\brumou?r\s+has\s+it\b"),
    (
        "noun",
        r"\b(?:popular|common|conventional|general|received|widespread)\s+(?:belief|wisdom|opinion|perception|knowledge)\b",
    ),
    (
        "noun",
        r"\b(?:studies|research|science|evidence|surveys|polls|statistics|reports|rumou?rs|accounts|media\s+reports)\s+(?:has\s+|have\s+)?(?:show|shows|shown|suggest|suggests|suggested|indicate|indicates|indicated|prove|proves|proved|say|said|claim|claimed)\b",
    ),
    ("noun", r"\bit\s+(?:would|might)\s+(?:appear|seem)\b"),
    (
        "noun",
        r"\b(?:widely|commonly|generally)\s+(?:reported|believed|considered|regarded|thought|held)\b",
    ),
    # the same cut short: "a family said to have been fishermen"
    ("passive", r"\b(?:said|reputed|rumou?red|believed|thought)\s+to\s+(?:have|be)\b"),
    # "taken by some authorities", "seen by many critics as"
    (
        "vague",
        r"\b(?:[a-z]+ed|[a-z]+en|seen|held|thought)\s+by\s+(?:many|some|most|several|various)\s+"
        r"(?:[a-z]+\s+)?(?:" + _OPINERS[3:-1] + r"|authorities|people)\b",
    ),
    (
        "noun",
        r"\b(?:some|growing|increasing|mounting)\s+evidence\s+(?:to\s+suggest|that|suggests)\b",
    ),
    # claims that exist on their own: "arguments exist that", "rumours began"
    (
        "noun",
        r"\b(?:arguments|claims|theories|rumou?rs|suggestions|allegations)\s+"
        r"(?:exist|abound|persist|circulate|circulated|began|started|emerged|surfaced)\b",
    ),
    (
        "noun",
        r"\b(?:no|little|broad|general|wide|growing)\s+consensus\s+(?:among|that|is)\b",
    ),
    ("passive", r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?noted\s+for\b"),
    (
        "noun",
        r"\breports\s+(?:by|in)\s+(?:the\s+)?(?:newspapers|media|press|local\s+media)\b",
    ),
    # "people often say", "people sometimes refer to": anyone at all, habitually
    (
        "vague",
        r"\bpeople\s+(?:sometimes|often|generally|usually|commonly|still|widely|frequently)\s+"
        + _SAYS
        + r"\b",
    ),
    # people known only by what they were: "former employees claim", "current
    # and former owners agree"
    (
        "vague",
        r"\b(?:former|current|ex-)(?:\s+and\s+(?:former|current))?\s+(?:[\w-]+\s+){0,2}?"
        r"(?:employees|staff|members|workers|students|players|officials|aides|owners|colleagues)\s+"
        + _BEFORE_VERB
        + r"(?:claim|claimed|say|said|allege|alleged|argue|argued|agree|agreed"
        r"|believe|believed|contend|contended|insist|insisted|maintain|maintained)\b",
    ),
    (
        "noun",
        r"\b(?:a\s+)?(?:growing|large|considerable)\s+body\s+of\s+(?:evidence|opinion|research)\b",
    ),
    ("noun", r"\bit\s+stands\s+to\s+reason\b"),
)

# Subjects that are a source in themselves when they report something: a
# definite, described source ("the report said", "the ministry confirmed").
DESCRIBED_SOURCES: tuple[str, ...] = (
    "report",
    "study",
    "survey",
    "statement",
    "ministry",
    "agency",
    "army",
    "police",
    "government",
    "company",
    "council",
    "court",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "minister",
    "president",
    "prosecutor",
    "prosecutors",
    "lawyer",
    "doctor",
    "soldier",
    "witness",
    "mayor",
    "governor",
    "judge",
    "document",
    "investigation",
    "inquiry",
    "authority",
    "authorities",
    "department",
    "commission",
    "committee",
    "office",
    "embassy",
    "kremlin",
    "pentagon",
    "white house",
    "article",
    "paper",
    "newspaper",
    "broadcaster",
    "network",
    "channel",
    "website",
    "researchers",
    "scientists",
    "analysis",
    "audit",
    "regulator",
    "union",
    "hospital",
    "military",
)

# Outlets and organisations that a text attributes to without an
# organisation word in their names.
KNOWN_OUTLETS: frozenset[str] = frozenset(
    {
        "Reuters",
        "Bloomberg",
        "Interfax",
        "Xinhua",
        "Kyodo",
        "Yonhap",
        "Meduza",
        "Mediazona",
        "Novaya Gazeta",
        "Kommersant",
        "Vedomosti",
        "Izvestia",
        "Pravda",
        "Ukrinform",
        "Al Jazeera",
        "Associated Press",
        "Agence France-Presse",
        "Guardian",
        "Observer",
        "Independent",
        "Telegraph",
        "Economist",
        "Politico",
        "Axios",
        "Vox",
        "Slate",
        "Vice",
        "BuzzFeed",
        "HuffPost",
        "Forbes",
        "Fortune",
        "Wired",
        "Le Monde",
        "Le Figaro",
        "Spiegel",
        "Bild",
        "Reporters Without Borders",
        "Amnesty",
        "Greenpeace",
        "Oxfam",
        "Unicef",
        "Wikipedia",
        "YouGov",
        "Ipsos",
        "Gallup",
        "Pew",
        "Nielsen",
        "Kremlin",
        "Pentagon",
        "Lancet",
    }
)

ORGANISATION_WORDS: frozenset[str] = frozenset(
    """agency ministry office council institute foundation bank commission committee
    police service services times post news journal herald gazette courier tribune
    press radio television tv university organisation organization group company
    corp corporation inc ltd party court army forces government parliament
    department authority network channel broadcasting broadcaster review magazine
    daily weekly telegraph chronicle observer monitor record star sun mail express
    mirror standard guardian independent insider watch international fund union
    association federation alliance coalition centre center network hospital
    clinic school church board bureau command nations cross crescent programme
    program initiative project movement front campaign trust society institution
    academy forum""".split()
)

# Sentences that frame rather than claim: the writer speaking of the text.
FRAMING_OPENERS: tuple[str, ...] = (
    "in this",
    "this article",
    "this story",
    "this report",
    "here is",
    "here are",
    "read more",
    "see also",
    "watch",
    "listen",
    "photo",
    "image",
    "pictured",
    "editor's note",
    "update",
    "correction",
    "we ",
    "i ",
    "our ",
)

# What makes a sentence a claim someone must stand behind: a figure, or a
# grave act (killing, torture, arrest, fraud).
CLAIM_SIGNALS: str = (
    r"\b\d[\d,.]*\s*(?:%|(?:per\s*cent|percent|people|civilians|soldiers|troops|dead|deaths"
    r"|killed|injured|wounded|victims|cases|patients|children|women|men|residents|homes"
    r"|houses|buildings|times|fold|billion|million|thousand|tonnes|tons|barrels)\b)"
    r"|\b(?:hundreds|thousands|tens\s+of\s+thousands|millions|dozens)\s+of\b"
    r"|\b(?:killed|murdered|executed|tortured|massacred|raped|bombed|shelled|looted"
    r"|embezzled|laundered|bribed|rigged|smuggled|trafficked|poisoned|assassinated"
    r"|kidnapped|abducted|deported|is\s+responsible\s+for|are\s+responsible\s+for"
    r"|was\s+responsible\s+for|were\s+responsible\s+for|caused|covered\s+up)\b"
)

# -- Who said a quote -------------------------------------------------------------
#
# A quote is tied to its speaker by a cue: a verb of saying, writing or
# answering ("said", "tweeted", "shot back"), a phrase that names the source
# ("according to", "as ... put it"), a colon after a speaker ("Jones:") or a
# dash before one ("- Jones").  checks.detect.attribution reads the words around each
# quote for a cue and the speaker it links; the verbs are stems here, each with
# every form English gives it.


def _forms(entry: str) -> set[str]:
    """Every form of a verb: "say said" gives say, says, saying, said; a
    stem without a past is regular ("note" noted; "reply" replied; "rip+"
    doubles its last letter: ripped, ripping)."""
    base, _, past = entry.partition(" ")
    double = base.endswith("+")
    base = base.rstrip("+")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        third, regular, ing = base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    elif base.endswith("ee"):
        third, regular, ing = base + "s", base + "d", base + "ing"
    elif base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third, regular, ing = base + "es", base + "ed", base + "ing"
    elif base.endswith("e"):
        third, regular, ing = base + "s", base + "d", base[:-1] + "ing"
    elif double:
        third, regular, ing = (
            base + "s",
            base + base[-1] + "ed",
            base + base[-1] + "ing",
        )
    else:
        third, regular, ing = base + "s", base + "ed", base + "ing"
    return {base, third, ing, *(past.split() or [regular])}


# Verbs that report words.  A stem is in the table when newsroom English uses
# it to tie a quote to its speaker; "say" is there, "believe" (which reports a
# mind, not words) is not.
_CUE_VERBS = """say:said tell:told write:wrote:written add continue call tweet post
    ask state report respond reply answer note describe declare argue explain
    promise insist pledge read:read remark chant charge urge think:thought accuse
    recall remember assure conclude contend bemoan vow joke announce suggest criticize criticise
    mock quote admit+ assert concede proclaim shout yell scream cry exclaim
    sing:sang:sung comment attack blast slam+ rip+ praise dub+ label brand term
    warn claim allege deny confirm acknowledge stress emphasize emphasise observe
    complain lament protest counter retort quip+ boast brag+ muse wonder recount
    predict caution plead demand testify whisper mutter murmur sigh laugh
    interject interrupt begin:began:begun tout hail decry denounce condemn
    question challenge implore beg+ advise inform confide concur agree disagree
    repeat reiterate echo summarize summarise offer put:put email text message
    pen+ blog+ retweet rail scoff snap+ fume gush marvel recite intone
    rebut+ reason elaborate clarify specify mention""".split()
CUE_WORDS: frozenset[str] = frozenset(
    form for entry in _CUE_VERBS for form in _forms(entry.replace(":", " "))
)

# Cues of two words, keyed by their first word: "shot back", "went on",
# "according to"; "put it" is the cue of "as Jones put it".
CUE_PAIRS: dict[str, frozenset[str]] = {
    "according": frozenset({"to"}),
    "shot": frozenset({"back"}),
    "fired": frozenset({"back"}),
    "hit": frozenset({"back"}),
    "went": frozenset({"on"}),
    "goes": frozenset({"on"}),
    "pointed": frozenset({"out"}),
    "points": frozenset({"out"}),
    "spoke": frozenset({"of", "about"}),
    "weighed": frozenset({"in"}),
    "chimed": frozenset({"in"}),
    "summed": frozenset({"up"}),
    "sums": frozenset({"up"}),
    "put": frozenset({"it"}),
    "puts": frozenset({"it"}),
}

# Cues whose speaker follows them ("according to Jones") rather than comes
# before ("Jones said").
CUES_BEFORE_SPEAKER: frozenset[str] = frozenset({"according to"})

# Forms of cue verbs that are more often nouns ("in states like Ohio", "the
# calls for reform"): a cue only just after a pronoun or a name.
NOUN_LIKE_CUES: frozenset[str] = frozenset(
    """state states report reports note notes post posts text texts question
    questions answer answers call calls claim claims comment comments quote
    quotes demand demands offer offers counter counters message messages email
    emails read reads term terms label labels brand brands echo echoes charge
    charges praise protest protests plead laugh laughs sigh sighs attack attacks
    blast blasts slam slams rip rips mock warn warns tout hail""".split()
)

# Cues whose object is whom the speaker addresses, not the speaker: "telling
# the crowd", "urged voters".
ADDRESSING_CUES: frozenset[str] = frozenset(
    form
    for entry in "tell:told urge assure advise inform implore beg+ warn".split()
    for form in _forms(entry.replace(":", " "))
)

# Words that stand for a speaker on their own.
SPEAKER_PRONOUNS: frozenset[str] = frozenset(
    "he she they we i it you who someone somebody".split()
)

# Words that open a described speaker: "the mayor", "a friend", "one aide".
SPEAKER_DETERMINERS: frozenset[str] = frozenset(
    """the a an one two three four his her their its our my your another some
    many several both this these those each every""".split()
)

# Words between a speaker and the cue, that belong to neither: "Jones later
# said", "she has repeatedly argued", "the mayor on Tuesday told".
BETWEEN_SPEAKER_AND_CUE: frozenset[str] = frozenset(
    """also later then has had have would will once previously recently again
    simply just quickly flatly bluntly firmly finally repeatedly often
    frequently earlier subsequently immediately herself himself themselves
    itself further privately publicly angrily calmly softly quietly loudly
    sharply curtly tersely openly clearly reportedly allegedly apparently
    on yesterday today tonight monday tuesday wednesday thursday friday saturday
    sunday last night this week morning afternoon evening in an interview
    statement a to with reporters is was are were""".split()
)

# Words after which a speaker-like phrase is not a clause's subject: "In an
# interview with the Journal, Jones ..."
PREPOSITIONS: frozenset[str] = frozenset(
    "in with of for at by from on to about after before during under over into".split()
)

# Words that a described speaker cannot hold: a clause has begun instead.
NOT_IN_SPEAKER: frozenset[str] = frozenset(
    """that and but or which when where while if because after before since
    though although as than so not no never is was are were be been being do does
    did to""".split()
)
