"""Every write of 学法 and 普法. Steps go through the step helper (one transaction, one chain entry each).

Hours: an attendance or a matched e-learning row creates its org TrainingRecord through ``org.services.record_training``
(``chain=False``: this module's step entry lists the records), so hours are counted once, by org (ADR 0045).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.http import Http404

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role, in_scope, require
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import amount_for
from fazhi.core.steps import Workflow, check_date, today
from fazhi.learning import rules
from fazhi.learning.errors import ImportRefused
from fazhi.learning.models import (
    Activity,
    ActivityFile,
    ActivityForm,
    ActivityStatus,
    Attendance,
    DutyLine,
    ImportBatch,
    ImportRow,
    KeyDate,
    SessionStatus,
    StudyKind,
    StudySession,
)
from fazhi.org import selectors as org_selectors
from fazhi.org import services as org_services
from fazhi.org.models import TrainingSource

# Who records 学法 and 普法: the town's administrators (党政办公室) and its leaders.
RECORDERS = (Role.ADMIN, Role.LEADER)
REVIEWERS = (Role.LEADER,)

SOURCE_OF_KIND = {
    StudyKind.LECTURE: TrainingSource.LECTURE,
    StudyKind.CENTRE_GROUP: TrainingSource.OFFLINE,
    StudyKind.PRE_MEETING: TrainingSource.OFFLINE,
    StudyKind.SEMINAR: TrainingSource.OFFLINE,
    StudyKind.SELF_STUDY: TrainingSource.OFFLINE,
}


def _no_moves(old: str, new: str) -> None:
    if old != new:
        raise InvalidTransition("学法活动登记后不再变更状态。")


SESSION = Workflow(model=StudySession, check=_no_moves)

ACTIVITY_MOVES = {
    ActivityStatus.DRAFT: {ActivityStatus.PUBLIC, ActivityStatus.REJECTED},
}


def _check_activity_move(old: str, new: str) -> None:
    if new not in ACTIVITY_MOVES.get(old, set()):
        raise InvalidTransition(
            f"普法活动当前为“{ActivityStatus(old).label}”，不能改为“{ActivityStatus(new).label}”"
            f"（公开前须经审核：{rules.TJ_PUFA}第十条、第十五条）。"
        )


ACTIVITY = Workflow(model=Activity, check=_check_activity_move)


def _within(person, body) -> bool:
    """The person works in ``body`` or a unit below it (the organisation tree's materialised path)."""
    return person.body is not None and person.body.path.startswith(body.path)


def max_session_hours(body_id: int | None) -> Decimal:
    return amount_for(rules.MAX_SESSION_HOURS).amount(body_id)


def check_hours(value, *, body_id: int | None, field: str = "hours", label: str = "学时") -> Decimal:
    """Hours of one study event: a number with one decimal, 0 < hours ≤ the per-event limit (a setting)."""
    try:
        hours = org_services.parse_hours(value)
    except ValueError as exc:
        raise InvalidInput(f"「{label}」{exc}。", field=field) from exc
    limit = max_session_hours(body_id)
    if hours > limit:
        rule = amount_for(rules.MAX_SESSION_HOURS)
        raise InvalidInput(f"「{label}」{hours} 超过一次学法活动可计的{limit}学时（{rule.citation}）。", field=field)
    return hours


# --- 学法: study sessions ------------------------------------------------------------------------------------------


def record_session(
    *,
    actor,
    body,
    kind: str,
    held_on: date,
    title: str,
    hours,
    attendees,
    meeting: str = "",
    law=None,
    provisions: str = "",
    presenter=None,
    speaker: str = "",
) -> StudySession:
    """Record a study event and its attendance; each attendee's hours become one org TrainingRecord."""
    require(actor, *RECORDERS, body=body, what="登记学法活动")
    if kind not in StudyKind.values:
        raise InvalidInput("请选择学法形式。", field="kind")
    kind = StudyKind(kind)
    title = (title or "").strip()
    if not title:
        raise InvalidInput("请填写学习主题。", field="title")
    check_date(held_on, field="held_on", label="学法日期")
    hours = check_hours(hours, body_id=body.pk)
    speaker = (speaker or "").strip()
    if kind == StudyKind.LECTURE and presenter is None and not speaker:
        raise InvalidInput("法治专题讲座须填写主讲人（本单位人员或外请专家）。", field="speaker")
    if kind == StudyKind.PRE_MEETING and not (meeting or "").strip():
        raise InvalidInput("会前学法须填写会议名称（如：2019年第3次镇长办公会）。", field="meeting")
    people = list(attendees or [])
    if not people:
        raise InvalidInput("请选择参加人员。", field="attendees")
    if len({p.pk for p in people}) != len(people):
        raise InvalidInput("参加人员有重复。", field="attendees")
    for person in [*people, *([presenter] if presenter is not None else [])]:
        if not in_scope(actor, person.body_id) or not _within(person, body):
            raise InvalidInput(
                f"{person.get_full_name() or person.username}不属于{body.name}（学法出勤只能登记本单位及下属机构人员）。",
                field="attendees" if person in people else "presenter",
            )
    with SESSION.step(
        actor, None, "登记学法活动", Event.STUDY_RECORDED, roles=RECORDERS, on=held_on, on_field="held_on",
        on_label="学法日期",
    ) as s:  # fmt: skip
        session = s.created(
            StudySession.objects.create(
                body=body, kind=kind, held_on=held_on, title=title[:200], meeting=(meeting or "").strip()[:100],
                law=law, provisions=(provisions or "").strip()[:200], presenter=presenter, speaker=speaker[:100],
                hours=hours, status=SessionStatus.RECORDED,
            )
        )  # fmt: skip
        rows = []
        for person in people:
            rec = org_services.record_training(
                actor=actor, person=person, on=held_on, topic=f"{kind.label}：{title}", hours=hours,
                source=SOURCE_OF_KIND[kind], note=f"学法活动 #{session.pk}", chain=False,
            )  # fmt: skip
            Attendance.objects.create(session=session, person=person, hours=hours, training_record=rec)
            rows.append({"person_id": person.pk, "hours": hours, "training_record_id": rec.pk})
        s.new(
            kind=kind.value, held_on=held_on, title=session.title, meeting=session.meeting, law_id=session.law_id,
            provisions=session.provisions, presenter_id=session.presenter_id, speaker=session.speaker, hours=hours,
            attendance=rows,
        )  # fmt: skip
    return session


# --- e-learning import (天津市干部教育在线) -------------------------------------------------------------------------

ELEARNING_COLUMNS = ("姓名", "身份证号", "工号", "课程", "学时", "成绩", "完成日期")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def valid_id_number(value: str) -> bool:
    """GB 11643: 17 digits and a check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    check = "10X98765432"[sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True)) % 11]
    return value[17].upper() == check


def _cell_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    if not text:
        raise ValueError("完成日期不能为空")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"「{value}」不是有效日期（应为 2019-06-18）")


@dataclass(frozen=True)
class ParsedRow:
    row: int
    name: str
    id_number: str
    staff_number: str
    course: str
    hours: Decimal
    score: Decimal | None
    on: date


def parse_elearning_rows(rows) -> list[ParsedRow]:
    """Check every row; all problems at once (ImportRefused), nothing saved. Row 1 is the header."""
    iterator = iter(rows)
    try:
        header = [str(cell or "").strip() for cell in next(iterator)]
    except StopIteration:
        raise ImportRefused([(1, "表头", "文件是空的")]) from None
    index = {name: header.index(name) for name in ELEARNING_COLUMNS if name in header}
    missing = [c for c in ("姓名", "课程", "学时", "完成日期") if c not in index]
    if missing:
        raise ImportRefused([(1, c, f"表头缺少「{c}」列") for c in missing])

    def cell(values, name):
        position = index.get(name)
        return values[position] if position is not None and position < len(values) else None

    parsed, problems = [], []
    for number, values in enumerate(iterator, start=2):
        values = list(values)
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        bad = []
        name = str(cell(values, "姓名") or "").strip()
        if not name:
            bad.append((number, "姓名", "姓名不能为空"))
        id_number = str(cell(values, "身份证号") or "").strip().upper()
        if id_number and not valid_id_number(id_number):
            bad.append((number, "身份证号", f"「{id_number}」不是有效的18位公民身份号码"))
        staff_number = str(cell(values, "工号") or "").strip()
        course = str(cell(values, "课程") or "").strip()
        if not course:
            bad.append((number, "课程", "课程不能为空"))
        hours = None
        try:
            hours = org_services.parse_hours(cell(values, "学时"))
        except ValueError as exc:
            bad.append((number, "学时", str(exc)))
        score = None
        raw_score = cell(values, "成绩")
        if raw_score not in (None, ""):
            try:
                score = Decimal(str(raw_score).strip())
                if not score.is_finite() or score < 0 or score > 100:
                    raise ValueError
                score = score.quantize(Decimal("0.1"))
            except (ArithmeticError, ValueError):
                bad.append((number, "成绩", f"「{raw_score}」不是0至100之间的分数"))
        on = None
        try:
            on = _cell_date(cell(values, "完成日期"))
            if on > today():
                raise ValueError("完成日期不能晚于今天")
        except ValueError as exc:
            bad.append((number, "完成日期", str(exc)))
        if bad:
            problems.extend(bad)
        else:
            parsed.append(ParsedRow(number, name[:50], id_number, staff_number[:150], course[:200], hours, score, on))
    if problems:
        raise ImportRefused(problems)
    if not parsed:
        raise ImportRefused([(2, "全部", "文件中没有数据行")])
    return parsed


def _match(row: ParsedRow, by_username: dict, by_name: dict):
    """(person, reason): by 工号 (the login name), else by a name unique in the importer's scope."""
    if row.staff_number:
        person = by_username.get(row.staff_number)
        if person is None:
            return None, f"本范围内没有工号为「{row.staff_number}」的人员"
        if person.get_full_name() != row.name:
            return None, f"工号「{row.staff_number}」对应{person.get_full_name()}，与姓名「{row.name}」不符"
        return person, ""
    matches = by_name.get(row.name, [])
    if not matches:
        return None, f"本范围内没有名为「{row.name}」的人员"
    if len(matches) > 1:
        return None, f"本范围内有{len(matches)}人名为「{row.name}」，请人工匹配"
    return matches[0], ""


def import_elearning(*, actor, body, rows, file_name: str, content: bytes = b"") -> ImportBatch:
    """Import results from the cadre e-learning platform: all rows or none; matched rows become TrainingRecords,
    unmatched rows are kept with the reason, for an administrator to match later."""
    require(actor, Role.ADMIN, body=body, what="导入网络学习成绩")
    parsed = parse_elearning_rows(rows)
    digest = hashlib.new("sm3", content).hexdigest() if content else ""
    if digest and ImportBatch.objects.filter(body=body, file_sm3=digest).exists():
        raise InvalidInput(f"文件“{file_name}”已导入过（内容相同），未重复导入。", field="file")
    people = list(org_selectors.visible_staff(actor).filter(body__path__startswith=body.path).select_related("body"))
    by_username = {p.username: p for p in people}
    by_name: dict[str, list] = {}
    for p in people:
        by_name.setdefault(p.get_full_name(), []).append(p)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            body=body, file_name=file_name[:200], file_sm3=digest, imported_by=actor, row_count=len(parsed)
        )
        summary = []
        for item in parsed:
            person, reason = _match(item, by_username, by_name)
            rec = None
            if person is not None:
                rec = org_services.record_training(
                    actor=actor, person=person, on=item.on, topic=f"网络学习：{item.course}", hours=item.hours,
                    source=TrainingSource.ONLINE, note=f"天津市干部教育在线 {file_name} 第{item.row}行", chain=False,
                )  # fmt: skip
            ImportRow.objects.create(
                batch=batch, row_number=item.row, name=item.name, id_number=item.id_number,
                staff_number=item.staff_number, course=item.course, hours=item.hours, score=item.score,
                completed_on=item.on, person=person, training_record=rec, unmatched_reason=reason[:200],
            )  # fmt: skip
            summary.append(
                {"row": item.row, "person_id": person.pk if person else None,
                 "training_record_id": rec.pk if rec else None, "hours": item.hours}
            )  # fmt: skip
        record(
            actor=actor,
            event=Event.ELEARNING_IMPORTED,
            subject=batch,
            body_id=body.pk,
            payload={
                "new": {"file_name": batch.file_name, "file_sm3": digest, "row_count": len(parsed)},
                "rows": summary,
                "unmatched": sum(1 for r in summary if r["person_id"] is None),
            },
        )
    return batch


