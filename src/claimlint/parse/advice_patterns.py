"""Trigger phrases of the advice classifier, and the classification of one clause.

All patterns run on a *working copy* of a clause: lower-cased, Unicode dashes and spaces
normalized, with condition spans and excluded ("rather than …") spans blanked out, so the
offsets of a match are offsets into the clause. Every pattern is bounded (no nested
unbounded repeats), so none can backtrack catastrophically.

Order of evaluation (first hit wins):

1. look-alikes ("do not exceed", "not just", "do not stop … abruptly") are recorded and
   blanked; so are double negations ("do not delay", "do not withhold": a recommendation)
   and taper/wean phrases ("plan to taper baclofen": stopping, not prescribing);
2. PROHIBIT ("do not", "avoid", "not recommended", "contraindicated", …);
3. PERMIT ("can be used", "is an option", "alternative", …);
4. HEDGE ("consider", "we suggest", "may help", …);
5. RECOMMEND ("recommend", "should", imperative "use/start/add/continue …", "first-line");
6. EVIDENCE ("were ineffective compared to placebo", "trials showed", "no evidence");
7. LOOKALIKE when step 1 found one, else MENTION.
"""

from __future__ import annotations

import re

from claimlint import recache as rx
from claimlint.model import AdviceKind
from claimlint.textscan import holds_any as _gate  # a module global, which tests can patch

# Where an imperative verb may stand: the clause start (after bullets, blanked separators,
# punctuation), after a comma/colon, or after a coordinating word.
_IMP = (
    r"(?:^[\W\d]*|[,:;(]\s*|\b(?:and|or|then|also|please|now|first|initially|instead|always"
    r"|simply)\s+)"
)

_LOOKALIKE = rx.compile(
    r"\b(?:do not|don't|does not|should not|must not|never)\s+exceed\b"
    r"|\bnot to exceed\b|\b(?:no|not) (?:more|greater|higher) than\b|\bnot less than\b"
    r"|\b(?:do not|don't|should not|must not|never)\s+(?:be\s+)?"
    r"(?:stop|stopped|discontinue|discontinued|withdraw|withdrawn|cease|ceased)\b"
    r"(?:\s+[\w'-]+){0,5}?\s+(?:abruptly|suddenly)\b"
    r"|\b(?:do not|don't|should not|must not|never)\s+(?:abruptly|suddenly)\s+"
    r"(?:stop|discontinue|withdraw|cease)\b"
    r"|\bnot (?:just|only|necessarily|merely)\b|\bwhether or not\b|\bno later than\b"
    r"|\b(?:do not|don't)\s+(?:underdose|under-dose|double|skip|miss|crush|chew|split)\b"
)
_DOUBLE_NEGATION = rx.compile(
    r"\b(?:do not|don't|never|should not|must not)\s+(?:delay|withhold)\b"
)
# "plan to taper baclofen", "begin tapering", "wean off": a stop instruction. A noun use
# ("a prednisone taper", "after the taper") is not matched: the verb must take an object.
_TAPER = rx.compile(
    r"\b(?:(?:begin|start|consider|plan|continue)(?:\s+to)?\s+)?(?:taper(?:ing)?|wean(?:ing)?)"
    r"(?=\s+(?!(?:over|for|of|after|until|within|when|with|from|before|schedule|regimen|period"
    r"|plan|course|is|are|was|should|may|can|to|in|by|as|if|and|or)\b)[a-z])"
)

