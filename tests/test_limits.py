"""Tests for the dose-limit table: rules/dose-limits.toml, bib/labels.bib, claimlint.limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimlint.lexicon import load_lexicon
from claimlint.limits import DoseLimit, LimitsError, load_dose_limits, normalize_route

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "rules" / "dose-limits.toml"
BIB = ROOT / "bib" / "labels.bib"


@pytest.fixture(scope="module")
def limits():
    return load_dose_limits()


@pytest.fixture(scope="module")
def bib_entries():
    import bibtexparser

    library = bibtexparser.parse_string(BIB.read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    return {entry.key: entry for entry in library.entries}


# --- the shipped data --------------------------------------------------------------------------


def test_table_covers_at_least_60_drugs(limits):
    assert len(limits) >= 60
    assert len(limits.drugs) >= 60
    assert len(list(limits)) == len(limits)


def test_every_drug_is_a_generic_in_the_lexicon(limits):
    lexicon = load_lexicon()
    for limit in limits:
        assert limit.drug in lexicon.drugs, limit
        assert lexicon.canonical(limit.drug) == limit.drug


def test_every_source_is_a_bib_entry(limits, bib_entries):
    for limit in limits:
        assert limit.source in bib_entries, f"{limit.drug} cites unknown {limit.source!r}"
    # and every entry of labels.bib is cited by some limit
    assert {limit.source for limit in limits} == set(bib_entries)


def test_bib_entries_are_complete_and_have_no_links(bib_entries):
    for key, entry in bib_entries.items():
        fields = entry.fields_dict
        assert entry.entry_type == "misc", key
        assert {"title", "organization", "year", "howpublished"} <= set(fields), key
        assert re.fullmatch(r"\d{4}", fields["year"].value), key
        assert not {"url", "doi", "pmid"} & set(fields), key
        if key.startswith("label-"):
            assert fields["title"].value.endswith("prescribing information"), key


def test_values_are_canonical(limits):
    for limit in limits:
        assert limit.max_per_day > 0
        assert limit.unit in ("mg", "unit", "mEq")
        assert limit.basis in ("", "/kg", "/m2")
        assert limit.route is None or normalize_route(limit.route) == limit.route


def test_line_points_at_the_limit_header(limits):
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    for limit in limits:
        assert lines[limit.line - 1].strip() == "[[limit]]"
        following = lines[limit.line : limit.line + 3]
        assert f'drug = "{limit.drug}"' in following


@pytest.mark.parametrize(
    ("drug", "amount"),
    [
        ("pregabalin", 600),
        ("gabapentin", 3600),
        ("naproxen", 1500),
        ("celecoxib", 400),
        ("duloxetine", 120),
        ("nortriptyline", 150),
        ("amitriptyline", 300),
        ("baclofen", 80),
        ("venlafaxine", 375),
        ("carbamazepine", 1600),
        ("norethindrone", 15),
        ("ibuprofen", 3200),
        ("acetaminophen", 4000),
        ("tizanidine", 36),
        ("cyclobenzaprine", 30),
    ],
)
def test_seed_page_and_common_limits(limits, drug, amount):
    limit = limits.for_drug(drug)
    assert limit is not None
    assert (limit.max_per_day, limit.unit, limit.basis) == (amount, "mg", "")


def test_indication_and_population_limits_are_separate(limits):
    pregabalin = {(e.indication, e.max_per_day) for e in limits.entries("pregabalin")}
    assert pregabalin == {
        (None, 600),
        ("diabetic peripheral neuropathy", 300),
        ("fibromyalgia", 450),
    }
    assert limits.for_drug("pregabalin").indication is None
    outpatients = [e for e in limits.entries("amitriptyline") if e.population == "outpatients"]
    assert [e.max_per_day for e in outpatients] == [150]


def test_valproate_is_per_kg(limits):
    limit = limits.for_drug("valproate")
    assert (limit.drug, limit.max_per_day, limit.unit, limit.basis) == (
        "valproic acid",
        60,
        "mg",
        "/kg",
    )
    assert limit.describe() == "60 mg/kg/day"


def test_grams_are_converted_to_mg(limits):
    assert limits.for_drug("methocarbamol").max_per_day == 8000
    assert limits.for_drug("cephalexin").max_per_day == 4000
    assert limits.for_drug("tamsulosin").max_per_day == pytest.approx(0.8)


# --- for_drug() --------------------------------------------------------------------------------


def test_for_drug_accepts_brand_names(limits):
    assert limits.for_drug("Lyrica") is limits.for_drug("pregabalin")
    assert limits.for_drug("LYRICA").max_per_day == 600
    assert limits.for_drug("Elavil").drug == "amitriptyline"
    assert limits.for_drug("not a drug") is None
    assert limits.for_drug("nsaids") is None
    assert limits.for_drug("lithium") is None  # no firm labelled maximum


def test_for_drug_by_route(limits):
    oral = limits.for_drug("ketorolac", "oral")
    assert (oral.max_per_day, oral.route) == (40, "oral")
    assert limits.for_drug("ketorolac", "PO") is oral
    assert limits.for_drug("ketorolac", "IV").max_per_day == 120
    assert limits.for_drug("ketorolac", "intravenous").route == "iv"
    assert limits.for_drug("ketorolac", "intramuscular").route == "im"
    assert limits.for_drug("ketorolac", "intranasal") is None  # only other routes are listed
    # unknown route: the highest route-specific limit, which every route's dose must stay under
    assert limits.for_drug("ketorolac").max_per_day == 120
    # a route-independent limit applies to any route
    assert limits.for_drug("pregabalin", "oral").max_per_day == 600
    assert limits.for_drug("baclofen", "intrathecal") is None


def test_describe():
    assert DoseLimit("pregabalin", 600.0, "mg").describe() == "600 mg/day"
    assert DoseLimit("tamsulosin", 0.8, "mg").describe() == "0.8 mg/day"
    assert DoseLimit("x", 75.0, "mg", basis="/kg").describe() == "75 mg/kg/day"
    assert DoseLimit("x", 120.0, "mg", route="iv").describe() == "120 mg/day (IV)"
    limit = DoseLimit("x", 150.0, "mg", route="oral", population="outpatients")
    assert limit.describe() == "150 mg/day (oral; outpatients)"
    limit = DoseLimit("x", 100.0, "mg", indication="migraine prevention")
    assert limit.describe() == "100 mg/day (for migraine prevention)"


def test_normalize_route():
    assert normalize_route("PO") == "oral"
    assert normalize_route("p.o.") == "oral"
    assert normalize_route("by  mouth") == "oral"
    assert normalize_route("Intravenous") == "iv"
    assert normalize_route("SC") == "subcutaneous"
    assert normalize_route(None) is None
    assert normalize_route("") is None
    assert normalize_route("telepathic") is None


def test_load_is_cached(limits):
    assert load_dose_limits() is limits
    from claimlint.data import rules_dir

    installed = rules_dir() / "dose-limits.toml"  # the wheel's copy when installed
    assert load_dose_limits(installed, lexicon=load_lexicon()) is limits


# --- malformed files ---------------------------------------------------------------------------

GOOD = """\
# header comment

