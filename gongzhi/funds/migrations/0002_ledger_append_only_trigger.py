"""On PostgreSQL the database refuses UPDATE and DELETE of journal entries and postings
(a correction is a reversing entry; see gongzhi.core.appendonly)."""

from django.db import migrations

from gongzhi.core.appendonly import drop_trigger_sql, trigger_sql


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(trigger_sql("funds_journalentry", nullable="created_by_id"))
        schema_editor.execute(trigger_sql("funds_posting"))


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_trigger_sql("funds_journalentry"))
        schema_editor.execute(drop_trigger_sql("funds_posting"))


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial"), ("audit", "0003_append_only_trigger")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
