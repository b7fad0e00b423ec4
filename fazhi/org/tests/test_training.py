from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role
from fazhi.core.errors import InvalidInput
from fazhi.core.services import change_setting
from fazhi.org import rules, selectors, services
from fazhi.org.errors import TrainingImportError
from fazhi.org.models import TrainingRecord, TrainingSource
from fazhi.org.tests.factories import BodyFactory, CertificateFactory, StaffFactory


def test_record_training_writes_the_record_and_its_chain_entry(org):
    rec = services.record_training(
        actor=org.leader,
        person=org.officer,
        on=date(2019, 3, 14),
        topic="《行政处罚法》专题培训",
        hours="6.5",
        source="专题讲座",
    )
    assert rec.hours == Decimal("6.5") and rec.source == TrainingSource.LECTURE
    entry = ChainEntry.objects.get(subject_type="org.trainingrecord", subject_id=str(rec.pk))
    assert entry.event == Event.TRAINING_RECORDED
    assert entry.payload["new"]["hours"] == "6.5"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"hours": "0"}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"hours": "1.25"}, "hours"),
        ({"topic": " "}, "topic"),
        ({"source": "自学"}, "source"),
        ({"on": date(2999, 1, 1)}, "date"),
    ],
)
def test_bad_training_input_names_the_field_and_changes_nothing(org, kwargs, field):
    args = {"on": date(2019, 3, 14), "topic": "培训", "hours": "4", "source": "线下培训"} | kwargs
    with pytest.raises(InvalidInput) as caught:
        services.record_training(actor=org.leader, person=org.officer, **args)
    assert caught.value.field == field
    assert not TrainingRecord.objects.exists()
    assert not ChainEntry.objects.filter(event=Event.TRAINING_RECORDED).exists()


def test_tianjin_requirement_is_40_in_2019_and_60_once_the_national_outline_applies(org):
    assert rules.training_requirement(2019, "天津市").hours == 40
    assert "第十条第二款" in rules.training_requirement(2019, "天津市").citation
    assert rules.training_requirement(2022, "天津市").hours == 60
    assert rules.training_requirement(2022, "河北省").hours == 60
    assert selectors.training_requirement_for_body(org.team, 2019).hours == 40


def test_a_body_setting_overrides_the_requirement_for_that_town_only(org):
    change_setting(actor=None, key=rules.TRAINING_HOURS_SETTING, value=50, body=org.town)
    requirement = selectors.training_requirement_for_body(org.team, 2019)
    assert requirement.hours == 50 and requirement.overridden
    assert selectors.training_requirement_for_body(org.other_team, 2019).hours == 40


def test_hours_by_person_is_one_aggregate_query(org, django_assert_num_queries):
    for hours in ("10", "12.5"):
        services.record_training(actor=None, person=org.officer, on=date(2019, 5, 1), topic="培训", hours=hours)
    services.record_training(actor=None, person=org.officer, on=date(2020, 5, 1), topic="培训", hours="8")
    services.record_training(actor=None, person=org.other_officer, on=date(2019, 5, 1), topic="培训", hours="30")
    people = selectors.visible_staff(org.leader)
    with django_assert_num_queries(1):
        result = selectors.hours_by_person(people, 2019)
    assert result == {org.officer.pk: Decimal("22.5")}
    assert selectors.hours_by_person(org.supervisor, 2019) == {
        org.officer.pk: Decimal("22.5"),
        org.other_officer.pk: Decimal("30"),
    }


def test_people_short_of_hours_lists_enforcement_staff_below_the_requirement(org):
    full = StaffFactory(body=org.team, roles=[Role.OFFICER])
    services.record_training(actor=None, person=full, on=date(2019, 5, 1), topic="培训", hours="40")
    services.record_training(actor=None, person=org.officer, on=date(2019, 5, 1), topic="培训", hours="36")
    holder = CertificateFactory(holder=StaffFactory(body=org.team)).holder  # certificate holder without the role
    rows = selectors.people_short_of_hours(org.leader, 2019)
    assert [r.person for r in rows] == [holder, org.officer]
    assert rows[1].short_by == Decimal("4") and rows[1].required == 40
    assert org.colleague not in [r.person for r in rows]  # not enforcement staff
    assert org.other_officer not in [r.person for r in rows]  # other town


