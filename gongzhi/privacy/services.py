"""Personal-data rights (个人信息保护法): an owner's copy of everything the platform holds
about them (art. 45), erasure or anonymisation of a departed owner (art. 47), and the
retention periods (art. 19). The kinds, purposes and legal bases: ``gongzhi.core.privacy``.

Erasure keeps the records that others rely on consistent: a ballot keeps its voter key,
part and area (the weight) but the roll no longer names the person; ledgers and fees are
kept by part; audit rows are kept with their personal fields redacted.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import ApiToken, Role, User
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.complaints.models import Complaint
from gongzhi.core import clock
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.privacy import kinds_document, retention_days
from gongzhi.core.scoping import Actor, user_of
from gongzhi.decisions.models import RollEntry
from gongzhi.fees.models import ReminderNotice
from gongzhi.open311.models import Open311Request
from gongzhi.registry.models import Owner, Ownership
from gongzhi.repairs.models import RepairRequest

# never copied out, not even to the person: credentials
SECRET_MARKS = ("password", "secret", "hash", "token")
# models that are the platform's plumbing, not records about a person
SKIPPED_MODELS = {"admin.logentry", "audit.auditentry", "sessions.session"}
# keys of audit before/after documents that hold personal data
PERSONAL_KEYS = frozenset(
    {
        "name",
        "owner_name",
        "id_number",
        "phone",
        "mobile",
        "username",
        "display_name",
        "first_name",
        "last_name",
        "email",
        "contact_name",
        "contact_phone",
    }
)
FINISHED_REPAIRS = (
    RepairRequest.Status.COMPLETED,
    RepairRequest.Status.RATED,
    RepairRequest.Status.CANCELLED,
    RepairRequest.Status.ESCALATED,
)
SIGN_IN_ACTIONS = (
    AuditAction.LOGIN,
    AuditAction.LOGIN_FAILED,
    AuditAction.LOCKOUT,
    AuditAction.LOGOUT,
)


# --- the copy (PIPL art. 45) -------------------------------------------------------------


@dataclass
class SubjectData:
    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if any(mark in f.name for mark in SECRET_MARKS):
            continue
        out[f.attname] = _plain(getattr(obj, f.attname if f.is_relation else f.name))
    return out


def subject_data(user: User) -> SubjectData:
    """Every row that names ``user`` or one of their owner records, by model, with the
    files those rows hold; found from the models' foreign keys, so a new app's rows are
    included without listing them here."""
    owners = list(Owner.objects.filter(user=user).values_list("pk", flat=True))
    data = SubjectData()
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED_MODELS:
            continue
        where = Q()
        for f in model._meta.concrete_fields:
            if not f.is_relation or f.related_model is None:
                continue
            if f.related_model is User:
                where |= Q(**{f.name: user.pk})
            elif f.related_model is Owner and owners:
                where |= Q(**{f"{f.name}__in": owners})
        if label == "accounts.user":
            where = Q(pk=user.pk)
        elif label == "registry.owner":
            where = Q(pk__in=owners)
        if not where:
            continue
        rows = list(model._base_manager.filter(where).distinct().order_by("pk"))
        if not rows:
            continue
        data.sections[model._meta.label] = [_row(r) for r in rows]
        for obj in rows:
            for f in model._meta.concrete_fields:
                if isinstance(f, models.FileField):
                    stored = getattr(obj, f.name)
                    if stored:
                        data.files.append((f"{model._meta.label}/{obj.pk}-{f.name}", stored))
    entries = AuditEntry.objects.filter(
        Q(actor_id=user.pk)
        | Q(target_type="accounts.User", target_id=str(user.pk))
        | Q(target_type="registry.Owner", target_id__in=[str(pk) for pk in owners])
    ).order_by("at", "pk")
    data.sections["audit.AuditEntry"] = [_row(e) for e in entries]
    return data


def subject_export(*, actor: Actor) -> bytes:
    """The signed-in person's copy: a ZIP of JSON (one file per kind of record, and
    ``purposes.json`` with the purpose and legal basis of each kind) and their files."""
    user = user_of(actor)
    if not isinstance(user, User):
        raise PermissionDeniedError(_("Sign in to download your personal data."))
    data = subject_data(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, payload: Any) -> None:
            archive.writestr(name, json.dumps(payload, ensure_ascii=False, indent=1))

        put(
            "README.json",
            {
                "subject": user.get_username(),
                "made_at": clock.now().isoformat(),
                "sections": {k: len(v) for k, v in data.sections.items()},
                "files": len(data.files),
            },
        )
        put("purposes.json", kinds_document())
        for label, rows in data.sections.items():
            put(f"data/{label}.json", rows)
        for name, stored in data.files:
            try:
                base = (stored.name or "").rsplit("/", 1)[-1]
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{name}-{base}", handle.read())
            except FileNotFoundError:
                continue
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=user,
        field="personal_data",
        after={"sections": len(data.sections), "files": len(data.files)},
    )
    return buffer.getvalue()


# --- erasure (PIPL art. 47) ----------------------------------------------------------------


def departed_owners(*, actor: Actor) -> models.QuerySet[Owner]:
    """Natural persons who no longer own any part, not yet erased, in the actor's scope."""
    _require_bureau(actor)
    qs = Owner.objects.filter(kind=Owner.Kind.PERSON).exclude(
        pk__in=Ownership.objects.values("owner_id")
    )
    qs = qs.exclude(name__startswith="#")  # erased already (a pseudonym)
    if Role.PLATFORM_ADMIN in actor.roles:
        return qs.order_by("name", "pk")
    outside = RollEntry.objects.exclude(_under(actor, "matter__node_path")).values("owner_id")
    return qs.exclude(pk__in=outside).order_by("name", "pk")


