"""Writes to the organisation: every change goes through here and onto the audit chain."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core import clock
from fazhi.core.access import Role
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.org import rules
from fazhi.org.errors import CertificateError, StaffError, TrainingImportError
from fazhi.org.models import (
    Body,
    BodyKind,
    Certificate,
    CertificateState,
    TrainingRecord,
    TrainingSource,
    User,
)
from fazhi.org.permissions import can_manage_person


def create_body(
    *, actor, name: str, kind: BodyKind, code: str, parent: Body | None = None, short_name: str = "", province: str = ""
) -> Body:
    """Add a body to the organisation tree (区 → 镇/街 → 内设机构)."""
    with transaction.atomic():
        body = Body(name=name, kind=kind, code=code, parent=parent, short_name=short_name, province=province, path="/")
        body.save()
        body.path = f"{parent.path if parent else '/'}{body.pk}/"
        body.save(update_fields=["path"])
        record(
            actor=actor,
            event=Event.BODY_CREATED,
            subject=body,
            body_id=body.pk,
            payload={
                "new": {
                    "name": name,
                    "kind": str(kind),
                    "code": code,
                    "parent_id": parent.pk if parent else None,
                    "province": province,
                }
            },
        )
    return body


# --- Staff and roles ----------------------------------------------------------------------------------------------


def ensure_roles() -> dict[Role, Group]:
    """Create the role groups if missing (the data migration normally has); idempotent."""
    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def _staff_snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "name": user.get_full_name(),
        "body_id": user.body_id,
        "phone": user.phone,
        "is_active": user.is_active,
    }


def create_staff(
    *,
    actor,
    username: str,
    last_name: str,
    first_name: str,
    body: Body,
    phone: str = "",
    roles: tuple[Role, ...] | list[Role] = (),
    password: str | None = None,
    password_hash: str | None = None,
    email: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Add a member of staff to a body, with roles; the person's name is family name + given name (姓 + 名).

    Without `password` or `password_hash` the account has no usable password until an administrator sets one.
    """
    username = username.strip()
    if not username:
        raise StaffError("新增人员失败：「用户名」不能为空。")
    if not (last_name.strip() or first_name.strip()):
        raise StaffError("新增人员失败：「姓名」不能为空。")
    if body is None:
        raise StaffError("新增人员失败：必须指定「所在机构」（每名人员属于组织树中的一个机构）。")
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise StaffError(f"新增人员失败：用户名「{username}」已被使用。")
        user = User(
            username=username,
            last_name=last_name.strip(),
            first_name=first_name.strip(),
            body=body,
            phone=phone.strip(),
            email=email,
            is_staff=is_staff,
            is_superuser=is_superuser,
        )
        if password:
            # Not set_password: that would also fire Django's password_changed hook, which records a password
            # *change* (fazhi.accounts.passwords); a new account's first password is part of this STAFF_CREATED entry.
            user.password = make_password(password)
        elif password_hash:
            user.password = password_hash  # already hashed by make_password (e.g. one hash for all demo logins)
        else:
            user.set_unusable_password()
        user.save()
        groups = ensure_roles()
        role_values = sorted({Role(role).value for role in roles})
        if role_values:
            user.groups.add(*[groups[Role(value)] for value in role_values])
        record(
            actor=actor,
            event=Event.STAFF_CREATED,
            subject=user,
            body_id=body.pk,
            payload={"new": {**_staff_snapshot(user), "roles": role_values, "is_superuser": is_superuser}},
        )
    return user


