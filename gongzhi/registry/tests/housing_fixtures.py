"""Helpers for the housing tests: a snapshot of every housing table and the audit log,
so a test can show that bad input changed nothing."""

from __future__ import annotations

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Occupant,
    Owner,
    Ownership,
    Project,
)

# Valid identifiers (python-stdnum check digits).
DEV_USCC = "91360702MA35G2K966"  # also company_2's code: a valid GB 32100 code
NEW_ID = "110101199003071233"
NEW_ID_2 = "110101198512120027"
DEV_USCC_2 = "91430100MA4L0BQX18"


def state() -> tuple:
    """Row counts, ownership shares and the number of audit entries."""
    return (
        Project.objects.count(),
        Building.objects.count(),
        BuildingUnit.objects.count(),
        ExclusivePart.objects.count(),
        Owner.objects.count(),
        sorted(
            Ownership.objects.values_list(
                "part_id", "owner_id", "share_numerator", "share_denominator"
            )
        ),
        Occupant.objects.count(),
        sorted(
            Project.objects.values_list(
                "id", "name", "company_id", "category", "total_building_area"
            )
        ),
        sorted(ExclusivePart.objects.values_list("id", "project_id", "number", "area")),
        AuditEntry.objects.count(),
    )


def bad_id(valid: str) -> str:
    """``valid`` with a wrong check digit."""
    last = valid[-1]
    return valid[:-1] + ("1" if last != "1" else "2")
