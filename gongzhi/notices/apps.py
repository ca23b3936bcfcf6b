from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "gongzhi.notices"
    label = "notices"
    verbose_name = _("Notices")

    def ready(self) -> None:
        from gongzhi.notices import handlers  # noqa: F401 - registers the event handlers
