from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(app_config: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """``migrate`` also creates the database cache's table (a no-op when it exists or
    when the cache is Redis). Triggered by the audit app's post_migrate (always
    installed), once per migrate."""
    from django.core.management import call_command

    if app_config.label != "audit":
        return
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "gongzhi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, dispatch_uid="gongzhi_cache_table")
