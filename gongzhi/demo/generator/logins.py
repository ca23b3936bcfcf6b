"""One demo login per role, all with the demo password, created through the accounts
services. The password is hashed once and the hash given to every demo user."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from gongzhi.accounts.models import Role, User
from gongzhi.accounts.services import user_create
from gongzhi.demo.extensions import Tree
from gongzhi.jurisdictions.models import Department
from gongzhi.registry.models import (
    CommitteeMember,
    ExclusivePart,
    Owner,
    OwnersCommittee,
    Ownership,
    Project,
)

DEMO_USERNAMES = ("admin", "bureau", "street", "community", "dept", "company", "committee", "owner")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    scope: str
    mobile: str = ""


def _committee_project(tree: Tree) -> Project:
    """A project with a current owners' committee, in the first community if possible."""
    current = Project.objects.filter(
        committees__is_current=True, committees__kind=OwnersCommittee.Kind.OWNERS_COMMITTEE
    ).order_by("pk")
    project = (
        current.filter(community=tree.communities[0]).first()
        or current.filter(node_path__startswith=tree.streets[0].path).first()
        or current.first()
    )
    assert project is not None, "the first project always has an owners' committee"
    return project


def _owner_of(project: Project) -> Owner:
    """A person who owns one whole delivered dwelling there and sits on no committee."""
    members = CommitteeMember.objects.filter(owner__isnull=False).values("owner_id")
    ownership = (
        Ownership.objects.filter(
            part__project=project,
            part__kind=ExclusivePart.Kind.DWELLING,
            part__delivery=ExclusivePart.Delivery.DELIVERED,
            owner__kind=Owner.Kind.PERSON,
            share_numerator=1,
            share_denominator=1,
        )
        .exclude(owner_id__in=members)
        .select_related("owner", "part")
        .order_by("pk")
        .first()
    )
    assert ownership is not None, "the committee project has no single-owner dwelling"
    return ownership.owner


def create_logins(*, tree: Tree, password: str) -> list[DemoLogin]:
    root, street, community = tree.root, tree.streets[0], tree.communities[0]
    department = tree.departments[Department.Kind.MARKET_REGULATION]
    project = _committee_project(tree)
    company = project.company
    assert company is not None, "the first project is a new one, served by a company"
    owner = _owner_of(project)
    dwelling = owner.ownerships.select_related("part").order_by("pk").first()

    def make(
        username: str, role: str, display: str, mobile: str | None = None, **scope: object
    ) -> User:
        return user_create(
            actor=None,
            username=username,
            password=None,
            display_name=display,
            mobile=mobile,
            role=role,
            **scope,
        )

    users = [
        make("admin", Role.PLATFORM_ADMIN, "平台管理员"),
        make("bureau", Role.BUREAU, f"{root.name}住建局", node=root),
        make("street", Role.STREET_OFFICER, f"{street.name}物业办", node=street),
        make("community", Role.COMMUNITY_OFFICER, f"{community.name}物业专干", node=community),
        make("dept", Role.DEPARTMENT_STAFF, department.name, department=department),
        make("company", Role.COMPANY_STAFF, company.name, company=company),
        make("committee", Role.COMMITTEE_MEMBER, f"{project.name}业委会", project=project),
        make("owner", Role.OWNER, owner.name, mobile=owner.phone),
    ]
    Owner.objects.filter(pk=owner.pk).update(user=users[-1])
    User.objects.filter(pk=users[0].pk).update(is_superuser=True, is_staff=True)
    User.objects.filter(pk__in=[u.pk for u in users]).update(password=make_password(password))
    return [
        DemoLogin(Role.PLATFORM_ADMIN, "admin", password, "whole platform (superuser)"),
        DemoLogin(Role.BUREAU, "bureau", password, root.name),
        DemoLogin(Role.STREET_OFFICER, "street", password, street.name),
        DemoLogin(Role.COMMUNITY_OFFICER, "community", password, community.name),
        DemoLogin(Role.DEPARTMENT_STAFF, "dept", password, department.name),
        DemoLogin(Role.COMPANY_STAFF, "company", password, company.name),
        DemoLogin(Role.COMMITTEE_MEMBER, "committee", password, project.name),
        DemoLogin(
            Role.OWNER,
            "owner",
            password,
            f"{project.name} {dwelling.part.number if dwelling else ''}".strip(),
            mobile=owner.phone,
        ),
    ]
