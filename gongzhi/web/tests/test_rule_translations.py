"""Every explanation the rules core can give is translated: the rules core marks its
msgids with ``gettext_noop`` (it imports no Django); the pages translate them with
``gettext`` from the project catalogue. A msgid without Chinese would show in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

import gongzhi.rules

RULES = Path(gongzhi.rules.__file__).parent


def _msgids() -> list[tuple[str, str]]:
    found = []
    for path in sorted(RULES.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "gettext_noop"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((path.name, node.args[0].value))
    return found


MSGIDS = _msgids()


def test_the_rules_core_marks_its_messages():
    assert len(MSGIDS) > 50
    assert {name for name, _ in MSGIDS} >= {"fees.py", "funds.py", "credit.py", "complaints.py"}


@pytest.mark.parametrize(("module", "msgid"), MSGIDS, ids=[f"{m}:{i[:40]}" for m, i in MSGIDS])
def test_rules_message_has_chinese(module, msgid):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) != msgid, f"{module}: {msgid!r} is not translated"


def _profile_msgids() -> list[tuple[str, str]]:
    from gongzhi.rules.profiles import PROFILE_DIR
    from gongzhi.rules.profiles.messages import source_msgids

    return [
        (f"{path.name}:{line}", text)
        for path in sorted(PROFILE_DIR.glob("*.toml"))
        for line, text in source_msgids(path.read_text(encoding="utf-8"))
    ]


PROFILE_MSGIDS = _profile_msgids()


def test_profiles_explain_some_sources_in_english():
    # the English of "Gongzhi default: …" and "no national …" sources is found
    texts = {text for _, text in PROFILE_MSGIDS}
    assert len(texts) > 80
    assert "Gongzhi default: no national deadline" in texts
    # bare citations and the credit kinds' source codes are not msgids
    assert "seed 000 §24" not in texts and "complaint" not in texts


@pytest.mark.parametrize(
    ("where", "msgid"), PROFILE_MSGIDS, ids=[f"{w}:{m[:30]}" for w, m in PROFILE_MSGIDS]
)
def test_profile_source_has_chinese(where, msgid):
    """A profile's English source shows in Chinese on zh-hans pages, PDFs and the API
    (core.explain.cited); makemessages extracts it from the TOML (core's makemessages)."""
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) != msgid, f"{where}: {msgid!r} is not translated"
