"""Automatic credit records from other capabilities' facts (ADR 0005).

* ``complaints.substantiated`` → the catalogue's complaint kind (matching the complaint's
  category, else the general one): seed 002 §四(三) 信用扣分; 003 §六(三).
* ``oversight.warning_issued`` → the catalogue's talk kind (seed 002 §四(三): 约谈警告、
  信用扣分), once per talk.
* ``assessments.project_assessment_published`` → the assessment kind matching the
  result's band (seed 001 §四(二); 003 §五(二)1(7): 考核结果作为信用加减分的依据).
* ``lifecycle.exit_notice_late`` → the ``exit_misconduct`` kind whose ``match`` is
  ``late_notice`` (seed 000 §12; 004 §10: a written exit notice later than the profile's
  days before the end), dated the day after the notice was due; once per exit.

A record is made at most once per cause (``origin = "complaint:<id>"`` or
``"assessment:<id>"``, unique): a complaint reopened and found substantiated again, or an
event delivered twice, still makes one. An event without a company, or whose category or
band the catalogue does not list, makes none.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.credit.services.common import company_profile, project_profile
from gongzhi.credit.services.records import record_automatic
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent
from gongzhi.oversight.events import WARNING_ISSUED
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules.credit import CreditKind, kind_for_event
from gongzhi.rules.periods import Period


def _parties(event: DomainEvent) -> tuple[PropertyCompany, Project | None] | None:
    company_id = event.data.get("company_id")
    company = (
        PropertyCompany.objects.select_related("filed_with").filter(pk=company_id).first()
        if company_id
        else None
    )
    if company is None:
        return None
    project_id = event.data.get("project_id")
    project = (
        Project.objects.select_related("community").filter(pk=project_id).first()
        if project_id
        else None
    )
    return company, project


def _cause(
    event: DomainEvent, source: str, match: str = ""
) -> tuple[PropertyCompany, Project | None, CreditKind] | None:
    """The company, the project and the catalogue's kind for ``source`` (and ``match``)
    under the project's profile (else the company's): None when the event names no known
    company or the catalogue lists no such kind."""
    parties = _parties(event)
    if parties is None:
        return None
    company, project = parties
    profile = project_profile(project) if project else company_profile(company)
    kind = kind_for_event(profile, source, match)
    if kind is None:
        return None
    return company, project, kind


@subscribe("complaints.substantiated")
def record_substantiated_complaint(event: DomainEvent) -> None:
    cause = _cause(event, "complaint", str(event.data.get("category") or ""))
    if cause is None:
        return
    company, project, kind = cause
    data = event.data
    evidence = " · ".join(
        str(part)
        for part in (data.get("number"), data.get("category_label"), data.get("summary"))
        if part
    )
    record_automatic(
        company=company,
        project=project,
        kind=kind,
        occurred_on=dt.date.fromisoformat(str(data.get("found_on") or event.occurred_at.date())),
        evidence=evidence or str(data.get("complaint_id")),
        # one record per complaint: a complaint reopened and found substantiated again is
        # still one cause (and a record withdrawn on appeal stays withdrawn)
        origin=f"complaint:{data.get('complaint_id') or event.subject_id}",
    )


@subscribe(WARNING_ISSUED)
def record_warning_talk(event: DomainEvent) -> None:
    """A warning talk held by a supervisor (seed 002 §四(三): 约谈警告、信用扣分): the
    catalogue's "talk" kind, dated the day of the talk, once per talk."""
    cause = _cause(event, "talk")
    if cause is None:
        return
    company, project, kind = cause
    data = event.data
    record_automatic(
        company=company,
        project=project,
        kind=kind,
        occurred_on=dt.date.fromisoformat(str(data.get("held_on") or event.occurred_at.date())),
        evidence=str(data.get("reason") or data.get("talk_id")),
        origin=f"talk:{data.get('talk_id') or event.subject_id}",
    )


@subscribe("assessments.project_assessment_published")
def record_assessment_result(event: DomainEvent) -> None:
    cause = _cause(event, "assessment", str(event.data.get("band") or ""))
    if cause is None:
        return
    company, project, kind = cause
    data = event.data
    # the record is dated at the end of the assessed period (its frequency is the profile's
    # company_assessment_frequency; events from before it was recorded are quarterly)
    period = Period(
        int(data["year"]),
        int(data.get("period") or data.get("quarter") or 4),
        str(data.get("frequency") or "quarterly"),
    )
    record_automatic(
        company=company,
        project=project,
        kind=kind,
        occurred_on=period.last_day,
        evidence=f"{period.label} · {data.get('score')}/{data.get('max_score')} · "
        f"{data.get('band')}",
        # one record per assessment, however often a returned assessment is republished
        origin=f"assessment:{data.get('assessment_id') or event.subject_id}",
    )


# emitted by gongzhi.lifecycle.services.exit_notify (gongzhi.lifecycle.events.EXIT_NOTICE_LATE);
# the literal keeps credit from importing lifecycle, which imports credit's eligibility
@subscribe("lifecycle.exit_notice_late")
def record_late_exit_notice(event: DomainEvent) -> None:
    cause = _cause(event, "exit_misconduct", "late_notice")
    if cause is None or cause[2].match != "late_notice":
        return
    company, project, kind = cause
    data = event.data
    due = dt.date.fromisoformat(str(data["due"]))
    record_automatic(
        company=company,
        project=project,
        kind=kind,
        occurred_on=due + dt.timedelta(days=1),
        evidence=f"{data.get('notice_on')} · {data.get('due')} · {data.get('end_on')} "
        f"({data.get('days')})",
        # one record per exit
        origin=f"exit:{data.get('exit_id') or event.subject_id}",
    )


# emitted by gongzhi.assessments.awards.award_grant (AWARD_EVENT)
@subscribe("assessments.award_granted")
def record_award(event: DomainEvent) -> None:
    """Seed 001 §四(二): 物业企业获奖的可记入信用加分 — the catalogue's ``award`` kind."""
    parties = _parties(event)
    if parties is None:
        return
    company, _project = parties
    kind = kind_for_event(company_profile(company), "award")
    if kind is None:
        return
    year = int(event.data["year"])
    record_automatic(
        company=company,
        kind=kind,
        occurred_on=dt.date(year, 12, 31),
        evidence=f"{year} · {event.data.get('title') or ''}",
        origin=f"award:{event.data.get('award_id') or event.subject_id}",
    )
