from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "gongzhi.oversight"
    label = "oversight"
    verbose_name = _("Joint meetings and talks")

    def ready(self) -> None:
        from gongzhi.oversight import workflow  # noqa: F401  (the transition tables)
