"""The assembly's pages and /api/v1 with each actor's scope (a street never sees another
street's rows; 404, not 403, for out-of-scope ids), bad input changing nothing, Excel,
and the committee's work: meetings (seed 000 §21) and the member subsidy paid only after a
passed yearly assessment and within the profile's cap (seed 001 §四(一))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.assembly import services
from gongzhi.assembly.models import CommitteeMeeting, PreparationGroup, SubsidyPayment
from gongzhi.assembly.tests.test_formation import PDF, START, act, members, no_committee
from gongzhi.assessments.models import CommitteeAssessment
from gongzhi.funds.models import JournalEntry
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import CommitteeMember, OwnersCommittee

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(city, stop_clock):
    stop_clock(START)
    no_committee(city)
    street = act(city, "street_a")
    made = services.group_create(
        actor=street, project_id=city.project_a.pk, formed_on=START, seats=3,
        members=members(city),
    )  # fmt: skip
    services.document_upload(
        actor=street, group_id=made.pk, kind="rules_of_procedure",
        upload=SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    return made


def test_every_endpoint_is_scoped(city, login, group):
    document = group.documents.get()
    # street A: sees and works on its own group
    client = login("street_a")
    assert client.get("/assembly/").status_code == 200
    assert "幸福家园" in client.get("/assembly/").content.decode()
    assert client.get(f"/assembly/groups/{group.pk}/").status_code == 200
    assert client.get(f"/assembly/documents/{document.pk}/").status_code == 200
    assert client.get("/api/v1/assembly/groups").json()["count"] == 1
    assert client.get(f"/api/v1/assembly/groups/{group.pk}").json()["status"] == "forming"
    xlsx = client.get("/assembly/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # street B: the same ids are not found, on every page and endpoint
    client = login("street_b")
    assert "幸福家园" not in client.get("/assembly/").content.decode()
    for url in (
        f"/assembly/groups/{group.pk}/",
        f"/assembly/documents/{document.pk}/",
        f"/assembly/projects/{city.project_a.pk}/group/",
        f"/api/v1/assembly/groups/{group.pk}",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/assembly/groups/{group.pk}/publish/",
        f"/api/v1/assembly/groups/{group.pk}/publish",
        f"/api/v1/assembly/groups/{group.pk}/file",
    ):
        assert client.post(url, content_type="application/json").status_code == 404, url
    response = client.post(
        f"/api/v1/assembly/groups/{group.pk}/candidates",
        {"owner_id": city.owner_1.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    for url in ("groups", "reminders", "bars", "meetings", "subsidies"):
        assert client.get(f"/api/v1/assembly/{url}").json()["count"] == 0, url
    # an owner sees the group only once its papers are published
    client = login("owner_1")
    assert client.get(f"/assembly/groups/{group.pk}/").status_code == 404
    assert client.get(f"/api/v1/assembly/groups/{group.pk}").status_code == 404
    PreparationGroup.objects.filter(pk=group.pk).update(published_on=START)
    assert client.get(f"/api/v1/assembly/groups/{group.pk}").status_code == 200
    assert client.get(f"/assembly/documents/{document.pk}/").status_code == 200
    # owner of project B never
    assert login("company_2").get(f"/assembly/groups/{group.pk}/").status_code in (403, 404)


def test_pages_form_a_group_and_refuse_bad_input(city, login, stop_clock):
    stop_clock(START)
    no_committee(city)
    client = login("street_a")
    url = f"/assembly/projects/{city.project_a.pk}/group/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"formed_on": "", "seats": "0"})
    assert bad.status_code == 400
    assert not PreparationGroup.objects.exists()
    good = client.post(
        url,
        {
            "formed_on": START.isoformat(),
            "seats": "3",
            "street_name": "王主任",
            "community_name": "赵书记",
            "developer_name": "开发商",
            "owners": [city.owner_1.pk, city.owner_2.pk],
        },
    )
    assert good.status_code == 302, good.content.decode()[:1500]
    group = PreparationGroup.objects.get()
    # publishing now is refused with the reasons (composition, drafts, candidates)
    refused = client.post(f"/assembly/groups/{group.pk}/publish/")
    assert refused.status_code == 409
    assert PreparationGroup.objects.get().status == "forming"
    # the API refuses a bad bar with a field error and writes nothing
    response = client.post(
        "/api/v1/assembly/bars",
        {"project_id": city.project_a.pk, "owner_id": city.owner_b.pk, "reason": ""},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"owner_id", "reason"}


def _committee(city):
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    committee = OwnersCommittee.objects.create(
        project=city.project_a, kind="owners_committee",
        term_start=dt.date(2025, 1, 1), term_end=dt.date(2029, 12, 31), seats=3,
    )  # fmt: skip
    member = CommitteeMember.objects.create(
        committee=committee, owner=city.owner_1, name=city.owner_1.name, position="chair"
    )
    return committee, member


def test_committee_records_meetings_and_pays_the_subsidy_seed_001(city, login, stop_clock):
    stop_clock(dt.date(2026, 3, 2))
    committee, member = _committee(city)
    client = login("committee_a")
    response = client.post(
        "/api/v1/assembly/meetings",
        {
            "committee_id": committee.pk,
            "held_on": "2026-03-01",
            "topic": "例会",
            "attendance": 1,
            "minutes": "讨论停车收费",
        },  # fmt: skip
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert CommitteeMeeting.objects.count() == 1
    assert login("street_b").get("/api/v1/assembly/meetings").json()["count"] == 0
    client = login("committee_a")
    pay = {"member_id": member.pk, "month": "2026-02-01", "amount": "300"}
    # no passed assessment of 2026 yet: refused, nothing posted
    refused = client.post("/api/v1/assembly/subsidies", pay, content_type="application/json")
    assert refused.status_code == 409
    CommitteeAssessment.objects.create(
        committee=committee, project=city.project_a, year=2026, profile_id="jiangxi-zhanggong",
        total=Decimal(80), max_score=100, pass_score=60, passed=True, subsidy_eligible=True,
        subsidy_cap_fen=30000, status="decided", node_path=city.project_a.node_path,
    )  # fmt: skip
    # above the cap (seed 001 §四(一): 每人每月不高于300元): refused
    over = client.post(
        "/api/v1/assembly/subsidies", {**pay, "amount": "300.01"}, content_type="application/json"
    )
    assert over.status_code == 400 and "amount" in over.json()["fields"]
    assert not SubsidyPayment.objects.exists()
    # common revenue to pay it from, then the payment posts through the ledger
    from gongzhi.funds import services as funds

    funds.revenue_record(
        actor=act(city, "committee_a"), project_id=city.project_a.pk, category="parking",
        amount="1000", date=dt.date(2026, 3, 1),
    )  # fmt: skip
    ok = client.post("/api/v1/assembly/subsidies", pay, content_type="application/json")
    assert ok.status_code == 201, ok.content
    payment = SubsidyPayment.objects.get()
    assert payment.amount_fen == 30000
    assert JournalEntry.objects.filter(pk=payment.journal_entry_id).exists()
    again = client.post("/api/v1/assembly/subsidies", pay, content_type="application/json")
    assert again.status_code == 409
    assert client.get("/assembly/committee/").status_code == 200
    assert login("street_b").get("/api/v1/assembly/subsidies").json()["count"] == 0


@pytest.mark.parametrize(
    ("profile_id", "allowed"),
    [("national", False), ("hunan-shaoyang", False), ("jiangxi-zhanggong", True),
     ("henan-draft", False), ("hunan-ziyang", False), ("shaanxi-xixian", False)],
)  # fmt: skip
def test_subsidy_cap_of_every_profile(city, stop_clock, profile_id, allowed):
    """Only seed 001 sets a member subsidy (300 yuan); elsewhere none is paid here."""
    from gongzhi.core.errors import DomainError

    stop_clock(dt.date(2026, 3, 2))
    committee, member = _committee(city)
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile_id)
    with pytest.raises(DomainError) as error:
        services.subsidy_pay(
            actor=act(city, "committee_a"), member_id=member.pk, month=dt.date(2026, 2, 1),
            amount="300" if not allowed else "301",
        )  # fmt: skip
    assert "amount" in error.value.fields


def test_committee_below_half_is_replaced_by_the_residents_committee(city, stop_clock):
    """Seed 000 §21: fewer than half the members left → the residents' committee acts."""
    from gongzhi.assembly.models import ActingBody, Reminder

    stop_clock(dt.date(2029, 10, 15))
    committee, member = _committee(city)
    CommitteeMember.objects.filter(pk=member.pk).update(left_on=dt.date(2029, 1, 1))
    CommitteeMember.objects.create(committee=committee, owner=city.owner_2, name="x",
                                   position="member")  # fmt: skip
    result = services.committees_check()
    again = services.committees_check()
    assert result == {"reminders": 1, "acting": 1}  # 1 of 3 < 1/2; term ends in < 90 days
    assert again == {"reminders": 0, "acting": 0}
    assert ActingBody.objects.get().reason == "too_few_members"
    assert Reminder.objects.get().kind == "reelection_due"


