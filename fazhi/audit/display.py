"""How a chain entry reads to a person: "字段：旧值 → 新值" in Chinese, with every code, state and outcome labelled.

The chain stores what the services wrote: field names and internal values ("in_progress", "disclosed.provided").
This module turns them into words through one vocabulary, filled in by the apps above at start-up (the chain imports
nothing of fazhi, ADR 0011): ``register_model`` reads a model's field verbose names and choices, ``register_labels``
adds payload keys that are not model fields and value tables that are not choices. A lookup tries, in order, the
entry's event (the sub-record a step wrote: an investigation act under a case), its subject type (the record), then
the common keys below. Anything still unknown is shown as it is, never dropped.

People and bodies in a payload are ids; ``references`` lists them so the page can fetch their names in one query
each, and ``summarize(…, names=…)`` writes the names in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from fazhi.audit.events import Event

_MISSING = object()
EMPTY = "（空）"
REMOVED = "（删除）"

# Common payload keys; anything else is looked up in the vocabulary, then shown under its own name.
FIELD_LABELS = {
    "name": "名称",
    "short_name": "简称",
    "code": "代码",
    "kind": "类别",
    "parent_id": "上级机构",
    "body_id": "机构",
    "state": "状态",
    "status": "状态",
    "reason": "理由",
    "note": "备注",
    "number": "编号",
    "title": "标题",
    "date": "日期",
    "on": "日期",
    "due": "期限届满日",
    "due_on": "期限届满日",
    "value": "值",
    "hours": "学时",
    "roles": "角色",
    "role": "角色",
    "phone": "联系电话",
    "valid_from": "有效期起",
    "valid_to": "有效期至",
    "files": "文件",
    "file_name": "文件名",
    "count": "数量",
    "in_time": "是否在期限内",
    "citation": "依据",
    "year": "年度",
    "approver_id": "批准人",
    "opinion": "意见",
    "warnings": "提示",
    "sm3": "SM3 哈希",
}

# Keys that hold the id of a person or a body (their names are fetched for the page: see ``references``).
USER, BODY = "user", "body"
COMMON_REFS = {"approver_id": USER, "body_id": BODY, "parent_id": BODY}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None
    new: str | None

    @property
    def changed(self) -> bool:
        return self.old is not None and self.new is not None


# --- the vocabulary -------------------------------------------------------------------------------------------------

ValueTable = Mapping[str, str] | Callable[[], Mapping[str, str]]
_fields: dict[str, dict[str, str]] = {}
_values: dict[str, dict[str, ValueTable]] = {}
_refs: dict[str, dict[str, str]] = {}
_formatters: dict[str, dict[str, Callable[[object], str]]] = {}
_scope_names: dict[str, str] = {}


def register_labels(
    scope: str,
    *,
    fields: Mapping[str, str] | None = None,
    values: Mapping[str, ValueTable] | None = None,
    refs: Mapping[str, str] | None = None,
    formatters: Mapping[str, Callable[[object], str]] | None = None,
    name: str = "",
) -> None:
    """Labels for payload keys of one scope (a subject type such as "enforcement.case", an event code, or "*" for
    every entry): ``fields`` key → label, ``values`` key → {value → label} (or a function returning it, read when
    shown), ``refs`` key → USER or BODY, ``formatters`` key → a function writing the value, ``name`` the scope's own
    name ("行政处罚案件")."""
    _fields.setdefault(scope, {}).update(fields or {})
    _values.setdefault(scope, {}).update(values or {})
    _refs.setdefault(scope, {}).update(refs or {})
    _formatters.setdefault(scope, {}).update(formatters or {})
    if name:
        _scope_names[scope] = name


def register_model(scope: str, model, *, user_model=None, body_model=None, named: bool = True) -> None:
    """Register a model's fields under ``scope``: verbose names as labels (also under ``<fk>_id``), choices as value
    labels, and foreign keys to the user or body model as references."""
    fields, values, refs = {}, {}, {}
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) and not field.many_to_many:
            continue
        label = str(getattr(field, "verbose_name", "") or field.name)
        keys = {field.name, getattr(field, "attname", field.name)}
        for key in keys:
            fields[key] = label
        if getattr(field, "choices", None):
            table = {str(k): str(v) for k, v in field.flatchoices}
            for key in keys:
                values[key] = table
        related = getattr(field, "related_model", None)
        if related is not None and related in (user_model, body_model):
            for key in keys:
                refs[key] = USER if related is user_model else BODY
    name = str(model._meta.verbose_name) if named else ""
    register_labels(scope, fields=fields, values=values, refs=refs, name=name)


def scope_name(scope: str) -> str:
    """The Chinese name of a subject type ("行政处罚案件"), or the code when nobody registered one."""
    return _scope_names.get(scope, scope)


def known_subject_types() -> dict[str, str]:
    return dict(_scope_names)


def _scopes(subject_type: str, event: str) -> tuple[str, ...]:
    return tuple(s for s in (event, subject_type, "*") if s)


def label_for(key: str, *, subject_type: str = "", event: str = "") -> str:
    for scope in _scopes(subject_type, event):
        if key in _fields.get(scope, {}):
            return _fields[scope][key]
    return FIELD_LABELS.get(key, key)


def _lookup(table: dict, key: str, scopes: tuple[str, ...]):
    for scope in scopes:
        found = table.get(scope, {}).get(key)
        if found is not None:
            return found
    return None


def _value_table(key: str, scopes) -> Mapping[str, str] | None:
    table = _lookup(_values, key, scopes)
    return table() if callable(table) else table


def _ref_kind(key: str, scopes) -> str | None:
    return _lookup(_refs, key, scopes) or COMMON_REFS.get(key)


# --- formatting -----------------------------------------------------------------------------------------------------


def fmt(value) -> str:
    """A plain value in words (no vocabulary): 是/否, （空）, lists joined with 、."""
    if value is None or value is _MISSING:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value or EMPTY
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value) or EMPTY
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


class _Writer:
    def __init__(self, scopes: tuple[str, ...], names: Mapping[tuple[str, int], str] | None):
        self.scopes = scopes
        self.names = names or {}

    def label(self, key: str) -> str:
        for scope in self.scopes:
            if key in _fields.get(scope, {}):
                return _fields[scope][key]
        return FIELD_LABELS.get(key, key)

    def value(self, key: str, value) -> str:
        formatter = _lookup(_formatters, key, self.scopes)
        if formatter is not None and value is not None:
            return formatter(value)
        if key == "files":
            return _files(value)
        kind = _ref_kind(key, self.scopes)
        if kind is not None:
            return self._ref(kind, value)
        table = _value_table(key, self.scopes)
        return self._plain(value, table)

    def _ref(self, kind: str, value) -> str:
        if isinstance(value, list):
            return "、".join(self._ref(kind, v) for v in value) or EMPTY
        if value in (None, ""):
            return EMPTY
        try:
            return self.names.get((kind, int(value))) or f"编号 {value}"
        except (TypeError, ValueError):
            return fmt(value)

    def _plain(self, value, table) -> str:
        if value is None or value is _MISSING:
            return EMPTY
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, str):
            if table and value in table:
                return table[value] or EMPTY
            return value or EMPTY
        if isinstance(value, dict):
            if set(value) <= {"old", "new"} and value:
                return "；".join(_line(c) for c in self.changes(value))
            parts = [f"{self.label(k)}：{self.value(k, v)}" for k, v in value.items()]
            return "；".join(parts) or EMPTY
        if isinstance(value, list):
            if not value:
                return EMPTY
            if all(isinstance(v, dict) for v in value):
                return "；".join(self._plain(v, table) for v in value)
            if all(isinstance(v, list) for v in value):
                rows = (" ".join(self._plain(x, table) for x in row if x not in (None, "")) for row in value)
                return "；".join(rows)
            return "、".join(self._plain(v, table) for v in value)
        return str(value)

    def changes(self, payload: dict) -> list[Change]:
        out: list[Change] = []
        old, new = payload.get("old", _MISSING), payload.get("new", _MISSING)
        if isinstance(old, dict) or isinstance(new, dict):
            old = old if isinstance(old, dict) else {}
            new = new if isinstance(new, dict) else {}
            for key in dict.fromkeys([*old, *new]):
                before, after = old.get(key, _MISSING), new.get(key, _MISSING)
                if before == after:
                    continue
                label = self.label(key)
                if before is _MISSING:
                    out.append(Change(label, None, self.value(key, after)))
                elif after is _MISSING:
                    out.append(Change(label, self.value(key, before), REMOVED))
                else:
                    out.append(Change(label, self.value(key, before), self.value(key, after)))
        elif old is not _MISSING or new is not _MISSING:
            if old is _MISSING:
                out.append(Change("值", None, fmt(new)))
            else:
                out.append(Change("值", fmt(old), fmt(new) if new is not _MISSING else REMOVED))
        return out


def _line(change: Change) -> str:
    return f"{change.label}：{change.old} → {change.new}" if change.old is not None else f"{change.label}：{change.new}"


def _files(value) -> str:
    if isinstance(value, list):
        names = (str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value)
        return "、".join(name.rsplit("/", 1)[-1] for name in names) or EMPTY
    return fmt(value)


def summarize(payload, *, subject_type: str = "", event: str = "", names=None) -> list[Change]:
    """{"old": {...}, "new": {...}} becomes one line per changed field, labelled in Chinese with the values in words;
    other keys follow, each on its line. ``names`` maps (USER|BODY, id) to a name (see ``references``)."""
    writer = _Writer(_scopes(subject_type, event), names)
    if not isinstance(payload, dict):
        return [Change("内容", None, fmt(payload))]
    changes = writer.changes(payload)
    for key, value in payload.items():
        if key in ("old", "new"):
            continue
        changes.append(Change(writer.label(key), None, writer.value(key, value)))
    return changes


def summary_lines(entry, names=None) -> list[str]:
    """The entry's changes as plain lines ("状态：办理中 → 已答复"), for the API and exports."""
    return [_line(c) for c in summarize(entry.payload, subject_type=entry.subject_type, event=entry.event, names=names)]


