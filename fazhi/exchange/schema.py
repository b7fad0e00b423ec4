"""The export schema (schema/v1.json) and a small validator for the part of JSON Schema 2020-12 it uses.

``jsonschema`` is not installed in this project, so this module checks exactly the keywords v1.json uses — type,
const, enum, required, properties, additionalProperties: false, pattern, minLength, minimum, oneOf and local $ref —
and refuses a schema that uses any other keyword (so a later edit cannot silently go unchecked).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

SCHEMA_ID = "fazhi.exchange.v1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "v1.json"

_KNOWN = {
    "$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "required", "properties",
    "additionalProperties", "pattern", "minLength", "minimum", "oneOf", "$ref",
}  # fmt: skip
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def errors(instance, node: dict | None = None, path: str = "$", root: dict | None = None) -> list[str]:
    """Every violation of the schema by ``instance``, each naming its path; [] when it conforms."""
    root = root or schema()
    node = root if node is None else node
    unknown = set(node) - _KNOWN
    if unknown:
        raise ValueError(f"v1.json 使用了校验器不支持的关键字：{sorted(unknown)}")
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        return errors(instance, root["$defs"][name], path, root)
    found: list[str] = []
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_TYPES[t](instance) for t in types):
            return [f"{path}：类型应为 {'/'.join(types)}"]
    if "const" in node and instance != node["const"]:
        found.append(f"{path}：应为 {node['const']!r}")
    if "enum" in node and instance not in node["enum"]:
        found.append(f"{path}：应为 {'、'.join(map(str, node['enum']))} 之一")
    if isinstance(instance, str):
        if "pattern" in node and not re.search(node["pattern"], instance):
            found.append(f"{path}：格式不符")
        if len(instance) < node.get("minLength", 0):
            found.append(f"{path}：不能为空")
    if isinstance(instance, int) and "minimum" in node and instance < node["minimum"]:
        found.append(f"{path}：不能小于 {node['minimum']}")
    if isinstance(instance, dict):
        for key in node.get("required", []):
            if key not in instance:
                found.append(f"{path}.{key}：缺少必填项")
        props = node.get("properties", {})
        for key, value in instance.items():
            if key in props:
                found.extend(errors(value, props[key], f"{path}.{key}", root))
            elif node.get("additionalProperties") is False:
                found.append(f"{path}.{key}：不允许的字段")
    if "oneOf" in node:
        matching = [branch for branch in node["oneOf"] if not errors(instance, branch, path, root)]
        if len(matching) != 1:
            found.append(f"{path}：应恰好符合一种记录格式（符合 {len(matching)} 种）")
    return found
