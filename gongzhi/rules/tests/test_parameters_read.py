"""Every policy-profile parameter is read by some code: a number a profile carries and
nothing reads is a seed rule the platform silently ignores.

A parameter counts as read when its key appears, as a quoted string or an identifier, in a
Python module outside the tests and outside the profile schema that declares it. The keys
still waiting for their capability are listed in PENDING with the part of the work that
will read them; the list may only shrink (a key read meanwhile fails the test, so that it
leaves the list).
"""

from __future__ import annotations

import re
from pathlib import Path

from gongzhi.rules.profiles.schema import PARAMS

ROOT = Path(__file__).resolve().parents[2]  # the gongzhi package

# The keys still waiting for the capability that will read them (none left: assessment
# frequencies, old-project subsidies, property officers and the credit display style are
# read by gongzhi.rules.periods, .oldprojects, .staffing and .credit).
PENDING: dict[str, str] = {}


def _sources() -> str:
    parts = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in f"/{relative}":
            continue
        if relative == "rules/profiles/schema.py":
            continue
        parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_every_profile_parameter_is_read_by_code_or_pending() -> None:
    code = _sources()
    unread = sorted(
        spec.key for spec in PARAMS if not re.search(rf"\b{re.escape(spec.key)}\b", code)
    )
    assert unread == sorted(PENDING), (
        "unread parameters that are not pending: "
        f"{sorted(set(unread) - set(PENDING))}; pending but now read (remove them): "
        f"{sorted(set(PENDING) - set(unread))}"
    )
