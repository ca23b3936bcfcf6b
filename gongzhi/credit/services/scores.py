"""Yearly scores, the blacklist and its letters (seed 001 §三(二)3; 003 §六(二)).

The database sums each company's valid records for a year (one aggregate); the rules
core turns the total into a score and a grade under the company's profile. The blacklist
is decided from the stored scores and the serious-dishonesty records; a blacklisting
sets ``PropertyCompany.blacklisted_since`` through the registry's service, so the
registry refuses new projects and contracts, and produces its letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor
from gongzhi.credit.models import (
    Blacklisting,
    CreditRecord,
    CreditScore,
    NotificationLetter,
)
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.companies.services import company_blacklist_set
from gongzhi.registry.models import OwnersCommittee, Project, PropertyCompany
from gongzhi.rules import credit as rules
from gongzhi.rules.profiles import PolicyProfile


def valid_in_year(year: int) -> Q:
    """Active records whose validity overlaps ``year`` (``rules.credit.counts_in_year``)."""
    return Q(
        status=CreditRecord.Status.ACTIVE,
        occurred_on__lte=dt.date(year, 12, 31),
        valid_until__gte=dt.date(year, 1, 1),
    )


def _companies(actor: Actor | None, company_ids: Iterable[int] | None) -> list[PropertyCompany]:
    qs = (
        PropertyCompany.objects.all()
        if actor is None
        else PropertyCompany.objects.visible_to(actor)
    )
    if company_ids is not None:
        qs = qs.filter(pk__in=list(company_ids))
    return list(qs.select_related("filed_with").only("id", "node_path", "filed_with"))


class _Profiles(dict[int, PolicyProfile]):
    """Profiles per filing node, read once each."""

    def of(self, company: PropertyCompany) -> PolicyProfile:
        if company.filed_with_id not in self:
            self[company.filed_with_id] = effective_profile(company.filed_with)
        return self[company.filed_with_id]


@transaction.atomic
def scores_recompute(
    *, actor: Actor | None, year: int, company_ids: Iterable[int] | None = None
) -> int:
    """Materialise the score and grade of ``year`` for every company (or those named).

    Score = ``credit_score_base`` + the points of the active records valid in the year;
    grade from ``credit_grade_bands``. Returns the number of companies scored."""
    companies = _companies(actor, company_ids)
    ids = [c.pk for c in companies]
    sums = CreditRecord.objects.filter(valid_in_year(year))
    if company_ids is not None or actor is not None:
        sums = sums.filter(company_id__in=ids)
    totals = {
        row["company_id"]: (row["total"] or 0, row["n"])
        for row in sums.values("company_id").order_by().annotate(total=Sum("points"), n=Count("id"))
    }
    profiles = _Profiles()
    now = clock.now()
    rows = []
    for company in companies:
        profile = profiles.of(company)
        total, count = totals.get(company.pk, (0, 0))
        result = rules.score_from_total(profile, year, total, count)
        rows.append(
            CreditScore(
                company_id=company.pk,
                year=year,
                base=result.base,
                points=total,
                record_count=count,
                score=result.score,
                grade=rules.grade_for_score(profile, result.score).grade,
                profile_id=profile.id,
                computed_at=now,
            )
        )
    CreditScore.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["company", "year"],
        update_fields=[
            "base",
            "points",
            "record_count",
            "score",
            "grade",
            "profile_id",
            "computed_at",
        ],
    )
    if company_ids is None or len(rows) != 1:
        audit.record(
            actor=actor,
            action=AuditAction.BULK_CREATE,
            target_type=CreditScore._meta.label,
            after={"year": year, "companies": len(rows)},
        )
    return len(rows)


# --- the blacklist --------------------------------------------------------------------------


@dataclass(frozen=True)
class BlacklistOutcome:
    listed: list[int]
    lifted: list[int]


def _scored(records: Iterable[CreditRecord]) -> list[rules.ScoredRecord]:
    return [
        rules.ScoredRecord(r.pk, r.kind_code, r.points, r.occurred_on, r.valid_until)
        for r in records
    ]


def blacklist_evaluate(
    *,
    actor: Actor | None,
    company_ids: Iterable[int] | None = None,
    on: dt.date | None = None,
    year: int | None = None,
) -> BlacklistOutcome:
    """Apply the profile's blacklist rule (seed 001 §三(二)3) on day ``on``.

    A company is listed for serious dishonesty on record (valid on ``on``), or when its
    stored scores of the ``credit_blacklist_consecutive_years`` years up to ``year``
    (default: the last completed year) are all at or below ``credit_blacklist_max_score``.
    The listing lasts as long as the records behind it; it is lifted when it has run out
    and the rule no longer holds."""
    day = on or clock.today()
    last_year = year or day.year - 1
    outcome = BlacklistOutcome([], [])
    profiles = _Profiles()
    for company in _companies(actor, company_ids):
        with transaction.atomic():
            _evaluate_one(actor, company, profiles.of(company), day, last_year, outcome)
    return outcome


def _evaluate_one(
    actor: Actor | None,
    company: PropertyCompany,
    profile: PolicyProfile,
    day: dt.date,
    last_year: int,
    outcome: BlacklistOutcome,
) -> None:
    serious = list(
        CreditRecord.objects.filter(
            company_id=company.pk,
            status=CreditRecord.Status.ACTIVE,
            serious=True,
            occurred_on__lte=day,
            valid_until__gte=day,
        )
    )
    years = profile.optional_int("credit_blacklist_consecutive_years") or 0
    span = range(last_year - years + 1, last_year + 1)
    by_year = dict(
        CreditScore.objects.filter(company_id=company.pk, year__in=list(span)).values_list(
            "year", "score"
        )
    )
    scores = [by_year[y] for y in span if y in by_year]
    check = rules.blacklist_check(profile, scores, serious_dishonesty=bool(serious))
    active = (
        Blacklisting.objects.select_for_update()
        .filter(company_id=company.pk, lifted_on__isnull=True)
        .first()
    )
    if check.applies and active is None:
        behind = serious or list(
            CreditRecord.objects.filter(
                Q(company_id=company.pk, nature=CreditRecord.Nature.BAD)
                & Q(valid_in_year(span.start) | valid_in_year(last_year))
            )
        )
        listing = Blacklisting.objects.create(
            company=company,
            since=day,
            until=rules.blacklist_until(_scored(behind)),
            reason=stored(check.explanation),
            node_path=company.node_path,
        )
        listing.records.set(behind)
        audit.record_create(actor, listing)
        _letters(listing, profile, day)
        company_blacklist_set(actor=actor, company_id=company.pk, since=day)
        outcome.listed.append(company.pk)
    elif active is not None and not check.applies and _ran_out(active, day):
        before = audit.snapshot(active)
        active.lifted_on = day
        active.save(update_fields=["lifted_on"])
        audit.record_update(actor, active, before=before)
        company_blacklist_set(actor=actor, company_id=company.pk, since=None)
        outcome.lifted.append(company.pk)


def _ran_out(listing: Blacklisting, day: dt.date) -> bool:
    """Over when its period has passed or no record behind it is still active (e.g. one
    withdrawn on appeal)."""
    if listing.until is None or day > listing.until:
        return True
    return not listing.records.filter(status=CreditRecord.Status.ACTIVE).exists()


def _client_of(project: Project) -> str:
    committee = OwnersCommittee.objects.filter(project_id=project.pk, is_current=True).first()
    if committee is not None:
        return f"{project.name}{committee.get_kind_display()}"
    if project.developer_id:
        return str(project.developer)
    return project.name


def _letters(listing: Blacklisting, profile: PolicyProfile, day: dt.date) -> None:
    """抄告 to each department the profile names and written advice to each client
    (seed 001 §三(二)3: 抄告市监、税务、政府采购 … 向业主大会、开发建设单位 … 提交书面建议)."""
    letters = [
        NotificationLetter(kind=NotificationLetter.Kind.DEPARTMENT, addressee=name[:200])
        for name in profile.strings("credit_notice_departments")
    ]
    for project in Project.objects.filter(company_id=listing.company_id).select_related(
        "developer"
    ):
        letters.append(
            NotificationLetter(
                kind=NotificationLetter.Kind.CLIENT,
                addressee=_client_of(project)[:200],
                project=project,
            )
        )
    for index, letter in enumerate(letters, 1):
        letter.blacklisting = listing
        letter.issued_on = day
        letter.number = f"XY{day:%Y}-{listing.pk:05d}-{index:02d}"
    NotificationLetter.objects.bulk_create(letters)
