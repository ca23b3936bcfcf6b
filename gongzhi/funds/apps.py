from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "gongzhi.funds"
    label = "funds"
    verbose_name = _("Funds")

    def ready(self) -> None:
        from gongzhi.funds import handlers  # noqa: F401 - registers the event handlers
