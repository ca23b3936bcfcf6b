from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "gongzhi.contracts"
    label = "contracts"
    verbose_name = _("Property service contracts")