# Most branches start at a word boundary (\b): written once in front of them, it turns a word's
# inner positions away before sre tries each branch there, which makes the search several times
# faster and changes nothing (the branches keep their order; an assertion commutes with \b).
_PROHIBIT = rx.compile(
    r"^[\W\d]*(?:do not|don't|dont|never)\b"
    r"|(?:[,:;(]\s*|\b(?:and|or|then|also|please|now|first|instead|always|simply)\s+)"
    r"(?:do not|don't|dont|never)\s+(?:routinely\s+)?(?:use|give|start|prescribe|offer|combine"
    r"|continue|administer|add|initiate|take|treat|order|recommend|restart|increase|rely|repeat"
    r"|apply|switch|escalate|exceed)\b"
    r"|\b(?:(?:do|does|did)\s+not\s+(?:recommend|suggest|advise|endorse|support the use)\b"
    r"|(?:do|does)\s+not\s+(?:need|require|benefit from)\b"
    r"|(?:should|must|shall)\s*(?:not\b|n't\b)|ought not\b"
    r"|(?:should|must|can|may)\s+never\b"
    r"|can ?not be (?:recommended|advised|endorsed)\b"
    r"|(?<!\bto )(?<!\bhelps )(?<!\bhelp )avoid(?:ed|ing|s)?\b"
    r"|(?:important|best|advisable|prudent|better|wise|recommended|necessary|essential"
    r"|drugs?|medications?|medicines?|agents?) to avoid\b"
    r"|not (?:a |an )?(?:good|suitable|appropriate|safe|preferred|recommended|reasonable)"
    r"\s+(?:choice|option|drug|agent|treatment|medication)\b"
    r"|(?:is|are)\s+not\s+(?:suitable|safe)\b"
    r"|not\s+(?:be\s+)?(?:routinely\s+|generally\s+)?(?:recommended|advised|advisable|indicated"
    r"|suggested|endorsed|appropriate)\b"
    r"|no longer\s+(?:be\s+)?(?:recommended|indicated|advised|used)\b"
    r"|(?:recommends?|recommended|advises?|advised|suggests?|suggested|cautions?|warns?)"
    r"\s+against\b"
    r"|(?:suggest|recommend)s?\s+(?:to\s+)?not\b"
    r"|contra-?indicat\w*|inadvisable\b|potentially inappropriate\b"
    r"|(?:is|are|be|been|considered|deemed|remains?)\s+(?:generally\s+)?inappropriate\b"
    r"|no (?:role|place|indication)\s+for\b"
    r"|not (?:a |an |the )?(?:first-line|first line|alternative|option|substitute)\b"
    r"|(?:refrain|abstain)\s+from\b|discourag(?:e|ed|es)\b"
    r"|(?:must|should|needs? to|has to|have to)\s+be\s+(?:discontinued|stopped|withdrawn"
    r"|ceased|deprescribed)\b)"
    r"|" + _IMP + r"(?:discontinue|stop|deprescribe|cease)\b"
    r"|^[\W\d]*(?:hold|withhold|suspend|pause)\b"
    r"|\b(?:consider|recommend|suggest)(?:s|ed)?\s+(?:stopping|discontinuing|deprescribing"
    r"|withdrawing|ceasing|holding)\b"
)

_PERMIT = rx.compile(
    r"\b(?:can|may|could)\s+(?:also\s+)?(?:safely\s+)?be\s+(?:used|given|taken|prescribed"
    r"|continued|offered|added|tried|started|administered|combined|substituted|restarted"
    r"|resumed)\b"
    r"|\b(?:is|are|remains?|would be)\s+(?:an?\s+|one\s+)?(?:acceptable|reasonable|appropriate"
    r"|safe)\b"
    r"|\bacceptable\b|\boptions?\b|\bsafe to (?:use|take|give|continue)\b"
    r"|\b(?:is|are|be|as|remains?)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?alternatives?\b"
    r"|\balternatives?\s+(?:[\w-]+\s+)?(?:include|includes|are|is)\b"
)

# One \b for the branches that start at a word, as in _PROHIBIT.
_HEDGE = rx.compile(
    _IMP + r"consider(?:ing)?\b"
    r"|\b(?:(?:may|might|could|should|can|would|we|clinicians|physicians|providers|prescribers"
    r"|you|worth|reasonable to|advisable to)\s+(?:also\s+)?consider(?:ing)?\b"
    r"|be\s+(?:also\s+)?considered\b"
    r"|suggest(?:s|ed)?\b(?!\s+that\b)"
    r"|can\s+(?:also\s+)?(?:help|ease|relieve|reduce|improve|benefit)\b"
    r"|(?:may|might|could)\s+(?:also\s+)?(?:be\s+(?:considered|tried|helpful|beneficial|useful"
    r"|effective|appropriate|reasonable|needed|required|warranted|preferred|added|started"
    r"|offered|an? option)|help|benefit|provide|improve|reduce|relieve|ease|try|consider"
    r"|use|add|start|switch|offer|require|need|warrant)\b"
    r"|in (?:selected|select|some|carefully selected) patients\b|case-by-case\b"
    r"|optional\b|sometimes used\b)"
)
# "evidence suggests", "studies suggest": evidence, not a hedged recommendation.
_EVIDENCE_SUBJECT = rx.compile(
    r"\b(?:evidence|data|stud(?:y|ies)|trials?|results?|findings?|research|literature"
    r"|analys[ie]s|reviews?|this|which|it)\s+(?:\w+\s+)?$"
)

