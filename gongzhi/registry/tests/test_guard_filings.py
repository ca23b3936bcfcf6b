"""Security-guard filings with the police in the company register (seed 004 §2 and its
annex: 公安部门 … 负责对物业小区保安进行备案): recorded by the company, verified or
returned by the bureau it files with, shown on the company page, the list and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core.clock import frozen
from gongzhi.registry.models import GuardFiling

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with frozen(dt.date(2026, 11, 23)):
        yield


def _post(client, city, **data):
    body = {
        "police_bureau": "共治区公安分局",
        "filing_number": "BA-2026-017",
        "filed_on": "2026-03-01",
        "valid_until": "2027-02-28",
        "guards": "12",
        **data,
    }
    return client.post(f"/registry/companies/{city.company_1.pk}/guard-filings/", body)


def test_guard_filing_journey_and_bad_input(city, login):
    company = login("company_1")
    # bad input: a validity ending before the filing date; nothing is written
    refused = _post(company, city, valid_until="2026-02-01")
    assert refused.status_code == 302
    page = company.get(f"/registry/companies/{city.company_1.pk}/").content.decode()
    assert "有效期须晚于备案日期" in page
    assert GuardFiling.objects.count() == 0
    # recorded from the company page
    assert _post(company, city).status_code == 302
    filing = GuardFiling.objects.get()
    assert (filing.status, filing.guards) == ("recorded", 12)
    page = company.get(f"/registry/companies/{city.company_1.pk}/").content.decode()
    assert "保安备案" in page and "BA-2026-017" in page and "共治区公安分局" in page
    # the same number twice is a conflict
    again = company.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/guard-filings",
        {"police_bureau": "x", "filing_number": "BA-2026-017", "filed_on": "2026-03-01"},
        content_type="application/json",
    )
    assert again.status_code == 409
    # the company cannot verify its own filing; the filing bureau does
    assert company.post(f"/api/v1/registry/guard-filings/{filing.pk}/verify", {},
                        content_type="application/json").status_code == 403  # fmt: skip
    bureau = login("bureau")
    assert bureau.post(f"/registry/guard-filings/{filing.pk}/verify/").status_code == 302
    filing.refresh_from_db()
    assert filing.status == "verified"
    assert AuditEntry.objects.filter(action="transition", target_id=str(filing.pk)).exists()
    api = bureau.get(f"/api/v1/registry/companies/{city.company_1.pk}/guard-filings").json()
    assert api[0]["valid_today"] is True
    # after its validity the filing is shown as expired
    with frozen(dt.date(2027, 3, 1)):
        assert (
            bureau.get(f"/api/v1/registry/guard-filings/{filing.pk}").json()["valid_today"] is False
        )
    listing = bureau.get("/registry/guard-filings/")
    assert "BA-2026-017" in listing.content.decode()
    export = bureau.get("/registry/guard-filings/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_return_needs_a_reason(city, login):
    filing = GuardFiling.objects.create(
        company=city.company_1,
        police_bureau="分局",
        filing_number="N1",
        filed_on=dt.date(2026, 1, 5),
    )
    bureau = login("bureau")
    bare = bureau.post(
        f"/api/v1/registry/guard-filings/{filing.pk}/return", {}, content_type="application/json"
    )
    assert bare.status_code == 400 and "note" in bare.json()["fields"]
    filing.refresh_from_db()
    assert filing.status == "recorded"


def test_guard_filings_are_scoped(city, login):
    filing = GuardFiling.objects.create(
        company=city.company_1,
        police_bureau="分局",
        filing_number="保安备案-乙-0093",
        filed_on=dt.date(2026, 1, 5),
    )
    for user in ("street_b", "company_2"):
        client = login(user)
        assert client.get(f"/api/v1/registry/guard-filings/{filing.pk}").status_code == 404
        assert client.post(f"/registry/guard-filings/{filing.pk}/verify/").status_code in (403, 404)
        assert (
            client.get(f"/api/v1/registry/companies/{city.company_1.pk}/guard-filings").status_code
            == 404
        )
        assert "保安备案-乙-0093" not in client.get("/registry/guard-filings/").content.decode()
    assert login("street_a").get(f"/api/v1/registry/guard-filings/{filing.pk}").status_code == 200
