"""The bureau's table editor of the responsibility list (职责清单, seed 000 §5: 制定物业管理
职责清单; seed 003 §五: which party handles each category) over HTTP: edits route the
complaints filed afterwards, bad rows are refused row by row with nothing saved, reset
brings the profile's list back, and only the jurisdiction's own bureau may save."""

from __future__ import annotations

import pytest

from gongzhi.accounts.models import Role
from gongzhi.accounts.services import user_create
from gongzhi.complaints import services as complaint_services
from gongzhi.complaints.models import Complaint, ResponsibilityList
from gongzhi.complaints.tests.formsets import current_rows, rows_post
from gongzhi.core.errors import DomainError
from gongzhi.jurisdictions.services import jurisdiction_create
from gongzhi.testing import PASSWORD

URL = "/complaints/responsibilities/"
NEW_ROW = {
    "code": "shared_bike_clutter",
    "label_zh": "共享单车乱停放",
    "label_en": "Shared bikes parked in the way",
    "party": "department",
    "department_kind": "market_regulation",
    "source": "区住建局2026年职责清单第12项",
}


def _owner_complains(login, city, category: str) -> Complaint:
    owner = login("owner_1")
    response = owner.post(
        "/complaints/new/",
        {"project": city.project_a.pk, "category": category, "description": "小区门口堵塞"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Complaint.objects.get(category=category)


def test_page_shows_the_profile_list_as_an_editable_table_in_chinese(city, login):
    page = login("bureau").get(URL).content.decode()
    rows = current_rows(city.district)
    assert "职责清单" in page and "保存清单" in page and "增加一行" in page
    assert "适用政策配置" in page  # where the list in force comes from
    assert 'name="rows-TOTAL_FORMS"' in page and f'value="{len(rows)}"' in page
    # an existing row shows its code but does not let it be changed
    assert 'name="rows-0-code"' in page and "disabled" in page
    assert 'name="rows-0-party"' in page and 'name="rows-0-department_kind"' in page


def test_bureau_changes_a_party_and_adds_a_category_and_new_complaints_follow(city, login):
    """Seed 003 §五: the edited list routes complaints filed afterwards in the district."""
    before = _owner_complains(login, city, "service_quality")
    assert before.party == "company"
    client = login("bureau")
    shown = current_rows(city.district)
    edited = [
        {**row, "party": "community"} if row["code"] == "service_quality" else row for row in shown
    ]
    response = client.post(URL, rows_post(edited, new=(NEW_ROW,)))
    assert response.status_code == 302
    stored = ResponsibilityList.objects.get(node=city.district)
    codes = [entry["code"] for entry in stored.entries]
    assert codes == [row["code"] for row in shown] + ["shared_bike_clutter"]
    # complaints filed afterwards follow the new list; the earlier one keeps its route
    Complaint.objects.all().delete()
    assert _owner_complains(login, city, "service_quality").party == "community"
    new = _owner_complains(login, city, "shared_bike_clutter")
    assert new.party == "department" and new.department_id == city.department.pk
    page = login("bureau").get(URL).content.decode()
    assert "共享单车乱停放" in page and "共治区修订的职责清单" in page


def test_removing_a_row_drops_the_category(city, login):
    client = login("bureau")
    shown = current_rows(city.district)
    response = client.post(URL, rows_post(shown, remove=frozenset({"service_quality"})))
    assert response.status_code == 302
    stored = ResponsibilityList.objects.get(node=city.district).entries
    assert "service_quality" not in [entry["code"] for entry in stored]
    assert len(stored) == len(shown) - 1


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        # seed 003 §五: a functional department must be named by its kind
        (
            {"new": {**NEW_ROW, "department_kind": ""}},
            "error-rows-{n}-department_kind",
            "请选择负责该类别的职能部门类型",
        ),
        ({"new": {**NEW_ROW, "code": "service_quality"}}, "error-rows-{n}-code", "已被其他行使用"),
        ({"new": {**NEW_ROW, "code": "Bad Code"}}, "error-rows-{n}-code", "小写字母"),
        ({"label_zh": ""}, "error-rows-0-label_zh", "此项为必填项"),
        ({"source": "   "}, "error-rows-0-source", "此项为必填项"),
    ],
    ids=["department-without-kind", "duplicate-code", "bad-code", "empty-label", "blank-source"],
)
def test_a_bad_row_is_refused_next_to_its_field_and_nothing_is_saved(
    city, login, change, where, message
):
    client = login("bureau")
    shown = current_rows(city.district)
    new = (change.pop("new"),) if "new" in change else ()
    rows = [{**shown[0], **change}, *shown[1:]]
    # a valid edit of another row in the same post is not saved either (all or nothing)
    rows[1] = {**rows[1], "party": "street"}
    response = client.post(URL, rows_post(rows, new=new))
    assert response.status_code == 400
    page = response.content.decode()
    marker = f'data-testid="{where.format(n=len(shown))}"'
    assert marker in page and message in page[page.index(marker) :][:300]
    assert not ResponsibilityList.objects.exists()


def test_removing_every_row_is_refused(city, login):
    client = login("bureau")
    shown = current_rows(city.district)
    response = client.post(URL, rows_post(shown, remove=frozenset(r["code"] for r in shown)))
    assert response.status_code == 400
    assert "清单至少需要一个类别" in response.content.decode()
    assert not ResponsibilityList.objects.exists()


