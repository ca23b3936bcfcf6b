"""The owner's home on a phone: what needs the owner now, the grid of services, and the
project's board. Reads only, each through the owning app's selectors and the owner's own
grant (an owner who is also staff sees their own affairs here, not the staff queues)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Sum
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints import selectors as complaints
from gongzhi.complaints.workflow import OPEN_STATES as COMPLAINT_OPEN
from gongzhi.core.scoping import Actor
from gongzhi.decisions import selectors as decisions
from gongzhi.decisions.models import Matter
from gongzhi.disclosure import selectors as disclosure
from gongzhi.fees.models import Bill
from gongzhi.fees.selectors import UNPAID
from gongzhi.notices import selectors as notices
from gongzhi.registry.models import ExclusivePart
from gongzhi.repairs import selectors as repairs
from gongzhi.surveys import selectors as surveys
from gongzhi.web.access import ACCESS


@dataclass(frozen=True)
class Tile:
    url: str
    label: str | Promise
    icon: str
    badge: int = 0


@dataclass
class Todo:
    """What needs the owner now: each list is short (the newest few), counts are totals."""

    votes: list[dict[str, Any]] = field(default_factory=list)
    bills_count: int = 0
    bills_fen: int = 0
    bills_due_on: Any = None
    repairs: list[Any] = field(default_factory=list)
    repairs_count: int = 0
    complaints: list[Any] = field(default_factory=list)
    complaints_count: int = 0
    surveys: list[Any] = field(default_factory=list)
    notices_unread: int = 0
    notices: list[Any] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.votes
            or self.bills_count
            or self.repairs_count
            or self.complaints_count
            or self.surveys
            or self.notices_unread
        )


SHOWN = 3


def todo_for(actor: Actor) -> Todo:
    owner = actor.with_grant_kinds("owner")
    todo = Todo()
    for matter in (
        decisions.my_matters(actor=owner)
        .filter(status=Matter.Status.VOTING)
        .order_by("voting_ends_on", "pk")[:SHOWN]
    ):
        voted = bool(decisions.ballots_of(actor=owner, matter=matter))
        todo.votes.append({"matter": matter, "voted": voted})
    bills = Bill.objects.visible_to(owner).filter(status__in=UNPAID)
    totals = bills.aggregate(fen=Sum(F("total_fen") - F("paid_fen")))
    todo.bills_count = bills.count()
    todo.bills_fen = int(totals["fen"] or 0)
    first = bills.order_by("due_on").values_list("due_on", flat=True).first()
    todo.bills_due_on = first
    open_repairs = repairs.my_open_repairs(actor=actor)
    todo.repairs_count = open_repairs.count()
    todo.repairs = list(open_repairs[:SHOWN])
    open_complaints = complaints.complaint_list(owner, mine=True).filter(status__in=COMPLAINT_OPEN)
    todo.complaints_count = open_complaints.count()
    todo.complaints = list(open_complaints[:SHOWN])
    todo.surveys = surveys.surveys_to_answer(actor=actor)[:SHOWN]
    todo.notices_unread = notices.notice_unread_count(actor=actor)
    if todo.notices_unread:
        newest = notices.notice_inbox(actor=actor)[:20]
        todo.notices = [n for n in newest if getattr(n, "is_unread", False)][:SHOWN]
    return todo


def boards_for(actor: Actor) -> list[Any]:
    """The disclosure board of each project where the owner holds a home (most owners
    have one), as the disclosure app builds it."""
    owner = actor.with_grant_kinds("owner")
    project_ids = (
        ExclusivePart.objects.filter(ownerships__owner__user_id=actor.user_id)
        .values_list("project_id", flat=True)
        .distinct()
        .order_by("project_id")
    )
    return [
        disclosure.board_for_project(actor=owner, project_id=pk) for pk in list(project_ids)[:2]
    ]


# The grid of services, in the order owners of Chinese property apps expect them.
SERVICES: tuple[tuple[str, str | Promise, str], ...] = (
    ("repairs:new", _("Ask for a repair"), "⚒"),
    ("fees:home", _("Pay fees"), "¥"),
    ("notices:inbox", _("Notices"), "☊"),
    ("decisions:my_votes", _("Vote"), "◆"),
    ("complaints:complaint_new", _("Complain"), "✉"),
    ("surveys:list", _("Satisfaction survey"), "☑"),
    ("funds:mine", _("Maintenance fund"), "⛁"),
    ("registry:my_homes", _("My homes"), "▣"),
    ("registry:my_committee", _("Owners' committee"), "◇"),
    ("repairs:mine", _("My repairs"), "☷"),
    ("complaints:my_complaints", _("My complaints"), "✉"),
    ("disclosure:home", _("Disclosure board"), "▦"),
    ("mediation:case_list", _("Mediation"), "⚖"),
    ("privacy:mine", _("My personal data"), "⇩"),
)


def service_tiles(actor: Actor, todo: Todo) -> list[Tile]:
    badges = {
        "decisions:my_votes": sum(1 for v in todo.votes if not v["voted"]),
        "fees:home": todo.bills_count,
        "repairs:mine": todo.repairs_count,
        "surveys:list": len(todo.surveys),
        "complaints:my_complaints": todo.complaints_count,
        "notices:inbox": todo.notices_unread,
    }
    tiles = []
    for name, label, icon in SERVICES:
        rule = ACCESS.get(name)
        if rule is None or not rule.allows(actor.roles, actor.is_authenticated):
            continue
        tiles.append(Tile(reverse(name), label, icon, badges.get(name, 0)))
    return tiles
