"""The ``gongzhi`` command: profile subcommands without Django, the rest dispatched to Django."""

import json
import os

import pytest

from gongzhi.cli import main
from gongzhi.rules.profiles import PROFILE_DIR


def test_profiles_list(capsys):
    assert main(["profiles", "list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "EXTENDS"]
    assert lines[1].startswith("national")
    assert "shaanxi-xixian" in out and "陕西省西咸新区" in out


def test_profiles_show(capsys):
    assert main(["profiles", "show", "hunan-shaoyang"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("hunan-shaoyang: 湖南省邵阳市辖县级市")
    assert "inherits: hunan-shaoyang → national" in out
    assert "handover_inspection_days = 15" in out
    assert "source: seed 000 §24 (物业交付使用十五日前)  (defined in hunan-shaoyang)" in out
    assert "performance_bond_max_yuan = ¥300,000.00" in out
    assert "tender_min_bidders = 3" in out and "(defined in national)" in out


def test_profiles_show_json(capsys):
    assert main(["profiles", "show", "shaanxi-xixian", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chain"] == ["shaanxi-xixian", "national"]
    assert data["params"]["handover_inspection_days"] == {
        "value": "30",
        "source": "seed 004 §12 (物业交付使用前30日 … 完成承接查验工作)",
        "defined_in": "shaanxi-xixian",
    }


def test_profiles_show_unknown_id_exits_2(capsys):
    assert main(["profiles", "show", "atlantis"]) == 2
    captured = capsys.readouterr()
    assert "unknown profile 'atlantis'" in captured.err
    assert "national" in captured.err
    assert captured.out == ""


def test_profiles_check_shipped(capsys):
    assert main(["profiles", "check"]) == 0
    out = capsys.readouterr().out
    assert out.count("ok  ") == len(list(PROFILE_DIR.glob("*.toml")))


def test_profiles_check_paths(tmp_path, capsys):
    good = tmp_path / "bureau.toml"
    good.write_text(
        'id = "bureau"\nname = "某区"\nextends = "national"\n'
        '[params.exit_notice_days]\nvalue = 60\nsource = "local rule §3"\n',
        encoding="utf-8",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "bad"\nname = "坏"\nextends = "national"\n'
        '[params.handover_inspection_days]\nvalue = "fifteen"\nsource = "s"\n',
        encoding="utf-8",
    )
    assert main(["profiles", "check", str(good)]) == 0
    assert "bureau: 1 of" in capsys.readouterr().out
    assert main(["profiles", "check", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: params.handover_inspection_days: expected an integer" in captured.err
    assert "1 of 2 profile(s) failed" in captured.err


def test_profiles_needs_an_action(capsys):
    assert main(["profiles"]) == 2
    assert "usage" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "demo-city" in capsys.readouterr().err
    assert main(["--help"]) == 0


@pytest.fixture
def django_calls(monkeypatch):
    calls = []
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)

    def fake_execute(argv):
        calls.append((list(argv), os.environ.get("DJANGO_SETTINGS_MODULE")))

    monkeypatch.setattr("django.core.management.execute_from_command_line", fake_execute)
    return calls


def test_other_commands_run_django_management_commands(django_calls):
    assert main(["demo-city", "--households", "500"]) == 0
    assert django_calls == [
        (["gongzhi", "demo_city", "--households", "500"], "gongzhi.settings"),
    ]


def test_manage_passes_arguments_through(django_calls):
    assert main(["manage", "migrate", "--check"]) == 0
    assert django_calls[0][0] == ["gongzhi", "migrate", "--check"]


def test_settings_module_from_environment_is_kept(django_calls, monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "somewhere.settings")
    main(["check"])
    assert django_calls[0] == (["gongzhi", "check"], "somewhere.settings")


def test_django_exit_codes_are_returned(monkeypatch):
    def failing(argv):
        raise SystemExit(3)

    monkeypatch.setattr("django.core.management.execute_from_command_line", failing)
    assert main(["manage", "migrate"]) == 3
