"""The JSON Schemas shipped in clearpost/schemas, and how a validation error is described.

`describe` never repeats the value that failed: on the HTTP API that value may be the post.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from clearpost.errors import ClearpostError


@cache
def load_schema(name: str) -> dict[str, Any]:
    text = resources.files("clearpost").joinpath(f"schemas/{name}").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(name))


def parse_toml(raw: bytes, source: str, error: type[ClearpostError], kind: str) -> dict[str, Any]:
    """A TOML file's contents, or `error` naming the file and saying what to do."""
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise error(f"{source}: not UTF-8 text; save the {kind} as UTF-8 TOML") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{source}: not valid TOML: {exc}") from None


def schema_errors(name: str, data: Any) -> list[jsonschema.ValidationError]:
    """Every way `data` breaks schema `name`, in a stable order (by field path)."""
    return sorted(validator(name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def field_path(error: jsonschema.ValidationError) -> str:
    """`rules[0].severity`, `account.type`, or `(top level)`."""
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


_TYPE_NAMES = {"object": "an object", "array": "a list", "string": "a string", "boolean": "true or false",
               "integer": "a whole number", "number": "a number", "null": "null"}


def describe(error: jsonschema.ValidationError) -> str:
    """What is wrong, in words that do not quote the offending value."""
    kind, expected = error.validator, error.validator_value
    if kind == "type":
        names = expected if isinstance(expected, list) else [expected]
        return "must be " + " or ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)
    if kind == "enum":
        return "must be one of " + ", ".join(json.dumps(v) for v in expected)
    if kind == "const":
        return f"must be {json.dumps(expected)}"
    if kind == "required":
        missing = [name for name in expected if isinstance(error.instance, dict) and name not in error.instance]
        return "is missing " + ", ".join(repr(m) for m in missing)
    if kind == "additionalProperties":
        extra = sorted(k for k in error.instance if k not in error.schema.get("properties", {})) if isinstance(error.instance, dict) else []
        return "has unknown field(s) " + ", ".join(repr(e[:40]) for e in extra[:5])
    if kind == "maxLength":
        return f"is too long: at most {expected:,} characters"
    if kind == "minLength":
        return "must not be empty" if expected == 1 else f"must be at least {expected} characters"
    if kind == "maxItems":
        return f"has too many items: at most {expected}"
    if kind == "minItems":
        return f"needs at least {expected} item(s)"
    if kind == "pattern":
        said = error.schema.get("description") if isinstance(error.schema, dict) else None
        return f"is not in the expected form: {said}" if said else f"is not in the expected form ({expected})"
    if kind == "uniqueItems":
        return "lists the same item twice; list each once"
    if kind in ("minimum", "maximum"):
        return f"must be {'at least' if kind == 'minimum' else 'at most'} {expected}"
    return f"is not valid ({kind})"
