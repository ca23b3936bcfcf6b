"""Fee services through the database: standards, billing, payments, cancellation."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.fees import services
from gongzhi.fees.models import Bill, BillingRun, BillLine, FeeStandard, Payment
from gongzhi.fees.tests.conftest import ITEMS, actor, make_standard
from gongzhi.registry.models import ExclusivePart, Owner


def test_billing_run_bills_each_part_area_times_price_times_months(city, fees):
    # 89.50 × 1.80 = 161.10 a month, × 12; 120.25 × 1.80 = 216.45 a month, × 12
    assert fees.bill_1.total_fen == 16110 * 12
    assert fees.bill_2.total_fen == 21645 * 12
    assert fees.bill_1.payer_owner == city.owner_1
    assert fees.run.bill_count == 2
    assert fees.run.total_fen == (16110 + 21645) * 12
    line = BillLine.objects.get(bill=fees.bill_1)
    assert line.months == 12 and "161.10" in line.explanation["params"]["monthly"]


def test_unsold_parts_are_billed_to_the_developer_in_full(city):
    developer = Owner.objects.create(kind="organisation", name="湘安置业", is_developer=True)
    city.project_a.developer = developer
    city.project_a.save()
    ExclusivePart.objects.filter(pk=city.part_a2.pk).update(
        delivery="unsold", vacant_unrenovated=True
    )
    make_standard(city)
    services.billing_run(
        actor=actor(city, "company_1"),
        project_id=city.project_a.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 1, 31),
    )
    bill = Bill.objects.get(part=city.part_a2)
    assert bill.payer_kind == "developer" and bill.payer_owner == developer
    assert bill.total_fen == 21645


def test_unrenovated_part_pays_60_percent_under_seed_000(city):
    city.district.profile_id = "hunan-shaoyang"
    city.district.save()
    ExclusivePart.objects.filter(pk=city.part_a1.pk).update(vacant_unrenovated=True)
    make_standard(city)
    services.billing_run(
        actor=actor(city, "company_1"),
        project_id=city.project_a.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 1, 31),
    )
    # 89.50 × 1.80 × 60 % = 96.66
    assert Bill.objects.get(part=city.part_a1).total_fen == 9666


def test_overlapping_run_is_refused_and_writes_nothing(city, fees):
    with pytest.raises(ConflictError):
        services.billing_run(
            actor=actor(city, "company_1"),
            project_id=city.project_a.pk,
            period_start=dt.date(2025, 6, 1),
            period_end=dt.date(2026, 5, 31),
        )
    assert BillingRun.objects.count() == 1 and Bill.objects.count() == 2


def test_item_outside_published_list_is_refused_seed_000_s14(city, fees):
    with pytest.raises(DomainError) as error:
        services.billing_run(
            actor=actor(city, "company_1"),
            project_id=city.project_a.pk,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 1, 31),
            items=["物业服务费", "装修管理费"],
        )
    assert "装修管理费" in str(error.value.fields["items"][0])
    assert Bill.objects.count() == 2


def test_billing_without_published_list_is_refused(city):
    make_standard(city, publish=False)
    with pytest.raises(DomainError):
        services.billing_run(
            actor=actor(city, "company_1"),
            project_id=city.project_a.pk,
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 1, 31),
        )
    assert not BillingRun.objects.exists()


@pytest.mark.parametrize("price", ["0", "-1.80", "abc", "0.00001"])
def test_zero_negative_or_bad_prices_are_refused(city, price):
    items = [dict(ITEMS[0], price=price)]
    with pytest.raises(DomainError) as error:
        services.fee_standard_set(
            actor=actor(city, "company_1"),
            project_id=city.project_a.pk,
            service_grade="2",
            mode="lump_sum",
            effective_from="2025-01-01",
            items=items,
        )
    assert "items[1]" in error.value.fields
    assert not FeeStandard.objects.exists()


def test_other_company_cannot_set_or_bill(city):
    with pytest.raises(NotFoundError):
        make_standard(city, user="company_2")


def test_payment_updates_bill_and_issues_unique_receipts(city, fees):
    staff = actor(city, "company_1")
    first = services.payment_record(
        actor=staff, bill_id=fees.bill_1.pk, amount="1000.00", method="cash"
    )
    second = services.payment_record(
        actor=staff, bill_id=fees.bill_1.pk, amount="933.20", method="bank_transfer"
    )
    bill = Bill.objects.get(pk=fees.bill_1.pk)
    assert bill.paid_fen == bill.total_fen and bill.status == Bill.Status.PAID
    assert first.receipt_number != second.receipt_number


def test_overpayment_is_refused_and_changes_nothing(city, fees):
    with pytest.raises(DomainError) as error:
        services.payment_record(
            actor=actor(city, "company_1"), bill_id=fees.bill_1.pk, amount="1933.21", method="cash"
        )
    assert "amount" in error.value.fields
    assert not Payment.objects.exists()
    assert Bill.objects.get(pk=fees.bill_1.pk).status == Bill.Status.OPEN


@pytest.mark.parametrize("amount", ["0", "-5", "1.234", ""])
def test_bad_amounts_are_refused(city, fees, amount):
    with pytest.raises(DomainError):
        services.payment_record(
            actor=actor(city, "company_1"), bill_id=fees.bill_1.pk, amount=amount, method="cash"
        )
    assert not Payment.objects.exists()


def test_owner_cannot_record_payments(city, fees):
    with pytest.raises((NotFoundError, PermissionDeniedError)):
        services.payment_record(
            actor=actor(city, "owner_1"), bill_id=fees.bill_1.pk, amount="1", method="cash"
        )


def test_cancel_adds_reversing_lines_and_frees_the_period(city, fees):
    staff = actor(city, "company_1")
    bill = services.bill_cancel(actor=staff, bill_id=fees.bill_1.pk, reason="面积登记错误")
    assert bill.status == Bill.Status.CANCELLED
    lines = list(BillLine.objects.filter(bill=bill).values_list("amount_fen", "reversal"))
    assert sorted(lines) == sorted([(fees.bill_1.total_fen, False), (-fees.bill_1.total_fen, True)])
    with pytest.raises(ConflictError):
        services.payment_record(actor=staff, bill_id=bill.pk, amount="1", method="cash")


def test_paid_bill_cannot_be_cancelled(city, fees):
    staff = actor(city, "company_1")
    services.payment_record(actor=staff, bill_id=fees.bill_1.pk, amount="1", method="cash")
    with pytest.raises(ConflictError):
        services.bill_cancel(actor=staff, bill_id=fees.bill_1.pk, reason="x")


def test_reminders_are_logged_and_sent_after_commit(city, fees, django_capture_on_commit_callbacks):
    from gongzhi.core.sms import MemorySmsBackend
    from gongzhi.fees.models import ReminderNotice

    MemorySmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(actor=actor(city, "company_1"), project_id=city.project_a.pk)
    assert sent == 2 and ReminderNotice.objects.count() == 2
    assert sorted(m for m, _t in MemorySmsBackend.outbox) == ["13800000001", "13800000002"]
    assert any("1-1-101" in text for _m, text in MemorySmsBackend.outbox)
    # a second run in the same week reminds no one again
    assert (
        services.reminders_send(actor=actor(city, "company_1"), project_id=city.project_a.pk) == 0
    )


def test_publication_lists_part_numbers_only(city, fees):
    staff = actor(city, "company_1")
    services.payment_record(actor=staff, bill_id=fees.bill_1.pk, amount="1933.20", method="cash")
    publication = services.publication_create(
        actor=staff,
        project_id=city.project_a.pk,
        period_start="2025-01-01",
        period_end="2025-12-31",
    )
    assert publication.paid_parts == ["1-1-101"]
    assert publication.unpaid_parts == ["1-1-102"]
