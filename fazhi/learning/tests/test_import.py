"""E-learning results (天津市干部教育在线): all rows or none, a bad row named, unmatched rows kept for an admin."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.learning import selectors, services
from fazhi.learning.errors import ImportRefused
from fazhi.learning.models import ImportBatch, ImportRow
from fazhi.org import selectors as org_selectors
from fazhi.org.models import TrainingRecord

HEADER = ("姓名", "身份证号", "工号", "课程", "学时", "成绩", "完成日期")


def _rows(world):
    world.officer, world.leader  # noqa: B018 — the people the rows name
    return [
        HEADER,
        ("张伟", "", "officer", "行政处罚法解读", 4, 92, date(2019, 5, 6)),
        ("王建国", "", "", "宪法学习专题", "2.5", "", "2019-06-01"),
        ("李四", "120111198001010015", "", "民法典", 3, 80, "2019-07-01"),  # nobody of that name
        ("张伟", "", "nobody", "安全生产法", 1, 60, "2019-07-02"),  # unknown staff number
    ]


def test_matched_rows_count_unmatched_kept(world):
    batch = services.import_elearning(actor=world.admin, body=world.town, rows=_rows(world), file_name="2019.xlsx")
    rows = {r.row_number: r for r in ImportRow.objects.filter(batch=batch)}
    assert batch.row_count == 4
    assert rows[2].person == world.officer and rows[3].person == world.leader
    assert rows[4].person is None and "没有名为「李四」" in rows[4].unmatched_reason
    assert rows[5].person is None and "nobody" in rows[5].unmatched_reason
    hours = org_selectors.hours_by_person(world.admin, 2019)
    assert hours[world.officer.pk] == Decimal("4.0") and hours[world.leader.pk] == Decimal("2.5")
    assert list(selectors.unmatched_rows(world.admin)) == [rows[4], rows[5]]
    assert rows[4].masked_id == "120111********0015"


def test_admin_matches_an_unmatched_row_later_once(world):
    batch = services.import_elearning(actor=world.admin, body=world.town, rows=_rows(world), file_name="2019.xlsx")
    row = ImportRow.objects.get(batch=batch, row_number=5)
    services.match_row(actor=world.admin, row=row, person=world.officer)
    # 4 hours (row 2) + 1 hour (row 5) for 张伟.
    assert org_selectors.hours_by_person(world.admin, 2019)[world.officer.pk] == Decimal("5.0")
    with pytest.raises(InvalidTransition):
        services.match_row(actor=world.admin, row=row, person=world.officer)


def test_match_out_of_scope_refused(world):
    batch = services.import_elearning(actor=world.admin, body=world.town, rows=_rows(world), file_name="2019.xlsx")
    row = ImportRow.objects.get(batch=batch, row_number=4)
    with pytest.raises(InvalidInput) as exc:
        services.match_row(actor=world.admin, row=row, person=world.other_officer)
    assert exc.value.field == "person"


def test_a_bad_row_refuses_the_whole_file_naming_it(world):
    rows = [*_rows(world), ("赵六", "12011119800101001X", "", "课程", 300, 50, "2019-13-01")]
    with pytest.raises(ImportRefused) as exc:
        services.import_elearning(actor=world.admin, body=world.town, rows=rows, file_name="bad.xlsx")
    problems = {(row, column) for row, column, _ in exc.value.problems}
    # Row 6: a wrong check digit, 300 hours (> 200), month 13.
    assert problems == {(6, "身份证号"), (6, "学时"), (6, "完成日期")}
    assert "第6行「学时」列" in exc.value.message
    assert ImportBatch.objects.count() == 0 and TrainingRecord.objects.count() == 0


def test_missing_columns_and_same_file_twice(world):
    with pytest.raises(ImportRefused) as exc:
        services.import_elearning(actor=world.admin, body=world.town, rows=[("姓名",)], file_name="x.xlsx")
    assert {c for _r, c, _m in exc.value.problems} == {"课程", "学时", "完成日期"}
    services.import_elearning(actor=world.admin, body=world.town, rows=_rows(world), file_name="a.xlsx", content=b"x")
    with pytest.raises(InvalidInput, match="已导入过"):
        services.import_elearning(
            actor=world.admin, body=world.town, rows=_rows(world), file_name="b.xlsx", content=b"x"
        )


def test_id_number_check_digit():
    assert services.valid_id_number("11010519491231002X")
    assert not services.valid_id_number("110105194912310021")
