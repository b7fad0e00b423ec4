"""The export schemas (schema/v1.json, schema/v2.json) and a small validator for the part of JSON Schema 2020-12
they use.

``jsonschema`` is not installed in this project, so this module checks exactly the keywords the schema files use —
type, const, enum, required, properties, additionalProperties: false, pattern, minLength, minimum, oneOf and local
$ref — and refuses a schema that uses any other keyword (so a later edit cannot silently go unchecked).

Each schema is compiled once into nested closures (patterns compiled, ``$ref`` resolved once), so validating a record
walks no dictionaries of the schema: the receiver validates every record of every batch (bench/bench_exchange.py).

v2 (ADR 0067) is v1 plus the record types ``compulsory`` (行政强制) and ``inspection`` (执法检查). Records are built as
v2; a receiver accepts v1 and v2 records, each checked against the schema its ``schema`` key names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

V1, V2 = "fazhi.exchange.v1", "fazhi.exchange.v2"
SCHEMA_ID = V2  # what this instance builds
ACCEPTED = (V1, V2)  # what this instance receives
_FILES = {V1: "v1.json", V2: "v2.json"}
SCHEMA_PATH = Path(__file__).parent / "schema" / _FILES[SCHEMA_ID]

_KNOWN = {
    "$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "required", "properties",
    "additionalProperties", "pattern", "minLength", "minimum", "oneOf", "$ref",
}  # fmt: skip
_PYTHON = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}

Check = Callable[[object, str, bool], list[str]]  # (instance, path, stop at the first error)


@cache
def schema(schema_id: str = SCHEMA_ID) -> dict:
    return json.loads((Path(__file__).parent / "schema" / _FILES[schema_id]).read_text(encoding="utf-8"))


def _compile(node: dict, root: dict, refs: dict[str, Check], name: str) -> Check:
    unknown = set(node) - _KNOWN
    if unknown:
        raise ValueError(f"{name} 使用了校验器不支持的关键字：{sorted(unknown)}")
    if "$ref" in node:
        ref = node["$ref"].removeprefix("#/$defs/")
        if ref not in refs:
            refs[ref] = None  # being compiled (a recursive $ref resolves through the dict at call time)
            refs[ref] = _compile(root["$defs"][ref], root, refs, name)
        return lambda instance, path, stop: refs[ref](instance, path, stop)

    type_check = None
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        python = tuple({t for name in types for t in _PYTHON[name]})
        allow_bool = "boolean" in types  # bool is an int in Python, never a JSON integer or number
        label = "/".join(types)

        def type_check(instance, path):
            if isinstance(instance, python) and (allow_bool or not isinstance(instance, bool)):
                return None
            return [f"{path}：类型应为 {label}"]

    checks: list[Check] = []
    if "const" in node:
        const = node["const"]
        checks.append(lambda i, p, s: [f"{p}：应为 {const!r}"] if i != const else [])
    if "enum" in node:
        allowed = node["enum"]
        text = "、".join(map(str, allowed))
        checks.append(lambda i, p, s: [f"{p}：应为 {text} 之一"] if i not in allowed else [])
    if "pattern" in node:
        pattern = re.compile(node["pattern"])
        checks.append(lambda i, p, s: [f"{p}：格式不符"] if isinstance(i, str) and not pattern.search(i) else [])
    if node.get("minLength", 0):
        least = node["minLength"]
        checks.append(lambda i, p, s: [f"{p}：不能为空"] if isinstance(i, str) and len(i) < least else [])
    if "minimum" in node:
        low = node["minimum"]
        checks.append(lambda i, p, s: [f"{p}：不能小于 {low}"] if isinstance(i, int) and i < low else [])
    if "required" in node or "properties" in node or node.get("additionalProperties") is False:
        required = list(node.get("required", []))
        props = {key: _compile(sub, root, refs, name) for key, sub in node.get("properties", {}).items()}
        closed = node.get("additionalProperties") is False

        def object_check(instance, path, stop):
            if not isinstance(instance, dict):
                return []
            found = [f"{path}.{key}：缺少必填项" for key in required if key not in instance]
            for key, value in instance.items():
                if stop and found:
                    return found
                check = props.get(key)
                if check is not None:
                    found.extend(check(value, f"{path}.{key}", stop))
                elif closed:
                    found.append(f"{path}.{key}：不允许的字段")
            return found

        checks.append(object_check)
    if "oneOf" in node:
        branches = [_compile(sub, root, refs, name) for sub in node["oneOf"]]

        def one_of(instance, path, stop):
            # A branch only has to be told apart (matches or not): each stops at its first error.
            matching = sum(1 for branch in branches if not branch(instance, path, True))
            return [] if matching == 1 else [f"{path}：应恰好符合一种记录格式（符合 {matching} 种）"]

        checks.append(one_of)

    def check(instance, path, stop):
        if type_check is not None:
            wrong = type_check(instance, path)
            if wrong:
                return wrong
        found: list[str] = []
        for one in checks:
            found.extend(one(instance, path, stop))
            if stop and found:
                break
        return found

    return check


@cache
def validator(schema_id: str = SCHEMA_ID) -> Check:
    root = schema(schema_id)
    return _compile(root, root, {}, _FILES[schema_id])


def errors(instance, schema_id: str | None = None) -> list[str]:
    """Every violation of the schema by ``instance``, each naming its path; [] when it conforms.

    The schema is the one ``instance["schema"]`` names when it is a version this instance accepts, else the current
    one (whose ``schema`` const then reports the mismatch)."""
    if schema_id is None:
        named = instance.get("schema") if isinstance(instance, dict) else None
        schema_id = named if named in ACCEPTED else SCHEMA_ID
    return validator(schema_id)(instance, "$", False)
