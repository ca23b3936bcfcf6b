"""Demo data of the domain apps, added after the register and the logins exist.

Each app in :data:`DEMO_MODULES` has a ``demo.populate(ctx)`` that adds its own rows
(through its services where the volume allows, ``bulk_create`` where it does not) and
returns row counts per model label. Every random choice comes from ``ctx.rng(name)``,
so the same seed gives the same city.

This module sits below the generator: the generator builds the :class:`Tree` and the
register, then hands a :class:`DemoContext` to :func:`populate_all`; nothing here imports
the generator.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from dataclasses import dataclass, field

from gongzhi.accounts.models import Membership, Role, User
from gongzhi.jurisdictions.models import Department, Jurisdiction

DEMO_MODULES = (
    "gongzhi.demo.domains.decisions",
    "gongzhi.demo.domains.complaints",
    "gongzhi.demo.domains.mediation",
    "gongzhi.demo.domains.assessments",
    "gongzhi.demo.domains.credit",
    "gongzhi.demo.domains.funds",
    "gongzhi.demo.domains.fees",
    "gongzhi.demo.domains.repairs",
    "gongzhi.demo.domains.surveys",
    "gongzhi.demo.domains.oversight",
    "gongzhi.demo.domains.disclosure",
    "gongzhi.demo.domains.notices",
    "gongzhi.demo.domains.lifecycle",
    "gongzhi.demo.domains.assembly",
    "gongzhi.demo.domains.oldprojects",
)


@dataclass
class Tree:
    """The demo city's jurisdictions (built by ``gongzhi.demo.generator.tree``)."""

    root: Jurisdiction
    streets: list[Jurisdiction] = field(default_factory=list)
    communities: list[Jurisdiction] = field(default_factory=list)
    departments: dict[str, Department] = field(default_factory=dict)
    node_count: int = 0


@dataclass
class DemoContext:
    seed: int
    profile_id: str
    tree: Tree
    today: dt.date
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """A random stream of its own per app, so one app's changes leave the others'."""
        return random.Random(f"{self.seed}:{name}")

    def user(self, username: str) -> User:
        """A demo login by its username (admin, bureau, street, community, dept, company,
        committee, owner)."""
        return User.objects.get(username=username)

    def company_id(self) -> int | None:
        """The company the demo ``company`` login works for."""
        return self._membership_scope("company", Role.COMPANY_STAFF, "company_id")

    def committee_project_id(self) -> int | None:
        """The project whose owners' committee the demo ``committee`` login sits on."""
        return self._membership_scope("committee", Role.COMMITTEE_MEMBER, "project_id")

    def _membership_scope(self, username: str, role: str, column: str) -> int | None:
        return (
            Membership.objects.filter(user=self.user(username), role=role)
            .values_list(column, flat=True)
            .first()
        )


def populate_all(ctx: DemoContext) -> dict[str, int]:
    counts: dict[str, int] = {}
    for module_name in DEMO_MODULES:
        module = importlib.import_module(module_name)
        for label, rows in module.populate(ctx).items():
            counts[label] = counts.get(label, 0) + rows
    return counts
