"""Demo step: 辛口镇's 2019 学法 and 普法, built through the learning services.

12 行政办公会会前学法 (one a month), 2 法治专题讲座 (one by an outside expert, one by the 司法所's reviewer) and a
中心组学法 (data/learning_sessions.csv); an import from 天津市干部教育在线 with two rows that match nobody, kept for an
administrator (data/learning_elearning.csv); the 普法责任清单 (data/pufa_duty_list.csv) and activities on 宪法宣传周
and other key dates (data/pufa_activities.csv), reviewed by the leader except one left for review, and one 以案释法
from a closed case. 徐丽 (xuli), an officer, missed both lectures and stays short of the 40 hours. Idempotent: skipped
when 辛口镇 already has 2019 study sessions.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.demo import data
from fazhi.enforcement.models import Case
from fazhi.law import selectors as law_selectors
from fazhi.learning import services
from fazhi.learning.models import ActivityForm, KeyDate, StudySession
from fazhi.org.models import Body, User


def learning_step(log) -> None:
    town = Body.objects.filter(code=data.XINKOU_CODE).first()
    if town is None:
        log("学法与普法：没有辛口镇，跳过。")
        return
    if StudySession.objects.filter(body=town, held_on__year=2019).exists():
        log("学法与普法：演示数据已存在，跳过。")
        return
    admin = User.objects.get(username="admin")
    leader = User.objects.get(username="leader")
    people = {u.username: u for u in User.objects.filter(body__path__startswith=town.path).select_related("body")}

    for row in data.table("learning_sessions"):
        law = law_selectors.find_law(row["law"]) if row["law"] else None
        services.record_session(
            actor=admin, body=town, kind=row["kind"], held_on=date.fromisoformat(row["held_on"]), title=row["title"],
            hours=row["hours"], attendees=[people[name] for name in row["attendees"].split()], meeting=row["meeting"],
            law=law, provisions=row["provisions"] if law else "", presenter=people.get(row["presenter"]),
            speaker=row["speaker"],
        )  # fmt: skip
    sessions = StudySession.objects.filter(body=town).count()

    rows = [tuple(data.table_header("learning_elearning"))]
    rows += [tuple(r.values()) for r in data.table("learning_elearning")]
    content = (data.HERE / "learning_elearning.csv").read_bytes()
    batch = services.import_elearning(
        actor=admin, body=town, rows=rows, file_name="天津市干部教育在线-辛口镇-2019.xlsx", content=content
    )
    unmatched = batch.rows.filter(person__isnull=True).count()

    lines = [services.save_duty_line(actor=admin, body=town, year=2019, **row) for row in data.table("pufa_duty_list")]
    key_dates = {kd.key: kd for kd in KeyDate.objects.all()}
    activities = 0
    for row in data.table("pufa_activities"):
        held_on = date.fromisoformat(row["held_on"])
        activity = services.record_activity(
            actor=admin, body=town, held_on=held_on, topic=row["topic"], form=row["form"], place=row["place"],
            laws=row["laws"], audience_size=int(row["audience_size"]), duty_line=lines[int(row["line"]) - 1],
            key_date=key_dates.get(row["key_date"]),
        )  # fmt: skip
        activities += 1
        if data.flag(row["reviewed"]):
            services.review_activity(actor=leader, activity=activity, on=held_on + timedelta(days=1), approve=True)
    closed = (
        Case.objects.filter(
            body__path__startswith=town.path, status__in=["closed", "archived"], closed_on__isnull=False
        )
        .order_by("closed_on", "id")
        .first()
    )
    if closed is not None:
        on = max(closed.closed_on + timedelta(days=7), date(2019, 1, 2))
        activity = services.record_activity(
            actor=admin, body=town, held_on=on, topic=f"以案释法：{closed.title}", form=ActivityForm.CASE,
            place="“魅力辛口”微信公众号", laws="", audience_size=900, duty_line=lines[1], case_id=closed.pk,
        )  # fmt: skip
        services.review_activity(actor=leader, activity=activity, on=on + timedelta(days=1), approve=True)
        activities += 1
    log(
        f"学法与普法：{sessions} 次学法活动，网络学习成绩 {batch.row_count} 行（{unmatched} 行待匹配），"
        f"普法责任清单 {len(lines)} 项，普法活动 {activities} 次。"
    )
