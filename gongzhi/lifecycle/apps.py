from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "gongzhi.lifecycle"
    label = "lifecycle"
    verbose_name = _("Lifecycle: selection, handover, exit")

    def ready(self) -> None:
        from gongzhi.audit.display import register_labels
        from gongzhi.lifecycle import handlers  # noqa: F401 - registers the event handlers
        from gongzhi.lifecycle.services.common import STEPS

        register_labels("lifecycle", STEPS)  # the project's history of lifecycle steps