def match_row(*, actor, row: ImportRow, person) -> ImportRow:
    """An administrator matches a kept unmatched row to a person in scope; the hours then count."""
    row = ImportRow.objects.select_related("batch__body").get(pk=row.pk)
    body = row.batch.body
    require(actor, Role.ADMIN, body=body, what="匹配网络学习成绩")
    if person is None:
        raise InvalidInput("请选择人员。", field="person")
    if not in_scope(actor, person.body_id) or not _within(person, body):
        raise InvalidInput(f"{person.get_full_name()}不属于{body.name}，不能匹配。", field="person")
    with transaction.atomic():
        row = ImportRow.objects.select_for_update().get(pk=row.pk)
        if row.person_id is not None:
            raise InvalidTransition(f"第{row.row_number}行已匹配，不能重复匹配（学时只计一次）。")
        rec = org_services.record_training(
            actor=actor, person=person, on=row.completed_on, topic=f"网络学习：{row.course}", hours=row.hours,
            source=TrainingSource.ONLINE, note=f"天津市干部教育在线 {row.batch.file_name} 第{row.row_number}行（人工匹配）",
            chain=False,
        )  # fmt: skip
        row.person, row.training_record = person, rec
        old_reason, row.unmatched_reason = row.unmatched_reason, ""
        row.save(update_fields=["person", "training_record", "unmatched_reason"])
        record(
            actor=actor,
            event=Event.ELEARNING_ROW_MATCHED,
            subject=row,
            body_id=body.pk,
            payload={
                "old": {"person_id": None, "unmatched_reason": old_reason},
                "new": {"person_id": person.pk, "training_record_id": rec.pk, "hours": row.hours},
            },
        )
    return row