def change_staff(*, actor, user: User, body: Body | None = None, phone: str | None = None) -> User:
    """Move a person to another body or change their phone number."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old = _staff_snapshot(user)
        fields = []
        if body is not None and body.pk != user.body_id:
            user.body = body
            fields.append("body")
        if phone is not None and phone.strip() != user.phone:
            user.phone = phone.strip()
            fields.append("phone")
        if not fields:
            return user
        user.save(update_fields=fields)
        record(
            actor=actor,
            event=Event.STAFF_CHANGED,
            subject=user,
            body_id=user.body_id,
            payload={"old": old, "new": _staff_snapshot(user)},
        )
    return user


def record_legal_qualification(
    *, actor, user: User, number: str, obtained_on: date | None, legal_background: bool
) -> User:
    """登记法律职业资格 (证书编号, 取得日期) and 法学专业背景 of a person: what 行政处罚法 第五十八条第二款 asks of a
    first-time legal reviewer, and what the annual report counts. Only a 系统管理员 or a 负责人 in scope."""
    if actor is not None and not can_manage_person(actor, user):
        raise NotPermitted("只有本机关负责人或系统管理员可以登记人员的法律职业资格。")
    number = (number or "").strip()
    if len(number) > 40:
        raise InvalidInput("法律职业资格证书编号不能超过40个字符。", field="number")
    if obtained_on is not None and not number:
        raise InvalidInput("填写了取得日期，请同时填写法律职业资格证书编号。", field="number")
    if obtained_on is not None and obtained_on > clock.today():
        raise InvalidInput(f"取得日期 {obtained_on} 晚于今天。", field="obtained_on")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old = {
            "number": user.legal_qualification_number,
            "obtained_on": user.legal_qualified_on,
            "legal_background": user.legal_background,
        }
        user.legal_qualification_number = number
        user.legal_qualified_on = obtained_on if number else None
        user.legal_background = bool(legal_background)
        new = {
            "number": user.legal_qualification_number,
            "obtained_on": user.legal_qualified_on,
            "legal_background": user.legal_background,
        }
        if new == old:
            return user
        user.save(update_fields=["legal_qualification_number", "legal_qualified_on", "legal_background"])
        record(
            actor=actor,
            event=Event.LEGAL_QUALIFICATION_RECORDED,
            subject=user,
            body_id=user.body_id,
            payload={"old": old, "new": new},
        )
    return user


def grant_role(*, actor, user: User, role: Role) -> bool:
    """Give a person a role (a group named by Role). Returns False when they already had it (nothing recorded)."""
    role = Role(role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        group = ensure_roles()[role]
        if user.groups.filter(pk=group.pk).exists():
            return False
        user.groups.add(group)
        record(
            actor=actor,
            event=Event.ROLE_GRANTED,
            subject=user,
            body_id=user.body_id,
            payload={"new": {"role": role.value}},
        )
    return True


def revoke_role(*, actor, user: User, role: Role) -> bool:
    """Take a role away. Returns False when the person did not have it (nothing recorded)."""
    role = Role(role)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        group = ensure_roles()[role]
        if not user.groups.filter(pk=group.pk).exists():
            return False
        user.groups.remove(group)
        record(
            actor=actor,
            event=Event.ROLE_REVOKED,
            subject=user,
            body_id=user.body_id,
            payload={"old": {"role": role.value}},
        )
    return True


# --- Enforcement certificates -------------------------------------------------------------------------------------


def _certificate_snapshot(cert: Certificate) -> dict:
    return {
        "number": cert.number,
        "holder_id": cert.holder_id,
        "issuer": cert.issuer,
        "field": cert.field,
        "valid_from": cert.valid_from,
        "valid_to": cert.valid_to,
        "state": cert.state,
    }


def issue_certificate(
    *,
    actor,
    holder: User,
    number: str,
    field: str,
    valid_from: date,
    valid_to: date,
    issuer: str = "天津市人民政府",
) -> Certificate:
    """Register an enforcement certificate issued to a person (天津市行政执法监督规定 第十条第一款: the 市人民政府法制机构
    issues the 天津市行政执法证件 after the training exam)."""
    number = number.strip()
    if not number:
        raise CertificateError("登记执法证件失败：「证件编号」不能为空。")
    if not field.strip():
        raise CertificateError("登记执法证件失败：「执法领域」不能为空。")
    if not issuer.strip():
        raise CertificateError("登记执法证件失败：「发证机关」不能为空。")
    if valid_to < valid_from:
        raise CertificateError("登记执法证件失败：「有效期至」早于「有效期起」。")
    if holder.body_id is None:
        raise CertificateError("登记执法证件失败：持证人不属于任何机构。")
    with transaction.atomic():
        if Certificate.objects.filter(number=number).exists():
            raise CertificateError(f"登记执法证件失败：证件编号「{number}」已登记（证件编号全市唯一）。")
        cert = Certificate(
            holder=holder,
            number=number,
            field=field.strip(),
            issuer=issuer.strip(),
            valid_from=valid_from,
            valid_to=valid_to,
            state=CertificateState.VALID,
        )
        try:
            with transaction.atomic():
                cert.save()
        except IntegrityError as exc:  # a concurrent issue of the same number
            raise CertificateError(f"登记执法证件失败：证件编号「{number}」已登记（证件编号全市唯一）。") from exc
        record(
            actor=actor,
            event=Event.CERTIFICATE_ISSUED,
            subject=cert,
            body_id=holder.body_id,
            payload={"new": _certificate_snapshot(cert)},
        )
    return cert


_ACTION_EVENTS = {
    "suspend": Event.CERTIFICATE_SUSPENDED,
    "restore": Event.CERTIFICATE_RESTORED,
    "revoke": Event.CERTIFICATE_REVOKED,
}


def _change_certificate_state(*, actor, certificate: Certificate, action_key: str, reason: str, need_reason: bool):
    reason = (reason or "").strip()
    action = rules.CERTIFICATE_ACTIONS[action_key]
    if need_reason and not reason:
        raise CertificateError(f"{action.name}执法证件必须填写「理由」。")
    with transaction.atomic():
        cert = Certificate.objects.select_for_update().select_related("holder").get(pk=certificate.pk)
        rules.check_transition(action_key, cert.state)
        old_state = cert.state
        cert.state = action.target
        cert.state_reason = reason[:255]
        cert.save(update_fields=["state", "state_reason"])
        record(
            actor=actor,
            event=_ACTION_EVENTS[action_key],
            subject=cert,
            body_id=cert.holder.body_id,
            payload={
                "old": {"state": old_state},
                "new": {"state": cert.state},
                "reason": reason,
                "citation": action.citation,
            },
        )
    certificate.state, certificate.state_reason = cert.state, cert.state_reason
    return cert


def suspend_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """暂扣: take back the certificate of an officer suspected of unlawful enforcement
    (天津市行政执法监督规定 第二十四条第一款第（五）项). Only a valid certificate can be suspended."""
    return _change_certificate_state(
        actor=actor, certificate=certificate, action_key="suspend", reason=reason, need_reason=True
    )


def restore_certificate(*, actor, certificate: Certificate, reason: str = "") -> Certificate:
    """Give a suspended certificate back (the suspension of 第二十四条 is temporary)."""
    return _change_certificate_state(
        actor=actor, certificate=certificate, action_key="restore", reason=reason, need_reason=False
    )


def revoke_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """注销/吊销: withdraw the certificate for good (天津市行政执法监督规定 第二十五条第三款, 第三十条第二款)."""
    return _change_certificate_state(
        actor=actor, certificate=certificate, action_key="revoke", reason=reason, need_reason=True
    )


# --- Training hours -----------------------------------------------------------------------------------------------

MAX_HOURS_PER_RECORD = Decimal("200")


def parse_hours(value) -> Decimal:
    """Hours as a Decimal with at most one decimal place, 0 < hours ≤ 200; ValueError (Chinese) otherwise."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"「{value}」不是数字") from exc
    if not hours.is_finite():
        raise ValueError(f"「{value}」不是数字")
    if hours <= 0:
        raise ValueError("学时必须大于0")
    if hours > MAX_HOURS_PER_RECORD:
        raise ValueError(f"单条记录的学时不能超过{MAX_HOURS_PER_RECORD}")
    if hours != hours.quantize(Decimal("0.1")):
        raise ValueError("学时最多保留一位小数")
    return hours.quantize(Decimal("0.1"))


