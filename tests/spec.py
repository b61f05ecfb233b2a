"""Twilio's OpenAPI file, read for the tests: parameter schemas, examples, response schemas."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.conftest import SPEC

SEARCH_PATH = "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/%s.json"


@cache
def spec() -> dict[str, Any]:
    return json.loads(SPEC.read_text())


def operation(path: str, method: str = "get") -> dict[str, Any]:
    return spec()["paths"][path][method]


def query_parameters(resource: str) -> dict[str, dict[str, Any]]:
    """Name -> schema of the query parameters of a search resource (Local, TollFree, ...)."""
    op = operation(SEARCH_PATH % resource)
    return {p["name"]: p["schema"] for p in op["parameters"] if p["in"] == "query"}


def example(path: str, name: str = "readFull", method: str = "get", status: str = "200") -> Any:
    content = operation(path, method)["responses"][status]["content"]["application/json"]
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