# --- 普法: 责任清单, key dates, activities ---------------------------------------------------------------------------


def save_duty_line(
    *, actor, body, year: int, laws: str, audience: str, measures: str, responsible_unit: str, timing: str,
    line: DutyLine | None = None,
) -> DutyLine:  # fmt: skip
    """Add or change one line of a body's 普法责任清单 (天津市法治宣传教育条例 第十条第一款)."""
    body = line.body if line is not None else body
    require(actor, *RECORDERS, body=body, what="登记普法责任清单")
    values = {
        "laws": (laws, "普法内容（所执行的法律法规）", 300),
        "audience": (audience, "普法对象", 200),
        "measures": (measures, "普法措施", 500),
        "responsible_unit": (responsible_unit, "责任部门", 100),
        "timing": (timing, "时间节点", 200),
    }
    clean = {}
    for name, (value, label, limit) in values.items():
        value = (value or "").strip()
        if not value:
            raise InvalidInput(f"请填写{label}（{rules.DUTY_LIST_CITATION}）。", field=name)
        if len(value) > limit:
            raise InvalidInput(f"{label}不能超过{limit}个字。", field=name)
        clean[name] = value
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput("年度应为四位数字。", field="year") from None
    if not 2000 <= year <= today().year + 1:
        raise InvalidInput(f"年度 {year} 不在可登记的范围（2000年至{today().year + 1}年）。", field="year")
    with transaction.atomic():
        old = None
        if line is None:
            position = DutyLine.objects.filter(body=body, year=year).count() + 1
            line = DutyLine.objects.create(body=body, year=year, position=position, **clean)
        else:
            line = DutyLine.objects.select_for_update().get(pk=line.pk)
            old = {k: getattr(line, k) for k in clean} | {"year": line.year}
            for k, v in clean.items():
                setattr(line, k, v)
            line.year = year
            line.save()
        payload = {"new": clean | {"year": year, "position": line.position}}
        if old:
            payload["old"] = old
        record(actor=actor, event=Event.PUFA_DUTY_LINE_SAVED, subject=line, body_id=body.pk, payload=payload)
    return line


