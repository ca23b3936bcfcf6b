"""The rules a property-service contract must meet before it is submitted and filed, and its
filing deadline.

* Only a filed, not blacklisted company may be given a contract (seed 000 §11; blacklist
  seed 001 §三(二)3), checked by ``registry.companies.services.require_company_may_serve``.
* The contract term lies within the term of the project's current owners' committee, where
  one is in office (seed 000 §16).
* The term ends after it starts; the fee standard is positive with at most two decimals.
* At most one filed regular contract per project at any time: the terms of filed regular
  contracts of a project may not overlap (one active contract at a time).
* The filing deadline: ``contract_filing_days`` after signing, counted per
  ``contract_filing_day_kind`` (seed 004 §8: 15 calendar days; national: none). A period
  of calendar days that ends on a rest day runs on to the next working day (民法典 art. 203),
  so a deadline in a year without a holiday schedule is ``provisional``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError, FieldErrors
from gongzhi.core.explain import cited, explain
from gongzhi.holidays.selectors import holiday_schedule
from gongzhi.registry.companies import services as registry_services
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.workdays import Deadline, HolidaySchedule, add_calendar_days, add_working_days

if TYPE_CHECKING:
    from gongzhi.contracts.models import ServiceContract
    from gongzhi.registry.models import Project, PropertyCompany
    from gongzhi.rules.profiles import PolicyProfile

_NO_DEADLINE = gettext_noop(
    "No filing deadline applies in this jurisdiction: the contract is filed before service starts."
)


# --- the company -------------------------------------------------------------------------


def require_company_may_serve(company: PropertyCompany) -> None:
    """Raise a DomainError naming the field ``company`` if the company is not filed or is
    blacklisted (seed 000 §11; 001 §三(二)3): the registry's own check, so the two apps
    cannot disagree."""
    registry_services.require_company_may_serve(company, field="company")


# --- the terms ---------------------------------------------------------------------------


def term_errors(
    *,
    signed_on: dt.date | None,
    term_start: dt.date | None,
    term_end: dt.date | None,
    fee: Decimal | None,
    today: dt.date,
) -> FieldErrors:
    """Plain checks of the contract's own values (nothing read from the database)."""
    errors: FieldErrors = {}
    if signed_on is not None and signed_on > today:
        errors["signed_on"] = [_("The signing date cannot be in the future.")]
    if term_start is not None and term_end is not None and term_end <= term_start:
        errors["term_end"] = [_("The term must end after it starts.")]
    if fee is not None:
        exponent = fee.as_tuple().exponent
        if not fee.is_finite() or fee <= 0:
            errors["fee_per_m2_month"] = [_("The fee standard must be greater than zero.")]
        elif isinstance(exponent, int) and exponent < -2:
            errors["fee_per_m2_month"] = [_("Give the fee standard to at most 2 decimals (fen).")]
        elif fee >= Decimal("1000000"):
            errors["fee_per_m2_month"] = [_("The fee standard is too large.")]
    return errors


def committee_term_errors(project: Project, term_start: dt.date, term_end: dt.date) -> FieldErrors:
    """The term must lie within the current committee's term, where one exists (000 §16)."""
    from gongzhi.registry.models import OwnersCommittee

    committee = (
        OwnersCommittee.objects.filter(project_id=project.pk, is_current=True)
        .only("term_start", "term_end", "kind")
        .first()
    )
    if committee is None:
        return {}
    if term_start >= committee.term_start and term_end <= committee.term_end:
        return {}
    message = _(
        "The contract term must lie within the term of the owners' committee "
        "(%(start)s – %(end)s), seed 000 §16."
    ) % {"start": committee.term_start, "end": committee.term_end}
    fields: FieldErrors = {}
    if term_start < committee.term_start:
        fields["term_start"] = [message]
    if term_end > committee.term_end:
        fields["term_end"] = [message]
    return fields


