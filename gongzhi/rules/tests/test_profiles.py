"""Policy profiles: shipped files, the schema, inheritance and error messages for bad files."""

import re
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from gongzhi.rules.decisions import DecisionRule
from gongzhi.rules.profiles import (
    DEFAULT_PROFILE_ID,
    LEVELS,
    PARAMS,
    PROFILE_DIR,
    SCHEMA,
    ProfileError,
    UnknownProfileError,
    get_profile,
    list_profiles,
    load_profile_file,
)
from gongzhi.rules.thresholds import Threshold

SHIPPED = ["national", "hunan-shaoyang", "jiangxi-zhanggong", "henan-draft", "hunan-ziyang",
           "shaanxi-xixian"]  # fmt: skip
DOCS = Path(__file__).resolve().parents[3] / "docs" / "profiles.md"


def write(directory: Path, profile_id: str, body: str, extends: str | None = "national") -> Path:
    header = f'id = "{profile_id}"\nname = "测试 {profile_id}"\n'
    if extends:
        header += f'extends = "{extends}"\n'
    path = directory / f"{profile_id}.toml"
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.fixture
def profiles_dir(tmp_path: Path) -> Path:
    shutil.copy(PROFILE_DIR / "national.toml", tmp_path / "national.toml")
    return tmp_path


def error_of(path: Path, directory: Path | None = None) -> str:
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path, directory or path.parent)
    return str(caught.value)


# --- Shipped profiles ----------------------------------------------------------------


def test_list_profiles_names_every_shipped_profile_national_first():
    summaries = list_profiles()
    assert [s.id for s in summaries][0] == DEFAULT_PROFILE_ID
    assert sorted(s.id for s in summaries) == sorted(SHIPPED)
    assert all(s.name for s in summaries)
    assert all(s.extends == "national" for s in summaries if s.id != "national")


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_every_shipped_profile_loads_with_every_key(profile_id):
    profile = get_profile(profile_id)
    assert list(profile.params) == list(SCHEMA)
    for key, parameter in profile.params.items():
        assert parameter.source.strip(), key
        assert parameter.defined_in in profile.chain
    assert profile.levels[-1] == "community"
    assert set(profile.levels) <= set(LEVELS)


def test_national_defines_every_key_itself():
    national = get_profile("national")
    assert {p.defined_in for p in national.params.values()} == {"national"}
    assert national.extends is None and national.chain == ("national",)


def test_every_schema_key_has_a_one_line_doc_and_is_documented():
    docs = DOCS.read_text(encoding="utf-8")
    for spec in PARAMS:
        assert spec.doc and "\n" not in spec.doc, spec.key
        assert spec.doc.endswith("."), spec.key
        assert f"`{spec.key}`" in docs, f"{spec.key} missing from docs/profiles.md"


def test_no_seed_profile_cites_a_seed_other_than_its_own():
    own = {"hunan-shaoyang": "000", "jiangxi-zhanggong": "001", "henan-draft": "002",
           "hunan-ziyang": "003", "shaanxi-xixian": "004"}  # fmt: skip
    for profile_id, seed in own.items():
        for parameter in get_profile(profile_id).params.values():
            if parameter.defined_in == profile_id:
                cited = set(re.findall(r"seed (\d{3})", parameter.source))
                assert cited <= {seed}, (profile_id, parameter.key, parameter.source)


