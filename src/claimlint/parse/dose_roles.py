"""What a dose mention is doing in its clause: recommended, a limit, a contrast, a titration
step, a population-specific dose, a prohibited regimen or a study result (:class:`DoseRole`).

The cues are short end-anchored patterns looked for in the words just before the amount (the
*segment*: since the previous amount or the clause start, closed parentheses blanked), a few
in the words after it (the *tail*), and the evidence cues in the whole sentence.
"""

from __future__ import annotations

import re

from claimlint import recache as rx
from claimlint.model import DoseRole
from claimlint.parse.dose_cues import OPEN, Gate

_W = r"(?:[^\s\d]+\s+)"  # one word without digits, and the space after it
CONTRAST_END = rx.compile(
    r"\b(?:not\s+just|not\s+only|not\s+merely|not\s+simply|rather\s+than|instead\s+of|"
    rf"as\s+opposed\s+to|in\s+place\s+of|compared\s+(?:with|to)|versus|vs\.?)\s+{_W}{{0,3}}$",
    re.I,
)
CONTRAST_GATE = Gate("not rather instead opposed place compared versus vs")
_LIMIT_END = (
    r"(?:\b(?P<w>below|under|above|over|exceed(?:s|ing)?|beyond|more\s+than|less\s+than|"
    r"fewer\s+than|greater\s+than|higher\s+than|lower\s+than|at\s+least|at\s+most|"
    r"max(?:imum|imal)?(?:\s+(?:daily|total|recommended))?(?:\s+doses?)?|max\.|min(?:imum)?|up\s+to|cap(?:ped)?\s+at|limit(?:ed)?\s+to|"
    rf"ceiling\s+of|threshold\s+of)\s+{_W}{{0,3}}|[<>\u2264\u2265]=?\s*)$"
)
LIMIT_END = rx.compile(_LIMIT_END, re.I)
LIMIT_END_LOWER = rx.compile(_LIMIT_END)  # the same for ASCII text lower-cased: nothing to fold
# "more than", "fewer than", …: "than"; "at least": "least"; "up to": "up"; "max.": "max".
LIMIT_GATE = Gate(
    "below under above over exceed beyond than least most max min up cap limit ceiling "
    "threshold < > \u2264 \u2265"
)
TAIL_LIMIT = rx.compile(
    r"[^.;,()]{0,30}?(?:\b(?:max(?:imum)?|at\s+most|or\s+(?:more|less|higher|lower|above|"
    r"below|greater)|and\s+(?:above|below|over)|or\s+over)\b|\bmax\.)",
    re.I,
)
# "or more", "and above", "or over": the word after "or"/"and".
TAIL_LIMIT_GATE = Gate("max most more less higher lower above below greater over")
TITRATION_VERB = rx.compile(r"\b(?:titrat|uptitrat|increas|escalat)\w*", re.I)
TITRATION_END = rx.compile(
    r"(?:\bstart(?:s|ed|ing)?\s+(?:(?:[^\s\d]+\s+){0,2}?(?:at|with|from|on)\s+)?|"
    r"\bstarting\s+(?:dose\s+)?(?:(?:of|is)\s+)?|\binitial(?:ly)?\s+(?:[^\s\d]+\s+){0,3}|"
    r"\bbegin(?:ning)?\s+(?:at|with)\s+|"
    r"\b(?:increas|decreas|reduc|escalat|titrat|uptitrat|taper|wean|advanc|lower)\w*\s+"
    r"(?:[^\s\d]+\s+){0,3}?(?:to|by|until|toward|from)\s+(?:[^\s\d]+\s+){0,2}|"
    r"\bthen\s+(?:[^\s\d]+\s+){0,3}|\bfollowed\s+by\s+(?:[^\s\d]+\s+){0,3}|"
    r"\bstep(?:ped)?\s+(?:up|down)\s+to\s+)$",
    re.I,
)
TITRATION_END_GATE = Gate(
    "start initial begin increas decreas reduc escalat titrat taper wean advanc lower then "
    "followed step"
)
TITRATION_ANY = rx.compile(r"\b(?:titrat\w*|uptitrat\w*|taper\w*|wean\w*|starting\s+dose)\b", re.I)
TITRATION_CLAUSE = rx.compile(r"\b(?:titrat\w*|uptitrat\w*|starting\s+dose)\b", re.I)
TITRATION_ANY_GATE = Gate("titrat taper wean starting")
TITRATION_CLAUSE_GATE = Gate("titrat starting")
SEQUENCE = rx.compile(r"\b(?:then|followed\s+by|increas\w*|titrat\w*|escalat\w*)\b", re.I)
MAINTENANCE = rx.compile(
    r"\b(?:maintenance|maintain(?:ed)?|continu\w*)\b(?:\s+[^\s\d]+){0,3}\s*$", re.I
)
MAINTENANCE_GATE = Gate("maint continu")
# A dose described as wrong: "a patient still taking 75 mg twice daily may be underdosed".
MISDOSED = rx.compile(
    r"\b(?:under[\u2010-]?dos\w*|over[\u2010-]?dos\w*|sub[\u2010-]?therapeutic|too\s+(?:low|high)|"
    r"inadequate\s+dos\w*|insufficient\s+dos\w*)",
    re.I,
)
MISDOSED_GATE = Gate(
    "underdos under-dos under\u2010dos overdos over-dos over\u2010dos therapeutic too inadequate "
    "insufficient"
)
PROHIBIT = rx.compile(
    r"\b(?:do\s+not|don['\u2019]t|never|avoid(?:ing|s)?|should\s+not|must\s+not|"
    r"shouldn['\u2019]t|mustn['\u2019]t|(?:is|are)\s+not\s+recommended|"
    r"not\s+be\s+(?:used|given|prescribed|combined)|contraindicated|recommend\s+against|"
    r"discourage[sd]?|stop\s+using)\b"
    r"(?!\s+(?:exceed|underdose|under-dose|stop|miss|skip|abruptly|double|crush))",
    re.I,
)
# "do not", "should not", "is not recommended", "not be used": "not"; "don't", "mustn't": "n't";
# "stop using": "using".
PROHIBIT_GATE = Gate("not n't n\u2019t never avoid contraindicated against discourage using")
TAIL_PROHIBIT = rx.compile(
    r"[^;]{0,60}?\b(?:(?:is|are)\s+(?:no\s+longer|not)\s+(?:recommended|advised|appropriate)|"
    r"should\s+(?:be\s+avoided|not\s+be\s+used)|must\s+be\s+avoided|(?:is|are)\s+contraindicated)",
    re.I,
)
# "is no longer recommended", "should not be used": the last word or "should".
TAIL_PROHIBIT_GATE = Gate("recommended advised appropriate should avoided contraindicated")
PROHIBIT_SCOPE_END = rx.compile(
    r"[;:]|\s[\u2013\u2014-]\s|\bbut\b|\binstead\b|\b(?:and|or)\s+(?:then\s+)?"
    r"(?:give|use|start|take|prescribe|consider|add|switch|offer)\b",
    re.I,
)
EVIDENCE = rx.compile(
    r"\b(?:trials?|stud(?:y|ies)|randomi[sz]ed|rcts?|meta[\s-]?analys[ie]s|cohorts?|"
    r"participants|enrolled|(?:was|were)\s+(?:administered|given|treated|assigned|"
    r"randomi[sz]ed|used|associated|compared|dosed)|received|"
    r"(?:treatment|study|trial|intervention|control|placebo|active)\s+(?:arms?|groups?)|"
    r"reported|observed|showed|demonstrated|investigat\w+|"
    r"(?:treatment|regimen|dosing|dose)\s+(?:was|were))\b",
    re.I,
)
# "(was|were) given", "(dose|regimen) was": "was"/"were"; "(study|control) arms": "arm".
EVIDENCE_GATE = Gate(
    "trial stud randomi rct meta cohort participants enrolled was were received arm group "
    "reported observed showed demonstrated investigat"
)
_POPULATIONS = (
    (
        "renal",
        r"\b(?:renal|kidney|ckd|esrd|eskd|crcl|creatinine\s+clearance|e?gfr|"
        r"dialysis|ha?emodialysis)\b",
    ),
    ("hepatic", r"\b(?:hepatic|liver|cirrhosis|child[\u2010-]pugh)\b"),
    (
        "elderly",
        r"\b(?:elderly|older\s+(?:adults?|patients|people|persons)|geriatric|frail|"
        r"aged\s+(?:over|above)\s+\d|over\s+(?:the\s+age\s+of\s+)?6[05]\b)|"
        r"[\u2265>]\s*6[05]\s*(?:years|y\b)",
    ),
    (
        "pediatric",
        r"\b(?:child(?:ren)?|pa?ediatric|infants?|neonates?|newborns?|adolescents?|"
        r"toddlers?|kids)\b",
    ),
    (
        "weight",
        r"\bweigh(?:ing|s)?\s+(?:less|more|under|over|[<>\u2264\u2265])|"
        r"\bbody\s*weight\s*[<>\u2264\u2265]|[<>\u2264\u2265]\s*\d+\s*kg\b",
    ),
    ("pregnancy", r"\b(?:pregnan\w*|lactat\w*|breast[\u2010-]?feeding)\b"),
)
_POPULATION_RX = r"(?<![a-z0-9])(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _POPULATIONS) + ")"
POPULATION = rx.compile(_POPULATION_RX, re.I)
POPULATION_LOWER = rx.compile(_POPULATION_RX)  # the same for ASCII text lower-cased
# "child-pugh" and "children": "child"; "paediatric": "ediatric"; "body weight": "weigh";
# "over 65", "> 65 years", "< 50 kg": "over" and the comparison signs.
POPULATION_GATE = Gate(
    "renal kidney ckd esrd eskd crcl creatinine gfr dialysis hepatic liver cirrhosis child "
    "elderly older geriatric frail aged over ediatric infant neonate newborn adolescent toddler "
    "kids weigh pregnan lactat breast < > \u2264 \u2265"
)
_PAREN_POP = rx.compile(r"\s*\(\s*(?:in\s+|for\s+|if\s+)?(?=" + POPULATION.pattern + ")", re.I)


