from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OldProjectsConfig(AppConfig):
    name = "gongzhi.oldprojects"
    label = "oldprojects"
    verbose_name = pgettext_lazy("oldprojects", "Old residential areas")

    def ready(self) -> None:
        from gongzhi.oldprojects import workflow  # noqa: F401  (the transition table)
