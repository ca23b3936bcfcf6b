from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongzhi.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # core.scoping.request_actor builds actors with this app's actor_for; core cannot
        # import accounts, which is built on it (docs/adr/0006-layers.md).
        from gongzhi.accounts.selectors import actor_for
        from gongzhi.core.scoping import use_actor_builder

        use_actor_builder(actor_for)
