"""Credit records through the services: manual entry with evidence and a second officer's
approval, refusals that change nothing, appeals (异议), automatic records from domain
events (once per event) and from overdue contract filings (seed 004 §8)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.contracts.models import ServiceContract
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.credit.models import Appeal, CreditRecord, CreditScore
from gongzhi.credit.services import records
from gongzhi.credit.tests.helpers import active_record, actor, enter, pdf, today
from gongzhi.events.bus import emit
from gongzhi.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db
S = CreditRecord.Status


def _counts():
    return CreditRecord.objects.count(), Appeal.objects.count(), AuditEntry.objects.count()


def _score(company, year=None):
    return CreditScore.objects.get(company=company, year=year or today().year).score


def test_manual_record_waits_for_a_second_officer(city):
    # given a record entered by the street officer
    record = enter(city, files=[pdf()])
    assert record.status == S.PENDING and record.points == -10
    assert record.files.count() == 1
    # when the same officer approves it, it is refused and nothing changes
    before = _counts()
    with pytest.raises(PermissionDeniedError) as error:
        records.record_approve(actor=actor(city, "street_a"), record_id=record.pk)
    assert "approved_by" in error.value.fields
    assert _counts() == before
    # when the bureau approves it, it is active and the score follows
    approved = records.record_approve(actor=actor(city, "bureau"), record_id=record.pk)
    assert approved.status == S.ACTIVE and approved.approved_by == city.users["bureau"]
    assert _score(city.company_1) == 90


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"points": -5}, "points"),  # points outside the catalogue
        ({"evidence": "  "}, "evidence"),  # a record without evidence
        ({"kind": "complaint_substantiated"}, "kind_code"),  # automatic kinds only by events
        ({"kind": "no_such_kind"}, "kind_code"),
        ({"occurred_on": "2026-02-30"}, "occurred_on"),
        ({"manager_id_number": "123"}, "manager_id_number"),
    ],
)
def test_bad_manual_records_are_refused_and_nothing_is_written(city, change, field):
    before = _counts()
    with pytest.raises(DomainError) as error:
        enter(city, **change)
    assert field in error.value.fields
    assert _counts() == before


def test_future_dates_are_refused(city):
    with pytest.raises(DomainError) as error:
        enter(city, occurred_on=today() + dt.timedelta(days=1))
    assert "occurred_on" in error.value.fields


def test_officials_of_another_street_cannot_enter_records(city):
    # company_1 serves only in street A: street B's officer does not see it (404)
    with pytest.raises(NotFoundError):
        enter(city, by="street_b")
    with pytest.raises(PermissionDeniedError):  # the company never records itself
        enter(city, by="company_1")


def test_approval_by_an_officer_who_does_not_supervise_the_company(city):
    record = enter(city)
    with pytest.raises(NotFoundError):
        records.record_approve(actor=actor(city, "street_b"), record_id=record.pk)
    assert CreditRecord.objects.get(pk=record.pk).status == S.PENDING


def test_second_officer_rule_is_a_database_constraint(city):
    from django.db import IntegrityError, transaction

    record = enter(city)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditRecord.objects.filter(pk=record.pk).update(approved_by=record.entered_by)


# --- appeals --------------------------------------------------------------------------------


def test_appeal_withdraws_the_record_and_restores_the_score(city):
    record = active_record(city)
    assert _score(city.company_1) == 90
    appeal = records.appeal_file(
        actor=actor(city, "company_1"), record_id=record.pk, reason="处罚决定已被撤销"
    )
    with pytest.raises(DomainError):  # one open appeal per record
        records.appeal_file(actor=actor(city, "company_1"), record_id=record.pk, reason="again")
    with pytest.raises(DomainError) as error:  # a decision needs its reason
        records.appeal_decide(
            actor=actor(city, "bureau"), appeal_id=appeal.pk, action="withdraw", note=""
        )
    assert "note" in error.value.fields
    decided = records.appeal_decide(
        actor=actor(city, "bureau"), appeal_id=appeal.pk, action="withdraw", note="经核实撤销"
    )
    assert decided.status == Appeal.Status.WITHDRAWN
    assert CreditRecord.objects.get(pk=record.pk).status == S.WITHDRAWN
    assert _score(city.company_1) == 100
    # the history is kept: the appeal and both transitions are audited
    kinds = set(
        AuditEntry.objects.filter(
            target_type__in=["credit.CreditRecord", "credit.Appeal"]
        ).values_list("action", flat=True)
    )
    assert {"create", "transition"} <= kinds


def test_upheld_appeal_keeps_the_record(city):
    record = active_record(city)
    appeal = records.appeal_file(actor=actor(city, "company_1"), record_id=record.pk, reason="不服")
    records.appeal_decide(
        actor=actor(city, "street_a"), appeal_id=appeal.pk, action="uphold", note="事实清楚"
    )
    assert CreditRecord.objects.get(pk=record.pk).status == S.ACTIVE
    assert Appeal.objects.get(pk=appeal.pk).status == Appeal.Status.UPHELD


def test_appeal_on_someone_elses_record_is_refused(city):
    record = active_record(city)
    before = _counts()
    with pytest.raises(NotFoundError):
        records.appeal_file(actor=actor(city, "company_2"), record_id=record.pk, reason="x")
    with pytest.raises(PermissionDeniedError):  # an officer is not the company
        records.appeal_file(actor=actor(city, "street_a"), record_id=record.pk, reason="x")
    assert _counts() == before


def test_company_cannot_decide_its_own_appeal(city):
    record = active_record(city)
    appeal = records.appeal_file(actor=actor(city, "company_1"), record_id=record.pk, reason="x")
    with pytest.raises(DomainError):
        records.appeal_decide(
            actor=actor(city, "company_1"), appeal_id=appeal.pk, action="withdraw", note="y"
        )
    assert Appeal.objects.get(pk=appeal.pk).status == Appeal.Status.OPEN


# --- automatic records -------------------------------------------------------------------------


def _complaint(city, company_id, **extra):
    data = {
        "complaint_id": 7,
        "number": "TS-2026-0007",
        "company_id": company_id,
        "project_id": city.project_a.pk,
        "category": "fees",
        "category_label": "违规收费",
        "found_on": today().isoformat(),
        "summary": "超标准收取停车费",
        **extra,
    }
    return emit("complaints.substantiated", subject=city.project_a, data=data)


def test_substantiated_complaint_makes_one_active_record(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = _complaint(city, city.company_1.pk)
    record = CreditRecord.objects.get(origin="complaint:7")
    assert record.status == S.ACTIVE and record.kind_code == "complaint_substantiated"
    assert record.points == -2 and record.entered_by is None and "TS-2026-0007" in record.evidence
    assert _score(city.company_1) == 98
    # delivered again (a retry, a second worker): still one record
    from gongzhi.events.bus import deliver
    from gongzhi.events.models import EventDelivery

    EventDelivery.objects.filter(event=event).delete()
    deliver(event)
    assert CreditRecord.objects.filter(origin="complaint:7").count() == 1


def test_complaint_without_company_makes_no_record(city, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _complaint(city, None)
    assert CreditRecord.objects.count() == 0


@pytest.mark.parametrize(("band", "points"), [("excellent", 3), ("fail", -5), ("pass", None)])
def test_published_assessment_makes_a_record_by_band(
    city, django_capture_on_commit_callbacks, band, points
):
    data = {
        "assessment_id": 3,
        "company_id": city.company_1.pk,
        "project_id": city.project_a.pk,
        "year": today().year,
        "quarter": 1,
        "score": "92.5",
        "max_score": 100,
        "band": band,
    }
    with django_capture_on_commit_callbacks(execute=True):
        emit("assessments.project_assessment_published", subject=city.project_a, data=data)
    found = CreditRecord.objects.filter(origin="assessment:3")
    if points is None:
        assert not found.exists()
    else:
        record = found.get()
        assert record.points == points and record.occurred_on == dt.date(today().year, 3, 31)


def _contract(city, project, signed_on):
    return ServiceContract.objects.create(
        project=project,
        company=project.company,
        kind=ServiceContract.Kind.REGULAR,
        signed_on=signed_on,
        term_start=signed_on,
        term_end=signed_on + dt.timedelta(days=700),
        service_grade="2",
        fee_per_m2_month="1.50",
        fee_mode=ServiceContract.FeeMode.LUMP_SUM,
        node_path=project.node_path,
    )


def _xixian(city):
    """The fixture city under Xixian's rules (seed 004 §8: file within 15 days)."""
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="shaanxi-xixian")
    return city


def test_overdue_contract_filing_makes_one_record_seed_004(city):
    # given Xixian's rules and a contract signed 40 days ago
    _xixian(city)
    late = _contract(city, city.project_a, today() - dt.timedelta(days=40))
    _contract(city, city.project_b, today() - dt.timedelta(days=3))  # still in time
    # when the scan runs twice, then one record for the late contract only
    assert records.scan_overdue_filings() == 1
    assert records.scan_overdue_filings() == 0
    record = CreditRecord.objects.get(origin=f"contract:{late.pk}")
    assert record.kind_code == "contract_filing_late" and record.status == S.ACTIVE


def test_no_filing_deadline_nationally_no_record(city):
    _contract(city, city.project_a, today() - dt.timedelta(days=90))
    assert records.scan_overdue_filings() == 0


def test_credit_scan_command(city):
    from io import StringIO

    from django.core.management import call_command

    _xixian(city)
    _contract(city, city.project_a, today() - dt.timedelta(days=40))
    out = StringIO()
    call_command("credit", "scan", stdout=out)
    assert out.getvalue().startswith("1 ")