def references(entries: Iterable) -> set[tuple[str, int]]:
    """Every (USER|BODY, id) the entries' payloads and bodies mention, so a page fetches all names in one go."""
    found: set[tuple[str, int]] = set()

    def add(kind, value):
        for v in value if isinstance(value, list) else [value]:
            try:
                found.add((kind, int(v)))
            except (TypeError, ValueError):
                continue

    for entry in entries:
        if entry.body_id:
            found.add((BODY, int(entry.body_id)))
        payload = entry.payload if isinstance(entry.payload, dict) else {}
        scopes = _scopes(entry.subject_type, entry.event)
        parts = [payload] + [payload[k] for k in ("old", "new") if isinstance(payload.get(k), dict)]
        for part in parts:
            for key, value in part.items():
                kind = _ref_kind(key, scopes)
                if kind is not None and value not in (None, ""):
                    add(kind, value)
    return found


def event_label(code: str) -> str:
    try:
        return Event(code).label
    except ValueError:
        return code


# The chain's event codes grouped for a filter (by the part before the dot), in the order people look for them.
EVENT_GROUPS = {
    "enforcement": "行政处罚",
    "review": "法制审核",
    "publicity": "执法公示",
    "disclosure": "政府信息公开",
    "deadline": "期限",
    "calendar": "工作日日历",
    "org": "机构、人员与执法证",
    "core": "设置",
    "law": "法规与权责清单",
    "annual": "法治政府建设年度报告",
    "counsel": "法律顾问",
    "decisions": "重大行政决策",
    "mediation": "人民调解",
    "supervision": "执法监督",
    "inspection": "双随机、一公开",
}


def grouped_event_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {label: [] for label in EVENT_GROUPS.values()}
    for event in Event:
        group = EVENT_GROUPS.get(event.value.split(".", 1)[0], "其他")
        groups.setdefault(group, []).append((event.value, event.label))
    return [(group, items) for group, items in groups.items() if items]