def test_my_training_summary(org):
    services.record_training(actor=None, person=org.officer, on=date(2019, 5, 1), topic="培训", hours="30")
    assert selectors.my_training_summary(org.officer, 2019) == {
        "hours": Decimal("30"),
        "required": 40,
        "short": True,
        "citation": rules.training_requirement(2019, "天津市").citation,
        "applies": True,
    }
    assert selectors.my_training_summary(org.colleague, 2019)["short"] is False


def _xlsx(tmp_path, rows, name="train.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


HEADER = ["姓名", "用户名", "日期", "主题", "学时", "来源"]


def test_training_import_loads_every_row(org, tmp_path, capsys):
    path = _xlsx(
        tmp_path,
        [
            HEADER,
            ["张伟", "", date(2019, 3, 14), "《行政处罚法》专题培训", 6, "线下培训"],
            ["", "zjw_officer", "2019-07-10", "天津市干部教育在线", 12.5, "网络学习"],
        ],
    )
    call_command("training_import", str(path))
    assert "已导入 2 条培训记录，共 18.5 学时" in capsys.readouterr().out
    assert TrainingRecord.objects.count() == 2
    assert ChainEntry.objects.filter(event=Event.TRAINING_IMPORTED).count() == 2


def test_training_import_with_bad_rows_names_row_and_column_and_changes_nothing(org, tmp_path):
    path = _xlsx(
        tmp_path,
        [
            HEADER,
            ["张伟", "", date(2019, 3, 14), "《行政处罚法》专题培训", 6, "线下培训"],
            ["查无此人", "", date(2019, 3, 14), "培训", 6, "线下培训"],
            ["张伟", "", "2019-13-01", "培训", "六", "自学"],
        ],
    )
    before = ChainEntry.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("training_import", str(path))
    message = str(caught.value)
    assert "未导入任何记录" in message
    assert "第3行「姓名」列" in message
    assert "第4行「日期」列" in message
    assert "第4行「学时」列" in message
    assert "第4行「来源」列" in message
    assert TrainingRecord.objects.count() == 0
    assert ChainEntry.objects.count() == before


def test_training_import_as_an_actor_only_reaches_their_scope(org, tmp_path):
    path = _xlsx(tmp_path, [HEADER, ["", "zjw_officer", "2019-07-10", "培训", 2, "考试"]])
    with pytest.raises(CommandError, match="第2行「用户名」列"):
        call_command("training_import", str(path), "--actor", "leader")
    assert TrainingRecord.objects.count() == 0


def test_training_import_refuses_an_ambiguous_name(org):
    StaffFactory(body=org.office, last_name="张", first_name="伟")
    rows = [HEADER, ["张伟", "", "2019-07-10", "培训", 2, "考试"]]
    with pytest.raises(TrainingImportError) as caught:
        services.import_training(actor=None, rows=rows, people=selectors.visible_staff(org.leader))
    assert caught.value.problems == [(2, "姓名", "本范围内有2人名为「张伟」，请填写「用户名」")]


def test_training_import_reports_missing_columns(org):
    with pytest.raises(TrainingImportError) as caught:
        services.import_training(actor=None, rows=[["姓名", "日期"]], people=selectors.visible_staff(org.leader))
    assert {column for _, column, _ in caught.value.problems} == {"主题", "学时", "来源"}


def test_province_without_rules_uses_the_current_national_figure(db):
    district = BodyFactory(name="某区", kind="district", code="HB", province="河北省")
    assert selectors.training_requirement_for_body(district, 2019).hours == rules.DEFAULT_TRAINING_HOURS
