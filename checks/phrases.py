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

# Weasel attribution: the claim leans on nobody in particular.  Matched
# outside quotes, in a sentence with no specific source.
WEASEL_PHRASES: tuple[str, ...] = (
    r"\breportedly\b",
    r"\ballegedly\b",
    r"\bpurportedly\b",
    r"\bsupposedly\b",
    r"\bit\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|generally\s+|commonly\s+|often\s+)?(?:said|believed|understood|thought|reported|claimed|alleged|rumou?red|suggested|argued|feared|known|assumed|estimated)\b",
    r"\b(?:some|many|most|several|few)\s+(?:people\s+|observers\s+|experts\s+|analysts\s+|critics\s+|residents\s+|historians\s+|scientists\s+)?(?:say|said|believe|believed|argue|argued|claim|claimed|think|thought|feel|felt|suggest|suggested|fear|feared|insist|insisted)\b",
    r"\b(?:experts|analysts|observers|critics|commentators|insiders|scientists|researchers|sources|officials|diplomats|economists|historians|activists)\s+(?:say|said|believe|believed|argue|argued|claim|claimed|think|thought|suggest|suggested|warn|warned|fear|feared|agree|agreed|estimate|estimated|note|noted|insist|insisted)\b",
    r"\baccording\s+to\s+(?:some|many|several|unnamed|anonymous)?\s*(?:reports|sources|rumou?rs|estimates|experts|critics|observers|insiders|accounts|media\s+reports|local\s+reports)\b",
    r"\b(?:there\s+(?:are|were|have\s+been)\s+)(?:unconfirmed\s+)?(?:reports|claims|rumou?rs|suggestions)\b",
    r"\b(?:is|are|was|were)\s+(?:widely|generally|commonly|often|broadly|largely|popularly|usually|sometimes|frequently)\s+(?:regarded|considered|seen|viewed|believed|thought|held|accepted|described|acknowledged|recognised|recognized|attributed|credited|called|named|referred\s+to|cited|known)\b",
    r"\b(?:is|are|was|were)\s+considered\s+(?:to\s+be\s+|as\s+)?(?:one\s+of|among|the|a|an)\b",
    r"\b(?:some|many|most|several|few|other)\s+(?:\w+\s+)?(?:have\s+)?(?:long\s+)?(?:regard|regarded|consider|considered|view|viewed|see|saw|call|called|describe|described|say|said|believe|believed|argue|argued|claim|claimed|think|thought|suggest|suggested|fear|feared|insist|insisted|maintain|maintained|contend|contended)\b",
    r"\b(?:reports|rumou?rs|accounts|media\s+reports)\s+(?:suggest|suggested|say|said|indicate|indicated|claim|claimed)\b",
    r"\b(?:people|sources|officials|persons|someone)\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|briefed\s+on)\s+(?:the\s+)?\w+(?:\s+\w+)?\s+(?:said|say|says|told)\b",
    r"\b(?:is|are|was|were)\s+(?:considered|believed|thought|understood|rumou?red|said|reported|alleged|claimed|suspected|feared|presumed)\s+to\s+(?:be|have)\b",
    r"\b(?:a|one|another)\s+source\s+(?:said|says|alleged|claimed|told|added|suggested)\b",
    r"\b(?:is|are)\s+said\s+to\b",
    r"\bsome\s+would\s+(?:say|argue)\b",
    r"\b(?:many|some)\s+(?:believe|say|argue)\b",
    r"\b(?:critics|opponents|supporters|sceptics|skeptics)\s+(?:have\s+)?(?:long\s+)?(?:argued|say|said|claim|claimed|contend|contended)\b",
    r"\bwidely\s+(?:reported|believed|considered|regarded|thought)\b",
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
