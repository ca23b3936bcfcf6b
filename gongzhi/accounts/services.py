"""Writes for accounts: sign-in with lockout, TOTP second factor, administrator password
reset, API tokens, and creating users with their role memberships. Every write is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import ApiToken, Membership, Role, User
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import ratelimit
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import ANONYMOUS, Actor
from gongzhi.core.tasks import send_sms_on_commit

INVALID_LOGIN = _("The account or password is incorrect.")
ACCOUNT_LOCKED = _(
    "Too many failed attempts: this account is locked. Try again later or ask an administrator."
)


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    needs_totp: bool = False
    error: str = ""


def _find_user(login: str) -> User | None:
    login = login.strip()
    return User.objects.filter(Q(username=login) | Q(mobile=login)).first()


def login_attempt(*, request: HttpRequest | None, login: str, password: str) -> LoginResult:
    """Check a sign-in. After ``GONGZHI_LOGIN_MAX_FAILURES`` failures in a row the account
    is locked for ``GONGZHI_LOGIN_LOCKOUT_MINUTES``; a locked account is refused even with
    the right password, and the attempt is logged."""
    now = timezone.now()
    candidate = _find_user(login)
    # the abuse limit per account: a username and its mobile number count together
    ratelimit.hit(
        "login_account", f"user:{candidate.pk}" if candidate else f"login:{login.strip().lower()}"
    )
    if candidate is not None and candidate.locked_until and candidate.locked_until > now:
        audit.record(
            actor=ANONYMOUS,
            action=AuditAction.LOGIN_FAILED,
            target=candidate,
            after={"reason": "locked"},
        )
        return LoginResult(user=None, error=str(ACCOUNT_LOCKED))
    user = authenticate(request, username=login, password=password)
    if user is None:
        if candidate is not None:
            _register_failure(candidate, now)
            candidate.refresh_from_db(fields=["locked_until"])
            if candidate.locked_until and candidate.locked_until > now:
                return LoginResult(user=None, error=str(ACCOUNT_LOCKED))
        else:
            audit.record(
                actor=ANONYMOUS,
                action=AuditAction.LOGIN_FAILED,
                target_type="accounts.User",
                target_repr=login[:200],
            )
        return LoginResult(user=None, error=str(INVALID_LOGIN))
    assert isinstance(user, User)
    if user.totp_enabled:
        return LoginResult(user=user, needs_totp=True)
    login_succeeded(user)
    return LoginResult(user=user)


@transaction.atomic
def _register_failure(user: User, now: dt.datetime) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    count = User.objects.values_list("failed_login_count", flat=True).get(pk=user.pk)
    audit.record(
        actor=ANONYMOUS, action=AuditAction.LOGIN_FAILED, target=user, after={"failures": count}
    )
    if count >= settings.GONGZHI_LOGIN_MAX_FAILURES:
        until = now + dt.timedelta(minutes=settings.GONGZHI_LOGIN_LOCKOUT_MINUTES)
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=until)
        audit.record(
            actor=None, action=AuditAction.LOCKOUT, target=user, after={"locked_until": until}
        )


def login_succeeded(user: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    audit.record(actor=Actor(user=user), action=AuditAction.LOGIN, target=user)


def totp_verify_login(*, user: User, code: str) -> LoginResult:
    """Second step of sign-in for accounts with TOTP. Failures count towards lockout."""
    ratelimit.hit("login_account", f"user:{user.pk}")
    now = timezone.now()
    if user.locked_until and user.locked_until > now:
        return LoginResult(user=None, error=str(ACCOUNT_LOCKED))
    if user.totp_enabled and pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1):
        login_succeeded(user)
        return LoginResult(user=user)
    _register_failure(user, now)
    return LoginResult(user=None, error=str(_("The verification code is incorrect.")))


def totp_provisioning(user: User) -> tuple[str, str]:
    """Give ``user`` a fresh (not yet enabled) secret; returns (secret, otpauth URI)."""
    secret = pyotp.random_base32()
    User.objects.filter(pk=user.pk).update(totp_secret=secret, totp_enabled=False)
    user.totp_secret, user.totp_enabled = secret, False
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=user.username, issuer_name=settings.GONGZHI_TOTP_ISSUER
    )
    return secret, uri


@transaction.atomic
def totp_enable(*, actor: Actor, user: User, code: str) -> None:
    if actor.user_id != user.pk:
        raise PermissionDeniedError(_("You can only set up two-factor sign-in for yourself."))
    if not user.totp_secret or not pyotp.TOTP(user.totp_secret).verify(
        code.strip(), valid_window=1
    ):
        raise DomainError(
            _("The verification code is incorrect."), fields={"code": [_("Incorrect code.")]}
        )
    User.objects.filter(pk=user.pk).update(totp_enabled=True)
    user.totp_enabled = True
    audit.record(actor=actor, action=AuditAction.TOTP_ENABLED, target=user)


@transaction.atomic
def totp_disable(*, actor: Actor, user: User) -> None:
    if actor.user_id != user.pk and not can_manage_user(actor, user):
        raise PermissionDeniedError(_("You may not change this account."))
    User.objects.filter(pk=user.pk).update(totp_enabled=False, totp_secret="")
    user.totp_enabled, user.totp_secret = False, ""
    audit.record(actor=actor, action=AuditAction.TOTP_DISABLED, target=user)


def manageable_users(actor: Actor) -> Q:
    """Users an administrator may manage: platform admins all; bureau staff the users
    whose node-scoped memberships lie in their subtree (owners and company staff are
    managed by the platform administrator)."""
    if actor.is_platform_admin:
        return Q()
    paths = [g.node_path for g in actor.grants_of("node") if g.role == Role.BUREAU]
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(memberships__node__path__startswith=p) | Q(
            memberships__department__node_path__startswith=p
        )
    return q


def can_manage_user(actor: Actor, user: User) -> bool:
    if user.is_superuser and not actor.is_platform_admin:
        return False
    return User.objects.filter(manageable_users(actor), pk=user.pk).exists()


@transaction.atomic
def password_reset_by_admin(*, actor: Actor, user_id: int) -> str:
    """An administrator sets a one-time password; the user must change it at next sign-in.
    Also clears a lockout. Returns the temporary password to hand over in person."""
    user = User.objects.filter(manageable_users(actor), pk=user_id).distinct().first()
    if user is None or (user.is_superuser and not actor.is_platform_admin):
        raise NotFoundError(_("Not found."))
    temporary = secrets.token_urlsafe(9)
    user.set_password(temporary)
    user.must_change_password = True
    user.failed_login_count = 0
    user.locked_until = None
    user.save(
        update_fields=["password", "must_change_password", "failed_login_count", "locked_until"]
    )
    audit.record(actor=actor, action=AuditAction.PASSWORD_RESET, target=user)
    if user.mobile:
        # Tell the account holder; never send the temporary password itself by SMS.
        send_sms_on_commit(
            user.mobile,
            str(
                _(
                    "Gongzhi: your password was reset by an administrator. If you did not "
                    "ask for this, contact your community office."
                )
            ),
        )
    return temporary


@transaction.atomic
def password_change(*, actor: Actor, old_password: str, new_password: str) -> None:
    user = actor.user
    if not isinstance(user, User):
        raise PermissionDeniedError(_("Sign in first."))
    if not user.check_password(old_password):
        raise DomainError(
            _("Please correct the errors below."),
            fields={"old_password": [_("The current password is incorrect.")]},
        )
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise DomainError(
            _("Please correct the errors below."), fields={"new_password": list(exc.messages)}
        ) from None
    before = {"must_change_password": user.must_change_password}
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=user,
        field="password",
        before=before,
        after={"must_change_password": False},
    )


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    user = actor.user
    if not isinstance(user, User):
        raise PermissionDeniedError(_("Sign in first."))
    name = name.strip()
    if not name:
        raise DomainError(
            _("Please correct the errors below."), fields={"name": [_("This field is required.")]}
        )
    raw = "gz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:64],
        prefix=raw[3:11],
        digest=_digest(raw),
        expires_at=timezone.now() + dt.timedelta(days=settings.GONGZHI_API_TOKEN_DAYS),
    )
    audit.record(actor=actor, action=AuditAction.TOKEN_CREATED, target=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token_id: int) -> None:
    updated = ApiToken.objects.filter(
        pk=token_id, user_id=actor.user_id or 0, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise NotFoundError(_("Not found."))
    audit.record(
        actor=actor,
        action=AuditAction.TOKEN_REVOKED,
        target_type="accounts.ApiToken",
        target_id=str(token_id),
    )


def api_token_user(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None (expired, revoked, unknown)."""
    if not raw.startswith("gz_"):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_create(
    *,
    actor: Actor | None,
    username: str,
    password: str | None,
    display_name: str = "",
    mobile: str | None = None,
    role: str | None = None,
    **scope: object,
) -> User:
    """Create a user, optionally with one membership (role + its scope)."""
    user = User(username=username, display_name=display_name, mobile=mobile or None)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit.record_create(actor, user)
    if role:
        membership_add(actor=actor, user=user, role=role, **scope)
    return user


@transaction.atomic
def membership_add(*, actor: Actor | None, user: User, role: str, **scope: object) -> Membership:
    membership = Membership(user=user, role=role, **scope)
    membership.full_clean()
    membership.save()
    audit.record_create(actor, membership)
    return membership
