"""``gongzhi tally FILE.json`` (seed 000 §18: a vote count checked offline): verdict JSON on
stdout, exit 0; bad input exits 2 with a message on stderr naming the problem and nothing on stdout.
"""

import json

import pytest

from gongzhi.cli import main

EXAMPLE = {
    "profile": "national",
    "matter": "ordinary",
    "parts": [
        {"id": "3-2-101", "area": "89.50", "owner": "o1", "building": "3", "unit": "2",
         "developer_unsold": False},
        {"id": "3-2-102", "area": "89.50", "owner": "o2", "building": "3", "unit": "2"},
        {"id": "3-2-201", "area": "120", "owner": "o3", "building": "3", "unit": "2"},
        {"id": "3-1-101", "area": "60.25", "owner": "dev", "building": "3", "unit": "1",
         "developer_unsold": True},
        {"id": "3-1-102", "area": "60.25", "owner": "dev", "building": "3", "unit": "1",
         "developer_unsold": True},
    ],
    "ballots": [
        {"voter": "o1", "choice": "no"},
        {"voter": "o2", "choice": "yes"},
        {"voter": "o3", "choice": "yes"},
        {"voter": "o1", "choice": "yes"},
    ],
}  # fmt: skip


def tally(tmp_path, capsys, scenario):
    path = tmp_path / "scenario.json"
    text = scenario if isinstance(scenario, str) else json.dumps(scenario, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    code = main(["tally", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_issue_4_tally_prints_the_verdict(tmp_path, capsys):
    code, out, err = tally(tmp_path, capsys, EXAMPLE)
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "passed": True,
        "total": {"area": "419.50", "owners": 4},
        "participating": {"area": "299.00", "owners": 3},
        "yes": {"area": "299.00", "owners": 3},
        "unmet": [],
    }


def test_issue_4_tally_lists_unmet_thresholds(tmp_path, capsys):
    scenario = {**EXAMPLE, "ballots": [{"voter": "o1", "choice": "yes"}]}
    code, out, _ = tally(tmp_path, capsys, scenario)
    assert code == 0
    result = json.loads(out)
    assert result["passed"] is False
    assert result["unmet"] == ["participation_area", "participation_owners"]
    assert result["participating"] == {"area": "89.50", "owners": 1}


def test_seed_000_s34_tally_elevator_scope_hunan_shaoyang(tmp_path, capsys):
    scenario = {
        **EXAMPLE,
        "profile": "hunan-shaoyang",
        "matter": "elevator_retrofit",
        "scope": {"building": "3", "unit": "2"},
        "ballots": [{"voter": "o1", "choice": "yes"}, {"voter": "o2", "choice": "yes"}],
    }
    code, out, _ = tally(tmp_path, capsys, scenario)
    assert code == 0
    assert json.loads(out) == {
        "passed": True,
        "total": {"area": "299.00", "owners": 3},
        "participating": {"area": "179.00", "owners": 2},
        "yes": {"area": "179.00", "owners": 2},
        "unmet": [],
    }


def part(**change):
    return {**EXAMPLE["parts"][0], **change}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"matter": "rebuild"}, "unknown matter 'rebuild'"),
        ({"profile": "atlantis"}, "unknown profile 'atlantis'"),
        ({"parts": [part(area="0")]}, "parts[0] (id '3-2-101'): area must be more than 0"),
        ({"parts": [part(area="0.00")]}, "parts[0] (id '3-2-101'): area must be more than 0"),
        ({"parts": [part(area="-1.00")]}, "parts[0] (id '3-2-101'): area must be a decimal"),
        ({"parts": [part(area="89.505")]}, "at most two decimals"),
        ({"parts": [part(area=89.5)]}, "area must be a decimal string"),
        ({"parts": [part(area="1e3")]}, "area must be a decimal string"),
        ({"parts": [part(id="")]}, "parts[0]: 'id' must be a non-empty string"),
        ({"parts": [part(), part()]}, "part id '3-2-101' is listed twice"),
        ({"ballots": [{"voter": "o1", "choice": "yes"}, {"voter": "o9", "choice": "no"}]},
         "ballots[1]: voter 'o9' owns no part in the project"),
        ({"ballots": [{"voter": "o1", "choice": "maybe"}]},
         "ballots[0] (voter 'o1'): choice must be"),
        ({"matter": "elevator_retrofit"}, "matter 'elevator_retrofit' needs a 'scope'"),
        ({"matter": "elevator_retrofit", "scope": {"building": "3", "unit": "2"},
          "ballots": [{"voter": "dev", "choice": "yes"}]},
         "ballots[0]: voter 'dev' owns no part in building '3' unit '2'"),
        ({"scope": {"building": "3", "unit": "2"}}, "'scope' applies only to elevator_retrofit"),
        ({"parts": [part(developer_unsold="yes")]}, "'developer_unsold' must be true or false"),
    ],
)  # fmt: skip
def test_issue_4_tally_bad_input_exits_2_with_nothing_on_stdout(tmp_path, capsys, change, message):
    code, out, err = tally(tmp_path, capsys, {**EXAMPLE, **change})
    assert code == 2
    assert out == ""
    assert message in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"profile": "national",', "malformed JSON"),
        ('{"profile": NaN}', "malformed JSON: NaN is not a number"),
        ("[]", "the scenario must be a JSON object"),
    ],
)
def test_issue_4_tally_malformed_json_exits_2(tmp_path, capsys, text, message):
    code, out, err = tally(tmp_path, capsys, text)
    assert (code, out) == (2, "")
    assert message in err


def test_issue_4_tally_missing_file_exits_2(tmp_path, capsys):
    assert main(["tally", str(tmp_path / "absent.json")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "cannot read" in captured.err and "absent.json" in captured.err
