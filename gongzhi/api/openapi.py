"""The OpenAPI document of /api/v1 tells the truth about requests and answers.

- Errors: each operation may answer with the one error document of ``gongzhi.api.errors``
  (``ErrorOut``); the statuses below are added, once, to every operation that does not declare
  them itself, with a shared ``ErrorOut`` component, instead of repeating them route by route.
- Component names: ninja files every schema under its bare class name, so two apps' ``CommitteeIn``
  overwrote each other and an operation was documented with another app's body. A class name
  that several modules define is qualified by its module (``lifecycle.CommitteeIn``).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

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
    return schema


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
def _shared_names() -> frozenset[str]:
    """Class names that more than one gongzhi module defines (read once the API is built)."""
    modules: dict[str, set[str]] = defaultdict(set)
    for model in _subclasses(BaseModel):
        if model.__module__.startswith("gongzhi."):
            modules[model.__name__].add(model.__module__)
    return frozenset(name for name, where in modules.items() if len(where) > 1)


def _label(module: str) -> str:
    parts = [p for p in module.split(".")[1:] if p not in ("api", "schemas")]
    return ".".join(parts)


class UniqueNamesJsonSchema(NinjaGenerateJsonSchema):
    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        defs_ref = super().get_defs_ref(core_mode_ref)
        core_ref, mode = core_mode_ref
        path = core_ref.rsplit(":", 1)[0]
        if "[" in path or "." not in path:
            return defs_ref
        module, name = path.rsplit(".", 1)
        if module.startswith("gongzhi.") and name in _shared_names():
            qualified = self.normalize_name(f"{_label(module)}.{name}")
            choices = self._prioritized_defsref_choices[defs_ref]
            choices[:2] = [DefsRef(qualified), DefsRef(f"{qualified}-{mode.title()}")]
        return defs_ref


# ninja names its generator in this module and offers no setting for it
ninja.openapi.schema.NinjaGenerateJsonSchema = UniqueNamesJsonSchema  # type: ignore[misc]