def parse_source(value) -> TrainingSource:
    """A source given by its code or its Chinese label (线下培训/网络学习/考试/专题讲座/导入)."""
    text = str(value or "").strip()
    for choice in TrainingSource:
        if text in (choice.value, choice.label):
            return choice
    labels = "、".join(TrainingSource.labels)
    raise ValueError(f"「{text}」不是有效的来源，应为：{labels}")


def _check_training_date(on: date) -> None:
    if on > clock.today():
        raise ValueError("培训日期不能晚于今天")


def _training_payload(rec: TrainingRecord) -> dict:
    return {
        "person_id": rec.person_id,
        "date": rec.date,
        "topic": rec.topic,
        "hours": rec.hours,
        "source": rec.source,
        "note": rec.note,
    }


def record_training(
    *,
    actor,
    person: User,
    on: date,
    topic: str,
    hours,
    source: TrainingSource | str = TrainingSource.OFFLINE,
    note="",
    chain: bool = True,
) -> TrainingRecord:
    """Record training hours for one person (培训学时: 天津市行政执法监督规定 第十条第二款; 法治政府建设实施纲要).

    ``chain=False``: the caller is a step of another module (a study session, an e-learning import) whose own chain
    entry lists the records it created, so the hours are recorded once and the step keeps its one entry.
    """

    topic = (topic or "").strip()
    if not topic:
        raise InvalidInput("登记培训学时失败：「培训主题」不能为空。", field="topic")
    try:
        hours = parse_hours(hours)
    except ValueError as exc:
        raise InvalidInput(f"登记培训学时失败：「学时」{exc}。", field="hours") from exc
    try:
        source = parse_source(source)
    except ValueError as exc:
        raise InvalidInput(f"登记培训学时失败：「来源」{exc}。", field="source") from exc
    try:
        _check_training_date(on)
    except ValueError as exc:
        raise InvalidInput(f"登记培训学时失败：「日期」{exc}。", field="date") from exc
    with transaction.atomic():
        rec = TrainingRecord.objects.create(
            person=person, date=on, topic=topic[:200], hours=hours, source=source, note=(note or "").strip()[:255]
        )
        if not chain:
            return rec
        record(
            actor=actor,
            event=Event.TRAINING_RECORDED,
            subject=rec,
            body_id=person.body_id,
            payload={"new": _training_payload(rec)},
        )
    return rec


