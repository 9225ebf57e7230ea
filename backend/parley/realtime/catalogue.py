"""The frame catalogue of realtime/protocol.py as one JSON Schema (2020-12) document.

Served at GET /api/protocol.json (main.py) and committed as frontend/protocol.json
(`python -m parley protocol`), which the SPA's frame types are generated from.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode
from pydantic_core import core_schema

from parley.realtime.protocol import CloseCode, client_frame, server_frame


class _CatalogueSchema(GenerateJsonSchema):
    """pydantic's JSON Schema, tuned for a catalogue that types are generated from."""

    def field_is_required(self, field: Any, total: bool) -> bool:
        # The server writes every field of a frame it sends, defaults included.
        if self.mode == "serialization":
            return not field.get("serialization_exclude")
        return super().field_is_required(field, total)

    def field_title_should_be_set(self, schema: Any) -> bool:
        # A property's title would become a needless named TypeScript alias.
        return False

    def enum_schema(self, schema: core_schema.EnumSchema) -> dict[str, Any]:
        result = super().enum_schema(schema)
        # The names too, so the SPA's CLOSE_* constants come from here.
        result["x-enum-varnames"] = [member.name for member in schema["members"]]
        return result


def catalogue() -> dict[str, Any]:
    """Every frame both ways and the close codes, as one JSON Schema (2020-12) document."""
    parts: list[tuple[str, JsonSchemaMode, TypeAdapter[Any]]] = [
        ("ClientFrame", "validation", client_frame),
        ("ServerFrame", "serialization", server_frame),
        ("CloseCode", "serialization", TypeAdapter(CloseCode)),
    ]
    refs, schema = TypeAdapter.json_schemas(
        [(name, mode, adapter) for name, mode, adapter in parts],
        schema_generator=_CatalogueSchema,
        ref_template="#/$defs/{model}",
    )
    defs = dict(schema["$defs"])
    properties: dict[str, Any] = {}
    for name, mode, _adapter in parts:
        union = refs[(name, mode)]
        if "$ref" not in union:  # the frame unions are inline: give them a name of their own
            defs[name] = union
        properties[name] = {"$ref": f"#/$defs/{name}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ParleyProtocol",
        "description": "The frames of Parley's /ws socket (docs/protocol.md). A client "
        "sends ClientFrame objects and receives ServerFrame objects, one JSON text frame each.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def catalogue_json() -> str:
    """The committed form (frontend/protocol.json): stable, so a diff shows a real change."""
    return pydantic_core.to_json(catalogue(), indent=2).decode() + "\n"