def _under(actor: Actor, lookup: str) -> Q:
    where = Q(pk__in=[])
    for path in actor.node_paths:
        where |= Q(**{f"{lookup}__startswith": path})
    return where


def _require_bureau(actor: Actor) -> None:
    if not ({Role.BUREAU, Role.PLATFORM_ADMIN} & set(actor.roles)):
        raise PermissionDeniedError(_("Only the housing bureau may erase personal data."))


def pseudonym(owner_id: int) -> str:
    return "#" + gettext("Former owner %(id)s") % {"id": owner_id}


@transaction.atomic
def owner_erase(*, actor: Actor, owner_id: int, reason: str = "") -> dict[str, int]:
    """Erase a departed owner's personal data; what others rely on stays consistent.

    The owner keeps a pseudonym (``#前业主 12``), no ID or phone number; the roll keeps
    the parts and areas with the pseudonym; ballots keep voter key, choice and weight;
    the account is deactivated and anonymised, its tokens deleted; the owner's complaint
    and repair contacts are blanked; audit rows about them are redacted, not deleted.
    """
    _require_bureau(actor)
    owner = departed_owners(actor=actor).filter(pk=owner_id).select_for_update().first()
    if owner is None:
        if Ownership.objects.filter(owner_id=owner_id).exists() and (
            Owner.objects.filter(pk=owner_id).exists()
        ):
            raise DomainError(
                _("This owner still owns a part: transfer the part first."),
                fields={"owner": [_("Still owns a part.")]},
            )
        raise NotFoundError(_("Owner not found."))
    label = pseudonym(owner.pk)
    # identifiers searched for in other audit rows' text; a person's name is not (a short
    # Chinese name would hit other people's rows): rows about them are found by target
    old_names = {owner.phone, owner.id_number} - {""}
    counts: dict[str, int] = {}
    user = owner.user
    Owner.objects.filter(pk=owner.pk).update(name=label, id_number="", phone="")
    counts["roll_entries"] = RollEntry.objects.filter(owner_id=owner.pk).update(owner_name=label)
    if user is not None and not Ownership.objects.filter(owner__user=user).exists():
        old_names |= {user.get_username(), user.mobile or ""} - {""}
        counts["complaints"] = Complaint.objects.filter(submitter=user).update(
            contact_name="", contact_phone=""
        )
        counts["repairs"] = RepairRequest.objects.filter(requester=user).update(contact_phone="")
        counts["tokens"] = ApiToken.objects.filter(user=user).delete()[0]
        user.username = f"erased-{user.pk}"
        user.first_name = user.last_name = user.display_name = user.email = ""
        user.mobile = None
        user.is_active = False
        user.totp_enabled = False
        user.totp_secret = ""
        user.set_unusable_password()
        user.save()
    targets = [("registry.Owner", str(owner.pk))]
    if user is not None and not user.is_active:
        targets.append(("accounts.User", str(user.pk)))
    counts["audit_entries"] = audit.redact(
        targets=targets,
        actor_id=user.pk if user is not None and not user.is_active else None,
        label=label,
        keys=PERSONAL_KEYS,
        names=old_names,
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        target_type="registry.Owner",
        target_id=str(owner.pk),
        target_repr=label,
        field="personal_data_erased",
        after={"reason": reason[:200], **counts},
    )
    return counts


# --- retention (PIPL art. 19) --------------------------------------------------------------


@transaction.atomic
def retention_apply() -> dict[str, int]:
    """Blank each kind of personal data past its period (settings.GONGZHI_RETENTION_DAYS).
    Idempotent: a second run finds nothing left to blank and records nothing."""
    now = clock.now()

    def cutoff(kind: str) -> dt.datetime:
        return now - dt.timedelta(days=retention_days(kind))

    counts = {
        "complaint_contact": Complaint.objects.filter(closed_at__lt=cutoff("complaint_contact"))
        .exclude(contact_name="", contact_phone="")
        .update(contact_name="", contact_phone=""),
        "repair_contact": RepairRequest.objects.filter(
            status__in=FINISHED_REPAIRS, created_at__lt=cutoff("repair_contact")
        )
        .exclude(contact_phone="")
        .update(contact_phone=""),
        "open311_contact": Open311Request.objects.filter(created_at__lt=cutoff("open311_contact"))
        .exclude(email="")
        .update(email=""),
        "fee_reminder": ReminderNotice.objects.filter(sent_at__lt=cutoff("fee_reminder"))
        .exclude(mobile="")
        .update(mobile=""),
        "sign_in_log": audit.expire_sign_in_log(
            before=cutoff("sign_in_log"), actions=SIGN_IN_ACTIONS
        ),
    }
    if any(counts.values()):
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            target_type="privacy.Retention",
            target_repr=str(_("Retention periods applied")),
            field="retention",
            after={**counts, "days": dict(settings.GONGZHI_RETENTION_DAYS)},
        )
    return counts