def ensure_key_dates() -> int:
    """Create the calendar's rows from rules.KEY_DATES where missing (idempotent); returns how many were created."""
    existing = set(KeyDate.objects.values_list("key", flat=True))
    rows = [
        KeyDate(
            key=spec.key,
            name=spec.name,
            kind="nth_weekday" if spec.nth else "fixed",
            month=spec.month,
            day=spec.day,
            nth=spec.nth,
            weekday=spec.weekday,
            span_days=spec.span_days,
            citation=spec.citation,
            verified=spec.verified,
        )  # fmt: skip
        for spec in rules.KEY_DATES
        if spec.key not in existing
    ]
    KeyDate.objects.bulk_create(rows)
    return len(rows)


def change_key_date(*, actor, key_date: KeyDate, month: int, day: int | None, span_days: int, active: bool) -> KeyDate:
    """An administrator adjusts a practice day (UNVERIFIED). A day fixed by statute keeps its date; it may only be
    switched off."""
    require(actor, Role.ADMIN, what="修改普法重要节点")
    with transaction.atomic():
        kd = KeyDate.objects.select_for_update().get(pk=key_date.pk)
        old = {"month": kd.month, "day": kd.day, "span_days": kd.span_days, "active": kd.active}
        if kd.verified and (month != kd.month or day != kd.day or span_days != kd.span_days):
            raise InvalidInput(f"“{kd.name}”的日期由法律规定（{kd.citation}），不能修改，只能停用。", field="month")
        if kd.kind == "fixed":
            try:
                date(2019, int(month), int(day or 0))
            except (TypeError, ValueError):
                raise InvalidInput(f"{month}月{day}日不是有效日期。", field="day") from None
        if not 1 <= int(span_days) <= 31:
            raise InvalidInput("持续天数应在1至31天之间。", field="span_days")
        kd.month, kd.day, kd.span_days, kd.active = int(month), day, int(span_days), bool(active)
        kd.save()
        record(
            actor=actor,
            event=Event.PUFA_KEY_DATE_SAVED,
            subject=kd,
            payload={"old": old, "new": {"month": kd.month, "day": kd.day, "span_days": kd.span_days,
                                         "active": kd.active}},
        )  # fmt: skip
    return kd


