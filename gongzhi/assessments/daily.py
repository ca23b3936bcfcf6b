"""Daily community checks (日常考核; seed 004 §10 and annex): the transition table, the
writes (atomic, audited; bad input names each field and writes nothing) and the reads,
including the summary the lifecycle app's exit review shows (``exit_review_summary``).

    open ──close (community, saying how it was put right)──► closed
    ok                       (nothing found: nothing to close)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.assessments import selectors
from gongzhi.assessments.daily_models import DailyCheck, DailyCheckPhoto
from gongzhi.assessments.workflow import is_official_over
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.attachments import photos_check, upload_fields
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import Transition, Workflow, transition
from gongzhi.registry.models import Project
from gongzhi.rules import assessments as rules

D = DailyCheck.Status
CHECKERS = frozenset({Role.COMMUNITY_OFFICER, Role.STREET_OFFICER})


def _guard_close(check: DailyCheck, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, check.node_path, *CHECKERS):
        raise PermissionDeniedError(
            pgettext_lazy("daily check", "Only the community or street over it closes a check.")
        )
    if not str(context.get("note") or "").strip():
        raise invalid({"note": [pgettext_lazy("daily check", "Say how it was put right.")]})


DAILY_FLOW = Workflow.of(
    "daily-check",
    "status",
    Transition.of(
        "close",
        pgettext_lazy("daily check", "Confirm it was put right"),
        {D.OPEN},
        D.CLOSED,
        CHECKERS,
        _guard_close,
    ),
)


@transaction.atomic
def daily_check_record(
    *,
    actor: Actor,
    project_id: Any,
    checked_on: dt.date | None,
    problems: Mapping[str, str],
    note: str = "",
    photos: Iterable[UploadedFile] = (),
) -> DailyCheck:
    """Record a daily check: ``problems`` maps items of the profile's assessment form to
    what was found wanting (empty: nothing found)."""
    if not actor.has_role(*CHECKERS):
        raise PermissionDeniedError(
            pgettext_lazy("daily check", "Only community and street officers record checks.")
        )
    errors: FieldErrors = {}
    pk = int(project_id) if str(project_id).isdigit() else 0
    project = selectors.assessable_projects(actor=actor).filter(pk=pk).first() or (
        Project.objects.visible_to(actor).filter(pk=pk).select_related("community").first()
    )
    if project is None:
        errors["project_id"] = [
            pgettext_lazy("daily check", "Choose a project in your jurisdiction.")
        ]
    if checked_on is None or checked_on > clock.today():
        errors["checked_on"] = [
            pgettext_lazy("daily check", "Enter the day of the check, not in the future.")
        ]
    findings: list[dict[str, str]] = []
    if project is not None:
        items = {i.code: i for i in selectors.project_form(project)}
        for code, text in problems.items():
            if code not in items:
                errors[f"problems.{code}"] = [
                    pgettext_lazy("daily check", "Not an item of this project's form.")
                ]
            elif str(text or "").strip():
                item: rules.FormItem = items[code]
                findings.append(
                    {"code": code, "label": item.label_zh, "note": str(text).strip()[:500]}
                )
    checked = photos_check(photos, errors)
    if errors or project is None or checked_on is None:
        raise invalid(errors)
    check = DailyCheck.objects.create(
        project=project,
        company_id=project.company_id,
        checked_on=checked_on,
        findings=findings,
        note=str(note or "").strip(),
        status=D.OPEN if findings else D.OK,
        node_path=project.node_path,
        inspector=user_of(actor),
    )
    for upload, kind in checked:
        DailyCheckPhoto.objects.create(
            daily_check=check, **upload_fields(upload, kind=kind, actor=actor)
        )
    audit.record_create(actor, check)
    return check


def daily_check_close(*, actor: Actor, check_id: int, note: str) -> DailyCheck:
    closed: DailyCheck = transition(
        actor=actor,
        workflow=DAILY_FLOW,
        queryset=DailyCheck.objects.all(),
        pk=check_id,
        action="close",
        changes={"close_note": str(note or "").strip(), "closed_at": clock.now()},
        note=note,
    )
    return closed


def daily_check_list(
    *, actor: Actor, status: str = "", project_id: int | None = None
) -> QuerySet[DailyCheck]:
    qs = DailyCheck.objects.visible_to(actor).select_related("project", "company", "inspector")
    if status:
        qs = qs.filter(status=status)
    if project_id:
        qs = qs.filter(project_id=project_id)
    return qs.order_by("-checked_on", "-id")


def daily_check_get(*, actor: Actor, pk: int) -> DailyCheck:
    found: DailyCheck = get_visible(
        DailyCheck.objects.select_related("project", "company", "inspector"), actor, pk=pk
    )
    return found


def daily_photo_get(*, actor: Actor, pk: int) -> DailyCheckPhoto:
    found: DailyCheckPhoto = get_visible(DailyCheckPhoto.objects.all(), actor, pk=pk)
    return found


@dataclass(frozen=True)
class CheckSummary:
    """A project's daily checks of one company over a window, for the exit review."""

    since: dt.date
    total: int
    with_problems: int
    still_open: int
    recent: list[DailyCheck]


def exit_review_summary(
    *, actor: Actor, project_id: int, company_id: int | None, days: int = 365
) -> CheckSummary:
    """Seed 004 §10: the daily checks (日常考核) of the company in the project in the last
    ``days`` days — what the joint review weighs before a forced exit."""
    since = clock.today() - dt.timedelta(days=days)
    qs = DailyCheck.objects.visible_to(actor).filter(project_id=project_id, checked_on__gte=since)
    if company_id:
        qs = qs.filter(company_id=company_id)
    counts = qs.aggregate(
        total=Count("id"),
        problems=Count("id", filter=~Q(status=D.OK)),
        open=Count("id", filter=Q(status=D.OPEN)),
    )
    return CheckSummary(
        since,
        counts["total"],
        counts["problems"],
        counts["open"],
        list(qs.exclude(status=D.OK).order_by("-checked_on", "-id")[:5]),
    )