_PAREN = rx.compile(r"[()]")


def paren_spans(text: str) -> list[tuple[int, int]]:
    """Every closed ``( … )`` group of ``text`` as (start, end) offsets, innermost first."""
    spans: list[tuple[int, int]] = []
    if "(" not in text:
        return spans
    stack: list[int] = []
    for m in _PAREN.finditer(text):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            spans.append((stack.pop(), m.end()))
    return spans


def blank_parentheses(text: str) -> str:
    """``text`` with every closed ``( … )`` group replaced by spaces (same length)."""
    spans = paren_spans(text)
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue  # nested in a group already blanked
        out.append(text[pos:start])
        out.append(" " * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def population_of(segment: str, tail: str, cues=OPEN) -> str | None:
    """A short label for the population a dose is for: renal, hepatic, elderly, pediatric, …

    Cues count in the segment before the amount and in the tail after it, but in the tail not
    inside parentheses, except a parenthesis that opens with a population word ("(CrCl 30-60
    mL/min)").
    """
    if not cues(POPULATION_GATE):
        return None
    return _population(segment, tail)


def _population(segment: str, tail: str) -> str | None:
    """:func:`population_of` with its gate open."""
    pattern = POPULATION
    if segment.isascii() and tail.isascii():
        segment, tail, pattern = segment.lower(), tail.lower(), POPULATION_LOWER
    m = pattern.search(segment)
    if m is None:
        visible = blank_parentheses(tail).split("(", 1)[0]
        m = pattern.search(visible)
    if m is None and "(" in tail:
        paren = _PAREN_POP.match(tail, tail.index("("))
        if paren is not None:
            m = pattern.search(tail, paren.end())
    return m.lastgroup if m else None


def prohibition_head(head: str) -> str:
    """The part of ``head`` a prohibition before the amount can still govern."""
    last = 0
    for m in PROHIBIT_SCOPE_END.finditer(head):
        last = m.end()
    return head[last:]


def classify(
    segment: str,
    head: str,
    tail: str,
    evidence: bool,
    sequence: bool,
    maintenance: bool = False,
    cues=OPEN,
) -> tuple[DoseRole, str | None]:
    """The role of one dose mention and its population label (or None).

    ``segment``: words since the previous amount (or clause start), parentheses blanked;
    ``head``: the clause up to the amount, parentheses blanked; ``tail``: the words after the
    amount up to the next amount, drug or clause boundary; ``evidence``: the sentence (asides
    blanked) reports a study result (:data:`EVIDENCE`); ``sequence``: another amount of the
    same drug follows after "then", "increase", … in the same clause; ``maintenance``: a
    loading dose, or the dose that follows one, which is the regimen itself rather than a
    titration step. ``cues``: the claim's :class:`~claimlint.parse.dose_cues.Cues`, whose
    ``mask`` skips the searches that cannot match (without a ``mask``, every gate is open).
    """
    mask = getattr(cues, "mask", -1)  # a gate's bit set: its pattern may match in the claim
    near = segment[-90:]
    population = _population(segment, tail) if mask & _POPULATION else None
    if mask & _CONTRAST and CONTRAST_END.search(near):
        return DoseRole.CONTRAST, population
    limit = None
    if mask & _LIMIT:
        limit = LIMIT_END_LOWER.search(near.lower()) if near.isascii() else LIMIT_END.search(near)
    if (
        limit is not None
        and (limit.group("w") or "").lower().startswith("up")
        and (TITRATION_VERB.search(near))
    ):
        return DoseRole.TITRATION, population
    if limit is not None or (mask & _TAIL_LIMIT and TAIL_LIMIT.match(tail)):
        return DoseRole.LIMIT, population
    if mask & _MISDOSED and (MISDOSED.search(near) or MISDOSED.search(tail)):
        return DoseRole.CONTRAST, population
    if (mask & _PROHIBIT and PROHIBIT.search(prohibition_head(head))) or (
        mask & _TAIL_PROHIBIT and TAIL_PROHIBIT.match(tail)
    ):
        return DoseRole.PROHIBITED, population
    if evidence:
        return DoseRole.EVIDENCE, population
    if population:
        return DoseRole.POPULATION, population
    if maintenance or (mask & _MAINTENANCE and MAINTENANCE.search(near)):
        return DoseRole.RECOMMENDED, None
    if (
        sequence
        or (mask & _TITRATION_END and TITRATION_END.search(near))
        or (mask & _TITRATION_ANY and TITRATION_ANY.search(segment))
        or (mask & _TITRATION_CLAUSE and TITRATION_CLAUSE.search(head))
    ):
        return DoseRole.TITRATION, None
    return DoseRole.RECOMMENDED, None


# Each gate's bit, for classify's one-``&`` tests (Cues.mask has the bit of every open gate).
_POPULATION = POPULATION_GATE.bit
_CONTRAST = CONTRAST_GATE.bit
_LIMIT = LIMIT_GATE.bit
_TAIL_LIMIT = TAIL_LIMIT_GATE.bit
_MISDOSED = MISDOSED_GATE.bit
_PROHIBIT = PROHIBIT_GATE.bit
_TAIL_PROHIBIT = TAIL_PROHIBIT_GATE.bit
_MAINTENANCE = MAINTENANCE_GATE.bit
_TITRATION_END = TITRATION_END_GATE.bit
_TITRATION_ANY = TITRATION_ANY_GATE.bit
_TITRATION_CLAUSE = TITRATION_CLAUSE_GATE.bit