def overlap_errors(contract: ServiceContract) -> FieldErrors:
    """A regular contract may not overlap a filed regular contract of the same project."""
    from gongzhi.contracts.models import ServiceContract

    if contract.kind != ServiceContract.Kind.REGULAR:
        return {}
    clash = (
        ServiceContract.objects.filter(
            project_id=contract.project_id,
            kind=ServiceContract.Kind.REGULAR,
            status=ServiceContract.Status.FILED,
            term_start__lt=contract.term_end,
            term_end__gt=contract.term_start,
        )
        .exclude(pk=contract.pk)
        .only("term_start", "term_end")
        .first()
    )
    if clash is None:
        return {}
    return {
        "term_start": [
            _(
                "The project already has a filed property service contract for "
                "%(start)s – %(end)s; only one may be in force at a time."
            )
            % {"start": clash.term_start, "end": clash.term_end}
        ]
    }


def filing_rule_errors(contract: ServiceContract) -> FieldErrors:
    """Every rule checked before submitting and before filing (not the attachments)."""
    errors: FieldErrors = {}
    problem = None
    try:
        require_company_may_serve(contract.company)
    except DomainError as error:
        problem = error.fields.get("company") or [error.message]
    if problem:
        errors["company"] = list(problem)
    others = (
        committee_term_errors(contract.project, contract.term_start, contract.term_end),
        overlap_errors(contract),
    )
    for found in others:
        for key, messages in found.items():
            errors.setdefault(key, []).extend(messages)
    return errors


# --- the filing deadline -----------------------------------------------------------------


@dataclass(frozen=True)
class FilingDeadline:
    """The filing deadline of a contract with its reason (seed 004 §8), or no deadline."""

    days: int | None
    day_kind: str
    source: str
    deadline: Deadline | None

    @property
    def due(self) -> dt.date | None:
        return self.deadline.date if self.deadline else None

    @property
    def provisional(self) -> bool:
        return bool(self.deadline and self.deadline.provisional)

    @property
    def explanation(self) -> Explanation:
        if self.deadline is None:
            return Explanation.of(_NO_DEADLINE, self.source)
        return self.deadline.explanation

    @property
    def text(self) -> str:
        """The explanation in the active language (its sources are in :attr:`citation`)."""
        return explain(self.explanation, cite=False)

    @property
    def citation(self) -> str:
        """The policy source, then the counting rule's citation, in the reader's language."""
        parts = [self.source, self.explanation.citation] if self.deadline else [self.source]
        return "; ".join(cited(p) for p in parts if p)

    def overdue(self, *, filed: bool, today: dt.date) -> bool:
        return not filed and self.due is not None and today > self.due


def filing_deadline(
    signed_on: dt.date,
    *,
    days: int | None,
    day_kind: str,
    source: str,
    schedule: HolidaySchedule | None = None,
) -> FilingDeadline:
    """``days`` after signing, counted in calendar or working days; None = no deadline.
    ``schedule``: the holiday schedule in force (default: the built-in years only)."""
    if days is None:
        return FilingDeadline(None, day_kind, source, None)
    if day_kind == "working":
        deadline = add_working_days(signed_on, days, schedule)
    else:
        deadline = add_calendar_days(signed_on, days, schedule, extend_past_rest_days=True)
    return FilingDeadline(days, day_kind, source, deadline)


def deadline_from_profile(
    signed_on: dt.date, profile: PolicyProfile, schedule: HolidaySchedule | None = None
) -> FilingDeadline:
    """The filing deadline under ``profile`` (``contract_filing_days`` and its day kind),
    counted with ``schedule`` (default: the schedule in force, bureau-entered years
    included; pass it when computing many deadlines to read it once)."""
    param = profile.param("contract_filing_days")
    days = profile.optional_int("contract_filing_days")
    if days is not None and schedule is None:
        schedule = holiday_schedule()
    return filing_deadline(
        signed_on,
        days=days,
        day_kind=profile.text("contract_filing_day_kind"),
        source=param.source,
        schedule=schedule,
    )
