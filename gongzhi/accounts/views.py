"""Sign-in (username or mobile, lockout, TOTP), password change, account security, API
tokens, and the administrator's user list with password reset."""

from __future__ import annotations

import io
import time

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts import services
from gongzhi.accounts.forms import CodeForm, LoginForm, PasswordChangeForm, TokenForm
from gongzhi.accounts.models import ApiToken, User
from gongzhi.accounts.selectors import request_actor
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import DomainError
from gongzhi.core.views import page_of

PENDING_KEY = "gongzhi_pending_totp"
PENDING_SECONDS = 300


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.login_attempt(
            request=request,
            login=form.cleaned_data["login"],
            password=form.cleaned_data["password"],
        )
        if result.user is None:
            form.add_error(None, result.error)
        elif result.needs_totp:
            request.session[PENDING_KEY] = {
                "user": result.user.pk,
                "at": int(time.time()),
                "next": _safe_next(request),
            }
            return redirect("accounts:login_verify")
        else:
            login(request, result.user)
            return redirect(_safe_next(request) or "web:home")
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


def login_verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        messages.error(request, _("Your sign-in has expired. Please sign in again."))
        return redirect("accounts:login")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.totp_verify_login(user=user, code=form.cleaned_data["code"])
        if result.user is None:
            form.add_error("code", result.error)
        else:
            request.session.pop(PENDING_KEY, None)
            login(request, result.user)
            return redirect(pending.get("next") or "web:home")
    return render(request, "accounts/login_verify.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record(actor=request_actor(request), action=AuditAction.LOGOUT, target=request.user)
    logout(request)
    return redirect("accounts:login")


def password_change_view(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=request_actor(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            _apply_errors(form, exc)
        else:
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your password has been changed."))
            return redirect("web:home")
    return render(request, "accounts/password_change.html", {"form": form})


def security_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/security.html", {"user_obj": request.user})


def _qr_svg(data: str) -> str:
    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()


def totp_setup_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.totp_enabled:
        # Opening this page must never weaken an account (a link could be sent to
        # a victim): two-factor sign-in is turned off only by the POST below.
        messages.info(request, _("Two-factor sign-in is already on."))
        return redirect("accounts:security")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.totp_enable(
                    actor=request_actor(request), user=user, code=form.cleaned_data["code"]
                )
            except DomainError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Two-factor sign-in is now on."))
                return redirect("accounts:security")
        secret = user.totp_secret
    else:
        secret, _uri = services.totp_provisioning(user)
    import pyotp
    from django.conf import settings

    uri = pyotp.TOTP(secret).provisioning_uri(
        name=user.username, issuer_name=settings.GONGZHI_TOTP_ISSUER
    )
    return render(
        request,
        "accounts/totp_setup.html",
        {"form": form, "secret": secret, "qr_svg": _qr_svg(uri)},
    )


@require_POST
def totp_disable_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    services.totp_disable(actor=request_actor(request), user=user)
    messages.success(request, _("Two-factor sign-in is now off."))
    return redirect("accounts:security")


def tokens_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.api_token_create(actor=actor, name=form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user_id=actor.user_id or 0).order_by("-created_at")
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.api_token_revoke(actor=request_actor(request), token_id=pk)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The token has been revoked."))
    return redirect("accounts:tokens")


def user_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    qs = (
        User.objects.filter(services.manageable_users(actor))
        .distinct()
        .prefetch_related("memberships")
        .order_by("username")
    )
    search = request.GET.get("q", "").strip()
    if search:
        qs = qs.filter(username__icontains=search) | qs.filter(display_name__icontains=search)
    page = page_of(request, qs)
    return render(
        request, "accounts/user_list.html", {"page": page, "q": search, "now": timezone.now()}
    )


@require_POST
def user_password_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        temporary = services.password_reset_by_admin(actor=request_actor(request), user_id=pk)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _(
                "Temporary password: %(password)s — hand it over in person; it must be "
                "changed at the next sign-in."
            )
            % {"password": temporary},
        )
    return redirect("accounts:user_list")


def _apply_errors(form: object, exc: DomainError) -> None:
    add_error = form.add_error  # type: ignore[attr-defined]
    fields = getattr(form, "fields", {})
    if not exc.fields:
        add_error(None, str(exc.message))
    for name, errs in exc.fields.items():
        for err in errs:
            add_error(name if name in fields else None, str(err))
