"""Writes of a handover inspection (承接查验): preconditions, findings with photos,
rectification and re-inspection, the agreement signed by developer and company, its
publication to the owners, filing with the bureau and delivery.

Seed 000 §8 (preconditions), §24 (fifteen days before delivery; results published;
rectified on a deadline); seed 004 §12 (thirty days; agreement; filed before completion
filing), §14 (no delivery without the first maintenance-fund deposit).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.uploads import validate_upload
from gongzhi.events.bus import emit
from gongzhi.funds.selectors import first_deposit_missing
from gongzhi.lifecycle.events import HANDOVER_PUBLISHED
from gongzhi.lifecycle.models import Handover, HandoverFinding
from gongzhi.lifecycle.services.common import (
    FieldErrors,
    Rows,
    as_date,
    explain,
    history,
    invalid,
    profile_of,
    project_get,
    require,
    required_text,
    today,
    user_of,
)
from gongzhi.lifecycle.workflow import (
    HANDOVER_FLOW,
    inspects,
    is_company_staff,
    is_official_over,
)
from gongzhi.registry.companies.services import require_company_may_serve
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules import lifecycle as rules

H = Handover.Status
OPEN_FOR_FINDINGS = (H.INSPECTING, H.RECTIFYING)


HANDOVERS = Rows(
    Handover,
    HANDOVER_FLOW,
    related=("project", "project__community", "company"),
    lockable=("project", "project__community", "company"),
)
_handover = HANDOVERS.get
_act = HANDOVERS.act


@transaction.atomic
def handover_create(
    *,
    actor: Actor,
    project_id: Any,
    company_id: Any,
    delivery_on: Any,
    developer_name: str = "",
) -> Handover:
    """Open the handover inspection of a project before its delivery: the street or
    community over it, or the staff of the company that will serve it. The company must
    be filed and not blacklisted (seed 000 §11;
    §24: 物业服务企业不得擅自承接未达到交付使用的物业)."""
    project = project_get(actor, project_id)
    errors: FieldErrors = {}
    company = (
        PropertyCompany.objects.filter(pk=company_id).first()
        if str(company_id or "").isdigit()
        else None
    )
    if company is None:
        errors["company_id"] = [_("Unknown property company.")]
    else:
        try:
            require_company_may_serve(company, field="company_id")
        except DomainError as error:  # not filed, or blacklisted
            errors.update(error.fields)
    if not (
        is_official_over(actor, project.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)
        or (company is not None and is_company_staff(actor, company.pk))
    ):
        raise PermissionDeniedError(_("Your role may not do this for this project."))
    delivery = as_date(delivery_on, "delivery_on", errors)
    developer = str(developer_name or "").strip() or (
        project.developer.name if project.developer else ""
    )
    if not developer:
        errors["developer_name"] = [_("This field is required.")]
    open_one = Handover.objects.filter(project_id=project.pk).exclude(status=H.DELIVERED)
    if open_one.exists():
        errors.setdefault("project_id", []).append(
            _("This project already has a handover inspection in progress.")
        )
    require(errors)
    assert company is not None and delivery is not None
    handover = Handover.objects.create(
        project=project,
        company=company,
        developer_name=developer[:200],
        delivery_on=delivery,
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, handover)
    due = rules.handover_due(profile_of(project), delivery)
    history(actor, project, "handover_opened", handover=handover.pk, due=due.due.isoformat())
    return handover


def _require_inspector(actor: Actor, handover: Handover) -> None:
    if not inspects(actor, handover):
        raise PermissionDeniedError(_("Your role may not do this for this record."))


@transaction.atomic
def preconditions_set(*, actor: Actor, handover_id: int, met: dict[str, Any]) -> Handover:
    """Tick the preconditions of the profile's checklist (seed 000 §8)."""
    handover = _handover(actor, handover_id, lock=True)
    _require_inspector(actor, handover)
    if handover.status != H.PREPARING:
        raise ConflictError(_("The preconditions are fixed once the inspection has started."))
    codes = {item.code for item in rules.handover_preconditions(profile_of(handover.project))}
    unknown = sorted(set(met) - codes)
    if unknown:
        raise invalid({"preconditions": [_("Unknown condition: %(code)s.") % {"code": unknown[0]}]})
    before = audit.snapshot(handover)
    handover.preconditions = {code: bool(met.get(code)) for code in sorted(codes)}
    handover.save(update_fields=["preconditions"])
    audit.record_update(actor, handover, before=before)
    return handover


