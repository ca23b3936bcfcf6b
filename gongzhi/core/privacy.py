"""The kinds of personal data the platform holds (个人信息保护法, PIPL): where each lives,
why (purpose), on which legal basis (PIPL art. 13, art. 28 for sensitive data) and how
long (a retention period from ``settings.GONGZHI_RETENTION_DAYS`` or an event).

docs/privacy.md is this registry in prose; an owner's download (gongzhi.privacy) carries
it as ``purposes.json``; the retention task reads the periods from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# PIPL art. 13 legal bases, by paragraph
CONSENT = _("PIPL art. 13(1): the person's consent")
CONTRACT = _("PIPL art. 13(2): needed for a contract the person is party to")
STATUTORY = _("PIPL art. 13(3): needed for a statutory duty or obligation")
SENSITIVE = _("PIPL art. 28–29: sensitive data, strictly necessary and with separate notice")


@dataclass(frozen=True)
class PersonalDataKind:
    code: str
    label: str | Promise
    fields: tuple[str, ...]  # "app.Model.field"
    purpose: str | Promise
    legal_basis: tuple[str | Promise, ...]
    # a key of settings.GONGZHI_RETENTION_DAYS, or "" when an event ends the keeping
    retention: str = ""
    retention_event: str | Promise = ""

    def retention_days(self) -> int | None:
        return retention_days(self.retention) if self.retention else None


KINDS: tuple[PersonalDataKind, ...] = (
    PersonalDataKind(
        "account",
        _("Sign-in account"),
        ("accounts.User.username", "accounts.User.mobile", "accounts.User.display_name"),
        _("Sign-in, text-message notices and two-factor verification."),
        (CONTRACT, STATUTORY),
        retention_event=_("Until the person leaves; then anonymised by the housing bureau."),
    ),
    PersonalDataKind(
        "owner_identity",
        _("Owner's identity"),
        ("registry.Owner.name", "registry.Owner.id_number", "registry.Owner.phone"),
        _(
            "The owners' register: who may vote on the owners' matters and with which parts "
            "(Civil Code art. 278, Property Management Regulations art. 11)."
        ),
        (STATUTORY, SENSITIVE),
        retention_event=_("Until the owner has sold every part; then erased or anonymised."),
    ),
    PersonalDataKind(
        "occupant",
        _("Occupant's identity"),
        ("registry.Occupant.name", "registry.Occupant.id_number", "registry.Occupant.phone"),
        _("The register of tenants and family members living in a part (物业使用人)."),
        (STATUTORY, SENSITIVE),
        retention_event=_("Until the occupant moves out."),
    ),
    PersonalDataKind(
        "ballot",
        _("Ballots"),
        ("decisions.Ballot.choice", "decisions.RollEntry.owner_name"),
        _("Counting the owners' votes by part and area (Civil Code art. 278)."),
        (STATUTORY,),
        retention_event=_(
            "Kept with the decision; after erasure a ballot keeps its part and weight, "
            "not the person's name."
        ),
    ),
    PersonalDataKind(
        "complaint_contact",
        _("Complaint contact"),
        (
            "complaints.Complaint.contact_name",
            "complaints.Complaint.contact_phone",
            "complaints.ComplaintPhoto.file",
        ),
        _("Handling a complaint and telling the person the outcome."),
        (STATUTORY, CONSENT),
        retention="complaint_contact",
    ),
    PersonalDataKind(
        "repair_contact",
        _("Repair contact"),
        ("repairs.RepairRequest.contact_phone", "repairs.RepairPhoto.file"),
        _("Arranging a repair with the person who asked for it."),
        (CONTRACT,),
        retention="repair_contact",
    ),
    PersonalDataKind(
        "open311_contact",
        _("Hotline caller's contact"),
        ("open311.Open311Request.email",),
        _("Calling back a caller of the 12345 hotline."),
        (STATUTORY,),
        retention="open311_contact",
    ),
    PersonalDataKind(
        "fee_reminder",
        _("Fee reminder numbers"),
        ("fees.ReminderNotice.mobile",),
        _("Proof that an overdue fee reminder was sent."),
        (CONTRACT,),
        retention="fee_reminder",
    ),
    PersonalDataKind(
        "sign_in_log",
        _("Sign-in log"),
        ("audit.AuditEntry.ip", "audit.AuditEntry.target_repr"),
        _(
            "Security: finding and stopping account abuse (Cybersecurity Law art. 21: "
            "network logs kept at least six months)."
        ),
        (STATUTORY,),
        retention="sign_in_log",
    ),
    PersonalDataKind(
        "audit_log",
        _("Audit log"),
        ("audit.AuditEntry.actor_label", "audit.AuditEntry.before", "audit.AuditEntry.after"),
        _("Accountability: who changed what and when."),
        (STATUTORY,),
        retention_event=_("Kept; a departed owner's personal fields are redacted."),
    ),
)


def retention_days(key: str) -> int:
    return int(settings.GONGZHI_RETENTION_DAYS[key])


def kinds_document() -> list[dict[str, object]]:
    """The registry as JSON-ready rows (translated in the active language)."""
    return [
        {
            "kind": kind.code,
            "label": str(kind.label),
            "fields": list(kind.fields),
            "purpose": str(kind.purpose),
            "legal_basis": [str(b) for b in kind.legal_basis],
            "retention_days": kind.retention_days(),
            "retention": str(kind.retention_event),
        }
        for kind in KINDS
    ]
