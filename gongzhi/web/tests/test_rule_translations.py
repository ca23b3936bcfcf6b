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