@transaction.atomic
def handover_start(*, actor: Actor, handover_id: int) -> Handover:
    """Start the inspection once every precondition holds (seed 000 §8: 必须具备条件才能启动)."""
    handover = _handover(actor, handover_id)
    items = rules.handover_preconditions(profile_of(handover.project))

    def check(found: Handover) -> None:
        result = rules.checklist_check(items, found.preconditions)
        if not result.ok:
            raise invalid(
                {"preconditions": [item.label_zh for item in result.missing]},
                _("%(count)s preconditions are not met yet.") % {"count": len(result.missing)},
            )

    done = _act(actor, handover, "start", changes={"started_on": today()}, check=check)
    history(actor, done.project, "handover_started", handover=done.pk)
    return done


@transaction.atomic
def finding_add(
    *,
    actor: Actor,
    handover_id: int,
    location: str,
    result: str,
    description: str = "",
    photo: UploadedFile | None = None,
    rectify_by: Any = None,
) -> HandoverFinding:
    """Record an inspected item (with an optional photo). A defect gets a rectification
    deadline: the one given, or ``handover_rectification_days`` from today (seed 000 §24:
    在规定时间内落实整改)."""
    handover = _handover(actor, handover_id, lock=True)
    _require_inspector(actor, handover)
    if handover.status not in OPEN_FOR_FINDINGS:
        raise ConflictError(_("Findings are recorded only during the inspection."))
    errors: FieldErrors = {}
    place = required_text(location, "location", errors, max_length=200)
    if result not in HandoverFinding.Result.values:
        errors["result"] = [_("Select a valid choice.")]
    deadline = as_date(rectify_by, "rectify_by", errors, required=False)
    day = today()
    if result == HandoverFinding.Result.DEFECT:
        if not str(description or "").strip():
            errors["description"] = [_("Describe the defect.")]
        if deadline is None and "rectify_by" not in errors:
            deadline = rules.rectification_due(profile_of(handover.project), day).due
        elif deadline is not None and deadline < day:
            errors["rectify_by"] = [_("The deadline cannot be in the past.")]
    else:
        deadline = None
    if photo is not None:
        try:
            validate_upload(photo)
        except ValidationError as error:
            errors["photo"] = list(error.messages)
    require(errors)
    finding = HandoverFinding.objects.create(
        handover=handover,
        location=place,
        description=str(description or "").strip(),
        result=result,
        photo=photo or "",
        found_on=day,
        rectify_by=deadline,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=handover,
        field="finding",
        after={"finding": finding.pk, "location": place, "result": result},
    )
    return finding


def _finding(actor: Actor, finding_id: Any) -> HandoverFinding:
    found: HandoverFinding = get_visible(
        HandoverFinding.objects.select_for_update(of=("self",)).select_related(
            "handover", "handover__project"
        ),
        actor,
        pk=finding_id,
    )
    _require_inspector(actor, found.handover)
    if found.handover.status not in OPEN_FOR_FINDINGS:
        raise ConflictError(_("Findings are recorded only during the inspection."))
    if found.result != HandoverFinding.Result.DEFECT:
        raise ConflictError(_("Only a defect is rectified."))
    return found


@transaction.atomic
def finding_rectified(
    *, actor: Actor, finding_id: int, rectified_on: Any = None
) -> HandoverFinding:
    """The developer reports a defect rectified; it awaits re-inspection."""
    finding = _finding(actor, finding_id)
    if finding.rectified_on is not None:
        raise ConflictError(_("This defect is already reported rectified."))
    errors: FieldErrors = {}
    day = as_date(rectified_on, "rectified_on", errors, required=False) or today()
    if day > today():
        errors["rectified_on"] = [_("The date cannot be in the future.")]
    require(errors)
    before = audit.snapshot(finding)
    finding.rectified_on = day
    finding.save(update_fields=["rectified_on"])
    audit.record_update(actor, finding, before=before)
    return finding


@transaction.atomic
def finding_reinspect(*, actor: Actor, finding_id: int, passed: bool) -> HandoverFinding:
    """Re-inspect a rectified defect: passed closes it; failed sends it back to the
    developer (the rectification is cleared, the deadline stays)."""
    finding = _finding(actor, finding_id)
    if finding.reinspected_on is not None:
        raise ConflictError(_("This defect has already passed re-inspection."))
    if finding.rectified_on is None:
        raise ConflictError(_("The defect is not reported rectified yet."))
    before = audit.snapshot(finding)
    if passed:
        finding.reinspected_on = today()
    else:
        finding.rectified_on = None
    finding.save(update_fields=["reinspected_on", "rectified_on"])
    audit.record_update(actor, finding, before=before)
    return finding


def _open_defects(handover: Handover) -> int:
    return HandoverFinding.objects.filter(
        handover_id=handover.pk, result=HandoverFinding.Result.DEFECT, reinspected_on__isnull=True
    ).count()


