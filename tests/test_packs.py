"""Advice packs (claimlint.packs): the shipped packs, topic matching and located errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimlint.data import bib_dir, rules_dir
from claimlint.findings import Severity
from claimlint.lexicon import load_lexicon
from claimlint.packs import AdvicePacks, PackError, load_packs
from claimlint.packs_reader import _label

LEX = load_lexicon()
SHIPPED = load_packs(lexicon=LEX)

GOOD_PACK = """\
[pack]
id = "test-pack"
title = "A test pack"
topics = ["sciatica"]
source = "qaseem2017acp"

[[advice]]
id = "test-no-steroids"
forbid = ["systemic-corticosteroids", "diazepam", '"bed rest"']
except = ["epidural"]
message = "no steroids"
severity = "warning"
"""


def _write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(PackError) as info:
        load_packs([path], lexicon=LEX)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path.resolve()}:")
    return message[len(str(path.resolve())) + 1 :]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the shipped packs ------------------------------------------------------------------


def test_shipped_packs_exclude_lexicon_and_dose_limits():
    files = {Path(p.path).name for p in SHIPPED.packs}
    assert "drugs.toml" not in files and "dose-limits.toml" not in files
    assert files == {
        p.name
        for p in rules_dir().glob("*.toml")
        if p.name not in ("drugs.toml", "dose-limits.toml")
    }
    assert len(SHIPPED.packs) >= 5


def test_shipped_entries_are_valid_and_cite_the_bibliography():
    bib_keys = set()
    for bib in bib_dir().glob("*.bib"):
        bib_keys |= set(re.findall(r"@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8")))
    ids = [e.id for e in SHIPPED.entries]
    assert len(ids) == len(set(ids))
    for entry in SHIPPED.entries:
        assert entry.source in bib_keys, entry.id
        assert entry.source_label and entry.source_label[-4:].isdigit(), entry.id
        assert entry.forbid or entry.phrases, entry.id
        for item in entry.forbid:
            assert LEX.canonical(item) == item, (entry.id, item)
        assert isinstance(entry.severity, Severity)
        assert entry.message and entry.line > 0


def test_acp_low_back_pain_pack():
    steroids = SHIPPED.entry("acp-lbp-no-systemic-steroids")
    assert steroids.forbid == ("systemic-corticosteroids",)
    assert steroids.source == "qaseem2017acp"
    assert steroids.cite == "Qaseem et al. 2017 [qaseem2017acp]"
    assert {"epidural", "injection"} <= set(steroids.except_words)
    relaxants = SHIPPED.entry("acp-lbp-muscle-relaxants-short-term")
    assert relaxants.limits_duration and relaxants.max_duration_days == 14
    assert SHIPPED.entry("acp-lbp-no-benzodiazepines").forbid == ("benzodiazepines",)
    opioids = SHIPPED.entry("acp-lbp-opioids-not-first-line")
    assert opioids.forbid == ("opioids",) and opioids.applies_when == ("chronic",)


def test_doi_only_where_certain():
    text = (bib_dir() / "guidelines.bib").read_text(encoding="utf-8")
    assert re.findall(r"doi\s*=\s*\{([^}]*)\}", text) == ["10.7326/M16-2367"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "A patient with lumbar spondylosis\u2011related radiculopathy on pregabalin",
            "low-back-pain",
        ),
        ("Sciatica: what next?", "low-back-pain"),
        ("Antibiotics for acute bronchitis in a healthy adult", "respiratory-infections"),
        ("Stroke prevention in AF", "atrial-fibrillation"),
        ("Treating uncomplicated cystitis in women", "uncomplicated-cystitis"),
        ("Insomnia in older adults", "older-adults"),
    ],
)
def test_matching_by_topic(title, expected):
    packs = {e.pack for e in SHIPPED.matching(title)}
    assert packs == {expected}


@pytest.mark.parametrize(
    "title",
    ["Management of alcohol withdrawal", "Chronic bronchitis exacerbation", "Cold agglutinin"],
)
def test_no_pack_for_unrelated_topics(title):
    assert SHIPPED.matching(title) == []


def test_an_age_alone_does_not_select_the_older_adults_pack():
    # documented limitation: topics are words, not ages
    assert SHIPPED.matching("Insomnia in a 78-year-old woman") == []


def test_entry_helpers():
    steroids = SHIPPED.entry("acp-lbp-no-systemic-steroids")
    assert steroids.forbidden_items(("prednisone", "naproxen"), LEX) == ["prednisone"]
    assert steroids.forbidden_items(("systemic-corticosteroids",), LEX) == [
        "systemic-corticosteroids"
    ]
    assert steroids.forbidden_items(("injected-corticosteroids", "triamcinolone"), LEX) == []
    assert steroids.exempting_word("refer for epidural steroid injections") == "epidural"
    assert steroids.exempting_word("two Injections of methylprednisolone") == "injections"
    assert steroids.exempting_word("oral prednisone") is None
    cystitis = SHIPPED.entry("idsa-cystitis-fluoroquinolones-not-first-line")
    assert cystitis.exempting_word("for uncomplicated cystitis") is None
    assert cystitis.exempting_word("for complicated infection") == "complicated"
    opioids = SHIPPED.entry("acp-lbp-opioids-not-first-line")
    assert not opioids.applies("Acute low back pain", "start oxycodone")
    assert opioids.applies("Chronic low back pain", "start oxycodone")
    assert opioids.applies("Low back pain", "oxycodone for chronic pain")


def test_class_inside_a_forbidden_class_is_forbidden(tmp_path):
    text = GOOD_PACK.replace('"systemic-corticosteroids", "diazepam", \'"bed rest"\'', '"nsaids"')
    packs = load_packs([_write(tmp_path, text)], lexicon=LEX)
    (entry,) = packs.entries
    assert entry.forbidden_items(("cox-2-inhibitors", "celecoxib", "opioids"), LEX) == [
        "cox-2-inhibitors",
        "celecoxib",
    ]


def test_loads_a_custom_pack_with_phrases(tmp_path):
    packs = load_packs([_write(tmp_path, GOOD_PACK)], lexicon=LEX)
    assert isinstance(packs, AdvicePacks)
    (entry,) = packs.entries
    assert entry.forbid == ("systemic-corticosteroids", "diazepam")
    assert entry.phrases == ("bed rest",)
    assert entry.phrase_in("Advise strict bed rest for a week") == "bed rest"
    assert entry.severity is Severity.WARNING
    assert entry.line == _line(GOOD_PACK, "[[advice]]")
    assert [e.id for e in packs.matching("Acute sciatica")] == ["test-no-steroids"]


def test_folder_skips_lexicon_and_dose_limits(tmp_path):
    _write(tmp_path, GOOD_PACK)
    _write(tmp_path, "this is not a pack", "drugs.toml")
    _write(tmp_path, "[limits]\nx = 1\n", "dose-limits.toml")
    packs = load_packs([tmp_path], lexicon=LEX)
    assert [p.id for p in packs.packs] == ["test-pack"]


def test_cached():
    assert load_packs(lexicon=LEX) is SHIPPED


# --- located errors ---------------------------------------------------------------------


def test_unknown_key(tmp_path):
    text = GOOD_PACK.replace('severity = "warning"', 'severity = "warning"\nseverty = "error"')
    assert _error(tmp_path, text) == f"{_line(text, 'severty')}: advice.severty: unknown key"


def test_missing_field(tmp_path):
    text = GOOD_PACK.replace('message = "no steroids"\n', "")
    assert _error(tmp_path, text) == (
        f"{_line(text, '[[advice]]')}: advice: missing field 'message'"
    )


def test_unknown_drug(tmp_path):
    text = GOOD_PACK.replace('"diazepam"', '"diazepamm"')
    assert _error(tmp_path, text) == (
        f"{_line(text, 'forbid')}: advice.forbid: unknown drug or class 'diazepamm'"
    )


def test_bad_severity(tmp_path):
    text = GOOD_PACK.replace('severity = "warning"', 'severity = "fatal"')
    assert _error(tmp_path, text) == (
        f"{_line(text, 'severity')}: advice.severity: 'fatal' is not error, warning or info"
    )


def test_bad_duration(tmp_path):
    text = GOOD_PACK.replace('severity = "warning"', 'max_duration = "two weeks"')
    assert _error(tmp_path, text) == (
        f"{_line(text, 'max_duration')}: advice.max_duration: bad duration 'two weeks'"
        ' (e.g. "2 weeks")'
    )


def test_toml_syntax_error_gives_its_line(tmp_path):
    text = GOOD_PACK.replace('message = "no steroids"', "message = no steroids")
    found = _error(tmp_path, text)
    assert found.startswith(f"{_line(text, 'message')}: toml: invalid TOML:")


def test_unknown_source(tmp_path):
    text = GOOD_PACK.replace('source = "qaseem2017acp"', 'source = "nosuch2020"')
    assert (
        _error(tmp_path, text)
        == f"{_line(text, 'source')}: pack.source: unknown bib key 'nosuch2020'"
    )


def test_source_from_a_bib_next_to_the_pack(tmp_path):
    _write(
        tmp_path,
        "@misc{local2024,\n  author = {Doe, Jane},\n  title = {X},\n  year = {2024},\n}\n",
        "local.bib",
    )
    text = GOOD_PACK.replace('source = "qaseem2017acp"', 'source = "local2024"')
    (entry,) = load_packs([_write(tmp_path, text)], lexicon=LEX).entries
    assert entry.cite == "Doe 2024 [local2024]"


def test_unknown_table_and_bad_id(tmp_path):
    text = GOOD_PACK + "\n[extra]\nx = 1\n"
    assert _error(tmp_path, text) == f"{_line(text, '[extra]')}: extra: unknown key"
    text = GOOD_PACK.replace('id = "test-no-steroids"', 'id = "Test No"')
    assert _error(tmp_path, text) == (
        f"{_line(text, 'Test No')}: advice.id: 'Test No' is not a kebab-case id"
    )


def test_second_entry_error_points_at_the_second_entry(tmp_path):
    second = GOOD_PACK[GOOD_PACK.index("[[advice]]") :].replace("test-no-steroids", "test-two")
    text = GOOD_PACK + "\n" + second.replace('severity = "warning"', 'severity = "loud"')
    assert _error(tmp_path, text).startswith(f"{_line(text, 'loud')}: advice.severity:")


def test_duplicate_entry_id_across_files(tmp_path):
    first = _write(tmp_path, GOOD_PACK, "a.toml")
    second = _write(tmp_path, GOOD_PACK.replace('id = "test-pack"', 'id = "other"'), "b.toml")
    with pytest.raises(PackError) as info:
        load_packs([first, second], lexicon=LEX)
    assert str(info.value).startswith(f"{second.resolve()}:{_line(GOOD_PACK, '[[advice]]')}:")
    assert "already used" in str(info.value)


def test_missing_path():
    with pytest.raises(PackError, match="no such advice pack"):
        load_packs(["/nonexistent/pack.toml"], lexicon=LEX)


@pytest.mark.parametrize(
    ("author", "year", "label"),
    [
        ("Qaseem, Amir and Wilt, Timothy J.", "2017", "Qaseem et al. 2017"),
        (
            "{National Institute for Health and Care Excellence}",
            "2021",
            "National Institute for Health and Care Excellence 2021",
        ),
        ("Jane Doe", "2020-05-01", "Doe 2020"),
        ("", "2019", "2019"),
    ],
)
def test_bib_label(author, year, label):
    assert _label(author, year) == label