def _case_text(actor, case_id) -> tuple[int, str]:
    """以案释法: the closed case's facts and outcome, redacted through publicity's helpers."""
    from fazhi.enforcement import selectors as enforcement
    from fazhi.publicity import redaction
    from fazhi.publicity.services import known_from_case

    try:
        case = enforcement.case_detail(actor, case_id)
    except Http404:
        raise InvalidInput(f"案件 {case_id} 不存在或不在您的管辖范围内。", field="case_id") from None
    if case.status not in ("closed", "archived"):
        raise InvalidInput(
            f"案件 {case.number or case.pk} 尚未结案，不能用于以案释法（{rules.CASE_CITATION}：以已办结的典型案例释法）。",
            field="case_id",
        )
    text = f"案由：{case.title}\n违法事实：{case.facts or '（略）'}\n当事人：{case.party_name}"
    return case.pk, redaction.redact(text, known_from_case(case)).text


def record_activity(
    *, actor, body, held_on: date | None, topic: str, form: str, place: str = "", laws: str = "",
    audience_size: int | None = 0, duty_line: DutyLine | None = None, key_date: KeyDate | None = None,
    case_id: int | None = None, files=(),
) -> Activity:  # fmt: skip
    """Record a 普法 activity (pending review before it is public)."""
    from fazhi.enforcement.files import store_upload

    require(actor, *RECORDERS, body=body, what="登记普法活动")
    if held_on is None:
        raise InvalidInput("请填写活动日期（普法活动须有日期，才能对应责任清单的时间节点）。", field="held_on")
    topic = (topic or "").strip()
    if not topic:
        raise InvalidInput("请填写活动主题。", field="topic")
    if form not in ActivityForm.values:
        raise InvalidInput("请选择活动形式。", field="form")
    try:
        audience_size = int(audience_size or 0)
    except (TypeError, ValueError):
        raise InvalidInput("受众人数应为整数。", field="audience_size") from None
    if audience_size < 0 or audience_size > 1_000_000:
        raise InvalidInput("受众人数应在0至1000000之间。", field="audience_size")
    if duty_line is not None and duty_line.body_id != body.pk:
        raise InvalidInput("所选清单条目不属于本单位的普法责任清单。", field="duty_line")
    case_text = ""
    if form == ActivityForm.CASE:
        if not case_id:
            raise InvalidInput(f"以案释法须选择已结案的案件（{rules.CASE_CITATION}）。", field="case_id")
        case_id, case_text = _case_text(actor, case_id)
    else:
        case_id = None
    with ACTIVITY.step(
        actor, None, "登记普法活动", Event.PUFA_ACTIVITY_RECORDED, roles=RECORDERS, on=held_on, on_field="held_on",
        on_label="活动日期",
    ) as s:  # fmt: skip
        activity = s.created(
            Activity.objects.create(
                body=body, held_on=held_on, place=(place or "").strip()[:200], topic=topic[:200],
                laws=(laws or "").strip()[:300], form=form, audience_size=audience_size, duty_line=duty_line,
                key_date=key_date, case_id=case_id, case_text=case_text,
            )
        )  # fmt: skip
        for upload in files or ():
            stored = store_upload(upload, folder="pufa", body_id=body.pk, field="files")
            ActivityFile.objects.create(
                activity=activity, name=stored.name, original_name=stored.original_name[:200], sm3=stored.sm3,
                size=stored.size, content_type=stored.content_type,
            )  # fmt: skip
            s.file(stored)
        s.new(
            held_on=held_on, topic=activity.topic, form=form, place=activity.place, laws=activity.laws,
            audience_size=audience_size, duty_line_id=activity.duty_line_id, key_date_id=activity.key_date_id,
            case_id=case_id,
        )  # fmt: skip
    return activity