def test_a_refusal_of_the_service_lands_on_the_row_it_names(city, login, monkeypatch):
    """The parser's ``[i].field`` is the i-th row kept, not counting removed rows."""

    def refuse(actor, *, node, entries):
        raise DomainError("清单无效：来源过长", fields={"entries": ["[1].source: expected …"]})

    monkeypatch.setattr(complaint_services, "responsibility_list_save", refuse)
    shown = current_rows(city.district)
    post = rows_post(shown, remove=frozenset({shown[0]["code"]}))
    response = login("bureau").post(URL, post)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="error-rows-2-source"' in page and "清单无效：来源过长" in page


def test_add_a_row_without_javascript_keeps_what_was_typed(city, login):
    client = login("bureau")
    shown = current_rows(city.district)
    edited = [{**shown[0], "label_zh": "改过的名称"}, *shown[1:]]
    response = client.post(URL, rows_post(edited, add_row="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="rows-{len(shown)}-code"' in page and "改过的名称" in page
    assert not ResponsibilityList.objects.exists()


def test_reset_restores_the_profile_list(city, login):
    client = login("bureau")
    shown = current_rows(city.district)
    client.post(URL, rows_post(shown, new=(NEW_ROW,)))
    assert ResponsibilityList.objects.filter(node=city.district).exists()
    assert "shared_bike_clutter" in [r["code"] for r in current_rows(city.district)]
    response = client.post(URL, {"reset": "1"})
    assert response.status_code == 302
    assert not ResponsibilityList.objects.exists()
    assert current_rows(city.district) == shown
    assert "适用政策配置" in client.get(URL).content.decode()


def test_bureau_edits_a_street_list_and_the_page_says_where_it_comes_from(city, login):
    client = login("bureau")
    url = f"{URL}?node={city.street_a.pk}"
    response = client.post(url, rows_post(current_rows(city.street_a), new=(NEW_ROW,)))
    assert response.status_code == 302 and response["Location"] == url
    assert ResponsibilityList.objects.get().node_id == city.street_a.pk
    street_page = client.get(url).content.decode()
    assert "东城街道" in street_page and "修订的职责清单" in street_page
    assert "适用政策配置" in client.get(URL).content.decode()  # the district keeps the profile
    # a community below the street inherits the street's list
    community_page = client.get(f"{URL}?node={city.community_a.pk}").content.decode()
    assert "共享单车乱停放" in community_page and "东城街道" in community_page
    assert "shared_bike_clutter" not in [r["code"] for r in current_rows(city.street_b)]


def test_a_street_official_reads_but_cannot_save_or_reset(city, login):
    bureau = login("bureau")
    bureau.post(URL, rows_post(current_rows(city.district), new=(NEW_ROW,)))
    stored = ResponsibilityList.objects.get().entries
    street = login("street_a")
    page = street.get(URL)
    assert page.status_code == 200 and 'name="rows-TOTAL_FORMS"' not in page.content.decode()
    shown = current_rows(city.street_a)
    post = rows_post(shown, remove=frozenset({"service_quality"}))
    assert street.post(URL, post).status_code == 403
    assert street.post(URL, {"reset": "1"}).status_code == 403
    assert ResponsibilityList.objects.get().entries == stored
    # another street is out of the street official's jurisdiction
    assert street.get(f"{URL}?node={city.street_b.pk}").status_code == 404


def test_another_districts_bureau_cannot_see_or_save_this_district(city, login):
    other = jurisdiction_create(
        actor=None, name="别的区", level="district", profile_id="national", division_code="430503"
    )
    user_create(actor=None, username="bureau_2", password=PASSWORD, role=Role.BUREAU, node=other)
    client = login("bureau_2")
    url = f"{URL}?node={city.district.pk}"
    assert client.get(url).status_code == 404
    post = rows_post(current_rows(city.district), new=(NEW_ROW,))
    assert client.post(url, post).status_code == 404
    assert client.post(url, {"reset": "1"}).status_code == 404
    assert not ResponsibilityList.objects.exists()
    # their own list applies to their own district only
    response = client.post(URL, rows_post(current_rows(other), new=(NEW_ROW,)))
    assert response.status_code == 302
    assert ResponsibilityList.objects.get().node_id == other.pk
    assert "shared_bike_clutter" not in [r["code"] for r in current_rows(city.district)]


def test_other_officials_cannot_open_the_page(city, login):
    for username in ("company_1", "owner_1", "committee_a"):
        assert login(username).get(URL).status_code in (403, 404)


def test_a_list_saved_meanwhile_by_someone_else_is_not_overwritten_row_by_row(city, login):
    """Existing rows keep their codes by position: a post made from an older version of
    the list is refused (409) and shows the list in force, so no edit lands on the wrong
    category."""
    client = login("bureau")
    shown = current_rows(city.district)  # what this official opened
    # meanwhile another official removes the first category
    client.post(URL, rows_post(shown, remove=frozenset({shown[0]["code"]})))
    saved = ResponsibilityList.objects.get(node=city.district)
    assert shown[0]["code"] not in {row["code"] for row in saved.entries}
    # this official now saves the rows they were shown, with a change to the second one
    edited = [{**row, "label_zh": "改过的名称"} if i == 1 else row for i, row in enumerate(shown)]
    response = client.post(URL, rows_post(edited))
    assert response.status_code == 409
    assert "其他人" in response.content.decode()
    saved.refresh_from_db()
    assert "改过的名称" not in {row["label_zh"] for row in saved.entries}
