"""The whole flow over HTTP (pages and /api/v1/decisions), with scoping: an owner of another
project or an official of another street gets 404 (absent = forbidden, docs/architecture.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from gongzhi.decisions.models import Ballot, BallotRevision, Matter, PaperBallot, Result
from gongzhi.decisions.tests.conftest import pdf
from gongzhi.rules.tally import run

pytestmark = pytest.mark.django_db


def test_organiser_drafts_publishes_opens_closes_and_publishes_over_pages(city, clock, login):
    client = login("committee_a")
    # given a draft made on the page
    response = client.post(
        "/decisions/new/",
        {"project": city.project_a.pk, "kind": "ordinary", "title": "续聘物业", "body": "续聘三年"},
    )
    assert response.status_code == 302
    matter = Matter.objects.get(title="续聘物业")
    # when it is published with a window that respects the 15 days' notice
    starts = clock.day + dt.timedelta(days=15)
    response = client.post(
        f"/decisions/{matter.pk}/publish/",
        {"voting_starts_on": starts, "voting_ends_on": starts + dt.timedelta(days=6)},
    )
    assert response.status_code == 302
    clock.day = starts
    assert client.post(f"/decisions/{matter.pk}/open/").status_code == 302
    # and both owners vote on their phones
    for username, choice in (("owner_1", "yes"), ("owner_2", "abstain")):
        voter = login(username)
        page = voter.get(f"/decisions/{matter.pk}/vote/")
        assert "提交" in page.content.decode()  # the page is in Chinese
        assert voter.post(f"/decisions/{matter.pk}/vote/", {"choice": choice}).status_code == 302
    client = login("committee_a")
    progress = client.get(f"/decisions/{matter.pk}/progress/")
    assert 'hx-trigger="every 10s"' in progress.content.decode()
    clock.day = matter.voting_ends_on if matter.voting_ends_on else clock.day
    clock.day = starts + dt.timedelta(days=7)
    assert client.post(f"/decisions/{matter.pk}/close/").status_code == 302
    assert client.post(f"/decisions/{matter.pk}/publish_result/").status_code == 302
    # then the result: the abstention took part but did not approve (89.50 of 209.75 m²)
    result = Result.objects.get(matter=matter)
    assert (result.passed, result.unmet) == (False, ["approval_area", "approval_owners"])
    page = login("owner_1").get(f"/decisions/{matter.pk}/result/")
    assert page.status_code == 200
    assert "1栋" in page.content.decode()
    # and the exports recompute the same tally
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/decisions/{matter.pk}/ballots.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][0] == "part" and len(rows) == 3
    header, lines = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header[4] == "voter" and header[6] == "choice"
    yes_area = sum(Decimal(r["area"]) for r in lines if r["choice"] == "yes")
    voted = {r["voter"] for r in lines if r["choice"]}
    assert (yes_area, len(voted)) == (result.yes_area, result.participating_owners)
    xlsx = client.get(f"/decisions/{matter.pk}/ballots.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    scenario = client.get(f"/decisions/{matter.pk}/tally.json").content.decode()
    verdict = json.loads(run(scenario))
    assert verdict["passed"] is False
    assert verdict["participating"] == {"area": "209.75", "owners": 2}
    assert verdict["yes"] == {"area": "89.50", "owners": 1}


def test_publishing_with_too_short_notice_is_refused_and_changes_nothing(
    city, clock, voting, login
):
    matter = voting(state="draft")
    client = login("committee_a")
    starts = clock.day + dt.timedelta(days=14)  # one day short of 物业管理条例 art. 14
    response = client.post(
        f"/decisions/{matter.pk}/publish/",
        {"voting_starts_on": starts, "voting_ends_on": starts + dt.timedelta(days=10)},
    )
    assert response.status_code == 400
    matter.refresh_from_db()
    assert matter.status == Matter.Status.DRAFT and matter.voting_starts_on is None


def test_owner_changes_vote_and_receipts_tell_which_one_counts(city, voting, login):
    matter = voting()
    client = login("owner_1")
    client.post(f"/decisions/{matter.pk}/vote/", {"choice": "yes"})
    first = Ballot.objects.get(matter=matter).receipt
    client.post(f"/decisions/{matter.pk}/vote/", {"choice": "no"})
    ballot = Ballot.objects.get(matter=matter)
    assert (ballot.choice, ballot.version) == ("no", 2)
    assert BallotRevision.objects.filter(ballot=ballot).count() == 2
    old = client.get("/decisions/receipt/", {"code": first}).content.decode()
    assert 'data-testid="superseded"' in old
    new = client.get("/decisions/receipt/", {"code": ballot.receipt}).content.decode()
    assert 'data-testid="counted"' in new
    # another owner cannot look up this receipt
    other = login("owner_2").get("/decisions/receipt/", {"code": ballot.receipt}).content.decode()
    assert 'data-testid="unknown"' in other


def test_my_votes_lists_the_open_matter(city, voting, login):
    matter = voting()
    page = login("owner_1").get("/decisions/mine/").content.decode()
    assert matter.title in page


@pytest.mark.parametrize(
    "path",
    [
        "/decisions/{pk}/",
        "/decisions/{pk}/roll/",
        "/decisions/{pk}/vote/",
        "/decisions/{pk}/progress/",
    ],
)
def test_owner_of_another_project_gets_404(city, voting, login, outsider, path):
    matter = voting()
    client = login("owner_b")
    assert client.get(path.format(pk=matter.pk)).status_code == 404
    assert client.post(f"/decisions/{matter.pk}/vote/", {"choice": "yes"}).status_code == 404
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    "path", ["/decisions/{pk}/", "/decisions/{pk}/roll/", "/decisions/{pk}/progress/"]
)
def test_official_of_another_street_gets_404(city, voting, login, path):
    matter = voting()
    assert login("street_b").get(path.format(pk=matter.pk)).status_code == 404
    assert login("street_a").get(path.format(pk=matter.pk)).status_code == 200


def test_another_streets_official_cannot_act(city, voting, login):
    matter = voting()
    response = login("street_b").post(f"/decisions/{matter.pk}/close/")
    assert response.status_code == 404
    matter.refresh_from_db()
    assert matter.status == Matter.Status.VOTING


def test_roll_masks_owner_names(city, voting, login):
    matter = voting()
    page = login("owner_2").get(f"/decisions/{matter.pk}/roll/").content.decode()
    assert "王*" in page and "王小明" not in page


def test_paper_ballot_counts_only_after_a_second_person_confirms(city, voting, login):
    matter = voting()
    client = login("committee_a")
    response = client.post(
        f"/decisions/{matter.pk}/paper/",
        {"part_number": "1-1-102", "choice": "yes", "scan": pdf()},
    )
    assert response.status_code == 302
    paper = PaperBallot.objects.get()
    assert not Ballot.objects.exists()
    # the person who entered it cannot confirm it
    response = client.post(f"/decisions/{matter.pk}/paper/{paper.pk}/confirm/")
    assert response.status_code == 403
    assert not Ballot.objects.exists()
    # a second organiser (the street, as project A has no committee on the register) can
    response = login("street_a").post(f"/decisions/{matter.pk}/paper/{paper.pk}/confirm/")
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.voter_key, ballot.channel) == (f"o{city.owner_2.pk}", "paper")


def test_written_proxy_lets_the_agent_vote_for_the_owner(city, voting, login):
    matter = voting()
    client = login("committee_a")
    response = client.post(
        f"/decisions/{matter.pk}/proxies/",
        {"owner_id": city.owner_2.pk, "agent_mobile": "13800000001", "document": pdf("proxy.pdf")},
    )
    assert response.status_code == 302
    agent = login("owner_1")
    response = agent.post(
        f"/decisions/{matter.pk}/vote/", {"choice": "yes", "voter_key": f"o{city.owner_2.pk}"}
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.voter_key, ballot.channel) == (f"o{city.owner_2.pk}", "proxy")


def test_api_flow_and_scoping(city, clock, login, outsider):
    client = login("committee_a")
    response = client.post(
        "/api/v1/decisions",
        {
            "project_id": city.project_a.pk,
            "kind": "election",
            "title": "第二届业委会选举",
            "seats": 1,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    for name in ("王小明", "赵小红"):
        r = client.post(
            f"/api/v1/decisions/{pk}/candidates", {"name": name}, content_type="application/json"
        )
        assert r.status_code == 201
    starts = clock.day + dt.timedelta(days=15)
    r = client.post(
        f"/api/v1/decisions/{pk}/publish",
        {
            "voting_starts_on": starts.isoformat(),
            "voting_ends_on": (starts + dt.timedelta(days=6)).isoformat(),
        },
        content_type="application/json",
    )
    assert r.json()["status"] == "published"
    clock.day = starts
    assert client.post(f"/api/v1/decisions/{pk}/actions/open").json()["status"] == "voting"
    first = Matter.objects.get(pk=pk).candidates.order_by("pk").first()
    voter = login("owner_1")
    r = voter.post(
        f"/api/v1/decisions/{pk}/ballot",
        {"candidate_ids": [first.pk]},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    receipt = r.json()[0]["receipt"]
    assert voter.get(f"/api/v1/decisions/receipts/{receipt}").json()["counted"] is True
    # too many candidates for one seat: refused, nothing changes
    r = voter.post(
        f"/api/v1/decisions/{pk}/ballot",
        {"candidate_ids": list(Matter.objects.get(pk=pk).candidates.values_list("pk", flat=True))},
        content_type="application/json",
    )
    assert r.status_code == 400 and r.json()["fields"]["choice"]
    assert Ballot.objects.get().version == 1
    outsider_client = login("owner_b")
    assert outsider_client.get(f"/api/v1/decisions/{pk}").status_code == 404
    assert outsider_client.get(f"/api/v1/decisions/{pk}/roll").status_code == 404
    r = outsider_client.post(
        f"/api/v1/decisions/{pk}/ballot", {"candidate_ids": []}, content_type="application/json"
    )
    assert r.status_code == 404
    client = login("committee_a")
    assert client.get(f"/api/v1/decisions/{pk}/progress").json()["participating"]["owners"] == 1
    clock.day = starts + dt.timedelta(days=7)
    client.post(f"/api/v1/decisions/{pk}/actions/close")
    result = client.get(f"/api/v1/decisions/{pk}/result").json()
    # 1 of 2 owners took part: participation (≥ 2/3) is not met, nobody is elected
    assert result["passed"] is False
    assert result["unmet"] == ["participation_area", "participation_owners"]


def test_changing_a_vote_stays_within_its_query_budget(
    city, voting, login, django_assert_max_num_queries
):
    matter = voting()
    client = login("owner_1")
    client.post(f"/decisions/{matter.pk}/vote/", {"choice": "yes"})
    # session, user, memberships, matter, roll keys, matter lock, ballot lock, update,
    # revision, audit row (+ savepoint bookkeeping)
    with django_assert_max_num_queries(14):
        assert client.post(f"/decisions/{matter.pk}/vote/", {"choice": "no"}).status_code == 302


def test_api_paper_ballot_four_eyes_and_proxy(city, voting, login):
    matter = voting()
    client = login("committee_a")
    r = client.post(
        f"/api/v1/decisions/{matter.pk}/paper",
        {"part_number": "1-1-101", "choice": "no", "scan": pdf()},
    )
    assert r.status_code == 201, r.content
    paper_id = r.json()["id"]
    assert client.post(f"/api/v1/decisions/paper/{paper_id}/confirm").status_code == 403
    assert not Ballot.objects.exists()
    assert login("street_b").post(f"/api/v1/decisions/paper/{paper_id}/confirm").status_code == 404
    r = login("street_a").post(f"/api/v1/decisions/paper/{paper_id}/confirm")
    assert r.status_code == 200 and r.json()[0]["choice"] == "no"
    client = login("committee_a")
    r = client.post(
        f"/api/v1/decisions/{matter.pk}/proxies",
        {"owner_id": city.owner_2.pk, "agent_mobile": "13800000001", "document": pdf("p.pdf")},
    )
    assert r.status_code == 201 and r.json()["voter_key"] == f"o{city.owner_2.pk}"
    r = client.post(
        f"/api/v1/decisions/{matter.pk}/proxies",
        {"owner_id": city.owner_b.pk, "agent_mobile": "13800000001", "document": pdf("p.pdf")},
    )
    assert r.status_code == 400 and "owner_id" in r.json()["fields"]


def test_organiser_pages_render_in_chinese(city, voting, login):
    draft = voting(kind="election", state="draft", seats=2)
    open_matter = voting(title="续聘物业服务企业")
    client = login("committee_a")
    listing = client.get("/decisions/").content.decode()
    assert "续聘物业服务企业" in listing and "新建表决事项" in listing
    assert client.get("/decisions/new/").status_code == 200
    detail = client.get(f"/decisions/{draft.pk}/").content.decode()
    assert "添加候选人" in detail and 'data-testid="action-publish"' in detail
    detail = client.get(f"/decisions/{open_matter.pk}/").content.decode()
    assert 'data-testid="progress"' in detail and 'data-testid="paper"' in detail
    assert "参与表决情况" in detail
    # owners do not see drafts, nor the organiser's buttons
    owner = login("owner_1")
    assert owner.get(f"/decisions/{draft.pk}/").status_code == 404
    page = owner.get(f"/decisions/{open_matter.pk}/").content.decode()
    assert 'data-testid="actions"' not in page and 'data-testid="vote-link"' in page


def test_company_staff_cannot_open_the_roll(city, voting, login):
    matter = voting()
    client = login("company_1")
    assert client.get(f"/decisions/{matter.pk}/").status_code == 200
    assert client.get(f"/decisions/{matter.pk}/roll/").status_code == 403


def test_my_votes_shows_the_candidates_voted_for(city, voting, login):
    matter = voting(kind="election", seats=1)
    candidate = matter.candidates.order_by("pk").last()
    client = login("owner_2")
    response = client.post(f"/decisions/{matter.pk}/vote/", {"choice": [candidate.pk]})
    assert response.status_code == 302
    page = client.get("/decisions/mine/").content.decode()
    assert f"<b>{candidate.name}</b>" in page