@pytest.mark.parametrize(
    ("profile_id", "key", "value", "defined_in"),
    [
        ("hunan-shaoyang", "handover_inspection_days", 15, "hunan-shaoyang"),
        ("shaanxi-xixian", "handover_inspection_days", 30, "shaanxi-xixian"),
        ("hunan-ziyang", "handover_inspection_days", 15, "national"),
        ("shaanxi-xixian", "contract_filing_days", 15, "shaanxi-xixian"),
        ("shaanxi-xixian", "community_property_officers_min", 2, "shaanxi-xixian"),
        ("hunan-shaoyang", "performance_bond_max_yuan", 30_000_000, "hunan-shaoyang"),
        ("hunan-shaoyang", "performance_bond_percent_of_fees", Fraction(1, 20), "hunan-shaoyang"),
        ("hunan-shaoyang", "preparation_fund_yuan_per_household", 3000, "hunan-shaoyang"),
        ("hunan-shaoyang", "unrenovated_unit_fee_percent", Fraction(3, 5), "hunan-shaoyang"),
        ("hunan-shaoyang", "quality_warranty_deposit_percent", Fraction(3, 100), "hunan-shaoyang"),
        ("jiangxi-zhanggong", "old_project_completed_by_year_end", 2004, "jiangxi-zhanggong"),
        ("jiangxi-zhanggong", "old_project_fund_elevator_yuan_per_m2", 7500, "jiangxi-zhanggong"),
        ("jiangxi-zhanggong", "old_project_fund_match_ratio", Fraction(1), "jiangxi-zhanggong"),
        ("jiangxi-zhanggong", "committee_member_subsidy_cap_yuan_per_month", 30000,
         "jiangxi-zhanggong"),
        ("jiangxi-zhanggong", "credit_blacklist_max_score", 70, "jiangxi-zhanggong"),
        ("hunan-ziyang", "credit_key_supervision_grades", ("D",), "hunan-ziyang"),
        ("shaanxi-xixian", "tender_library_min_grade", "A", "shaanxi-xixian"),
        ("national", "exit_notice_days", 90, "national"),
        ("national", "maintenance_fund_topup_below_percent", Fraction(3, 10), "national"),
    ],
)  # fmt: skip
def test_seed_values(profile_id, key, value, defined_in):
    parameter = get_profile(profile_id).param(key)
    assert parameter.value == value
    assert parameter.defined_in == defined_in


def test_civil_code_278_thresholds_in_national_profile():
    ordinary = get_profile("national").decision_rule("decision_ordinary")
    assert ordinary.participation_area == Threshold(Fraction(2, 3), "ge")
    assert ordinary.participation_headcount == Threshold(Fraction(2, 3), "ge")
    assert ordinary.approval_area == Threshold(Fraction(1, 2), "gt")
    assert ordinary.approval_headcount == Threshold(Fraction(1, 2), "gt")
    assert ordinary.citation == "民法典 art. 278"
    major = get_profile("national").decision_rule("decision_major")
    assert major.approval_area == Threshold(Fraction(3, 4), "ge")


def test_seed_004_has_four_levels():
    assert get_profile("shaanxi-xixian").levels == ("new_area", "new_city", "street", "community")


def test_get_profile_is_cached_and_unknown_ids_fail_clearly():
    assert get_profile("hunan-ziyang") is get_profile("hunan-ziyang")
    with pytest.raises(UnknownProfileError, match="unknown profile 'atlantis'") as caught:
        get_profile("atlantis")
    assert isinstance(caught.value, LookupError)
    assert "national" in str(caught.value)
    with pytest.raises(UnknownProfileError):
        get_profile("../national")


def test_typed_accessors():
    profile = get_profile("hunan-shaoyang")
    assert profile.int_value("handover_inspection_days") == 15
    assert profile.fen("performance_bond_max_yuan") == 30_000_000
    assert profile.optional_fen("performance_bond_min_yuan") is None
    assert profile.fraction("performance_bond_percent_of_fees") == Fraction(1, 20)
    assert isinstance(profile.decision_rule("decision_major"), DecisionRule)
    assert profile.flag("maintenance_fund_first_deposit_before_delivery") is True
    assert profile.value("performance_bond_mode") == "percent_of_fees"
    assert profile.param("performance_bond_max_yuan").display == "¥300,000.00"
    with pytest.raises(TypeError):
        profile.int_value("performance_bond_mode")
    with pytest.raises(ValueError, match="not set"):
        profile.int_value("contract_filing_days")
    with pytest.raises(KeyError, match="did you mean 'handover_inspection_days'"):
        profile.param("handover_inspection_day")


# --- Inheritance -------------------------------------------------------------------


