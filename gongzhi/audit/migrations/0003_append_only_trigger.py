"""On PostgreSQL the database refuses UPDATE and DELETE of audit rows (see
gongzhi.core.appendonly for the doors left open: a deleted user's column, redaction)."""

from django.db import migrations

from gongzhi.core.appendonly import FUNCTION_SQL, drop_trigger_sql, trigger_sql

TABLE = "audit_auditentry"
REDACTABLE = ("actor_label", "target_repr", "before", "after", "ip")


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION_SQL, params=None)
        schema_editor.execute(trigger_sql(TABLE, nullable="actor_id", redactable=REDACTABLE))


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_trigger_sql(TABLE))


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_more_actions")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
