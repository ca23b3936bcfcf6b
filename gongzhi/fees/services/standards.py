"""Fee standards and the published list of fee items (seed 000 §14,15; seed 004 §5)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.clock import now
from gongzhi.core.errors import FieldErrors, invalid
from gongzhi.core.scoping import Actor, user_of
from gongzhi.core.workflow import transition
from gongzhi.fees.models import FeeItem, FeeStandard, PartKind
from gongzhi.fees.services.common import as_date, staff_project
from gongzhi.fees.workflow import STANDARD_FLOW
from gongzhi.rules import fees as rules


def _clean_items(items: Any, errors: FieldErrors) -> list[FeeItem]:
    out: list[FeeItem] = []
    seen: set[tuple[str, str]] = set()
    if not isinstance(items, list | tuple) or not items:
        errors["items"] = [_("Add at least one fee item.")]
        return out
    for number, raw in enumerate(items, 1):
        raw = raw if isinstance(raw, dict) else {}
        name = str(raw.get("name") or "").strip()
        kind = str(raw.get("part_kind") or "")
        basis = str(raw.get("basis") or "")
        key = f"items[{number}]"
        problems = []
        if not name or len(name) > 64:
            problems.append(_("Item %(n)s: enter a name of at most 64 characters.") % {"n": number})
        if kind not in PartKind.values:
            problems.append(_("Item %(n)s: choose the kind of part.") % {"n": number})
        if basis not in FeeItem.Basis.values:
            problems.append(_("Item %(n)s: choose the basis.") % {"n": number})
        try:
            price = Decimal(str(raw.get("price")))
            rules.check_price(price)
        except (InvalidOperation, rules.FeeRuleError):
            problems.append(
                _(
                    "Item %(n)s: the price must be a positive number of yuan "
                    "(at most four decimals)."
                )
                % {"n": number}
            )
            price = Decimal(0)
        if (name, kind) in seen:
            problems.append(_("Item %(n)s: the same item appears twice.") % {"n": number})
        seen.add((name, kind))
        if problems:
            errors[key] = problems
        out.append(FeeItem(name=name, part_kind=kind, basis=basis, price=price))
    return out


@transaction.atomic
def fee_standard_set(
    *,
    actor: Actor,
    project_id: int,
    service_grade: str,
    mode: str,
    effective_from: Any,
    items: list[dict[str, Any]],
    effective_to: Any = None,
    unrenovated_reduction: bool = True,
) -> FeeStandard:
    """Draft a project's fee standard with its item list (company staff of the project).

    Prices are monthly, per m² or per part, and must be positive (seed 000 §15: fees by
    service grade; seed 004 §5: 包干制/酬金制/菜单制). Publishing is a separate step.
    """
    project = staff_project(actor, project_id)
    errors: FieldErrors = {}
    if service_grade not in FeeStandard.Grade.values:
        errors["service_grade"] = [_("Select a valid choice.")]
    if mode not in FeeStandard.Mode.values:
        errors["mode"] = [_("Select a valid choice.")]
    start = as_date(effective_from, "effective_from", errors)
    end = as_date(effective_to, "effective_to", errors, required=False)
    if start and end and end <= start:
        errors["effective_to"] = [_("The end must be after the start.")]
    clean = _clean_items(items, errors)
    if errors:
        raise invalid(errors)
    standard = FeeStandard.objects.create(
        project=project,
        company_id=project.company_id,
        service_grade=service_grade,
        mode=mode,
        effective_from=start,
        effective_to=end,
        unrenovated_reduction=bool(unrenovated_reduction),
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    for item in clean:
        item.standard = standard
    FeeItem.objects.bulk_create(clean)
    audit.record_create(actor, standard)
    return standard


def fee_items_publish(*, actor: Actor, standard_id: int) -> FeeStandard:
    """Publish the standard's item list: from now on only these items may be billed and
    supervisors, the committee and the owners see them (seed 000 §14 公示)."""
    standard: FeeStandard = transition(
        actor=actor,
        workflow=STANDARD_FLOW,
        queryset=FeeStandard.objects.all(),
        pk=standard_id,
        action="publish",
        changes={"published_at": now()},
    )
    return standard