def test_child_overrides_parent(profiles_dir):
    path = write(profiles_dir, "child", '[params.exit_notice_days]\nvalue = 120\nsource = "x"\n')
    child = load_profile_file(path, profiles_dir)
    assert child.int_value("exit_notice_days") == 120
    assert child.param("exit_notice_days").defined_in == "child"
    assert child.param("tender_min_bidders").defined_in == "national"
    assert child.chain == ("child", "national")


def test_chained_inheritance(profiles_dir):
    write(
        profiles_dir,
        "province",
        '[params.exit_notice_days]\nvalue = 120\nsource = "p"\n'
        '[params.tender_min_bidders]\nvalue = 5\nsource = "p"\n',
    )
    leaf = write(
        profiles_dir,
        "county",
        '[params.exit_notice_days]\nvalue = 100\nsource = "c"\n',
        extends="province",
    )
    county = load_profile_file(leaf, profiles_dir)
    assert county.chain == ("county", "province", "national")
    assert county.param("exit_notice_days").value == 100
    assert county.param("exit_notice_days").defined_in == "county"
    assert county.param("tender_min_bidders").value == 5
    assert county.param("tender_min_bidders").defined_in == "province"
    assert county.param("handover_inspection_days").defined_in == "national"


def test_inheritance_cycle_is_an_error(profiles_dir):
    write(profiles_dir, "alpha", "", extends="beta")
    beta = write(profiles_dir, "beta", "", extends="alpha")
    message = error_of(beta)
    # Reported at the file whose "extends" closes the loop.
    assert "alpha.toml: extends: expected a chain that ends in a profile without" in message
    assert "got a cycle beta → alpha → beta" in message


def test_self_extension_is_a_cycle(profiles_dir):
    assert "cycle" in error_of(write(profiles_dir, "ouroboros", "", extends="ouroboros"))


def test_unknown_parent_is_an_error(profiles_dir):
    message = error_of(write(profiles_dir, "orphan", "", extends="nowhere"))
    assert "orphan.toml: extends: expected the id of a known profile" in message
    assert 'got "nowhere"' in message


def test_default_search_falls_back_to_shipped_profiles(tmp_path):
    path = write(tmp_path, "bureau", '[params.exit_notice_days]\nvalue = 60\nsource = "b"\n')
    assert load_profile_file(path).chain == ("bureau", "national")


# --- Bad files: the message names the file, the key and what was expected -------------


