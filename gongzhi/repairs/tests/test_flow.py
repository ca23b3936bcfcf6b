"""The repair workflow through the services: request, dispatch, work, finish, rate;
cancellation; bad input refused with nothing changed; times per company."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.repairs import selectors, services
from gongzhi.repairs.models import RepairEvent, RepairPhoto, RepairRequest
from gongzhi.repairs.tests.conftest import png

S = RepairRequest.Status


def test_request_dispatch_finish_and_rate(city, actor, worker, request_repair):
    # given an owner's request with a photo and a preferred time
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with clock.frozen(start):
        repair = request_repair(
            photos=[png()], appointment_at=start + dt.timedelta(days=1), contact_phone="13800000001"
        )
    assert repair.status == S.SUBMITTED and repair.company_id == city.company_1.pk
    assert repair.number.startswith("BX20261102")
    assert repair.photos.get().stage == RepairPhoto.Stage.REQUEST
    company = actor("company_1")
    # when the company dispatches two hours later, works and finishes the next day
    with clock.frozen(start + dt.timedelta(hours=2)):
        repair = services.repair_dispatch(actor=company, pk=repair.pk, worker_id=worker.pk)
    with clock.frozen(start + dt.timedelta(hours=3)):
        repair = services.repair_start(actor=company, pk=repair.pk)
    with clock.frozen(start + dt.timedelta(hours=26)):
        repair = services.repair_complete(
            actor=company, pk=repair.pk, note="疏通下水道", photos=[png("done.png")]
        )
        repair = services.repair_rate(actor=actor("owner_1"), pk=repair.pk, rating=4, comment="好")
    # then every step is recorded, and the times are measured from the request
    assert repair.status == S.RATED and repair.rating == 4 and repair.worker == worker
    assert repair.respond_seconds == 2 * 3600 and repair.finish_seconds == 26 * 3600
    assert list(RepairEvent.objects.filter(request=repair).values_list("action", flat=True)) == [
        "submit", "dispatch", "start", "complete", "rate"
    ]  # fmt: skip
    assert repair.photos.filter(stage=RepairPhoto.Stage.COMPLETION).count() == 1
    assert AuditEntry.objects.filter(action="transition", target_id=str(repair.pk)).count() == 4
    times = selectors.company_times(actor=actor("bureau"))
    assert [(t.company_id, t.respond_hours, t.finish_hours, t.rating) for t in times] == [
        (city.company_1.pk, 2, 26, 4)
    ]


def test_common_part_request_needs_a_place_and_a_project_where_the_owner_has_a_home(
    city, request_repair
):
    repair = request_repair(
        place="common", part_id=None, project_id=city.project_a.pk, location="2栋电梯"
    )
    assert repair.part is None and repair.project == city.project_a
    with pytest.raises(DomainError) as error:
        request_repair(place="common", part_id=None, project_id=city.project_b.pk)
    assert set(error.value.fields) == {"project", "location"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category": "magic"}, "category"),
        ({"description": "  "}, "description"),
        ({"place": "garden"}, "place"),
        ({"contact_phone": "12"}, "contact_phone"),
        ({"appointment_at": "yesterday"}, "appointment_at"),
        ({"appointment_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}, "appointment_at"),
        ({"photos": [png("x.png", b"not an image")]}, "photos"),
    ],
)
def test_bad_requests_are_refused_with_the_field_named_and_nothing_written(
    city, request_repair, change, field
):
    with pytest.raises(DomainError) as error:
        request_repair(**change)
    assert field in error.value.fields
    assert RepairRequest.objects.count() == 0 and RepairPhoto.objects.count() == 0


def test_an_owner_may_not_ask_for_a_repair_of_someone_elses_home(city, request_repair):
    with pytest.raises(DomainError) as error:
        request_repair(part_id=city.part_a2.pk)
    assert "part" in error.value.fields
    with pytest.raises(PermissionDeniedError):
        request_repair(as_user="company_1")
    assert RepairRequest.objects.count() == 0


def test_dispatch_refuses_a_worker_of_another_company_and_changes_nothing(
    city, actor, request_repair, other_worker
):
    repair = request_repair()
    with pytest.raises(DomainError) as error:
        services.repair_dispatch(actor=actor("company_1"), pk=repair.pk, worker_id=other_worker.pk)
    assert "worker" in error.value.fields
    repair.refresh_from_db()
    assert repair.status == S.SUBMITTED and repair.worker is None and repair.dispatched_at is None


def test_only_the_serving_company_works_it_and_only_the_requester_rates(
    city, actor, worker, request_repair
):
    repair = request_repair()
    with pytest.raises(NotFoundError):
        services.repair_dispatch(actor=actor("company_2"), pk=repair.pk, worker_id=worker.pk)
    with pytest.raises(NotFoundError):
        services.repair_cancel(actor=actor("owner_2"), pk=repair.pk)
    services.repair_dispatch(actor=actor("company_1"), pk=repair.pk, worker_id=worker.pk)
    with pytest.raises(ConflictError):
        services.repair_rate(actor=actor("owner_1"), pk=repair.pk, rating=5)
    with pytest.raises(DomainError) as error:
        services.repair_complete(actor=actor("company_1"), pk=repair.pk, note="")
    assert "note" in error.value.fields
    services.repair_complete(actor=actor("company_1"), pk=repair.pk, note="已修")
    for bad in (0, 6, "five", None, True):
        with pytest.raises(DomainError) as error:
            services.repair_rate(actor=actor("owner_1"), pk=repair.pk, rating=bad)
        assert "rating" in error.value.fields
    repair.refresh_from_db()
    assert repair.status == S.COMPLETED and repair.rating is None


def test_the_owner_cancels_before_work_starts(city, actor, worker, request_repair):
    repair = request_repair()
    repair = services.repair_cancel(actor=actor("owner_1"), pk=repair.pk, reason="已自行修好")
    assert repair.status == S.CANCELLED
    with pytest.raises(ConflictError):
        services.repair_dispatch(actor=actor("company_1"), pk=repair.pk, worker_id=worker.pk)


def test_a_project_without_a_company_takes_no_requests(city, request_repair):
    type(city.project_a).objects.filter(pk=city.project_a.pk).update(company=None)
    with pytest.raises(DomainError) as error:
        request_repair()
    assert "project" in error.value.fields