def test_yearly_publication_reaches_the_funds_statement_seed_000_s22(city, login, stop_clock):
    from gongzhi.funds.models import RevenueStatement

    stop_clock(dt.date(2026, 3, 2))
    committee, _member = _committee(city)
    body = {"committee_id": committee.pk, "year": 2025}
    # another street's officer, and the street itself, may not publish for the committee
    denied = login("street_b").post(
        "/api/v1/assembly/yearly-publications", body, content_type="application/json"
    )
    assert denied.status_code == 404
    ok = login("committee_a").post(
        "/api/v1/assembly/yearly-publications", body, content_type="application/json"
    )
    assert ok.status_code == 201, ok.content
    assert RevenueStatement.objects.get().year == 2025


def test_bar_an_owner_from_the_group_page_seed_000_s23(city, login, group):
    from gongzhi.assembly.models import MemberBar

    url = f"/assembly/groups/{group.pk}/bar/"
    assert login("street_b").post(url, {"owner": city.owner_2.pk, "reason": "x"}).status_code == 404
    client = login("street_a")
    assert client.post(url, {"owner": city.owner_2.pk, "reason": ""}).status_code == 400
    assert not MemberBar.objects.exists()
    response = client.post(url, {"owner": city.owner_2.pk, "reason": "多次催交仍拒不交费"})
    assert response.status_code == 302
    assert MemberBar.objects.get().owner == city.owner_2
    assert "多次催交仍拒不交费" in client.get("/assembly/").content.decode()
    bar = MemberBar.objects.get()
    lift = f"/api/v1/assembly/bars/{bar.pk}/lift"
    assert login("street_b").post(lift, content_type="application/json").status_code == 404
    client = login("street_a")
    assert client.post(lift, content_type="application/json").json()["lifted_on"]
