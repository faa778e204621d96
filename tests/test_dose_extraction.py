"""Dose extraction: one sentence in, normalized dose mentions with roles out.

Every phrase is written for this project; the clinical facts of the seed answer page
(pregabalin, naproxen, celecoxib, nortriptyline, duloxetine, gabapentin, norethisterone) are
restated in our own words.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.lexicon import load_lexicon
from claimlint.model import DoseRole, Span
from claimlint.parse.doses import extract_doses, find_amounts

R = DoseRole


_LEXICON = load_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _LEXICON


TD, BID, TID, QID = "once daily", "twice daily", "three times daily", "four times daily"

# (sentence, which mention, drug, low, high, unit, per-day low, per-day high, frequency, role)
# fmt: off
CASES = [
    # --- the seed"s regimens, restated --------------------------------------------------------
    ("Keep pregabalin at a therapeutic 150-300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Give pregabalin 150-300 mg twice daily, not just 75 mg twice daily.", 1,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.CONTRAST),
    ("Aim for pregabalin 150-300 mg twice daily (not just 75 mg twice daily) for nerve pain.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Aim for pregabalin 150-300 mg twice daily (not just 75 mg twice daily) for nerve pain.", 1,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.CONTRAST),
    ("Reassess pain on optimized pregabalin (150-300 mg twice daily) after four weeks.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Naproxen 500 mg twice daily or celecoxib 100-200 mg daily treats radicular pain.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.RECOMMENDED),
    ("Naproxen 500 mg twice daily or celecoxib 100-200 mg daily treats radicular pain.", 1,
     "celecoxib", 100, 200, "mg", 100, 200, TD, R.RECOMMENDED),
    ("If pain persists, add nortriptyline 10-25 mg nightly for neuropathic features.", 0,
     "nortriptyline", 10, 25, "mg", 10, 25, "at bedtime", R.RECOMMENDED),
    ("Add nortriptyline 10-25 mg nightly (kinder than "
     "amitriptyline in elderly people) or duloxetine 30-60 mg daily.", 1,
     "duloxetine", 30, 60, "mg", 30, 60, TD, R.RECOMMENDED),
    ("Duloxetine 30-60 mg daily suits patients who also have depression.", 0,
     "duloxetine", 30, 60, "mg", 30, 60, TD, R.RECOMMENDED),
    ("When sedation limits pregabalin (a 44% dropout in one "
     "trial), switch to gabapentin 1200-3600 mg/day in divided doses.", 0,
     "gabapentin", 1200, 3600, "mg", 1200, 3600, "in divided doses", R.RECOMMENDED),
    ("Underdosing pregabalin is a pitfall: doses below 150 mg twice daily relieve little.", 0,
     "pregabalin", 150, 150, "mg", 300, 300, BID, R.LIMIT),
    ("Do NOT underdose pregabalin \u2013 doses below 150 mg twice daily add little benefit.", 0,
     "pregabalin", 150, 150, "mg", 300, 300, BID, R.LIMIT),
    ("A progesterone challenge uses norethisterone 5 mg twice daily for 5 days.", 0,
     "norethindrone", 5, 5, "mg", 10, 10, BID, R.RECOMMENDED),
    ("Pregabalin 75mg once daily (OD) is often enough in kidney disease.", 0,
     "pregabalin", 75, 75, "mg", 75, 75, TD, R.POPULATION),
    ("In chronic kidney disease, pregabalin 75 mg once daily is a cautious choice.", 0,
     "pregabalin", 75, 75, "mg", 75, 75, TD, R.POPULATION),
    # --- ranges, dashes, separators -----------------------------------------------------------
    ("Use pregabalin 150\u2010300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150\u2011300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150\u2012300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150\u2013300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150\u2014300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150\u2212300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150 to 300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150 mg\u2013300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150 mg to 300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin between 150 and 300 mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Use pregabalin 150mg-300mg twice daily.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Gabapentin 1,200\u20133,600 mg/day is the usual range.", 0,
     "gabapentin", 1200, 3600, "mg", 1200, 3600, "per day", R.RECOMMENDED),
    ("Gabapentin 1,200 mg three times daily is a common target.", 0,
     "gabapentin", 1200, 1200, "mg", 3600, 3600, TID, R.RECOMMENDED),
    ("Norethisterone 5\u202fmg twice daily is written with a narrow space.", 0,
     "norethindrone", 5, 5, "mg", 10, 10, BID, R.RECOMMENDED),
    # --- units --------------------------------------------------------------------------------
    ("Acetaminophen 1 g every 6 hours is the usual adult dose.", 0,
     "acetaminophen", 1000, 1000, "mg", 4000, 4000, "q6h", R.RECOMMENDED),
    ("Acetaminophen 500 mg\u20131 g every 6 hours is typical.", 0,
     "acetaminophen", 500, 1000, "mg", 2000, 4000, "q6h", R.RECOMMENDED),
    ("Levothyroxine 50 mcg daily is a usual start for older adults.", 0,
     "levothyroxine", 0.05, 0.05, "mg", 0.05, 0.05, TD, R.POPULATION),
    ("Levothyroxine 75 \u00b5g once daily is taken before breakfast.", 0,
     "levothyroxine", 0.075, 0.075, "mg", 0.075, 0.075, TD, R.RECOMMENDED),
    ("Levothyroxine 100 ug daily is a full replacement dose for many.", 0,
     "levothyroxine", 0.1, 0.1, "mg", 0.1, 0.1, TD, R.RECOMMENDED),
    ("Heparin 5,000 units every 8 hours prevents clots.", 0,
     "heparin", 5000, 5000, "unit", 15000, 15000, "q8h", R.RECOMMENDED),
    ("Heparin 5000 IU subcutaneously every 12 hours is an alternative.", 0,
     "heparin", 5000, 5000, "unit", 10000, 10000, "q12h", R.RECOMMENDED),
    ("Morphine oral solution 5 mL every 4 hours can be used.", 0,
     "morphine", 5, 5, "mL", 30, 30, "q4h", R.RECOMMENDED),
    # --- per kg, per m2, per hour -------------------------------------------------------------
    ("Give 1 mEq/kg once.", 0,
     None, 1, 1, "mEq", None, None, "single dose", R.RECOMMENDED),
    ("Amoxicillin 25 mg/kg/day in 2 divided doses is used in children.", 0,
     "amoxicillin", 25, 25, "mg", 25, 25, "in 2 divided doses", R.POPULATION),
    ("Amoxicillin 45 mg/kg/day in 2 (two) divided doses covers resistant strains.", 0,
     "amoxicillin", 45, 45, "mg", 45, 45, "in 2 divided doses", R.RECOMMENDED),
    ("Vancomycin 15 mg/kg every 12 hours is the start of dosing.", 0,
     "vancomycin", 15, 15, "mg", 30, 30, "q12h", R.RECOMMENDED),
    ("Methotrexate 7.5 mg/m2 once weekly is a low dose.", 0,
     "methotrexate", 7.5, 7.5, "mg", 7.5 / 7, 7.5 / 7, "weekly", R.RECOMMENDED),
    ("Methotrexate 15 mg/m\u00b2 weekly can be reached.", 0,
     "methotrexate", 15, 15, "mg", 15 / 7, 15 / 7, "weekly", R.RECOMMENDED),
    ("Morphine 2 mg/h by infusion controls severe pain.", 0,
     "morphine", 2, 2, "mg", 48, 48, "per hour", R.RECOMMENDED),
    # --- frequencies --------------------------------------------------------------------------
    ("A fentanyl patch of 25 mcg/hour replaces about 60 mg of oral morphine a day.", 0,
     "fentanyl", 0.025, 0.025, "mg", 0.6, 0.6, "per hour", R.RECOMMENDED),
    ("Naproxen 250 mg three times daily is an option.", 0,
     "naproxen", 250, 250, "mg", 750, 750, TID, R.RECOMMENDED),
    ("Ibuprofen 400 mg four times daily is the ceiling for most.", 0,
     "ibuprofen", 400, 400, "mg", 1600, 1600, QID, R.RECOMMENDED),
    ("Celecoxib 200 mg once a day is enough for most.", 0,
     "celecoxib", 200, 200, "mg", 200, 200, TD, R.RECOMMENDED),
    ("Amitriptyline 10 mg at bedtime helps sleep.", 0,
     "amitriptyline", 10, 10, "mg", 10, 10, "at bedtime", R.RECOMMENDED),
    ("Prednisone 40 mg every morning is taken with food.", 0,
     "prednisone", 40, 40, "mg", 40, 40, "every morning", R.RECOMMENDED),
    ("Naproxen 500 mg BID with food is standard.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.RECOMMENDED),
    ("Naproxen 500 mg b.i.d. is written in Latin.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.RECOMMENDED),
    ("Gabapentin 300 mg TID is a usual target.", 0,
     "gabapentin", 300, 300, "mg", 900, 900, TID, R.RECOMMENDED),
    ("Gabapentin 300 mg t.i.d. is a usual target.", 0,
     "gabapentin", 300, 300, "mg", 900, 900, TID, R.RECOMMENDED),
    ("Ibuprofen 400 mg QID is a common regimen.", 0,
     "ibuprofen", 400, 400, "mg", 1600, 1600, QID, R.RECOMMENDED),
    ("Amitriptyline 25 mg QHS is an older way to write bedtime.", 0,
     "amitriptyline", 25, 25, "mg", 25, 25, "at bedtime", R.RECOMMENDED),
    ("Metformin 500 mg QD is written in an error-prone way.", 0,
     "metformin", 500, 500, "mg", 500, 500, TD, R.RECOMMENDED),
    ("Tramadol 50 mg q6h may be used short term.", 0,
     "tramadol", 50, 50, "mg", 200, 200, "q6h", R.RECOMMENDED),
    ("Ceftriaxone 1 g q12h is used for meningitis.", 0,
     "ceftriaxone", 1000, 1000, "mg", 2000, 2000, "q12h", R.RECOMMENDED),
    ("Tramadol 50-100 mg every 4-6 hours is the label range.", 0,
     "tramadol", 50, 100, "mg", 200, 600, "q4-6h", R.RECOMMENDED),
    ("Oxycodone 5 mg every 8 hours is a cautious start.", 0,
     "oxycodone", 5, 5, "mg", 15, 15, "q8h", R.RECOMMENDED),
    ("Gabapentin 900 mg per day is a reasonable first target.", 0,
     "gabapentin", 900, 900, "mg", 900, 900, "per day", R.RECOMMENDED),
    ("Gabapentin 1800 mg daily in three divided doses is effective.", 0,
     "gabapentin", 1800, 1800, "mg", 1800, 1800, "in 3 divided doses", R.RECOMMENDED),
    ("Alendronate 70 mg weekly is taken on an empty stomach.", 0,
     "alendronate", 70, 70, "mg", 10, 10, "weekly", R.RECOMMENDED),
    ("Prednisone 20 mg every other day can be used for maintenance.", 0,
     "prednisone", 20, 20, "mg", 10, 10, "every other day", R.RECOMMENDED),
    ("Tramadol 50 mg once or twice daily may help.", 0,
     "tramadol", 50, 50, "mg", 50, 100, "once or twice daily", R.RECOMMENDED),
    ("Give ibuprofen 400 mg two to three times daily.", 0,
     "ibuprofen", 400, 400, "mg", 800, 1200, "2-3 times daily", R.RECOMMENDED),
    ("Take two 500 mg tablets of acetaminophen every 6 hours.", 0,
     "acetaminophen", 1000, 1000, "mg", 4000, 4000, "q6h", R.RECOMMENDED),
    ("Rifampin 10 mg/kg (max 600 mg) daily is standard.", 0,
     "rifampin", 10, 10, "mg", 10, 10, TD, R.RECOMMENDED),
    ("Rifampin 10 mg/kg (max 600 mg) daily is standard.", 1,
     "rifampin", 600, 600, "mg", None, None, None, R.LIMIT),
    ("Ibuprofen 400 mg three times a day with meals is an option.", 0,
     "ibuprofen", 400, 400, "mg", 1200, 1200, TID, R.RECOMMENDED),
    ("Oxycodone 5 mg as needed is reserved for breakthrough pain.", 0,
     "oxycodone", 5, 5, "mg", None, None, "as needed", R.RECOMMENDED),
    ("Azithromycin 1 g as a single dose treats chlamydia.", 0,
     "azithromycin", 1000, 1000, "mg", None, None, "single dose", R.RECOMMENDED),
    ("Give vancomycin a loading dose of 25 mg/kg, then 15 mg/kg every 12 hours.", 0,
     "vancomycin", 25, 25, "mg", None, None, "loading dose", R.RECOMMENDED),
    ("Give vancomycin a loading dose of 25 mg/kg, then 15 mg/kg every 12 hours.", 1,
     "vancomycin", 15, 15, "mg", 30, 30, "q12h", R.RECOMMENDED),
    # --- drug attachment ----------------------------------------------------------------------
    ("Hydroxychloroquine 800 mg on day 1 followed by a maintenance dose of 400 mg daily.", 1,
     "hydroxychloroquine", 400, 400, "mg", 400, 400, TD, R.RECOMMENDED),
    ("Gabapentin or pregabalin 150\u2013300 mg twice daily relieves radicular pain.", 0,
     "pregabalin", 150, 300, "mg", 300, 600, BID, R.RECOMMENDED),
    ("Take 500 mg of naproxen twice daily with food.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.RECOMMENDED),
    ("Unlike ibuprofen, 500 mg of naproxen twice daily lasts all day.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.RECOMMENDED),
    ("In the trial, gabapentin 300 mg at bedtime and tramadol 300 mg daily were tolerated.", 0,
     "gabapentin", 300, 300, "mg", 300, 300, "at bedtime", R.EVIDENCE),
    ("Offer gabapentin 300 mg at bedtime or tramadol 300 mg daily.", 0,
     "gabapentin", 300, 300, "mg", 300, 300, "at bedtime", R.RECOMMENDED),
    ("Offer gabapentin 300 mg at bedtime or tramadol 300 mg daily.", 1,
     "tramadol", 300, 300, "mg", 300, 300, TD, R.RECOMMENDED),
    ("Lyrica 75 mg twice daily is the brand name product.", 0,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.RECOMMENDED),
    # --- routes are kept, numbers are unchanged -----------------------------------------------
    ("Pregabalin (rather than gabapentin) 150 mg twice daily is simpler to titrate.", 0,
     "pregabalin", 150, 150, "mg", 300, 300, BID, R.RECOMMENDED),
    ("Dexamethasone 6 mg orally once daily for 10 days is standard.", 0,
     "dexamethasone", 6, 6, "mg", 6, 6, TD, R.RECOMMENDED),
    ("Dexamethasone 6 mg IV daily can replace the tablets.", 0,
     "dexamethasone", 6, 6, "mg", 6, 6, TD, R.RECOMMENDED),
    # --- roles --------------------------------------------------------------------------------
    ("Enoxaparin 40 mg subcutaneously once daily prevents thrombosis.", 0,
     "enoxaparin", 40, 40, "mg", 40, 40, TD, R.RECOMMENDED),
    ("Do not exceed acetaminophen 4 g per day.", 0,
     "acetaminophen", 4000, 4000, "mg", 4000, 4000, "per day", R.LIMIT),
    ("The maximum dose of pregabalin is 600 mg/day.", 0,
     "pregabalin", 600, 600, "mg", 600, 600, "per day", R.LIMIT),
    ("Give acetaminophen no more than 3 g daily in heavy drinkers.", 0,
     "acetaminophen", 3000, 3000, "mg", 3000, 3000, TD, R.LIMIT),
    ("Pregabalin may be raised up to 600 mg/day max.", 0,
     "pregabalin", 600, 600, "mg", 600, 600, "per day", R.LIMIT),
    ("Pregabalin doses of 300 mg twice daily or more add dizziness.", 0,
     "pregabalin", 300, 300, "mg", 600, 600, BID, R.LIMIT),
    ("Prefer naproxen 500 mg twice daily rather than 750 mg twice daily.", 1,
     "naproxen", 750, 750, "mg", 1500, 1500, BID, R.CONTRAST),
    ("A patient still taking pregabalin 75 mg twice daily may be underdosed.", 0,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.CONTRAST),
    ("Start duloxetine at 30 mg once daily, then continue at 60 mg once daily.", 1,
     "duloxetine", 60, 60, "mg", 60, 60, TD, R.RECOMMENDED),
    ("Use duloxetine 60 mg daily instead of 120 mg daily.", 1,
     "duloxetine", 120, 120, "mg", 120, 120, TD, R.CONTRAST),
    ("Start pregabalin at 75 mg twice daily.", 0,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.TITRATION),
    ("The starting dose of duloxetine is 30 mg daily.", 0,
     "duloxetine", 30, 30, "mg", 30, 30, TD, R.TITRATION),
    ("Start pregabalin 75 mg twice daily, then increase to 150 mg twice daily after a week.", 0,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.TITRATION),
    ("Start pregabalin 75 mg twice daily, then increase to 150 mg twice daily after a week.", 1,
     "pregabalin", 150, 150, "mg", 300, 300, BID, R.TITRATION),
    ("Titrate gabapentin to 600 mg three times daily as tolerated.", 0,
     "gabapentin", 600, 600, "mg", 1800, 1800, TID, R.TITRATION),
    ("Taper prednisone by 5 mg every week.", 0,
     "prednisone", 5, 5, "mg", 5 / 7, 5 / 7, "weekly", R.TITRATION),
    ("Initially give amitriptyline 10 mg at bedtime.", 0,
     "amitriptyline", 10, 10, "mg", 10, 10, "at bedtime", R.TITRATION),
    ("In renal impairment, reduce pregabalin to 75 mg twice daily.", 0,
     "pregabalin", 75, 75, "mg", 150, 150, BID, R.POPULATION),
    ("With CrCl 30-60 mL/min, give pregabalin 75-150 mg twice daily.", 0,
     "pregabalin", 75, 150, "mg", 150, 300, BID, R.POPULATION),
    ("Pregabalin 25-75 mg once daily suits patients on dialysis.", 0,
     "pregabalin", 25, 75, "mg", 25, 75, TD, R.POPULATION),
    ("For older adults, nortriptyline 10 mg nightly is safer.", 0,
     "nortriptyline", 10, 10, "mg", 10, 10, "at bedtime", R.POPULATION),
    ("In hepatic impairment, duloxetine 30 mg daily should be avoided.", 0,
     "duloxetine", 30, 30, "mg", 30, 30, TD, R.PROHIBITED),
    ("Children get ibuprofen 10 mg/kg every 8 hours.", 0,
     "ibuprofen", 10, 10, "mg", 30, 30, "q8h", R.POPULATION),
    ("Do NOT use the old high-dose colchicine regimen of 4.8 mg over six hours.", 0,
     "colchicine", 4.8, 4.8, "mg", None, None, None, R.PROHIBITED),
    ("Avoid tramadol 400 mg daily in anyone with seizures.", 0,
     "tramadol", 400, 400, "mg", 400, 400, TD, R.PROHIBITED),
    ("The trial used pregabalin 300 mg twice daily.", 0,
     "pregabalin", 300, 300, "mg", 600, 600, BID, R.EVIDENCE),
    ("Patients received dexamethasone 6 mg daily for ten days.", 0,
     "dexamethasone", 6, 6, "mg", 6, 6, TD, R.EVIDENCE),
    ("In one study, naproxen 500 mg twice daily was associated with more bleeding.", 0,
     "naproxen", 500, 500, "mg", 1000, 1000, BID, R.EVIDENCE),
    ("Pregabalin 600 mg daily was no better than placebo in that cohort.", 0,
     "pregabalin", 600, 600, "mg", 600, 600, TD, R.EVIDENCE),
]
# fmt: on


def _ids(case) -> str:
    return f"{case[0][:48]}#{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_phrase(case, lexicon):
    sentence, index, drug, low, high, unit, pdl, pdh, frequency, role = case
    mentions = extract_doses(sentence, 0, lexicon)
    assert len(mentions) > index, mentions
    m = mentions[index]
    got = (m.drug, m.low, m.high, m.unit, m.per_day_low, m.per_day_high, m.frequency, m.role)
    want = (
        drug,
        pytest.approx(low),
        pytest.approx(high),
        unit,
        None if pdl is None else pytest.approx(pdl),
        None if pdh is None else pytest.approx(pdh),
        frequency,
        role,
    )
    assert got == want


def test_enough_phrases():
    assert len(CASES) >= 80


NOT_DOSES = [
    "Taper baclofen after 1-2 weeks, since relaxants lack evidence beyond that.",
    "Relaxant trials lasted \u22642 weeks and follow-up was 6 weeks or less.",
    "Pain fell by 0.60-0.79 points on a 0-10 scale with duloxetine.",
    "A 44% dropout rate was seen with pregabalin in one study.",
    "The mean difference was -0.31 on pain scales at 6 weeks.",
    "Refer if there is no response within 4-6 weeks.",
    "Metformin is first line in type 2 diabetes.",
    "A 36-year-old man stopped amitriptyline in 2019.",
    "Pregabalin needs dose reduction when CrCl is 30-60 mL/min.",
    "Keep glucose below 180 mg/dL and potassium under 5.5 mmol/L.",
    "Naproxen is avoided if blood pressure exceeds 160/100 mmHg.",
    "Serum levels of 10-20 mcg/mL are therapeutic for this drug.",
    "Oxycodone/acetaminophen 5/325 mg tablets combine two drugs.",
    "The 6-8 week review checks response to treatment.",
]


@pytest.mark.parametrize("sentence", NOT_DOSES)
def test_not_a_dose(sentence, lexicon):
    assert extract_doses(sentence, 0, lexicon) == []


def test_spans_are_document_offsets(lexicon):
    doc = "# Plan\n\nGive naproxen 500 mg twice daily or celecoxib 200 mg daily."
    start = doc.index("Give")
    sentence = doc[start:]
    mentions = extract_doses(sentence, start, lexicon, section=2, claim=7)
    assert [doc[m.span.start : m.span.end] for m in mentions] == [
        "500 mg twice daily",
        "200 mg daily",
    ]
    assert [m.text for m in mentions] == ["500 mg twice daily", "200 mg daily"]
    assert {(m.section, m.claim) for m in mentions} == {(2, 7)}


def test_range_span_covers_both_numbers(lexicon):
    sentence = "Use pregabalin 150 mg \u2013 300 mg twice daily."
    (m,) = extract_doses(sentence, 100, lexicon)
    assert m.span == Span(100 + sentence.index("150"), 100 + sentence.index(" daily") + 6)


@pytest.mark.parametrize(
    ("sentence", "route"),
    [
        ("Give dexamethasone 6 mg orally once daily.", "oral"),
        ("Give dexamethasone 6 mg PO once daily.", "oral"),
        ("Give dexamethasone 6 mg by mouth once daily.", "oral"),
        ("Give dexamethasone 6 mg IV once daily.", "intravenous"),
        ("Give dexamethasone 6 mg intravenously once daily.", "intravenous"),
        ("Give intravenous dexamethasone 6 mg once daily.", "intravenous"),
        ("Give ceftriaxone 1 g IM once.", "intramuscular"),
        ("Give enoxaparin 40 mg subcutaneously once daily.", "subcutaneous"),
        ("Apply diclofenac 4 g topically four times daily.", "topical"),
        ("Inject methylprednisolone 80 mg epidural once.", "epidural"),
        ("Give dexamethasone 6 mg once daily.", None),
        ("Give dexamethasone 6 mg orally or intravenously once daily.", None),
    ],
)
def test_route(sentence, route, lexicon):
    (m,) = extract_doses(sentence, 0, lexicon)
    assert m.route == route


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Norethisterone 5 mg twice daily for 5 days induces a bleed.", (5, 5)),
        ("Naproxen 500 mg twice daily for up to 2 weeks is reasonable.", (14, 14)),
        ("Baclofen 5 mg three times daily for 1-2 weeks only.", (7, 14)),
        ("Prednisone 40 mg daily for 5 to 7 days treats a flare.", (5, 7)),
        ("Naproxen 500 mg twice daily up to 2 weeks is reasonable.", (14, 14)),
        ("Prednisone 40 mg daily x 5 days treats a flare.", (5, 5)),
        ("Naproxen 500 mg twice daily after 1-2 weeks of ibuprofen.", None),
    ],
)
def test_duration(sentence, days, lexicon):
    m = extract_doses(sentence, 0, lexicon)[0]
    assert m.duration_days == days


@pytest.mark.parametrize(
    ("sentence", "population"),
    [
        ("In renal impairment, give pregabalin 75 mg daily.", "renal"),
        ("Pregabalin 25 mg daily after each dialysis session.", "renal"),
        ("If eGFR is below 30, gabapentin 300 mg daily is the ceiling of need.", "renal"),
        ("In cirrhosis, give duloxetine 30 mg daily.", "hepatic"),
        ("In Child-Pugh B, give oxycodone 2.5 mg every 6 hours.", "hepatic"),
        ("Elderly patients need nortriptyline 10 mg at bedtime.", "elderly"),
        ("For children, give ibuprofen 10 mg/kg every 8 hours.", "pediatric"),
        ("In adults weighing less than 50 kg, acetaminophen 15 mg/kg every 6 hours.", "weight"),
        ("In pregnancy, give acetaminophen 500 mg every 6 hours.", "pregnancy"),
        ("Give gabapentin 300 mg at bedtime (CrCl 30-59 mL/min).", "renal"),
        ("Add nortriptyline 10 mg nightly (preferred over amitriptyline in elderly).", None),
    ],
)
def test_population(sentence, population, lexicon):
    m = extract_doses(sentence, 0, lexicon)[0]
    assert m.population == population
    if population is not None:
        assert m.role in (R.POPULATION, R.LIMIT)


def test_from_to_is_two_amounts(lexicon):
    mentions = extract_doses("Increase pregabalin from 75 to 150 mg twice daily.", 0, lexicon)
    assert [(m.low, m.role) for m in mentions] == [(75, R.TITRATION), (150, R.TITRATION)]


def test_per_day_divided_is_not_multiplied(lexicon):
    (m,) = extract_doses("Gabapentin 900 mg/day in 3 divided doses.", 0, lexicon)
    assert (m.per, m.times_per_day, m.per_day_low, m.per_day_high) == ("day", 3, 900, 900)
    (m,) = extract_doses("Gabapentin 300 mg three times daily.", 0, lexicon)
    assert (m.per, m.times_per_day, m.per_day_low, m.per_day_high) == ("dose", 3, 900, 900)


def test_units_normalize_to_the_same_amount(lexicon):
    grams = extract_doses("Acetaminophen 1 g every 8 hours.", 0, lexicon)[0]
    mg = extract_doses("Acetaminophen 1000 mg every 8 hours.", 0, lexicon)[0]
    micro = extract_doses("Acetaminophen 1,000,000 mcg every 8 hours.", 0, lexicon)[0]
    assert (grams.low, grams.per_day_high) == (mg.low, mg.per_day_high) == (1000, 3000)
    assert micro.low == pytest.approx(1000)


def test_amount_prefilter_is_linear_on_long_input():
    import time

    text = "1" * 20000 + " mg " + "1-" * 5000 + " 2" + " to " * 3000
    start = time.perf_counter()
    find_amounts(text)
    assert time.perf_counter() - start < 0.5


def test_strength_without_frequency_is_not_a_dose(lexicon):
    assert extract_doses("Naproxen 250 mg tablets are widely available.", 0, lexicon) == []
    (m,) = extract_doses("Take naproxen 500 mg (two 250 mg tablets) twice daily.", 0, lexicon)
    assert (m.low, m.per_day_high) == (500, 1000)


def test_frequency_inside_an_aside_does_not_count(lexicon):
    (m,) = extract_doses("Give naproxen 500 mg (not twice daily) for pain.", 0, lexicon)
    assert m.frequency is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,-\u2013()/;mgkcLlIUdaytwiceBDhoursq")),
        max_size=80,
    ),
    st.integers(min_value=0, max_value=1000),
)
def test_any_text_gives_well_formed_mentions(text, offset):
    for m in extract_doses("pregabalin " + text, offset, _LEXICON):
        assert offset <= m.span.start < m.span.end <= offset + len(text) + 11
        assert 0 <= m.low <= m.high
        if m.per_day_low is not None:
            assert m.per_day_low <= m.per_day_high
