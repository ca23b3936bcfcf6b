"""Build the POST of the responsibility-list table editor as a browser sends it."""

from __future__ import annotations

from typing import Any

from gongzhi.complaints.routing import responsibilities_for
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.rules.complaints import dump_responsibilities

FIELDS = ("code", "label_zh", "label_en", "party", "department_kind", "source")


def current_rows(node: Jurisdiction) -> list[dict[str, str]]:
    """The rows the page shows for ``node``: the list in force there."""
    return dump_responsibilities(responsibilities_for(node))


def rows_post(
    existing: list[dict[str, str]],
    *,
    new: tuple[dict[str, str], ...] = (),
    remove: frozenset[str] = frozenset(),
    **action: str,
) -> dict[str, Any]:
    """The form data: ``existing`` rows (as shown, possibly edited; a code listed in
    ``remove`` is ticked for removal), then ``new`` rows, then the button pressed."""
    data: dict[str, Any] = {
        "rows-TOTAL_FORMS": str(len(existing) + len(new)),
        "rows-INITIAL_FORMS": str(len(existing)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate([*existing, *new]):
        for field in FIELDS:
            data[f"rows-{index}-{field}"] = row.get(field, "")
        if index < len(existing):
            data[f"rows-{index}-row_code"] = row.get("code", "")
        if row.get("code") in remove and index < len(existing):
            data[f"rows-{index}-DELETE"] = "on"
    data.update(action or {"save": "1"})
    return data
