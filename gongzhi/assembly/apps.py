from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "gongzhi.assembly"
    label = "assembly"
    verbose_name = _("Owners' assembly and committee")

    def ready(self) -> None:
        from gongzhi.assembly import handlers  # noqa: F401 - registers the event handlers
