"""The OpenAPI document of /api/v1 tells the truth about requests and answers.

- Errors: each operation may answer with the one error document of ``gongzhi.api.errors``
  (``ErrorOut``); the statuses below are added, once, to every operation that does not declare
  them itself, with a shared ``ErrorOut`` component, instead of repeating them route by route.
- Decimals: pydantic documents a ``Decimal`` as a number or any string; the string must be a
  decimal number, so the string branch gets that pattern (``"class"`` is a 422, not allowed data).
- Forms: an empty value of a required multipart field arrives as no value at all (a 422
  "required"), so required string fields of multipart bodies say ``minLength: 1``.
- Component names: ninja files every schema under its bare class name, so two apps' ``CommitteeIn``
  overwrote each other and an operation was documented with another app's body. A class name
  that several modules define is qualified by its module (``lifecycle.CommitteeIn``).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any, get_args

import ninja.openapi.schema
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel
from pydantic.json_schema import CoreModeRef, DefsRef

from gongzhi.api.errors import ErrorOut

ERROR_RESPONSES: dict[int, str] = {
    400: "Refused by a business rule (core.errors.DomainError).",
    401: "No valid session or API token.",
    403: "The actor may not do this.",
    404: "Absent, or outside the actor's jurisdiction (the same answer for both).",
    409: "Conflicts with the current state of the resource.",
    422: "The request does not match this schema.",
    429: "Too many requests; see the Retry-After header.",
}

_REF = "#/components/schemas/ErrorOut"


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template=_REF))
    error = {"application/json": {"schema": {"$ref": _REF}}}
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": description, "content": error}
    _decimal_strings(schema)
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            content = operation.get("requestBody", {}).get("content", {})
            _required_form_strings(content.get("multipart/form-data", {}).get("schema", {}))
    return schema


def _required_form_strings(body: dict[str, Any]) -> None:
    properties = body.get("properties", {})
    for name in body.get("required", []):
        field = properties.get(name, {})
        if field.get("type") == "string" and field.get("format") != "binary":
            field.setdefault("minLength", 1)


DECIMAL_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"


def _decimal_strings(node: Any) -> None:
    if isinstance(node, dict):
        branches = node.get("anyOf")
        if isinstance(branches, list) and {"type": "number"} in branches:
            for branch in branches:
                if branch.get("type") == "string" and "format" not in branch:
                    branch.setdefault("pattern", DECIMAL_PATTERN)
        for value in node.values():
            _decimal_strings(value)
    elif isinstance(node, list):
        for value in node:
            _decimal_strings(value)


class DocumentedErrorsAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


@functools.cache
def _qualified() -> dict[int, str]:
    """id() of each model class whose name other classes share -> that name qualified by the
    app that defines it (or, for ninja's ``Paged...`` wrappers, the app of their items)."""
    by_name: dict[str, list[type[BaseModel]]] = defaultdict(list)
    for model in _subclasses(BaseModel):
        by_name[model.__name__].append(model)
    qualified: dict[int, str] = {}
    for name, models in by_name.items():
        if len(models) > 1:
            for model in models:
                home = _home(model)
                if home is not None:
                    qualified[id(model)] = f"{_label(home)}.{name}"
    return qualified


def _home(model: type[BaseModel]) -> str | None:
    if model.__module__.startswith("gongzhi."):
        return model.__module__
    items = model.model_fields.get("items")
    for arg in get_args(items.annotation) if items is not None else ():
        if getattr(arg, "__module__", "").startswith("gongzhi."):
            return str(arg.__module__)
    return None


def _label(module: str) -> str:
    parts = [p for p in module.split(".")[1:] if p not in ("api", "schemas")]
    return ".".join(parts)


class UniqueNamesJsonSchema(NinjaGenerateJsonSchema):
    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        defs_ref = super().get_defs_ref(core_mode_ref)
        core_ref, mode = core_mode_ref
        class_id = core_ref.rsplit(":", 1)[-1]
        name = _qualified().get(int(class_id)) if class_id.isdigit() else None
        if name is not None:
            qualified = self.normalize_name(name)
            choices = self._prioritized_defsref_choices[defs_ref]
            choices[:2] = [DefsRef(qualified), DefsRef(f"{qualified}-{mode.title()}")]
        return defs_ref


# ninja names its generator in this module and offers no setting for it
ninja.openapi.schema.NinjaGenerateJsonSchema = UniqueNamesJsonSchema  # type: ignore[misc]