@transaction.atomic
def handover_rectify(*, actor: Actor, handover_id: int) -> Handover:
    """Send the open defects to the developer for rectification (the list with deadlines)."""
    handover = _handover(actor, handover_id)

    def check(found: Handover) -> None:
        if not _open_defects(found):
            raise ConflictError(_("There is no open defect to rectify."))

    done = _act(actor, handover, "rectify", check=check)
    history(actor, done.project, "handover_rectification", handover=done.pk)
    return done


@transaction.atomic
def handover_sign(
    *,
    actor: Actor,
    handover_id: int,
    developer_signatory: str,
    company_signatory: str,
    signed_on: Any = None,
) -> Handover:
    """Both sides sign the handover agreement once no defect is open (seed 004 §12: 须签订
    承接查验协议; seed 000 §24: 签订物业承接查验协议). A signature after the profile's
    deadline is accepted and shows as overdue."""
    handover = _handover(actor, handover_id)
    errors: FieldErrors = {}
    developer = required_text(developer_signatory, "developer_signatory", errors, max_length=64)
    company = required_text(company_signatory, "company_signatory", errors, max_length=64)
    day = as_date(signed_on, "signed_on", errors, required=False) or today()
    if day > today():
        errors["signed_on"] = [_("The date cannot be in the future.")]
    require(errors)

    def check(found: Handover) -> None:
        count = _open_defects(found)
        if count:
            raise ConflictError(
                _("%(count)s defects are still open: rectify and re-inspect them first.")
                % {"count": count}
            )

    done = _act(
        actor,
        handover,
        "sign",
        changes={
            "signed_on": day,
            "developer_signatory": developer,
            "company_signatory": company,
        },
        check=check,
    )
    due = rules.handover_due(profile_of(done.project), done.delivery_on)
    history(
        actor,
        done.project,
        "handover_signed",
        handover=done.pk,
        signed_on=day.isoformat(),
        overdue=due.overdue(done_on=day, today=day),
    )
    return done


@transaction.atomic
def handover_publish(*, actor: Actor, handover_id: int) -> Handover:
    """Publish the result to the project's owners (seed 000 §24: 向业主公开查验结果; 004 §12)."""
    handover = _handover(actor, handover_id)
    done = _act(actor, handover, "publish", changes={"published_on": today()})
    history(actor, done.project, "handover_published", handover=done.pk)
    findings = list(done.findings.order_by("found_on", "pk"))
    defects = [f for f in findings if f.result == HandoverFinding.Result.DEFECT]
    emit(
        HANDOVER_PUBLISHED,
        subject=done,
        data={
            "handover_id": done.pk,
            "project_id": done.project_id,
            "inspected_on": (done.started_on or done.signed_on or today()).isoformat(),
            "signed_on": done.signed_on.isoformat() if done.signed_on else "",
            "findings": len(findings),
            "defects": len(defects),
            "rectified": sum(1 for f in defects if f.rectified_on),
            "issues": [f"{f.location}: {f.description}".strip(": ") for f in defects][:20],
        },
        node_path=done.node_path,
        actor=user_of(actor),
    )
    return done


@transaction.atomic
def handover_file(*, actor: Actor, handover_id: int) -> Handover:
    """The bureau files the handover (seed 004 §12: 在新城房屋管理部门备案后交付；未完成承接
    查验备案的项目不得进行竣工验收备案)."""
    handover = _handover(actor, handover_id)
    done = _act(actor, handover, "file", changes={"filed_on": today(), "filed_by": user_of(actor)})
    history(actor, done.project, "handover_filed", handover=done.pk)
    return done


def delivery_check(handover: Handover) -> rules.Check:
    """May the project be delivered? Not while a part lacks its first maintenance-fund
    deposit where the profile says so (seed 004 §14), read from the funds capability."""
    missing = first_deposit_missing(handover.project).count()
    return rules.delivery_check(profile_of(handover.project), parts_missing_first_deposit=missing)


@transaction.atomic
def handover_deliver(*, actor: Actor, handover_id: int) -> Handover:
    """Allow delivery of a filed handover; refused while first deposits are missing."""
    handover = _handover(actor, handover_id)

    def check(found: Handover) -> None:
        result = delivery_check(found)
        if not result.ok:
            raise ConflictError(explain(result.explanation))

    done = _act(
        actor,
        handover,
        "deliver",
        changes={"delivered_on": today()},
        check=check,
        roles=(Role.BUREAU, Role.STREET_OFFICER),
    )
    history(actor, done.project, "delivered", handover=done.pk)
    return done
