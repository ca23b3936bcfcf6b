from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "gongzhi.credit"
    label = "credit"
    verbose_name = _("Credit")

    def ready(self) -> None:
        from gongzhi.credit import handlers  # noqa: F401 - registers the event handlers