# One \b for the branches that start at a word, as in _PROHIBIT.
_RECOMMEND = rx.compile(
    r"\b(?:recommend(?:s|ed|ation|ations)?\b|should\b|must\b|first[- ]line\b"
    r"|(?:is|are)\s+(?:the\s+)?(?:indicated|preferred|treatment of choice|drug of choice"
    r"|mainstay|standard of care)\b|preferred\b|indicated\b)"
    r"|" + _IMP + r"(?:use|start|add|continue|offer|give|prescribe|initiate|begin|resume"
    r"|administer|try|take|switch|treat|increase|titrate|optimi[sz]e|maintain|restart"
    r"|reintroduce|ensure|escalate|prefer|keep)\b"
)

_EVIDENCE = rx.compile(
    r"\b(?:was|were|is|are|has been|have been)\s+(?:not\s+)?(?:more\s+|less\s+|no\s+more\s+"
    r"|no\s+|equally\s+)?(?:ineffective|effective|superior|inferior|better|worse|comparable"
    r"|similar|equivalent|associated|linked|shown|found|noninferior|non-inferior)\b"
    r"|\bineffective\b|\bno (?:good |high-quality |convincing |clear |robust )?evidence\b"
    r"|\b(?:insufficient|limited|low-quality|moderate-quality|high-quality|low quality"
    r"|moderate quality|high quality|weak|strong|inconsistent|conflicting)\s+evidence\b"
    r"|\bevidence (?:for|of|that|supports?|suggests?|shows?|supporting)\b"
    r"|\b(?:showed|shows|shown|demonstrated|demonstrates|found|reported|observed|reduced"
    r"|improved|relieved|lowered|increased|decreased|outperformed|prevented|shortened|worsened"
    r"|yielded|achieved)\b|\black(?:s|ed)?\s+(?:\w+\s+)?evidence\b"
    r"|\bcompared (?:to|with)\b|\bversus\b|\bplacebo\b|\bassociated with\b"
    r"|\b(?:suggests?|suggested|indicates?|indicated|supports?|supported) that\b"
    r"|\b(?:do|does|did)\s+not\s+support\b"
    r"|\b(?:do|does|did)\s+not\s+(?:improve|reduce|help|work|change|affect|prevent|shorten"
    r"|alter|speed|hasten|lessen|relieve|decrease|increase|benefit)\b"
    r"|\b(?:mean difference|odds ratio|relative risk|hazard ratio|risk ratio|confidence interval"
    r"|dropout|number needed)\b"
    r"|\btrials?\b|\bstud(?:y|ies)\b|\bmeta-analys|\brandomi[sz]ed\b"
)


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (length kept)."""
    return text[:start] + " " * (end - start) + text[end:]


# Literal words at least one of which every branch of a pattern contains: a cheap substring
# test skips the (slow, many-branched) regular expression for most clauses. tests/
# test_advice_gates.py checks on thousands of real sentences that the gates change nothing.
_LOOKALIKE_GATE = (
    "exceed", "than", "abruptly", "suddenly", "not just", "not only", "not necessarily",
    "not merely", "whether or not", "underdose", "under-dose", "double", "skip", "miss", "crush",
    "chew", "split",
)  # fmt: skip
_DOUBLE_NEGATION_GATE = ("delay", "withhold")
_TAPER_GATE = ("taper", "wean")
_PROHIBIT_GATE = (
    "not", "n't", "dont", "never", "avoid", "against", "contra", "inadvisable", "inappropriate",
    "no role", "no place", "no indication", "no longer", "refrain", "abstain", "discourag",
    "discontinu", "stop", "deprescrib", "ceas", "withdraw", "hold", "suspend", "pause",
)  # fmt: skip
_PERMIT_GATE = (
    "can", "may", "could", "acceptable", "reasonable", "appropriate", "safe", "option",
    "alternative",
)  # fmt: skip
_HEDGE_GATE = (
    "consider", "suggest", "can", "may", "might", "could", "selected", "select", "some ",
    "case-by-case", "optional", "sometimes used",
)  # fmt: skip
# "prefer" covers "preferred", "start" "restart", "first" "first-line"/"first line", "of choice"
# "treatment/drug of choice"; the rest are the imperative verbs.
_RECOMMEND_GATE = (
    "recommend", "should", "must", "first", "indicated", "prefer", "of choice", "mainstay",
    "standard of care", "use", "start", "add", "continue", "offer", "give", "prescribe",
    "initiate", "begin", "resume", "administer", "try", "take", "switch", "treat", "increase",
    "titrate", "optimi", "maintain", "reintroduce", "ensure", "escalate", "keep",
)  # fmt: skip


# The prohibit gate over a whole claim: a clause's working text differs from its claim's only by
# blanked (space-filled) stretches, so a gate word found in a clause is found here at the same
# place, with any of its spaces possibly standing for a blanked character.
_PROHIBIT_ANYWHERE = rx.compile(
    "|".join(re.escape(w).replace(r"\ ", ".") for w in _PROHIBIT_GATE), re.DOTALL
)
# The same test by substrings, several times faster than the pattern: the gate words without a
# space as they are; for those with one, their last word first, and then the pattern.
_PROHIBIT_WORDS = tuple(w for w in _PROHIBIT_GATE if " " not in w)
_PROHIBIT_TAILS = tuple(dict.fromkeys(w.rsplit(" ", 1)[1] for w in _PROHIBIT_GATE if " " in w))


def may_prohibit(work: str) -> bool:
    """False when no clause of this normalized claim text can classify as a prohibition."""
    for word in _PROHIBIT_WORDS:
        if word in work:
            return True
    for word in _PROHIBIT_TAILS:
        if word in work:
            return _PROHIBIT_ANYWHERE.search(work) is not None
    return False


def classify(work: str) -> tuple[AdviceKind, tuple[int, int] | None]:
    """The kind of a clause's working text, and the span of the deciding trigger."""
    lookalike = None
    for m in _LOOKALIKE.finditer(work) if _gate(work, _LOOKALIKE_GATE) else ():
        lookalike = lookalike or (m.start(), m.end())
        work = blank(work, m.start(), m.end())
    double_neg = _DOUBLE_NEGATION.search(work) if _gate(work, _DOUBLE_NEGATION_GATE) else None
    if double_neg:
        work = blank(work, double_neg.start(), double_neg.end())
    taper = None
    for m in _TAPER.finditer(work) if _gate(work, _TAPER_GATE) else ():
        taper = taper or (m.start(), m.end())
        work = blank(work, m.start(), m.end())

    m = _PROHIBIT.search(work) if _gate(work, _PROHIBIT_GATE) else None
    if m:
        return AdviceKind.PROHIBIT, _trim(work, m)
    m = _PERMIT.search(work) if _gate(work, _PERMIT_GATE) else None
    if m:
        return AdviceKind.PERMIT, _trim(work, m)
    for m in _HEDGE.finditer(work) if _gate(work, _HEDGE_GATE) else ():
        if m.group(0).startswith("suggest") and _EVIDENCE_SUBJECT.search(work, 0, m.start()):
            continue
        return AdviceKind.HEDGE, _trim(work, m)
    if double_neg:
        return AdviceKind.RECOMMEND, (double_neg.start(), double_neg.end())
    m = _RECOMMEND.search(work) if _gate(work, _RECOMMEND_GATE) else None
    if m:
        return AdviceKind.RECOMMEND, _trim(work, m)
    m = _EVIDENCE.search(work)
    if m:
        return AdviceKind.EVIDENCE, _trim(work, m)
    if lookalike:
        return AdviceKind.LOOKALIKE, lookalike
    if taper:
        return AdviceKind.MENTION, taper
    return AdviceKind.MENTION, None


_PREFIX = rx.compile(
    r"[\W\d]*(?:(?:and|or|then|also|please|now|first|initially|instead|always|simply)\s+)?"
)


def _trim(work: str, m: re.Match) -> tuple[int, int]:
    """The match without the imperative prefix (leading punctuation, "and", …)."""
    prefix = _PREFIX.match(work, m.start(), m.end())
    start = prefix.end() if prefix and prefix.end() < m.end() else m.start()
    return start, m.end()