@dataclass(frozen=True)
class TrainingRow:
    row: int
    person: User
    on: date
    topic: str
    hours: Decimal
    source: TrainingSource
    note: str


TRAINING_COLUMNS = ("姓名", "用户名", "日期", "主题", "学时", "来源", "备注")


def _cell_date(value) -> date:

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    if not text:
        raise ValueError("日期不能为空")
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"「{value}」不是有效日期（应为 2019-06-18 或 2019年6月18日）")


def parse_training_rows(rows, *, people) -> list[TrainingRow]:
    """Check every row of an import; all problems at once, as TrainingImportError((row, column, message), …).

    `rows` is an iterable of tuples whose first item is the header row; row numbers are spreadsheet rows (1 = header).
    `people` is the queryset of persons the importer may record hours for (their scope).
    """
    iterator = iter(rows)
    try:
        header = [str(cell or "").strip() for cell in next(iterator)]
    except StopIteration:
        raise TrainingImportError([(1, "表头", "文件是空的")]) from None
    index = {name: header.index(name) for name in TRAINING_COLUMNS if name in header}
    problems: list[tuple[int, str, str]] = []
    if "姓名" not in index and "用户名" not in index:
        problems.append((1, "姓名/用户名", "表头缺少「姓名」或「用户名」列"))
    for required in ("日期", "主题", "学时", "来源"):
        if required not in index:
            problems.append((1, required, f"表头缺少「{required}」列"))
    if problems:
        raise TrainingImportError(problems)

    people = list(people.select_related("body"))
    by_username = {p.username: p for p in people}
    by_name: dict[str, list[User]] = {}
    for p in people:
        by_name.setdefault(p.get_full_name(), []).append(p)

    def cell(values, name):
        position = index.get(name)
        if position is None or position >= len(values):
            return None
        return values[position]

    parsed: list[TrainingRow] = []
    for row_number, values in enumerate(iterator, start=2):
        values = list(values)
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        row_problems: list[tuple[int, str, str]] = []
        person = None
        username = str(cell(values, "用户名") or "").strip()
        name = str(cell(values, "姓名") or "").strip()
        if username:
            person = by_username.get(username)
            if person is None:
                row_problems.append((row_number, "用户名", f"本范围内没有用户名为「{username}」的人员"))
            elif name and person.get_full_name() != name:
                row_problems.append((row_number, "姓名", f"「{name}」与用户名「{username}」对应的人员不符"))
        elif name:
            matches = by_name.get(name, [])
            if not matches:
                row_problems.append((row_number, "姓名", f"本范围内没有名为「{name}」的人员"))
            elif len(matches) > 1:
                row_problems.append((row_number, "姓名", f"本范围内有{len(matches)}人名为「{name}」，请填写「用户名」"))
            else:
                person = matches[0]
        else:
            row_problems.append((row_number, "姓名/用户名", "未填写人员"))
        on = None
        try:
            on = _cell_date(cell(values, "日期"))
            _check_training_date(on)
        except ValueError as exc:
            row_problems.append((row_number, "日期", str(exc)))
        topic = str(cell(values, "主题") or "").strip()
        if not topic:
            row_problems.append((row_number, "主题", "主题不能为空"))
        elif len(topic) > 200:
            row_problems.append((row_number, "主题", "主题不能超过200字"))
        hours = None
        raw_hours = cell(values, "学时")
        if raw_hours is None or str(raw_hours).strip() == "":
            row_problems.append((row_number, "学时", "学时不能为空"))
        else:
            try:
                hours = parse_hours(raw_hours)
            except ValueError as exc:
                row_problems.append((row_number, "学时", str(exc)))
        source = None
        try:
            source = parse_source(cell(values, "来源"))
        except ValueError as exc:
            row_problems.append((row_number, "来源", str(exc)))
        note = str(cell(values, "备注") or "").strip()[:255]
        if row_problems:
            problems.extend(row_problems)
        else:
            parsed.append(TrainingRow(row_number, person, on, topic, hours, source, note))
    if problems:
        raise TrainingImportError(problems)
    if not parsed:
        raise TrainingImportError([(2, "全部", "文件中没有数据行")])
    return parsed


def import_training(*, actor, rows, people, file_name: str = "") -> list[TrainingRecord]:
    """Import training hours: every row is checked first; if any is bad nothing is written (all rows or none)."""
    parsed = parse_training_rows(rows, people=people)
    created: list[TrainingRecord] = []
    with transaction.atomic():
        for item in parsed:
            rec = TrainingRecord.objects.create(
                person=item.person,
                date=item.on,
                topic=item.topic,
                hours=item.hours,
                source=item.source,
                note=item.note or f"导入自 {file_name}".strip(),
            )
            record(
                actor=actor,
                event=Event.TRAINING_IMPORTED,
                subject=rec,
                body_id=item.person.body_id,
                payload={"new": _training_payload(rec), "file": file_name, "row": item.row},
            )
            created.append(rec)
    return created


def read_training_workbook(path):
    """The first sheet of an .xlsx (a path or an open file) as rows of cell values (header first)."""
    from openpyxl import load_workbook

    source = path if hasattr(path, "read") else str(path)
    workbook = load_workbook(filename=source, read_only=True, data_only=True)
    try:
        return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()
