from django.urls import path

from gongzhi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_verify_view, name="login_verify"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("security/", views.security_view, name="security"),
    path("security/totp/", views.totp_setup_view, name="totp_setup"),
    path("security/totp/disable/", views.totp_disable_view, name="totp_disable"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("users/", views.user_list_view, name="user_list"),
    path(
        "users/<int:pk>/reset-password/", views.user_password_reset_view, name="user_password_reset"
    ),
]
