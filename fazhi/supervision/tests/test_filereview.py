"""案卷评查 (DOMAIN.md §14): the default standard, .xlsx import (all or nothing), the seeded draw with core.draw, the
回避 rule for reviewers, per-item scores, grades by the settings, and 不合格 opening a 监督事项."""

import io
from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.selectors import entries_for_subject
from fazhi.core.draw import draw, pool_hash
from fazhi.core.errors import InvalidInput
from fazhi.enforcement.tests.factories import case_at
from fazhi.supervision import filereview
from fazhi.supervision.models import FileReview, Grade, ScoringStandard

pytestmark = pytest.mark.django_db


def full(file, **changes):
    """Every item at the record's proposal, except ``changes`` {key: (score, note)}."""
    scores = {p["key"]: (p["proposed"], "") for p in filereview.proposed_scores(file)}
    scores.update(changes)
    return scores


@pytest.fixture
def drawn(w, sup):
    cases = [case_at(w, "closed") for _ in range(3)]  # three closed 2022 files of 辛口镇
    rnd = filereview.seed_round(actor=sup, body=sup.body, name="2022年行政处罚案卷评查", period_from=date(2022, 1, 1),
                                period_to=date(2022, 12, 31), per_body=2, seed="20221201-公开摇号-738", on=date(2022, 12, 1))  # fmt: skip
    rnd = filereview.draw_round(actor=sup, rnd=rnd, on=date(2022, 12, 2))
    return rnd, cases


def test_the_default_standard_adds_up_to_100():
    standard = filereview.default_standard()
    assert standard.total_points == 100  # 10 + 15 + 20 + 15 + 10 + 15 + 15
    assert {i["key"] for i in standard.items if i["veto"]} == {"subject", "evidence", "procedure", "law"}


def test_the_draw_is_the_published_recipe_and_on_the_chain(w, sup, drawn):
    rnd, cases = drawn
    keys = sorted(c.number for c in cases)
    expected = draw(f"{rnd.seed}:{w.town.pk}", keys, 2)
    picked = list(FileReview.objects.filter(round=rnd).order_by("draw_order").values_list("case__number", flat=True))
    assert picked == expected and rnd.pool_size == 3 and rnd.pool_hash == pool_hash(keys)
    events = list(entries_for_subject("supervision.reviewround", rnd.pk).values_list("event", "payload"))
    assert events[0][0] == "supervision.round_seeded" and events[0][1]["new"]["seed"] == rnd.seed  # seed first
    assert events[1][0] == "supervision.round_drawn" and events[1][1]["new"]["pool_hash"] == rnd.pool_hash
    with pytest.raises(Exception, match="重复抽取"):
        filereview.draw_round(actor=sup, rnd=rnd, on=date(2022, 12, 3))


def test_a_reviewer_who_worked_on_the_case_is_refused(w, sup, drawn):
    rnd, _cases = drawn
    file = rnd.files.first()
    with pytest.raises(InvalidInput, match="回避"):
        filereview.assign(actor=sup, file=file, reviewer=w.officer1, on=date(2022, 12, 5))
    with pytest.raises(InvalidInput, match="回避"):
        filereview.assign(actor=sup, file=file, reviewer=w.leader, on=date(2022, 12, 5))  # approved and decided
    assert filereview.assign(actor=sup, file=file, reviewer=sup, on=date(2022, 12, 5)).reviewer == sup


def test_scores_out_of_range_or_changed_without_a_note_are_refused(w, sup, drawn):
    rnd, _ = drawn
    file = filereview.assign(actor=sup, file=rnd.files.first(), reviewer=sup, on=date(2022, 12, 5))
    with pytest.raises(InvalidInput, match="0 至 15"):
        filereview.score(actor=sup, file=file, on=date(2022, 12, 6), scores=full(file, evidence=(16, "x")))
    with pytest.raises(InvalidInput, match="须写明理由"):
        filereview.score(actor=sup, file=file, on=date(2022, 12, 6), scores=full(file, documents=(12, "")))
    scored = filereview.score(
        actor=sup, file=file, on=date(2022, 12, 6), scores=full(file, documents=(12, "文书填写不全"))
    )
    # 100 − 3 = 97 ≥ 90 (supervision.grade_excellent_min) → 优秀
    assert scored.total == 97 and scored.grade == Grade.EXCELLENT and scored.matter is None