@pytest.mark.parametrize(
    ("body", "key", "expected", "got"),
    [
        (
            '[params.handover_inspection_days]\nvalue = "fifteen"\nsource = "seed 000 §24"\n',
            "params.handover_inspection_days",
            "expected an integer between 1 and 365",
            'got "fifteen"',
        ),
        (
            '[params.handover_inspection_days]\nvalue = 0\nsource = "s"\n',
            "params.handover_inspection_days",
            "expected an integer between 1 and 365",
            "got 0",
        ),
        (
            '[params.handover_inspection_days]\nvalue = true\nsource = "s"\n',
            "params.handover_inspection_days",
            "expected an integer",
            "got true",
        ),
        (
            '[params.handover_days]\nvalue = 15\nsource = "s"\n',
            "params.handover_days",
            'did you mean "handover_inspection_days"?',
            "got an unknown key",
        ),
        (
            '[params.decision_major]\nsource = "s"\n[params.decision_major.value]\n'
            'approval_area = { ratio = "3/4", comparator = "gte" }\n',
            "params.decision_major.approval_area.comparator",
            'expected "ge" (以上, inclusive) or "gt" (过半数, exclusive)',
            'got "gte"',
        ),
        (
            '[params.decision_major]\nsource = "s"\n[params.decision_major.value]\n'
            'approval_area = { ratio = "three quarters", comparator = "ge" }\n',
            "params.decision_major.approval_area.ratio",
            'expected a ratio string like "2/3"',
            'got "three quarters"',
        ),
        (
            '[params.decision_major]\nsource = "s"\n[params.decision_major.value]\n'
            'approval_area = { ratio = "3/0", comparator = "ge" }\n',
            "params.decision_major.approval_area.ratio",
            "expected a ratio string",
            'got "3/0"',
        ),
        (
            '[params.decision_major]\nsource = "s"\n[params.decision_major.value]\n'
            'approval_area = { ratio = 0.75, comparator = "ge" }\n',
            "params.decision_major.approval_area.ratio",
            "expected a ratio string",
            "got 0.75",
        ),
        (
            '[params.decision_major]\nsource = "s"\n[params.decision_major.value]\n'
            'approval_base = "everyone"\napproval_area = { ratio = "3/4", comparator = "ge" }\n',
            "params.decision_major.approval_base",
            'expected "participating" or "total"',
            'got "everyone"',
        ),
        (
            '[params.old_project_fund_match_ratio]\nvalue = "1:1"\nsource = "s"\n',
            "params.old_project_fund_match_ratio",
            'expected a ratio string like "2/3" between 0 and 10',
            'got "1:1"',
        ),
        (
            '[params.performance_bond_max_yuan]\nvalue = 300000.5\nsource = "s"\n',
            "params.performance_bond_max_yuan",
            'expected a yuan amount as a string like "300000"',
            "got 300000.5",
        ),
        (
            '[params.performance_bond_max_yuan]\nvalue = "1.234"\nsource = "s"\n',
            "params.performance_bond_max_yuan",
            "expected a yuan amount",
            'got "1.234"',
        ),
        (
            '[params.unrenovated_unit_fee_percent]\nvalue = "160%"\nsource = "s"\n',
            "params.unrenovated_unit_fee_percent",
            'expected a percentage string like "5%" between 0% and 100%',
            'got "160%"',
        ),
        (
            '[params.jurisdiction_levels]\nvalue = ["province", "community"]\nsource = "s"\n',
            "params.jurisdiction_levels",
            "expected a list of level keys, top level first, from city, district",
            'got ["province", "community"]',
        ),
        (
            '[params.jurisdiction_levels]\nvalue = ["community", "street"]\nsource = "s"\n',
            "params.jurisdiction_levels",
            "expected levels ordered from the top",
            'got ["community", "street"]',
        ),
        (
            '[params.company_assessment_frequency]\nvalue = "sometimes"\nsource = "s"\n',
            "params.company_assessment_frequency",
            'expected one of "daily", "weekly"',
            'got "sometimes"',
        ),
        (
            '[params.exit_notice_days]\nvalue = 90\n',
            "params.exit_notice_days.source",
            'expected a non-empty string such as "seed 000 §24"',
            "got nothing",
        ),
        (
            '[params.exit_notice_days]\nsource = "s"\n',
            "params.exit_notice_days.value",
            "expected an integer between 1 and 365",
            "got nothing",
        ),
        (
            '[params.exit_notice_days]\nnull = true\nsource = "s"\n',
            "params.exit_notice_days",
            "(this parameter cannot be null)",
            "got null = true",
        ),
        (
            '[params]\nexit_notice_days = 90\n',
            "params.exit_notice_days",
            "expected a table [params.exit_notice_days] with value",
            "got 90",
        ),
        (
            '[params.exit_notice_days]\nvalue = 90\nsource = "s"\nnote = "x"\n',
            "params.exit_notice_days.note",
            "expected only value, null and source",
            "got an unknown field",
        ),
        (
            '[params.credit_grade_bands]\nvalue = [{ grade = "A", min_score = 60 }, '
            '{ grade = "B", min_score = 80 }]\nsource = "s"\n',
            "params.credit_grade_bands",
            "min_score strictly decreasing to 0",
            "got [",
        ),
    ],
)  # fmt: skip
def test_bad_parameter_messages(profiles_dir, body, key, expected, got):
    path = write(profiles_dir, "bad", body)
    message = error_of(path)
    line = next((ln for ln in message.splitlines() if f": {key}:" in ln), message)
    assert line.startswith(f"{path}: {key}: "), message
    assert expected in line, message
    assert got in line, message


def test_root_profile_missing_keys(profiles_dir):
    path = write(
        profiles_dir, "standalone", '[params.exit_notice_days]\nvalue = 90\nsource = "s"\n', None
    )
    message = error_of(path)
    assert f"{path}: params.jurisdiction_levels: expected a list of level keys" in message
    assert 'a profile without "extends" sets every key' in message
    assert "got nothing" in message
    assert "params.exit_notice_days:" not in message
    assert len(message.splitlines()) == len(SCHEMA) - 1


