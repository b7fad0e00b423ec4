"""Importing a year's arrangement: all rows or nothing, open deadlines recomputed on the chain, CLI exit codes."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.calendar_files import parse_calendar_file
from fazhi.core.errors import InvalidInput
from fazhi.core.models import CalendarDay, CalendarYear, Deadline
from fazhi.core.periods import compute_due
from fazhi.core.services import import_calendar
from fazhi.core.tests.factories import make_deadline

NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（测试）"

CSV_2027 = f"""date,kind,notice,name
2027-01-01,off,{NOTICE_2027},元旦
2027-01-02,off,{NOTICE_2027},元旦
2027-01-03,off,{NOTICE_2027},元旦
2027-01-04,off,{NOTICE_2027},元旦补休
2027-01-09,work,{NOTICE_2027},元旦
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_csv_import_covers_the_year_and_the_engine_uses_it(tmp_path):
    out = call_command_output("calendar_import", str(write(tmp_path, "2027.csv", CSV_2027)))
    assert "2027年：已导入 5 天" in out
    year = CalendarYear.objects.get(year=2027)
    assert year.notice == NOTICE_2027 and year.source == "导入文件"
    result = compute_due(date(2026, 12, 31), "2wd")
    # 2027-01-01..04 off, 01-05 (Tue) 1, 01-06 2.
    assert result.due == date(2027, 1, 6) and not result.is_estimate
    assert CalendarDay.objects.get(date=date(2027, 1, 9)).kind == "work"
    entry = ChainEntry.objects.filter(event=Event.CALENDAR_YEAR_IMPORTED).last()
    assert entry.payload["new"]["off"] == 4 and entry.payload["new"]["work"] == 1


@pytest.mark.django_db
def test_json_import_with_the_same_keys(tmp_path):
    rows = [{"date": "2027-10-01", "kind": "off", "notice": NOTICE_2027, "name": "国庆节"}]
    call_command_output("calendar_import", str(write(tmp_path, "2027.json", json.dumps(rows, ensure_ascii=False))))
    assert CalendarDay.objects.get(date=date(2027, 10, 1)).name == "国庆节"


@pytest.mark.django_db
def test_import_with_bad_row_names_the_row_and_column_and_changes_nothing(tmp_path):
    days_before = CalendarDay.objects.count()
    entries_before = ChainEntry.objects.count()
    bad = CSV_2027 + f"2027-02-30,off,{NOTICE_2027},春节\n"
    with pytest.raises(CommandError) as info:
        call_command("calendar_import", str(write(tmp_path, "bad.csv", bad)))
    assert "第7行“date”列" in str(info.value)
    assert "未作任何修改" in str(info.value)
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert CalendarDay.objects.count() == days_before
    assert ChainEntry.objects.count() == entries_before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "line, message",
    [
        ("2027-01-05,holiday,通知,元旦", "第2行“kind”列"),
        ("2027-01-05,work,通知,元旦", "本来就是工作日"),
        ("2027-01-05,off,,元旦", "第2行“notice”列：不能为空"),
    ],
)
def test_each_bad_column_is_named(tmp_path, line, message):
    with pytest.raises(InvalidInput) as info:
        parse_calendar_file(write(tmp_path, "x.csv", "date,kind,notice,name\n" + line + "\n"))
    assert message in info.value.message


@pytest.mark.django_db
def test_duplicate_date_names_both_rows(tmp_path):
    text = "2027-01-01,off,通知\n2027-01-01,off,通知\n"  # no header: positional columns
    with pytest.raises(InvalidInput) as info:
        parse_calendar_file(write(tmp_path, "dup.csv", text))
    assert "第2行“date”列" in info.value.message and "第1行重复" in info.value.message


@pytest.mark.django_db
def test_reimport_replaces_the_whole_year(tmp_path):
    call_command_output("calendar_import", str(write(tmp_path, "a.csv", CSV_2027)))
    call_command_output("calendar_import", str(write(tmp_path, "b.csv", f"2027-05-03,off,{NOTICE_2027},劳动节\n")))
    assert list(CalendarDay.objects.filter(year=2027).values_list("date", flat=True)) == [date(2027, 5, 3)]


@pytest.mark.django_db
def test_year_column_keeps_late_december_rows_in_the_next_years_arrangement(tmp_path):
    text = (
        f"date,kind,notice,name,year\n2026-12-31,off,{NOTICE_2027},元旦,2027\n2027-01-01,off,{NOTICE_2027},元旦,2027\n"
    )
    days_2026 = CalendarDay.objects.filter(year=2026).count()
    call_command_output("calendar_import", str(write(tmp_path, "y.csv", text)))
    assert CalendarDay.objects.filter(year=2026).count() == days_2026  # 2026's own arrangement untouched
    assert CalendarDay.objects.get(date=date(2026, 12, 31)).year == 2027


@pytest.mark.django_db
def test_import_recomputes_open_estimated_deadlines_with_a_chain_entry(town, tmp_path):
    deadline = make_deadline(town, rule_key="enforcement.publish_permit_or_penalty", start=date(2026, 12, 28))
    assert deadline.is_estimate
    assert deadline.due_date == date(2027, 1, 6)  # weekends only: 12-29,30,31, 01-01, 04, 05, 06
    import_calendar(actor=None, rows=parse_calendar_file(write(tmp_path, "c.csv", CSV_2027)))
    deadline.refresh_from_db()
    # 12-29, 12-30, 12-31 = 3; 01-01..04 off; 01-05 4, 01-06 5, 01-07 6, 01-08 7.
    assert deadline.due_date == date(2027, 1, 8)
    assert not deadline.is_estimate
    entry = ChainEntry.objects.filter(event=Event.DEADLINE_RECOMPUTED, subject_id=str(deadline.pk)).get()
    assert entry.payload["old"]["due_date"] == "2027-01-06" and entry.payload["new"]["due_date"] == "2027-01-08"
    assert entry.body_id == town.pk


@pytest.mark.django_db
def test_import_leaves_closed_deadlines_alone(town, tmp_path):
    deadline = make_deadline(town, rule_key="enforcement.publish_permit_or_penalty", start=date(2026, 12, 28))
    Deadline.objects.filter(pk=deadline.pk).update(state="met", closed_on=date(2026, 12, 29))
    import_calendar(actor=None, rows=parse_calendar_file(write(tmp_path, "c.csv", CSV_2027)))
    deadline.refresh_from_db()
    assert deadline.due_date == date(2027, 1, 6)


def call_command_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