def review_activity(*, actor, activity: Activity, on: date, approve: bool, note: str = "") -> Activity:
    """The leader's review before an activity (and any 以案释法 text) goes public."""
    note = (note or "").strip()
    if not approve and not note:
        raise InvalidInput("退回时请填写审核意见。", field="note")
    target = ActivityStatus.PUBLIC if approve else ActivityStatus.REJECTED
    with ACTIVITY.step(
        actor, activity, "审核普法活动", Event.PUFA_ACTIVITY_REVIEWED, roles=REVIEWERS, to=target, on=on,
        on_label="审核日期", after="held_on",
    ) as s:  # fmt: skip
        item = s.obj
        item.reviewed_on, item.review_note = on, note[:300]
        s.changed("reviewed_on", "review_note")
        s.new(reviewed_on=on, review_note=item.review_note)
    return item


def send_key_date_reminders(*, on: date | None = None) -> int:
    """Tell each town's administrators and leaders about the key dates whose reminder day (N working days before,
    a setting) is ``on``. Run once a day (``fazhi learning_reminders``); returns how many notices went out."""
    from django.urls import reverse

    from fazhi.core import inbox
    from fazhi.learning import selectors

    on = on or today()
    sent = 0
    for town in org_selectors.towns():
        for row in selectors.calendar(on.year, None, town.pk) + selectors.calendar(on.year + 1, None, town.pk):
            if row.remind_on != on:
                continue
            recipients = [
                *org_selectors.people_with_role_in(town, Role.ADMIN),
                *org_selectors.people_with_role_in(town, Role.LEADER),
            ]
            sent += inbox.notify(
                recipients=recipients,
                kind="pufa",
                subject=row.key_date,
                title=f"{row.start:%m月%d日}{row.key_date.name}：请安排普法活动（{rules.TJ_PUFA}第二十三条）",
                url=reverse("learning:pufa") + f"?year={row.start.year}",
                body_id=town.pk,
            )
    return sent
