"""Background work of fees: sending a project's arrears reminders off the request."""

from __future__ import annotations

from django_tasks import task

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.fees import services


@task()
def reminders_send_task(user_id: int, project_id: int) -> int:
    """Send the reminders as the user who asked (their scope and role still apply)."""
    actor = actor_for(User.objects.get(pk=user_id))
    return services.reminders_send(actor=actor, project_id=project_id)
