from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gongzhi.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        # core's own writers (workflow.transition, AuditedAdmin) log through this module;
        # core cannot import the audit app, which is built on core (core/auditing.py).
        from gongzhi.audit import services
        from gongzhi.core import auditing

        auditing.use(services)
