"""A company's profile: registering it with the housing bureau and changing its fields
(seed 000 §11: the company files with the bureau, whose subtree supervises it).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.companies.permissions import can_edit, editable_fields
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules.identity import CreditCodeError, validate_uscc

PROFILE_FIELDS = (
    "name",
    "uscc",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "address",
    "email",
    "established_on",
)
_MAX_LENGTHS = {
    "name": 200,
    "legal_representative": 64,
    "contact_name": 64,
    "contact_phone": 32,
    "address": 255,
}
PHONE = re.compile(r"^[0-9+\-() ]{5,32}$")

USCC_MESSAGES = {
    "length": _("A unified social credit code has 18 characters."),
    "format": _(
        "The unified social credit code contains characters that are not allowed "
        "(8 digits then letters or digits without I, O, S, V, Z)."
    ),
    "check_digit": _("The check digit of the unified social credit code is wrong."),
}


def _clean_uscc(value: str, fields: FieldErrors, *, exclude_pk: int | None = None) -> str:
    raw = (value or "").strip()
    if not raw:
        fields["uscc"] = [_("This field is required.")]
        return raw
    try:
        uscc = validate_uscc(raw)
    except CreditCodeError as error:
        fields["uscc"] = [
            USCC_MESSAGES.get(error.reason, _("Enter a valid unified social credit code."))
        ]
        return raw
    taken = PropertyCompany.objects.filter(uscc=uscc)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        fields["uscc"] = [
            _("A company with this unified social credit code is already registered.")
        ]
    return uscc


def _clean_profile(
    data: dict[str, Any], *, exclude_pk: int | None = None
) -> tuple[dict[str, Any], FieldErrors]:
    """Normalise and check the given profile fields; return (values, field errors)."""
    fields: FieldErrors = {}
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == "uscc":
            out[name] = _clean_uscc(value, fields, exclude_pk=exclude_pk)
            continue
        if name == "established_on":
            if value is not None and not isinstance(value, dt.date):
                fields[name] = [_("Enter a valid date.")]
            elif value is not None and value > clock.today():
                fields[name] = [_("The date cannot be in the future.")]
            out[name] = value
            continue
        text = str(value or "").strip()
        if name in ("name", "legal_representative") and not text:
            fields[name] = [_("This field is required.")]
        limit = _MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            fields[name] = [_("This value is too long.")]
        if name == "contact_phone" and text and not PHONE.match(text):
            fields[name] = [_("Enter a valid phone number.")]
        if name == "email" and text:
            try:
                validate_email(text)
            except ValidationError:
                fields[name] = [_("Enter a valid e-mail address.")]
        out[name] = text
    return out, fields


@transaction.atomic
def company_create(
    *,
    actor: Actor,
    name: str,
    uscc: str,
    legal_representative: str,
    contact_name: str = "",
    contact_phone: str = "",
    address: str = "",
    email: str = "",
    established_on: dt.date | None = None,
    filed_with_id: int | None = None,
) -> PropertyCompany:
    """Register a company with the housing bureau the actor works for.

    The company files with the bureau's own node (``filed_with``); the node's path becomes
    the company's ``node_path``, so the bureau's subtree supervises it (seed 000 §11).
    """
    bureau_nodes = {
        g.node_id: g.node_path
        for g in actor.grants_of("node")
        if g.role == Role.BUREAU and g.node_id is not None
    }
    if not (actor.is_platform_admin or bureau_nodes):
        raise PermissionDeniedError(_("Only the housing bureau may register a company."))
    values, fields = _clean_profile(
        {
            "name": name,
            "uscc": uscc,
            "legal_representative": legal_representative,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
            "address": address,
            "email": email,
            "established_on": established_on,
        }
    )
    node: Jurisdiction | None = None
    if filed_with_id is None and len(bureau_nodes) == 1:
        filed_with_id = next(iter(bureau_nodes))
    if filed_with_id is None:
        fields["filed_with"] = [_("Choose the housing bureau the company files with.")]
    elif not actor.is_platform_admin and filed_with_id not in bureau_nodes:
        fields["filed_with"] = [_("You may register companies only with your own bureau.")]
    else:
        node = Jurisdiction.objects.filter(pk=filed_with_id).first()
        if node is None:
            fields["filed_with"] = [_("Unknown jurisdiction.")]
    if fields:
        raise invalid(fields)
    assert node is not None
    company = PropertyCompany.objects.create(filed_with=node, node_path=node.path, **values)
    audit.record_create(actor, company)
    return company


@transaction.atomic
def company_update(*, actor: Actor, company_id: int, **changes: Any) -> PropertyCompany:
    """Change profile fields; the bureau may change all of them, the company's staff
    their contacts and address (and their identity only before filing). Audited with
    the before/after values."""
    company = locked_company(actor, company_id)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise invalid({name: [_("This field cannot be changed here.")] for name in unknown})
    if not can_edit(actor, company):
        raise PermissionDeniedError(_("You may not edit this company."))
    allowed = editable_fields(actor, company)
    values, fields = _clean_profile(changes, exclude_pk=company.pk)
    for name, value in values.items():
        if name not in allowed and value != getattr(company, name):
            fields.setdefault(name, []).append(
                _("Only the housing bureau may change this once the filing is under way.")
            )
    if fields:
        raise invalid(fields)
    before = audit.snapshot(company)
    for name, value in values.items():
        setattr(company, name, value)
    company.save(update_fields=list(values) or None)
    audit.record_update(actor, company, before=before)
    return company


def locked_company(actor: Actor, company_id: int) -> PropertyCompany:
    company: PropertyCompany = get_visible(
        PropertyCompany.objects.select_for_update(), actor, pk=company_id
    )
    return company


def editable_company(actor: Actor, company_id: int) -> PropertyCompany:
    company = locked_company(actor, company_id)
    if not can_edit(actor, company):
        raise PermissionDeniedError(_("You may not edit this company."))
    return company
