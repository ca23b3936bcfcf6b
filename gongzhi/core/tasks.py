"""Background work shared by every app: outgoing SMS and e-mail.

Enqueued with ``transaction.on_commit`` by services, so a rolled-back change sends
nothing. The backend is configuration (settings.TASK_BACKEND): the database backend by
default, RQ on Redis for a large city; the code is the same.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task

from gongzhi.core import sms


@task()
def send_sms(mobile: str, text: str) -> None:
    sms.send_sms(mobile, text)


@task()
def send_email(to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])


def send_sms_on_commit(mobile: str, text: str) -> None:
    """Queue an SMS for when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_sms.enqueue(mobile, text))
