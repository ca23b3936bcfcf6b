"""Blacklisting reasons and inspection-plan explanations in the one stored shape of a
rule's explanation (``gongzhi.core.explain.stored``): ``{"message", "params", "citation"}``.

A blacklisting's reason was kept in three columns (msgid, parameters, citation); they
become one JSON value. A plan's explanation was kept as the text translated when it was
drawn; that text becomes the message (it shows as it was, since it is no msgid).
"""

from typing import Any

from django.db import migrations, models


def to_stored(apps: Any, schema_editor: Any) -> None:
    Blacklisting = apps.get_model("credit", "Blacklisting")
    for row in Blacklisting.objects.only("pk", "reason", "reason_params", "citation"):
        row.reason_stored = {
            "message": row.reason,
            "params": row.reason_params or {},
            "citation": row.citation,
        }
        row.save(update_fields=["reason_stored"])
    InspectionPlan = apps.get_model("credit", "InspectionPlan")
    for plan in InspectionPlan.objects.only("pk", "explanation"):
        plan.explanation_stored = {"message": plan.explanation, "params": {}, "citation": ""}
        plan.save(update_fields=["explanation_stored"])


def from_stored(apps: Any, schema_editor: Any) -> None:
    Blacklisting = apps.get_model("credit", "Blacklisting")
    for row in Blacklisting.objects.only("pk", "reason_stored"):
        value = row.reason_stored or {}
        row.reason = value.get("message", "")
        row.reason_params = value.get("params") or {}
        row.citation = str(value.get("citation", ""))[:255]
        row.save(update_fields=["reason", "reason_params", "citation"])
    InspectionPlan = apps.get_model("credit", "InspectionPlan")
    for plan in InspectionPlan.objects.only("pk", "explanation_stored"):
        value = plan.explanation_stored or {}
        message, params = str(value.get("message", "")), value.get("params") or {}
        plan.explanation = message % params if params else message
        plan.save(update_fields=["explanation"])


class Migration(migrations.Migration):
    dependencies = [
        ("credit", "0002_attachment_common_shape"),
    ]

    operations = [
        migrations.AddField(
            model_name="blacklisting",
            name="reason_stored",
            field=models.JSONField(default=dict, verbose_name="reason"),
        ),
        migrations.AddField(
            model_name="inspectionplan",
            name="explanation_stored",
            field=models.JSONField(default=dict, verbose_name="explanation"),
        ),
        migrations.RunPython(to_stored, from_stored),
        migrations.RemoveField(model_name="blacklisting", name="reason"),
        migrations.RemoveField(model_name="blacklisting", name="reason_params"),
        migrations.RemoveField(model_name="blacklisting", name="citation"),
        migrations.RemoveField(model_name="inspectionplan", name="explanation"),
        migrations.RenameField(
            model_name="blacklisting", old_name="reason_stored", new_name="reason"
        ),
        migrations.RenameField(
            model_name="inspectionplan", old_name="explanation_stored", new_name="explanation"
        ),
    ]
