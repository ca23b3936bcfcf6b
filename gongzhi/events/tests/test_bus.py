"""Domain events: recorded with the change, delivered once per handler, retried on failure."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction

from gongzhi.events import bus
from gongzhi.events.models import DomainEvent, EventDelivery
from gongzhi.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db(transaction=True)

SEEN: list[tuple[str, dict]] = []
FAIL = {"on": False}


@bus.subscribe("test.happened")
def _record(event: DomainEvent) -> None:
    if FAIL["on"]:
        raise RuntimeError("handler down")
    SEEN.append((event.kind, event.data))


@pytest.fixture(autouse=True)
def _reset():
    SEEN.clear()
    FAIL["on"] = False


@pytest.fixture
def node(city) -> Jurisdiction:
    return city.district


def test_event_is_delivered_after_commit_once(node):
    with transaction.atomic():
        event = bus.emit("test.happened", subject=node, data={"x": "1"}, node_path=node.path)
        assert SEEN == []  # not before commit
    assert SEEN == [("test.happened", {"x": "1"})]
    assert EventDelivery.objects.filter(event=event).count() == 1
    bus.deliver(event)  # a second delivery attempt does nothing
    assert len(SEEN) == 1


def test_rolled_back_change_leaves_no_event(node):
    with pytest.raises(RuntimeError), transaction.atomic():
        bus.emit("test.happened", subject=node, data={}, node_path=node.path)
        raise RuntimeError("the change failed")
    assert not DomainEvent.objects.exists()
    assert SEEN == []


def test_failed_handler_is_pending_and_redelivered(node):
    FAIL["on"] = True
    event = bus.emit("test.happened", subject=node, data={"n": 2}, node_path=node.path)
    assert SEEN == []
    assert [(e.pk, name) for e, name in bus.undelivered()] == [
        (event.pk, bus.handler_name(_record))
    ]
    FAIL["on"] = False
    call_command("events", "redeliver")
    assert SEEN == [("test.happened", {"n": 2})]
    assert bus.undelivered() == []


def test_events_are_immutable(node):
    event = bus.emit("test.happened", subject=node, data={}, node_path=node.path)
    event.data = {"changed": True}
    with pytest.raises(RuntimeError):
        event.save()
