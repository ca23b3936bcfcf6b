"""Scoping of every fee page: the wrong company, street, project or owner gets 404 (or
403 where the role may not open the page at all); drafts stay with the company."""

from __future__ import annotations

import pytest

from gongzhi.fees import selectors, services
from gongzhi.fees.models import BankStatementRow
from gongzhi.fees.tests.conftest import actor, make_standard
from gongzhi.fees.tests.test_fees_statements import run_import, statement


@pytest.fixture
def rows(city, fees):
    staff = actor(city, "company_1")
    payment = services.payment_record(
        actor=staff, bill_id=fees.bill_1.pk, amount="10.00", method="cash"
    )
    imported = run_import(city, statement("2025-02-04,50.00,陌生人,不明款项\n"))
    publication = services.publication_create(
        actor=staff,
        project_id=city.project_a.pk,
        period_start="2025-01-01",
        period_end="2025-12-31",
    )
    return {
        "bill": f"/fees/bills/{fees.bill_1.pk}/",
        "receipt": f"/fees/receipts/{payment.pk}/",
        "standard": f"/fees/standards/{fees.standard.pk}/",
        "statement": f"/fees/statements/{imported.pk}/",
        "publication": f"/fees/publications/{publication.pk}/",
        "row": BankStatementRow.objects.get(statement=imported).pk,
    }


@pytest.mark.parametrize("page", ["bill", "receipt", "standard", "statement", "publication"])
def test_other_company_gets_404(city, rows, login, page):
    assert login("company_2").get(rows[page]).status_code == 404


@pytest.mark.parametrize("page", ["bill", "receipt", "standard", "publication"])
def test_other_street_gets_404_and_own_street_sees(city, rows, login, page):
    assert login("street_b").get(rows[page]).status_code == 404
    assert login("street_a").get(rows[page]).status_code == 200


def test_other_company_cannot_match_a_row(city, rows, login):
    client = login("company_2")
    response = client.post(f"/fees/statements/rows/{rows['row']}/match/", {"bill": "x"})
    assert response.status_code == 404


def test_owner_sees_publication_of_own_project_but_not_staff_pages(city, rows, login):
    assert login("owner_1").get(rows["publication"]).status_code == 200
    assert login("owner_1").get("/fees/statements/").status_code == 403


def test_draft_standard_is_hidden_from_committee_and_owners(city, login):
    draft = make_standard(city, publish=False)
    assert login("committee_a").get(f"/fees/standards/{draft.pk}/").status_code == 404
    assert login("owner_1").get(f"/fees/standards/{draft.pk}/").status_code == 404
    assert login("company_1").get(f"/fees/standards/{draft.pk}/").status_code == 200


def test_anonymous_is_sent_to_sign_in(client, city, rows):
    response = client.get(rows["bill"])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_bill_list_query_count_does_not_grow_with_rows(city, fees, django_assert_max_num_queries):
    staff = actor(city, "company_1")
    with django_assert_max_num_queries(2):
        bills = list(selectors.bill_list(actor=staff))
        assert [b.part.number for b in bills] and [b.project.name for b in bills]


def test_reminder_task_sends_as_the_asking_user(city, fees):
    from gongzhi.fees.models import ReminderNotice
    from gongzhi.fees.tasks import reminders_send_task

    reminders_send_task.enqueue(city.users["company_1"].pk, city.project_a.pk)
    assert ReminderNotice.objects.count() == 2


def test_owner_cannot_see_another_projects_publication(city, login):
    import datetime as dt

    make_standard(city, project=city.project_b, user="company_2")
    staff_b = actor(city, "company_2")
    services.billing_run(
        actor=staff_b,
        project_id=city.project_b.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 1, 31),
    )
    publication = services.publication_create(
        actor=staff_b,
        project_id=city.project_b.pk,
        period_start="2025-01-01",
        period_end="2025-01-31",
    )
    assert publication.unpaid_parts == ["1-1-201"]
    assert login("owner_1").get(f"/fees/publications/{publication.pk}/").status_code == 404
    assert login("committee_a").get(f"/fees/publications/{publication.pk}/").status_code == 404
