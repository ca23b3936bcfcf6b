"""Helpers of the credit tests: records made through the real services."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.clock import today
from gongzhi.credit.models import CreditRecord
from gongzhi.credit.services import records
from gongzhi.testing import City


def actor(city: City, name: str) -> Any:
    return actor_for(city.users[name])


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "notice.pdf", b"%PDF-1.4\n%evidence\n", content_type="application/pdf"
    )


def enter(city: City, *, kind: str = "administrative_penalty", by: str = "street_a", **extra: Any):
    return records.record_enter(
        actor=actor(city, by),
        company_id=extra.pop("company_id", city.company_1.pk),
        kind_code=kind,
        occurred_on=extra.pop("occurred_on", today()),
        evidence=extra.pop("evidence", "行政处罚决定书 〔2026〕12号"),
        **extra,
    )


def active_record(city: City, **kwargs: Any) -> CreditRecord:
    record = enter(city, **kwargs)
    return records.record_approve(actor=actor(city, "bureau"), record_id=record.pk)
