"""A result's explanation lines take the one stored shape of gongzhi.core.explain:
``{"text", "params"}`` becomes ``{"message", "params", "citation"}`` (the citation was not
kept before; the page shows the rule and its source in ``rule``)."""

from typing import Any

from django.db import migrations


def _lines(apps: Any, convert: Any) -> None:
    Result = apps.get_model("decisions", "Result")
    for result in Result.objects.only("pk", "explanation").iterator():
        lines = [convert(line) for line in result.explanation or []]
        if lines != result.explanation:
            Result.objects.filter(pk=result.pk).update(explanation=lines)


def forwards(apps: Any, schema_editor: Any) -> None:
    def convert(line: dict[str, Any]) -> dict[str, Any]:
        if "message" in line:
            return line
        return {
            "message": line.get("text", ""),
            "params": line.get("params") or {},
            "citation": line.get("citation", ""),
        }

    _lines(apps, convert)


def backwards(apps: Any, schema_editor: Any) -> None:
    def convert(line: dict[str, Any]) -> dict[str, Any]:
        if "text" in line:
            return line
        return {"text": line.get("message", ""), "params": line.get("params") or {}}

    _lines(apps, convert)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_attachment_common_shape")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
