"""Using the maintenance fund: application by the committee or the company, the owners'
decision through the decisions capability (seed 000 §33: double 2/3 participation,
double majority), the housing bureau's pre-review (seed 003 §五(一)1(6)), disbursement
apportioned to the sharing parts by area, and publication (000 §22). Emergencies
(住宅专项维修资金管理办法 art. 24; kinds in the profile) skip the owners' decision and
are published afterwards."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core import bulk, clock
from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.funds import accounts, ledger
from gongzhi.funds.models import Fund, FundUseApplication, FundUseShare, PartFund, Side
from gongzhi.funds.services._base import (
    as_date,
    fen,
    profile_of,
    project_get,
    require_committee_or_company,
)
from gongzhi.funds.services.maintenance import check_topups
from gongzhi.funds.workflow import FUND_USE_FLOW
from gongzhi.rules import funds as fund_rules
from gongzhi.rules.funds import area_weight

logger = logging.getLogger(__name__)
S = FundUseApplication.Status


def _open_matter(actor: Actor, app: FundUseApplication, part_ids: list[int]) -> int:
    """Ask the decisions capability for the owners' vote on this application: a
    ``fund_use`` matter on which the parts sharing the cost vote (seed 000 §33). The
    decisions capability checks that the actor may organise a vote (the committee, or
    the street/community where there is none)."""
    from gongzhi.decisions.services import matter_create

    with transaction.atomic():
        matter = matter_create(
            actor=actor,
            project=app.project,
            kind="fund_use",
            title=app.title,
            body=app.work,
            part_ids=part_ids,
            source_ref=app.source_ref,
        )
    return int(matter.pk)


@transaction.atomic
def fund_use_apply(
    *,
    actor: Actor,
    project_id: int,
    title: str,
    work: str,
    estimate: Any,
    part_ids: list[int],
    emergency: str = "",
) -> FundUseApplication:
    """Apply to use the fund for a repair whose cost the listed parts share.

    A normal application waits for the owners' decision; an emergency kind the profile
    allows goes straight to the bureau's pre-review and is published afterwards."""
    project = project_get(actor, project_id)
    applicant = require_committee_or_company(actor, project)
    errors: dict[str, list[Any]] = {}
    clean_title = str(title or "").strip()
    clean_work = str(work or "").strip()
    if not clean_title:
        errors["title"] = [_("This field is required.")]
    if not clean_work:
        errors["work"] = [_("This field is required.")]
    try:
        estimate_fen = fen(estimate, "estimate")
    except DomainError as error:
        errors.update(error.fields)
        estimate_fen = None
    ids = sorted({int(i) for i in part_ids or []})
    part_funds = list(
        PartFund.objects.filter(project=project, part_id__in=ids).select_related("part")
    )
    if not ids:
        errors["part_ids"] = [_("Choose the parts that share the cost.")]
    elif len(part_funds) != len(ids):
        errors["part_ids"] = [
            _("Every sharing part must belong to this project and have a maintenance-fund account.")
        ]
    if emergency:
        if emergency not in FundUseApplication.Emergency.values:
            errors["emergency"] = [_("Select a valid choice.")]
        elif not fund_rules.emergency_use_allowed(profile_of(project), emergency):
            errors["emergency"] = [
                _("This jurisdiction's policy does not allow emergency use for this kind.")
            ]
    if errors:
        raise DomainError(_("The application has errors."), fields=errors)
    app = FundUseApplication.objects.create(
        project=project,
        applicant=applicant,
        company=project.company if applicant == "company" else None,
        title=clean_title[:200],
        work=clean_work,
        estimate_fen=estimate_fen,
        emergency=emergency,
        status=S.EMERGENCY if emergency else S.AWAITING_OWNERS,
        created_by=user_of(actor),
        node_path=project.node_path,
    )
    FundUseShare.objects.bulk_create(
        [FundUseShare(application=app, part=pf.part, area=pf.part.area) for pf in part_funds],
        batch_size=1000,
    )
    audit.record_create(actor, app)
    if not emergency and applicant == "committee":
        # The company proposes; the committee (or the street/community where there is
        # none) puts it to the owners with fund_use_open_decision (管理办法 art. 22-23).
        app.matter_id = _open_matter(actor, app, ids)
        FundUseApplication.objects.filter(pk=app.pk).update(matter_id=app.matter_id)
    return app


