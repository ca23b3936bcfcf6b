"""Registering projects (物业管理区域): community, category, service mode, company and
developer.

Seeds 000 §11 (only a filed, not blacklisted company serves), 001 §五 (old projects: the
category ``old`` against the profile's cutoff).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.errors import DomainError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.companies.services import require_company_may_serve
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.housing.services.common import audit_create, audit_update, writable_project
from gongzhi.registry.models import Owner, Project, PropertyCompany


def _company_or_error(errors: v.Errors, company_id: int | None) -> PropertyCompany | None:
    """Companies are public register data (the public look-up lists them), so an official
    may pick any company by id; the rule that decides is whether it may serve."""
    if company_id is None:
        return None
    company = PropertyCompany.objects.filter(pk=company_id).first()
    if company is None:
        errors.add("company", _("Unknown property company."))
        return None
    try:
        require_company_may_serve(company)  # seed 000 §11; 001 §三(二)3
    except DomainError as error:
        for message in error.fields.get("company", [error.message]):
            errors.add("company", message)
        return None
    return company


@dataclass(frozen=True)
class ProjectResult:
    project: Project
    warning: str | Promise | None


def _developer(
    actor: Actor, errors: v.Errors, developer_uscc: str, developer_name: str
) -> Owner | None:
    """The developer (建设单位): an organisation owner picked or created by its USCC."""
    if not developer_uscc.strip():
        if developer_name.strip():
            errors.add("developer_uscc", _("Enter the developer's unified social credit code."))
        return None
    code = errors.check("developer_uscc", v.clean_uscc, developer_uscc)
    if code is None:
        return None
    existing = Owner.objects.filter(uscc=code).first()
    if existing is not None:
        return existing
    name = errors.check("developer_name", lambda x: v.clean_text(x, max_length=200), developer_name)
    if name is None:
        return None
    return Owner(kind=Owner.Kind.ORGANISATION, name=name, uscc=code, is_developer=True)


def _project_fields(
    actor: Actor,
    errors: v.Errors,
    *,
    name: Any,
    community_id: Any,
    category: Any,
    service_mode: Any,
    completed_year: Any,
    total_building_area: Any,
    address: Any,
    company_id: int | None,
    developer_uscc: str,
    developer_name: str,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "name": errors.check("name", lambda x: v.clean_text(x, max_length=200), name),
        "category": errors.check("category", v.clean_category, category),
        "service_mode": errors.check("service_mode", v.clean_service_mode, service_mode),
        "completed_year": errors.check("completed_year", v.clean_year, completed_year),
        "total_building_area": errors.check(
            "total_building_area",
            lambda x: v.clean_area(x, max_digits=12, required=False),
            total_building_area,
        ),
        "address": errors.check(
            "address", lambda x: v.clean_text(x, max_length=255, required=False), address
        ),
    }
    community = (
        Jurisdiction.objects.visible_to(writer(actor))
        .filter(pk=community_id, level=Level.COMMUNITY)
        .first()
        if str(community_id or "").isdigit()
        else None
    )
    if community is None:
        errors.add("community", _("Choose a community in your jurisdiction."))
    clean["community"] = community
    clean["company"] = _company_or_error(errors, company_id)
    clean["developer"] = _developer(actor, errors, developer_uscc or "", developer_name or "")
    clean["warning"] = None
    if community is not None and clean["category"] and "completed_year" not in errors.fields:
        try:
            clean["warning"] = v.check_category(
                effective_profile(community), clean["category"], clean["completed_year"]
            )
        except v.FieldError as error:
            errors.add("category", error.message)
    return clean


def _save_developer(actor: Actor, developer: Owner | None, node_path: str) -> None:
    if developer is None:
        return
    if developer.pk is None:
        developer.save()
        audit_create(actor, developer, node_path)
    elif not developer.is_developer:
        before = audit.snapshot(developer)
        developer.is_developer = True
        developer.save(update_fields=["is_developer"])
        audit_update(actor, developer, before, node_path)


_NAME_TAKEN = _("A project with this name already exists in the community.")
_PROJECT_FIELDS = (
    "name",
    "community",
    "category",
    "service_mode",
    "completed_year",
    "total_building_area",
    "address",
    "company",
    "developer",
)


def _project_write(actor: Actor, project: Project | None, **fields: Any) -> ProjectResult:
    """Validate ``fields`` as :func:`_project_fields` does and save them on ``project`` (a
    new one when ``None``); the name is unique in the community."""
    errors = v.Errors()
    clean = _project_fields(actor, errors, **fields)
    if clean["community"] is not None and clean["name"]:
        clash = Project.objects.filter(community=clean["community"], name=clean["name"])
        if clash.exclude(pk=project.pk if project else None).exists():
            errors.add("name", _NAME_TAKEN)
    errors.raise_if_any()
    community = clean["community"]
    _save_developer(actor, clean["developer"], community.path)
    project = project or Project()
    for field in _PROJECT_FIELDS:
        setattr(project, field, clean[field])
    project.node_path = community.path
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        raise invalid({"name": [_NAME_TAKEN]}) from None
    return ProjectResult(project, clean["warning"])


@transaction.atomic
def project_create(
    *,
    actor: Actor,
    name: str,
    community_id: int,
    category: str,
    service_mode: str = Project.ServiceMode.MARKET,
    completed_year: int | str | None = None,
    total_building_area: Decimal | str | None = None,
    address: str = "",
    company_id: int | None = None,
    developer_uscc: str = "",
    developer_name: str = "",
) -> ProjectResult:
    """Register a project (物业管理区域) in a community of the official's subtree.

    ``node_path`` is the community's path, never taken from input. Category ``old``
    follows the profile's cutoff (seed 001 §五); a company must be filed and not
    blacklisted (seed 000 §11); the developer is an organisation owner with a valid USCC.
    """
    result = _project_write(
        actor,
        None,
        name=name,
        community_id=community_id,
        category=category,
        service_mode=service_mode,
        completed_year=completed_year,
        total_building_area=total_building_area,
        address=address,
        company_id=company_id,
        developer_uscc=developer_uscc,
        developer_name=developer_name,
    )
    audit.record_create(actor, result.project)
    return result


@transaction.atomic
def project_update(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    community_id: int,
    category: str,
    service_mode: str,
    completed_year: int | str | None = None,
    total_building_area: Decimal | str | None = None,
    address: str = "",
    company_id: int | None = None,
    developer_uscc: str = "",
    developer_name: str = "",
) -> ProjectResult:
    """Edit a project; the same rules as :func:`project_create`. Moving it to another
    community of the subtree rewrites ``node_path`` from that community."""
    project = writable_project(actor, project_id)
    before = audit.snapshot(project)
    result = _project_write(
        actor,
        project,
        name=name,
        community_id=community_id,
        category=category,
        service_mode=service_mode,
        completed_year=completed_year,
        total_building_area=total_building_area,
        address=address,
        company_id=company_id,
        developer_uscc=developer_uscc,
        developer_name=developer_name,
    )
    audit.record_update(actor, project, before)
    return result
