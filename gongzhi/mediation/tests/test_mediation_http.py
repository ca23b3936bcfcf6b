"""Three-level mediation through HTTP (seed 000 §2: 社区调解组织 → 乡镇（街道）人民调解委员会 →
市物业管理工作领导小组, 逐级调解; seed 004 §1 four levels; seed 004 §18)."""

from __future__ import annotations

import io

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.mediation.models import (
    MediationCase,
    MediationDocument,
    MediationEscalation,
    MediationParty,
    MediationSession,
)
from gongzhi.mediation.tests.conftest import TODAY, open_case, pdf, session
from gongzhi.registry.models import OwnersCommittee

pytestmark = pytest.mark.django_db
S = MediationCase.Status


def _counts() -> tuple[int, ...]:
    return (
        MediationCase.objects.count(),
        MediationParty.objects.count(),
        MediationSession.objects.count(),
        MediationEscalation.objects.count(),
        MediationDocument.objects.count(),
        AuditEntry.objects.count(),
    )


def _session_data() -> dict[str, str]:
    return {
        "held_on": TODAY.isoformat(),
        "place": "社区调解室",
        "mediators": "张调解员、李律师",
        "minutes": "双方同意先行勘查。",
    }


def test_community_level_flow_to_agreement_and_closure(city, login):
    """小事不出社区 (seed 004 §18): agreement at the community, the signed agreement filed."""
    client = login("community_a")
    # given the community officer opens a case through the form
    page = client.get(f"/mediation/new/?project={city.project_a.pk}")
    assert page.status_code == 200
    assert "王小明" in page.content.decode()
    response = client.post(
        "/mediation/new/",
        {
            "project": city.project_a.pk,
            "subject": "楼顶漏水维修纠纷",
            "description": "楼顶漏水",
            "owners": [city.owner_1.pk],
            "with_company": "on",
        },
    )
    assert response.status_code == 302
    case = MediationCase.objects.get()
    assert (case.level, case.level_node, case.status) == ("community", city.community_a, S.OPEN)
    # an outcome needs a session first
    assert client.post(f"/mediation/{case.pk}/agree/").status_code == 409
    # when a session is recorded with htmx, the sessions card comes back alone
    response = client.post(
        f"/mediation/{case.pk}/sessions/", _session_data(), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "张调解员" in response.content.decode()
    invalid = client.post(
        f"/mediation/{case.pk}/sessions/", {**_session_data(), "place": ""}, HTTP_HX_REQUEST="true"
    )
    assert "此项为必填项" in invalid.content.decode()
    assert MediationSession.objects.count() == 1
    assert (
        client.post(f"/mediation/{case.pk}/agree/", {"note": "物业承担维修费用"}).status_code == 302
    )
    # closing needs the signed agreement on file
    assert client.post(f"/mediation/{case.pk}/close/").status_code == 400
    bad = client.post(f"/mediation/{case.pk}/documents/", {"file": io.BytesIO(b"not a pdf")})
    assert bad.status_code == 400
    assert client.post(f"/mediation/{case.pk}/documents/", {"file": pdf()}).status_code == 302
    assert client.post(f"/mediation/{case.pk}/close/").status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (S.CLOSED, "agreement")
    assert case.closed_at is not None
    assert AuditEntry.objects.filter(action="transition", target_id=str(case.pk)).count() == 2
    # and the page shows the parties with masked phones, in Chinese
    body = client.get(f"/mediation/{case.pk}/").content.decode()
    assert "138****0001" in body and "13800000001" not in body
    assert "已结案" in body


def test_escalation_community_street_district_order_from_the_profile(city, login):
    """Seed 000 §2 逐级调解: community → street → district (national 3-level profile)."""
    case = open_case(city)
    client = login("community_a")
    # escalation needs a reason
    before = _counts()
    response = client.post(f"/api/v1/mediation/{case.pk}/actions/escalate")
    assert response.status_code == 400
    assert "note" in response.json()["fields"]
    assert _counts() == before
    response = client.post(
        f"/api/v1/mediation/{case.pk}/actions/escalate",
        {"note": "社区调解未果"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["level"] == "street"
    assert response.json()["chain"] == ["community", "street", "district"]
    # the community can still read it but no longer acts on it
    assert client.post(f"/mediation/{case.pk}/sessions/", _session_data()).status_code == 403
    assert response.json()["actions"] == []
    # the street people's mediation committee holds a session, fails, escalates
    client = login("street_a")
    assert client.post(f"/mediation/{case.pk}/sessions/", _session_data()).status_code == 302
    assert client.post(f"/mediation/{case.pk}/fail/").status_code == 302
    assert (
        client.post(f"/mediation/{case.pk}/escalate/", {"note": "街道调解未果"}).status_code == 302
    )
    case.refresh_from_db()
    assert (case.level, case.level_node, case.status, case.outcome) == (
        "district",
        city.district,
        S.OPEN,
        "",
    )
    # the top level (leading group): no further escalation
    client = login("bureau")
    response = client.post(f"/mediation/{case.pk}/escalate/", {"note": "再上报"})
    assert response.status_code == 409
    session(city, case, "bureau")
    assert client.post(f"/mediation/{case.pk}/fail/").status_code == 302
    assert client.post(f"/mediation/{case.pk}/close/").status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (S.CLOSED, "no_agreement")
    steps = list(case.escalations.values_list("from_level", "to_level", "reason"))
    assert steps == [
        ("community", "street", "社区调解未果"),
        ("street", "district", "街道调解未果"),
    ]


def test_four_level_xixian_tree_escalates_through_the_new_city(city, login, xixian):
    """Seed 004 §1: 新区、新城、镇街、社区四级: community → street → new city → new area."""
    client = login("xx_community")
    response = client.post(
        "/api/v1/mediation",
        {
            "project_id": xixian.project.pk,
            "subject": "停车位纠纷",
            "description": "车位分配",
            "parties": [
                {"kind": "company"},
                {"kind": "other", "name": "业主代表", "phone": "13900001111"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    case_id = response.json()["id"]
    assert response.json()["chain"] == ["community", "street", "new_city", "new_area"]
    assert response.json()["parties"][1]["phone"] == "139****1111"
    expected = [
        ("xx_community", "street", xixian.street),
        ("xx_street", "new_city", xixian.new_city),
        ("xx_new_city", "new_area", xixian.new_area),
    ]
    for user, level, node in expected:
        client = login(user)
        response = client.post(
            f"/api/v1/mediation/{case_id}/actions/escalate",
            {"note": "调解未果"},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["level"] == level
        assert response.json()["level_node_id"] == node.pk
    response = login("xx_new_area").post(
        f"/api/v1/mediation/{case_id}/actions/escalate",
        {"note": "再上报"},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_scoping_other_street_404_parties_see_their_own_case(city, login):
    case = open_case(city)
    client = login("street_b")
    assert client.get(f"/mediation/{case.pk}/").status_code == 404
    assert client.post(f"/mediation/{case.pk}/sessions/", _session_data()).status_code == 404
    assert client.post(f"/mediation/{case.pk}/escalate/", {"note": "x"}).status_code == 404
    assert client.get(f"/api/v1/mediation/{case.pk}").status_code == 404
    assert client.get("/api/v1/mediation").json()["count"] == 0
    # the street of the community sees it; the owner who is a party sees it; others don't
    assert login("street_a").get(f"/mediation/{case.pk}/").status_code == 200
    assert login("owner_1").get(f"/mediation/{case.pk}/").status_code == 200
    assert login("owner_2").get(f"/mediation/{case.pk}/").status_code == 404
    assert login("company_1").get(f"/api/v1/mediation/{case.pk}").status_code == 200
    assert login("company_2").get(f"/api/v1/mediation/{case.pk}").status_code == 404
    # the committee sees a case only when it is a party
    assert login("committee_a").get(f"/mediation/{case.pk}/").status_code == 404
    # and a party cannot act
    assert login("owner_1").post(f"/mediation/{case.pk}/agree/").status_code == 403


def test_committee_party_and_its_member_can_read(city, login):
    import datetime as dt

    OwnersCommittee.objects.create(
        project=city.project_a,
        kind=OwnersCommittee.Kind.OWNERS_COMMITTEE,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2028, 1, 1),
    )
    case = open_case(city, parties=[{"kind": "committee"}, {"kind": "company"}])
    assert login("committee_a").get(f"/mediation/{case.pk}/").status_code == 200


def test_bad_input_is_refused_and_nothing_is_written(city, login):
    client = login("community_a")
    before = _counts()
    api = client.post(
        "/api/v1/mediation",
        {
            "project_id": city.project_b.pk,
            "subject": "",
            "description": "",
            "parties": [{"kind": "owner", "owner_id": city.owner_b.pk}, {"kind": "alien"}],
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"project_id", "subject", "description"} <= set(api.json()["fields"])
    one_party = client.post(
        "/api/v1/mediation",
        {
            "project_id": city.project_a.pk,
            "subject": "x",
            "description": "y",
            "parties": [{"kind": "company"}],
        },
        content_type="application/json",
    )
    assert one_party.status_code == 400
    assert "parties" in one_party.json()["fields"]
    stranger = client.post(
        "/api/v1/mediation",
        {
            "project_id": city.project_a.pk,
            "subject": "x",
            "description": "y",
            "parties": [{"kind": "company"}, {"kind": "owner", "owner_id": city.owner_b.pk}],
        },
        content_type="application/json",
    )
    assert stranger.status_code == 400
    assert "parties[1]" in stranger.json()["fields"]
    assert _counts() == before
    case = open_case(city)
    before = _counts()
    future = client.post(
        f"/api/v1/mediation/{case.pk}/sessions",
        {"held_on": "2026-12-01", "place": "", "mediators": "张", "minutes": "m"},
        content_type="application/json",
    )
    assert future.status_code == 400
    assert {"held_on", "place"} <= set(future.json()["fields"])
    # illegal transitions: closing an open case, agreeing without a session
    assert client.post(f"/api/v1/mediation/{case.pk}/actions/close").status_code == 409
    assert client.post(f"/api/v1/mediation/{case.pk}/actions/agree").status_code == 409
    assert client.post(f"/api/v1/mediation/{case.pk}/actions/withdraw").status_code == 400
    assert client.post(f"/api/v1/mediation/{case.pk}/documents", {"file": pdf()}).status_code == 409
    assert _counts() == before
    case.refresh_from_db()
    assert case.status == S.OPEN


def test_withdrawn_case_is_final(city, login):
    case = open_case(city)
    client = login("community_a")
    assert (
        client.post(f"/mediation/{case.pk}/withdraw/", {"note": "业主撤回申请"}).status_code == 302
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_note) == (
        S.WITHDRAWN,
        "withdrawn",
        "业主撤回申请",
    )
    assert client.post(f"/mediation/{case.pk}/escalate/", {"note": "x"}).status_code == 409
    assert client.post(f"/mediation/{case.pk}/sessions/", _session_data()).status_code == 409


def test_list_filters_and_chinese(city, login):
    open_case(city)
    client = login("street_a")
    page = client.get("/mediation/?level=community")
    assert "楼顶漏水维修纠纷" in page.content.decode()
    assert "调解" in page.content.decode()
    assert "楼顶漏水" not in client.get("/mediation/?level=street").content.decode()


def test_list_queries_do_not_grow_with_the_cases(city, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("street_a")
    open_case(city)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/mediation/").status_code == 200
    for _ in range(4):
        open_case(city)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/mediation/").status_code == 200
    assert len(five) == len(one)


def test_case_opened_from_a_complaint_of_the_same_project(city, login):
    """A complaint about a neighbour dispute may go to mediation (seed 000 §2)."""
    from gongzhi.accounts.selectors import actor_for
    from gongzhi.complaints.services import complaint_submit

    complaint = complaint_submit(
        actor=actor_for(city.users["owner_1"]),
        channel="owner",
        category="neighbour_dispute",
        description="楼上业主装修噪音扰民",
        project=city.project_a,
    )
    client = login("community_a")
    data = {
        "project_id": city.project_a.pk,
        "subject": "装修噪音纠纷",
        "description": "楼上装修噪音",
        "parties": [{"kind": "owner", "owner_id": city.owner_1.pk}, {"kind": "company"}],
    }
    wrong = client.post(
        "/api/v1/mediation",
        {**data, "project_id": city.project_a.pk, "complaint_id": complaint.pk + 999},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert "complaint_id" in wrong.json()["fields"]
    response = client.post(
        "/api/v1/mediation", {**data, "complaint_id": complaint.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["complaint_id"] == complaint.pk
    page = client.get(f"/mediation/{response.json()['id']}/").content.decode()
    assert complaint.number in page


@pytest.mark.parametrize(
    ("profile_id", "expected"),
    [
        ("national", ("community", "street", "district")),
        ("hunan-shaoyang", ("community", "street", "city")),  # seed 000 §2: 市领导小组
        ("jiangxi-zhanggong", ("community", "street", "district")),
        ("henan-draft", ("community", "street", "city")),
        ("hunan-ziyang", ("community", "street", "district")),
        ("shaanxi-xixian", ("community", "street", "new_city", "new_area")),  # seed 004 §1
    ],
)
def test_every_profile_escalates_one_level_at_a_time_to_its_top(profile_id, expected):
    from gongzhi.mediation.workflow import chain, next_level
    from gongzhi.rules.profiles import get_profile

    levels = get_profile(profile_id).levels
    assert chain(levels) == expected
    steps = [expected[0]]
    while (step := next_level(levels, steps[-1])) is not None:
        steps.append(step)
    assert tuple(steps) == expected
