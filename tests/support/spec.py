"""Twilio's OpenAPI file, read for the tests: parameter schemas, examples, response schemas."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from tests.support import SPEC

SEARCH_PATH = "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/%s.json"


@cache
def spec(path: Path = SPEC) -> dict[str, Any]:
    """One of the specs (default: the 2010 API's)."""
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def operation(path: str, method: str = "get", document: Path = SPEC) -> dict[str, Any]:
    found: dict[str, Any] = spec(document)["paths"][path][method]
    return found


def query_parameters(resource: str) -> dict[str, dict[str, Any]]:
    """Name -> schema of the query parameters of a search resource (Local, TollFree, ...)."""
    op = operation(SEARCH_PATH % resource)
    return {p["name"]: p["schema"] for p in op["parameters"] if p["in"] == "query"}


def example(
    path: str,
    name: str = "readFull",
    method: str = "get",
    status: str = "200",
    document: Path = SPEC,
) -> Any:
    content = operation(path, method, document)["responses"][status]["content"]["application/json"]
    return content["examples"][name]["value"]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` inside the spec."""
    while "$ref" in schema:
        node: Any = spec()
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def check_value(schema: dict[str, Any], value: str) -> None:
    """Assert that a query-string value is valid for its OpenAPI schema."""
    kind = schema.get("type")
    if kind == "boolean":
        assert value in ("true", "false"), value
    elif kind == "integer":
        assert value.lstrip("-").isdigit(), value
        number = int(value)
        if "minimum" in schema:
            assert number >= schema["minimum"], value
        if "maximum" in schema:
            assert number <= schema["maximum"], value
    else:
        assert kind == "string", schema
        assert isinstance(value, str) and value, value


@cache
def _registry(document: Path = SPEC) -> Any:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    return Registry().with_resource(
        "urn:twilio", Resource.from_contents(spec(document), default_specification=DRAFT4)
    )


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def response_errors(
    path: str, body: Any, method: str = "get", status: str = "200", document: Path = SPEC
) -> list[str]:
    """Where `body` breaks the spec's schema for that response (empty: it conforms).

    Latitude, longitude and prices are compared as numbers: the live API sends them as
    strings (as do the specs' own examples), and the sandbox sends what the live API sends.
    """
    from openapi_schema_validator import OAS30Validator

    schema = {
        "$ref": "urn:twilio#/"
        + _pointer(
            "paths", path, method, "responses", status, "content", "application/json", "schema"
        )
    }
    validator = OAS30Validator(schema, registry=_registry(document))
    return [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator.iter_errors(_numeric_coordinates(body))
    ]


# Numbers the live API (and the specs' own examples) send as strings: coordinates, and
# Pricing v1's prices (`x-twilio: overrideType: string` in its spec).
STRING_NUMBERS = ("latitude", "longitude", "base_price", "current_price")


def _numeric_coordinates(body: Any) -> Any:
    if isinstance(body, dict):
        return {
            k: float(v) if k in STRING_NUMBERS and isinstance(v, str) else _numeric_coordinates(v)
            for k, v in body.items()
        }
    if isinstance(body, list):
        return [_numeric_coordinates(v) for v in body]
    return body
