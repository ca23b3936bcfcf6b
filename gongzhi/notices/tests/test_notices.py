"""Notices: audiences, channels, read receipts counted once per owner, bad input refused,
and the scoping of every page and endpoint (seed 004 §21 通知公告)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditEntry
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.sms import MemorySmsBackend
from gongzhi.notices import selectors, services
from gongzhi.notices.models import Notice, NoticeRecipient
from gongzhi.registry.models import Ownership
from gongzhi.testing import City

API = "/api/v1/notices"


def actor(city: City, name: str):
    return actor_for(city.users[name])


def publish(city: City, user: str = "committee_a", issuer: str = "committee", **kw):
    values = {
        "project_id": city.project_a.pk,
        "issuer": issuer,
        "title": "停水通知",
        "body": "因管网维修，6月1日9:00-17:00停水。",
    }
    values.update(kw)
    return services.notice_publish(actor=actor(city, user), **values)


def test_a_project_notice_reaches_every_owner_once(city):
    # given owner_1 also holds part_a2 with owner_2 (two parts, one owner)
    Ownership.objects.create(part=city.part_a2, owner=city.owner_1)
    notice = publish(city)
    rows = NoticeRecipient.objects.filter(notice=notice)
    assert notice.recipient_count == 2 == rows.count()
    assert rows.get(owner=city.owner_1).parts == "1-1-101、1-1-102"
    assert "幸福家园" in notice.issuer_name
    assert notice.channels == ["inbox"]


def test_read_receipts_count_each_owner_once(city):
    notice = publish(city)
    owner_1 = actor(city, "owner_1")
    assert selectors.notice_unread_count(actor=owner_1) == 1
    assert services.notice_mark_read(actor=owner_1, notice_id=notice.pk) is True
    assert services.notice_mark_read(actor=owner_1, notice_id=notice.pk) is False
    receipts = selectors.notice_receipts(notice=notice)
    assert (receipts.read, receipts.total, receipts.percent) == (1, 2, 50)
    assert selectors.notice_unread_count(actor=owner_1) == 0
    inbox = list(selectors.notice_inbox(actor=owner_1))
    assert [n.pk for n in inbox] == [notice.pk] and inbox[0].is_unread is False
    with pytest.raises(NotFoundError):  # an owner not addressed cannot leave a receipt
        services.notice_mark_read(actor=actor(city, "company_1"), notice_id=notice.pk)


def test_audiences(city):
    unit = city.part_a1.building_unit
    by_unit = publish(city, audience="unit", building_unit_id=unit.pk)
    by_building = publish(city, audience="building", building_id=unit.building_id)
    chosen = publish(city, audience="selected", part_ids=[city.part_a1.pk])
    assert by_unit.recipient_count == by_building.recipient_count == 2
    assert list(chosen.recipients.values_list("owner_id", flat=True)) == [city.owner_1.pk]
    owner_2 = actor(city, "owner_2")
    assert chosen.pk not in {n.pk for n in selectors.notice_inbox(actor=owner_2)}
    with pytest.raises(NotFoundError):
        selectors.notice_get_for_owner(actor=owner_2, pk=chosen.pk)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"body": ""}, "body"),
        ({"audience": "selected", "part_ids": []}, "parts"),
        ({"audience": "selected", "part_ids": ["PART_B"]}, "parts"),
        ({"audience": "building", "building_id": None}, "building"),
        ({"audience": "everyone"}, "audience"),
        ({"channels": ["fax"]}, "channels"),
        ({"category": "gossip"}, "category"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(city, values, field):
    values = {k: ([city.part_b1.pk] if v == ["PART_B"] else v) for k, v in values.items()}
    audits = AuditEntry.objects.count()
    with pytest.raises(DomainError) as error:
        publish(city, **values)
    assert field in error.value.fields
    assert not Notice.objects.exists() and not NoticeRecipient.objects.exists()
    assert AuditEntry.objects.count() == audits


def test_who_may_issue(city):
    with pytest.raises(NotFoundError):  # another company's project
        publish(city, user="company_2", issuer="company")
    with pytest.raises(NotFoundError):  # another street's project
        publish(city, user="street_b", issuer="street")
    with pytest.raises(PermissionDeniedError):  # the committee cannot speak for the company
        publish(city, user="committee_a", issuer="company")
    with pytest.raises(PermissionDeniedError):  # owners see their project but issue nothing
        publish(city, user="owner_1", issuer="committee")
    assert publish(city, user="company_1", issuer="company").issuer_name == city.company_1.name
    assert (
        publish(city, user="community_a", issuer="community").issuer_name == city.community_a.name
    )
    assert publish(city, user="street_a", issuer="street").issuer == "street"


def test_source_ref_makes_a_second_publication_a_conflict(city):
    publish(city, source_ref="decisions.matter:1:vote", category="vote")
    with pytest.raises(ConflictError):
        publish(city, source_ref="decisions.matter:1:vote", category="vote")


def test_sms_and_email_go_out_after_commit(city, django_capture_on_commit_callbacks, mailoutbox):
    city.users["owner_2"].email = "owner2@example.com"
    city.users["owner_2"].save()
    MemorySmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = publish(city, channels=["sms", "email"])
    assert sorted(m for m, _t in MemorySmsBackend.outbox) == ["13800000001", "13800000002"]
    assert all("停水通知" in text for _m, text in MemorySmsBackend.outbox)
    assert [m.to for m in mailoutbox] == [["owner2@example.com"]]
    assert NoticeRecipient.objects.filter(notice=notice, email_queued=True).count() == 1
    assert notice.channels == ["inbox", "sms", "email"]


# --- pages ----------------------------------------------------------------------------


def test_owner_reads_in_the_inbox(login, city):
    notice = publish(city)
    client = login("owner_1")
    inbox = client.get("/notices/inbox/")
    assert inbox.status_code == 200 and "停水通知" in inbox.content.decode()
    assert client.get(f"/notices/inbox/{notice.pk}/").status_code == 200
    client.get(f"/notices/inbox/{notice.pk}/")
    assert NoticeRecipient.objects.filter(notice=notice, read_at__isnull=False).count() == 1
    assert client.get(f"/notices/{notice.pk}/").status_code == 403  # the issuer's page
    assert client.get("/notices/").status_code == 403
    assert client.get(f"/notices/{notice.pk}/print/").status_code == 200
    other = publish(city, audience="selected", part_ids=[city.part_a2.pk])
    assert client.get(f"/notices/inbox/{other.pk}/").status_code == 404
    assert client.get(f"/notices/{other.pk}/print/").status_code == 404


def test_issuer_pages_are_scoped(login, city):
    notice = publish(city)
    client = login("company_2")
    assert client.get(f"/notices/{notice.pk}/").status_code == 404
    assert client.get(f"/notices/{notice.pk}/recipients.xlsx").status_code == 404
    assert "停水通知" not in client.get("/notices/").content.decode()
    client = login("street_b")
    assert client.get(f"/notices/{notice.pk}/").status_code == 404
    client = login("street_a")
    page = client.get(f"/notices/{notice.pk}/")
    assert page.status_code == 200 and "0/2" in page.content.decode()
    export = client.get("/notices/export.xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][4] == "停水通知"
    recipients = client.get(f"/notices/{notice.pk}/recipients.xlsx")
    rows = list(load_workbook(io.BytesIO(recipients.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3


def test_committee_publishes_through_the_form(login, city):
    client = login("committee_a")
    url = "/notices/new/"
    assert client.get(url).status_code == 200
    base = {
        "project": city.project_a.pk,
        "issuer": "committee",
        "category": "general",
        "title": "业主大会通知",
        "body": "定于下周召开业主大会。",
    }
    bad = client.post(url, {**base, "audience": "selected", "parts": "1-1-101 9-9-999"})
    assert bad.status_code == 200 and "9-9-999" in bad.content.decode()
    assert not Notice.objects.exists()
    good = client.post(url, {**base, "audience": "unit", "building_unit": "1栋-1单元"})
    assert good.status_code == 302
    assert Notice.objects.get().recipient_count == 2


def test_pdf_for_posting(login, city):
    pytest.importorskip("weasyprint")
    notice = publish(city)
    response = login("committee_a").get(f"/notices/{notice.pk}/notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# --- API ------------------------------------------------------------------------------


def test_api_inbox_and_receipts(login, client, city):
    notice = publish(city)
    assert client.get(f"{API}/inbox").status_code == 401
    owner = login("owner_1")
    assert owner.get(f"{API}/inbox/unread-count").json() == {"unread": 1}
    assert [n["id"] for n in owner.get(f"{API}/inbox").json()] == [notice.pk]
    assert owner.post(f"{API}/inbox/{notice.pk}/read").json() == {"first_read": True}
    assert owner.post(f"{API}/inbox/{notice.pk}/read").json() == {"first_read": False}
    assert owner.get(f"{API}/inbox/unread-count").json() == {"unread": 0}
    assert owner.get(f"{API}").json() == []  # owners see their inbox, not the issuers' list
    assert owner.get(f"{API}/{notice.pk}").status_code == 404
    other = publish(city, audience="selected", part_ids=[city.part_a2.pk])
    assert owner.post(f"{API}/inbox/{other.pk}/read").status_code == 404
    street = login("street_a")
    detail = street.get(f"{API}/{notice.pk}").json()
    assert (detail["recipients"], detail["read"], detail["read_percent"]) == (2, 1, 50)
    listed = {n["id"]: n for n in street.get(f"{API}").json()}
    assert listed[notice.pk]["read"] == 1
    assert login("street_b").get(f"{API}/{notice.pk}").status_code == 404


def test_api_publish(login, city):
    body = {
        "project_id": city.project_a.pk,
        "issuer": "company",
        "title": "电梯年检",
        "body": "本周五电梯年检。",
        "audience": "unit",
        "building_unit_id": city.part_a1.building_unit_id,
        "channels": ["inbox", "sms"],
    }
    company = login("company_1")
    created = company.post(API, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["recipients"] == 2
    bad = company.post(API, {**body, "title": ""}, content_type="application/json")
    assert bad.status_code == 400 and "title" in bad.json()["fields"]
    assert login("company_2").post(API, body, content_type="application/json").status_code == 404
    assert login("owner_1").post(API, body, content_type="application/json").status_code == 403
    assert Notice.objects.count() == 1


def test_inbox_and_unread_count_cost_one_query_each(city, django_assert_num_queries):
    for n in range(5):
        publish(city, title=f"通知{n}")
    owner_1 = actor(city, "owner_1")
    with django_assert_num_queries(1):
        assert len(list(selectors.notice_inbox(actor=owner_1))) == 5
    with django_assert_num_queries(1):
        assert selectors.notice_unread_count(actor=owner_1) == 5
    street = actor(city, "street_a")
    with django_assert_num_queries(1):
        rows = list(selectors.notice_list(actor=street))
    assert [n.read_count for n in rows] == [None] * 5  # nobody read yet (no rows counted)