@transaction.atomic
def fund_use_open_decision(*, actor: Actor, application_id: int) -> FundUseApplication:
    """Put a company's application to the owners' vote (the committee, or the street or
    community where the project has none)."""
    app: FundUseApplication = get_visible(
        FundUseApplication.objects.select_for_update().select_related("project"),
        actor,
        pk=application_id,
    )
    if app.status != S.AWAITING_OWNERS or app.matter_id is not None:
        raise ConflictError(_("This application is not waiting for a vote to be opened."))
    before = audit.snapshot(app)
    part_ids = list(app.shares.order_by("part_id").values_list("part_id", flat=True))
    app.matter_id = _open_matter(actor, app, part_ids)
    app.save(update_fields=["matter_id"])
    audit.record_update(actor, app, before=before)
    return app


def fund_use_act(
    *, actor: Actor, application_id: int, action: str, note: str = ""
) -> FundUseApplication:
    """Pre-review, refuse or publish (``disburse`` has its own service)."""
    if action == "disburse":
        return fund_use_disburse(actor=actor, application_id=application_id)
    if action not in ("pre_review", "refuse", "publish"):
        raise ConflictError(_("Unknown action."))
    now = clock.now()
    changes: dict[str, Any] = (
        {"published_at": now, "publication_note": note.strip()}
        if action == "publish"
        else {"reviewed_at": now, "reviewed_by": user_of(actor), "review_note": note.strip()}
    )
    app: FundUseApplication = transition(
        actor=actor,
        workflow=FUND_USE_FLOW,
        queryset=FundUseApplication.objects.select_related("project"),
        pk=application_id,
        action=action,
        changes=changes,
        note=note,
    )
    return app


@transaction.atomic
def fund_use_disburse(
    *, actor: Actor, application_id: int, amount: Any = None, date: Any = None
) -> FundUseApplication:
    """Pay the repair from the sharing parts' accounts, apportioned by area to the fen.

    All or nothing: if any part's balance is short, nothing is paid and the error names
    the part; the accounts are locked, so concurrent disbursements cannot overdraw."""
    app: FundUseApplication = transition(
        actor=actor,
        workflow=FUND_USE_FLOW,
        queryset=FundUseApplication.objects.select_related("project"),
        pk=application_id,
        action="disburse",
        changes={"disbursed_at": clock.now()},
    )
    total = app.estimate_fen if amount in (None, "") else fen(amount, "amount")
    assert total is not None
    shares = list(app.shares.order_by("part_id").values_list("pk", "part_id", "area"))
    sharing = PartFund.objects.filter(part_id__in=app.shares.values("part_id")).order_by()
    account_of = dict(sharing.values_list("part_id", "account_id"))
    amounts = fund_rules.allocate(total, [area_weight(area) for _pk, _part, area in shares])
    project = app.project
    rows = [(accounts.maintenance_bank(project).pk, Side.CREDIT, total)]
    rows += [
        (account_of[part_id], Side.DEBIT, amount_fen)
        for (_pk, part_id, _area), amount_fen in zip(shares, amounts, strict=True)
        if amount_fen > 0
    ]
    entry, _balances = ledger.post_rows(
        actor=actor,
        fund=Fund.MAINTENANCE,
        date=as_date(date),
        memo=gettext("Disbursement: %(title)s") % {"title": app.title},
        rows=rows,
        project_id=project.pk,
        node_path=project.node_path,
        reference=app.source_ref,
    )
    bulk.set_column(
        FundUseShare,
        "amount_fen",
        [(amount, share[0]) for share, amount in zip(shares, amounts, strict=True)],
    )
    FundUseApplication.objects.filter(pk=app.pk).update(disbursement=entry)
    app.disbursement = entry
    check_topups(
        actor=actor,
        part_fund_ids=sharing.values_list("pk", flat=True),
    )
    return app


def fund_use_owners_decided(
    *, actor: Actor, source_ref: str, passed: bool, closed_on: dt.date | None, matter_id: Any
) -> FundUseApplication | None:
    """Move the application the owners decided on (``decisions.matter_closed``)."""
    prefix = "funds.fund_use:"
    if not source_ref.startswith(prefix):
        return None
    try:
        pk = int(source_ref[len(prefix) :])
    except ValueError:
        logger.warning("fund-use decision with a malformed source_ref %r", source_ref)
        return None
    changes: dict[str, Any] = {"owners_decided_on": closed_on}
    if matter_id is not None:
        changes["matter_id"] = int(matter_id)
    app: FundUseApplication = transition(
        actor=actor,
        workflow=FUND_USE_FLOW,
        queryset=FundUseApplication.objects.all(),
        pk=pk,
        action="owners_approve" if passed else "owners_reject",
        changes=changes,
    )
    return app