[[limit]]
drug = "pregabalin"
max_per_day = 600
unit = "mg"
source = "label-pregabalin"

[[limit]]
drug = "tamsulosin"
max_per_day = 800
unit = "mcg"
route = "oral"
source = "label-tamsulosin"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "dose-limits.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file_loads_and_converts(tmp_path):
    limits = load_dose_limits(write(tmp_path, GOOD))
    assert len(limits) == 2
    tamsulosin = limits.for_drug("Flomax")
    assert (tamsulosin.max_per_day, tamsulosin.unit, tamsulosin.line) == (0.8, "mg", 9)
    assert tamsulosin.describe() == "0.8 mg/day (oral)"


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "problem"),
    [
        ('drug = "tamsulosin"', 'drug = "tamsulosine"', 10, "drug", "unknown drug 'tamsulosine'"),
        ('drug = "tamsulosin"', 'drug = "Flomax"', 10, "drug", "generic name 'tamsulosin'"),
        ('drug = "tamsulosin"', 'drug = "alpha-blockers"', 10, "drug", "unknown drug"),
        ('unit = "mcg"', 'unit = "mgs"', 12, "unit", "unknown unit 'mgs'"),
        ("max_per_day = 800", "max_per_day = 0", 11, "max_per_day", "positive number, got 0"),
        ("max_per_day = 800", "max_per_day = -5", 11, "max_per_day", "positive number"),
        ("max_per_day = 800", 'max_per_day = "800"', 11, "max_per_day", "positive number"),
        ('source = "label-tamsulosin"\n', "", 9, "source", "missing"),
        ('source = "label-tamsulosin"', 'source = ""', 9, "source", "missing"),
        ('route = "oral"', 'route = "by mouth"', 13, "route", "unknown route 'by mouth'"),
        ('route = "oral"', 'route = "oral"\ndose = 3', 14, "dose", "unknown field"),
        ('route = "oral"', 'basis = "/lb"', 13, "basis", "expected '/kg' or '/m2'"),
        ('route = "oral"', "route = 1", 13, "route", "expected a string"),
        ('drug = "tamsulosin"', 'drug = "pregabalin"', 10, "drug", "same route"),
    ],
)
def test_malformed_entries_name_file_line_and_key(tmp_path, old, new, line, key, problem):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    if "same route" in problem:
        text = text.replace('route = "oral"\n', "")
    path = write(tmp_path, text)
    with pytest.raises(LimitsError) as caught:
        load_dose_limits(path)
    message = str(caught.value)
    assert message.startswith(f"{path.resolve()}:{line}: {key}: "), message
    assert problem in message


def test_duplicate_names_the_first_line(tmp_path):
    text = GOOD.replace('drug = "tamsulosin"', 'drug = "pregabalin"').replace(
        'route = "oral"\n', ""
    )
    with pytest.raises(LimitsError, match=r":10: drug: pregabalin already .*\(line 3\)"):
        load_dose_limits(write(tmp_path, text))


def test_route_specific_limit_is_not_a_duplicate(tmp_path):
    text = GOOD.replace('drug = "tamsulosin"', 'drug = "pregabalin"')
    limits = load_dose_limits(write(tmp_path, text))
    assert limits.for_drug("pregabalin").max_per_day == 600
    assert limits.for_drug("pregabalin", "oral").max_per_day == pytest.approx(0.8)


def test_file_level_errors(tmp_path):
    path = write(tmp_path, GOOD + "\n[[limit]\n")
    with pytest.raises(LimitsError, match=rf"^{re.escape(str(path.resolve()))}:16: invalid TOML"):
        load_dose_limits(path)
    with pytest.raises(LimitsError, match=r"dose-limits\.toml: limits: unknown key"):
        load_dose_limits(write(tmp_path, "limits = []\n"))
    with pytest.raises(LimitsError, match=r"dose-limits\.toml: limit: expected one or more"):
        load_dose_limits(write(tmp_path, "# empty\n"))
    with pytest.raises(LimitsError, match="cannot read"):
        load_dose_limits(tmp_path / "absent.toml")
