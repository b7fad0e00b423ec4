"""How a chain entry reads to a person: a short old → new summary of its payload."""

import json
from dataclasses import dataclass

from fazhi.audit.events import Event

_MISSING = object()

# Common payload keys; anything else is shown under its own name.
FIELD_LABELS = {
    "name": "名称",
    "short_name": "简称",
    "code": "代码",
    "kind": "类别",
    "parent_id": "上级",
    "body_id": "机构",
    "state": "状态",
    "status": "状态",
    "reason": "理由",
    "note": "备注",
    "number": "编号",
    "title": "标题",
    "date": "日期",
    "due": "期限届满日",
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
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None
    new: str | None

    @property
    def changed(self) -> bool:
        return self.old is not None and self.new is not None


def label_for(key: str) -> str:
    return FIELD_LABELS.get(key, key)


def fmt(value) -> str:
    if value is None or value is _MISSING:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value or "（空）"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value) or "（空）"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return str(value)


def _files(value) -> str:
    if isinstance(value, list):
        return "、".join(str(item.get("name", "")) if isinstance(item, dict) else str(item) for item in value)
    return fmt(value)


def summarize(payload) -> list[Change]:
    """{"old": {...}, "new": {...}} becomes one line per changed field; other keys are listed as they are."""
    if not isinstance(payload, dict):
        return [Change("内容", None, fmt(payload))]
    changes: list[Change] = []
    old, new = payload.get("old", _MISSING), payload.get("new", _MISSING)
    if isinstance(old, dict) or isinstance(new, dict):
        old = old if isinstance(old, dict) else {}
        new = new if isinstance(new, dict) else {}
        for key in dict.fromkeys([*old, *new]):
            before, after = old.get(key, _MISSING), new.get(key, _MISSING)
            if before == after:
                continue
            if before is _MISSING:
                changes.append(Change(label_for(key), None, fmt(after)))
            elif after is _MISSING:
                changes.append(Change(label_for(key), fmt(before), "（删除）"))
            else:
                changes.append(Change(label_for(key), fmt(before), fmt(after)))
    elif old is not _MISSING or new is not _MISSING:
        if old is _MISSING:
            changes.append(Change("值", None, fmt(new)))
        else:
            changes.append(Change("值", fmt(old), fmt(new) if new is not _MISSING else "（删除）"))
    for key, value in payload.items():
        if key in ("old", "new"):
            continue
        changes.append(Change(label_for(key), None, _files(value) if key == "files" else fmt(value)))
    return changes


def event_label(code: str) -> str:
    try:
        return Event(code).label
    except ValueError:
        return code
