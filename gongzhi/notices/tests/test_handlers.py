"""Vote notices and results, top-up notices and arrears reminders go through the one
notice mechanism (events from decisions, funds and fees → notices.handlers)."""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.clock import frozen
from gongzhi.decisions import services as decisions
from gongzhi.events.bus import deliver
from gongzhi.events.models import DomainEvent
from gongzhi.notices.models import Category, Notice


def test_vote_notice_and_result_notice(city, django_capture_on_commit_callbacks):
    committee = actor_for(city.users["committee_a"])
    published_on = dt.date(2026, 3, 2)
    starts = published_on + dt.timedelta(days=15)
    with frozen(published_on):
        matter = decisions.matter_create(
            actor=committee,
            project=city.project_a,
            kind="ordinary",
            title="更换小区大门",
            body="方案见附件",
        )
        with django_capture_on_commit_callbacks(execute=True):
            decisions.matter_publish(
                actor=committee,
                matter=matter,
                voting_starts_on=starts,
                voting_ends_on=starts + dt.timedelta(days=6),
            )
    vote = Notice.objects.get(category=Category.VOTE)
    assert vote.source_ref == f"decisions.matter:{matter.pk}:vote"
    assert vote.issuer == "committee" and vote.recipient_count == 2
    assert "更换小区大门" in vote.title and starts.isoformat() in vote.body
    # a redelivered event publishes nothing twice
    event = DomainEvent.objects.get(kind="decisions.matter_published")
    deliver(event)
    assert Notice.objects.filter(category=Category.VOTE).count() == 1
    # the vote runs, closes and its result is published
    with frozen(starts):
        decisions.voting_open(actor=committee, matter=matter)
    with frozen(starts + dt.timedelta(days=7)):
        decisions.matter_close(actor=committee, matter=matter)
        with django_capture_on_commit_callbacks(execute=True):
            decisions.result_publish(actor=committee, matter=matter)
    result = Notice.objects.get(category=Category.VOTE_RESULT)
    assert result.recipient_count == 2 and "0" in result.body


def test_arrears_reminders_arrive_as_notices(city, django_capture_on_commit_callbacks):
    from gongzhi.fees import services as fees
    from gongzhi.fees.tests.conftest import make_standard

    make_standard(city)
    staff = actor_for(city.users["company_1"])
    fees.billing_run(
        actor=staff,
        project_id=city.project_a.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 1, 31),
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = fees.reminders_send(actor=staff, project_id=city.project_a.pk)
    notices = Notice.objects.filter(category=Category.ARREARS)
    assert sent == notices.count() == 2
    assert {n.issuer for n in notices} == {"company"}
    assert sorted(n.recipients.get().owner_id for n in notices) == sorted(
        [city.owner_1.pk, city.owner_2.pk]
    )