def test_all_problems_in_a_file_are_reported_together(profiles_dir):
    path = write(
        profiles_dir,
        "many",
        '[params.exit_notice_days]\nvalue = "x"\nsource = "s"\n'
        '[params.tender_min_bidders]\nvalue = 1\nsource = "s"\n'
        '[params.bogus]\nvalue = 1\nsource = "s"\n',
    )
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path, profiles_dir)
    keys = sorted(problem.key for problem in caught.value.problems)
    assert keys == ["params.bogus", "params.exit_notice_days", "params.tender_min_bidders"]


@pytest.mark.parametrize(
    ("header", "key", "expected"),
    [
        ('id = "other"\nname = "n"\n', "id", 'expected the file name stem "top"'),
        ('id = "top"\n', "name", "expected a non-empty display name"),
        ('id = "top"\nname = "n"\ncolour = "red"\n', "colour", "expected one of id, name"),
        ('id = "Top Level"\nname = "n"\n', "id", "expected lower-case letters"),
    ],
)
def test_bad_top_level_keys(profiles_dir, header, key, expected):
    path = profiles_dir / "top.toml"
    path.write_text(header + 'extends = "national"\n', encoding="utf-8")
    message = error_of(path)
    assert f"{path}: {key}: {expected}" in message


def test_invalid_toml_and_missing_file(profiles_dir):
    path = profiles_dir / "broken.toml"
    path.write_text('id = "broken\n', encoding="utf-8")
    assert f"{path}: invalid TOML" in error_of(path)
    assert "cannot read file" in error_of(profiles_dir / "absent.toml")


@pytest.mark.parametrize(
    ("body", "key", "expected"),
    [
        (
            '[params.complaint_tiers]\nvalue = ["city", "street", "community"]\nsource = "s"\n',
            "params.complaint_tiers",
            "levels taken from jurisdiction_levels",
        ),
        (
            '[params.performance_bond_mode]\nvalue = "percent_of_fees"\nsource = "s"\n',
            "params.performance_bond_percent_of_fees",
            'a percentage when mode is "percent_of_fees"',
        ),
        (
            '[params.performance_bond_mode]\nvalue = "banded_by_area"\nsource = "s"\n'
            '[params.performance_bond_min_yuan]\nvalue = "100"\nsource = "s"\n',
            "params.performance_bond_min_yuan",
            'both min and max amounts when mode is "banded_by_area"',
        ),
        (
            '[params.credit_key_supervision_grades]\nvalue = ["E"]\nsource = "s"\n',
            "params.credit_key_supervision_grades",
            "grades from credit_grade_bands",
        ),
        (
            '[params.tender_library_min_grade]\nvalue = "AAA"\nsource = "s"\n',
            "params.tender_library_min_grade",
            "a grade from credit_grade_bands",
        ),
        (
            '[params.credit_blacklist_max_score]\nvalue = 70\nsource = "s"\n',
            "params.credit_blacklist_consecutive_years",
            "set together with credit_blacklist_max_score",
        ),
    ],
)
def test_cross_key_checks_on_effective_values(profiles_dir, body, key, expected):
    path = write(profiles_dir, "inconsistent", body)
    message = error_of(path)
    assert message.startswith(f"{path}: {key}: expected ")
    assert expected in message
    assert "inherited along inconsistent → national" in message


def test_shipped_profile_error_names_the_shipped_file(tmp_path):
    broken = tmp_path / "hunan-shaoyang.toml"
    text = (PROFILE_DIR / "hunan-shaoyang.toml").read_text(encoding="utf-8")
    broken.write_text(text.replace("value = 15", 'value = "fifteen"'), encoding="utf-8")
    message = error_of(broken)
    assert message.endswith(
        "hunan-shaoyang.toml: params.handover_inspection_days: expected an integer between 1 "
        'and 365, got "fifteen"'
    )