def test_a_vetoed_file_fails_and_opens_a_matter(w, sup, drawn):
    rnd, _ = drawn
    file = filereview.assign(actor=sup, file=rnd.files.first(), reviewer=sup, on=date(2022, 12, 5))
    scored = filereview.score(actor=sup, file=file, on=date(2022, 12, 6),
                              scores=full(file, evidence=(0, "关键证据缺失")))  # fmt: skip
    assert scored.total == 85 and scored.grade == Grade.FAIL  # 85 would be 合格, but a 基本标准 item scored 0 vetoes
    assert scored.matter.body == w.town and scored.matter.source == "file_review"


def test_the_record_pre_fills_a_missing_service(w, sup):
    case = case_at(w, "decided")  # decided, never served

    rnd = filereview.seed_round(actor=sup, body=sup.body, name="r", period_from=date(2022, 1, 1),
                                period_to=date(2022, 12, 31), per_body=1, seed="s", on=date(2022, 12, 1))  # fmt: skip
    file = FileReview.objects.create(round=rnd, case=case, body=case.body, draw_order=1)
    procedure = next(p for p in filereview.proposed_scores(file) if p["key"] == "procedure")
    assert procedure["proposed"] == 15 and "送达回证" in procedure["reasons"][0]  # 20 − 5


def _xlsx(rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(filereview.XLSX_HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def test_import_is_all_or_nothing_and_names_the_bad_row(w, sup):
    good = ["subject", "基本标准", "主体合法", 50, "是", "无权"]
    with pytest.raises(InvalidInput, match="第3行"):
        filereview.import_standard(actor=sup, body=sup.body, name="西青区标准",
                                   upload=_xlsx([good, ["law", "基本标准", "适用依据", "十分", "是", ""]]))  # fmt: skip
    assert not ScoringStandard.objects.filter(body=sup.body).exists()
    std = filereview.import_standard(actor=sup, body=sup.body, name="西青区标准",
                                     upload=_xlsx([good, ["law", "基本标准", "适用依据", 50, "否", ""]]))  # fmt: skip
    assert std.total_points == 100 and std.items[0]["veto"] is True


def test_pages(client, w, sup, drawn):
    rnd, _ = drawn
    file = filereview.assign(actor=sup, file=rnd.files.first(), reviewer=sup, on=date(2022, 12, 5))
    client.force_login(sup)
    assert client.get(reverse("supervision:rounds")).status_code == 200
    assert client.get(reverse("supervision:round", args=[rnd.pk])).status_code == 200
    page = client.get(reverse("supervision:file", args=[file.pk]))
    assert page.status_code == 200 and "哈希一致" in page.content.decode()
    data = {f"score_{k}": v for k, (v, _n) in full(file).items()} | {"on": "2022-12-06"}
    assert client.post(reverse("supervision:file", args=[file.pk]), data).status_code == 302
    client.force_login(w.leader)  # the town sees its own files' results
    assert client.get(reverse("supervision:file", args=[file.pk])).status_code == 200
    client.force_login(w.outsider)
    assert client.get(reverse("supervision:file", args=[file.pk])).status_code == 404
    assert client.get(reverse("supervision:round", args=[rnd.pk])).status_code == 404


def test_results_through_the_api(client, w, sup, drawn):
    rnd, _ = drawn
    file = filereview.assign(actor=sup, file=rnd.files.first(), reviewer=sup, on=date(2022, 12, 5))
    filereview.score(actor=sup, file=file, on=date(2022, 12, 6), scores=full(file))
    client.force_login(sup)
    rounds = client.get("/api/v1/audit/review/rounds").json()
    assert [r["seed"] for r in rounds] == [rnd.seed]
    files = client.get(f"/api/v1/audit/review/rounds/{rnd.pk}/files").json()
    scored = next(f for f in files if f["id"] == file.pk)
    assert scored["total"] == 100.0 and scored["grade_label"] == "优秀" and len(scored["scores"]) == 7
    client.force_login(w.outsider)
    assert client.get(f"/api/v1/audit/review/rounds/{rnd.pk}/files").status_code == 404
