"""Pages, portal and API of 双随机、一公开: role and scope (in scope, other town, anonymous), the declared steps
through the browser, the all-or-nothing .xlsx import, the public results and pools."""

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fazhi.inspection import services
from fazhi.inspection.codes import make_code
from fazhi.inspection.models import InspectionObject, Result, TaskObject, TaskStatus

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "名称", "类别", "住所", "法定代表人（经营者）", "风险等级", "信用等级"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("objects.xlsx", buffer.getvalue())


def test_pages_answer_in_scope_and_refuse_outsiders_and_anonymous(client, town, task):
    for name in ("inspection:tasks", "inspection:items", "inspection:objects", "inspection:inspectors"):
        assert client.get(reverse(name)).status_code == 302  # anonymous → login
    client.force_login(town.leader)
    for name in ("inspection:tasks", "inspection:items", "inspection:objects", "inspection:inspectors"):
        assert client.get(reverse(name)).status_code == 200
    page = client.get(reverse("inspection:task", args=[task.pk]))
    assert page.status_code == 200 and "公布随机种子" in page.content.decode()
    client.force_login(town.world.outsider)
    assert client.get(reverse("inspection:task", args=[task.pk])).status_code == 404
    listing = client.get(reverse("inspection:objects")).content.decode()
    assert "测试商户" not in listing


def test_the_draw_through_the_browser_and_the_public_result(client, town, task):
    client.force_login(town.leader)
    url = reverse("inspection:task_action", args=[task.pk, "seed"])
    assert client.post(url, {"seed-seed": "摇号 3 9", "seed-on": "2019-04-02"}).status_code == 302
    bad = client.post(reverse("inspection:task_action", args=[task.pk, "draw"]), {"draw-on": "2019-04-01"})
    assert bad.status_code == 400 and "早于" in bad.content.decode()
    ok = client.post(reverse("inspection:task_action", args=[task.pk, "draw"]), {"draw-on": "2019-04-03"})
    assert ok.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DRAWN
    page = client.get(reverse("inspection:task", args=[task.pk])).content.decode()
    assert "✘" not in page and "✔ 一致" in page
    for row in TaskObject.objects.filter(task=task):
        response = client.post(
            reverse("inspection:record", args=[row.pk]),
            {"result": Result.PASSED, "findings": "未发现问题。", "on": "2019-04-08"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    client.post(reverse("inspection:task_action", args=[task.pk, "complete"]), {"complete-on": "2019-04-09"})
    client.post(reverse("inspection:task_action", args=[task.pk, "publish"]), {"publish-on": "2019-04-10"})
    task.refresh_from_db()
    assert task.status == TaskStatus.PUBLISHED
    client.logout()
    public = client.get(reverse("inspection_public:detail", args=[task.pk])).content.decode()
    assert "摇号 3 9" in public and "合格" in public
    pool = client.get(reverse("inspection_public:pool", args=[task.pk, "objects:low"]))
    assert pool.status_code == 200 and pool.content.decode().count("\n") == 6
    index = client.get(reverse("inspection_public:index")).content.decode()
    assert "企业公示信息抽查" in index and task.number in index


def test_an_unpublished_task_is_not_public(client, task):
    assert client.get(reverse("inspection_public:detail", args=[task.pk])).status_code == 404


def test_xlsx_import_names_the_bad_row_and_imports_nothing(client, town):
    client.force_login(town.leader)
    before = InspectionObject.objects.count()
    good = [make_code("91", "120111", 7001), "甲公司", "企业", "辛口镇1号", "张三", "高风险", "守信"]
    bad = ["91120111000007002Y", "乙公司", "企业", "", "", "低风险", "守信"]
    response = client.post(
        reverse("inspection:create", args=["import"]),
        {"import-body": town.team.pk, "import-on": "2019-03-02", "import-file": _xlsx([good, bad])},
    )
    assert response.status_code == 400 and "第3行" in response.content.decode()
    assert InspectionObject.objects.count() == before
    response = client.post(
        reverse("inspection:create", args=["import"]),
        {"import-body": town.team.pk, "import-on": "2019-03-02", "import-file": _xlsx([good])},
    )
    assert response.status_code == 302
    assert InspectionObject.objects.get(credit_code=good[0]).risk == "high"


def test_an_outsider_cannot_create_in_the_town(client, town):
    client.force_login(town.world.outsider)
    response = client.post(
        reverse("inspection:create", args=["plan"]),
        {"plan-body": town.team.pk, "plan-year": "2019", "plan-title": "x", "plan-on": "2019-03-01"},
    )
    assert response.status_code == 400  # the team is not among the outsider's choices
    assert "不在可选范围内" in response.content.decode()


def test_api_results_are_scoped(client, town, task):
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed="api")
    services.draw(actor=town.leader, task=task, on=date(2019, 4, 3))
    client.force_login(town.leader)
    rows = client.get("/api/v1/inspection/results").json()
    assert len(rows) == TaskObject.objects.filter(task=task).count() > 0
    checks = client.get(f"/api/v1/inspection/tasks/{task.pk}/verify").json()
    assert all(c["ok"] for c in checks)
    client.force_login(town.world.outsider)
    assert client.get("/api/v1/inspection/results").json() == []
    assert client.get(f"/api/v1/inspection/tasks/{task.pk}/verify").status_code == 404


def test_list_queries_do_not_grow_with_rows(client, town, task):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(town.leader)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    objects, task_page = reverse("inspection:objects"), reverse("inspection:task", args=[task.pk])
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed="q")
    services.draw(actor=town.leader, task=task, on=date(2019, 4, 3))
    before = count(objects), count(task_page)
    rows = [{"line": n, "credit_code": make_code("91", "120111", 8000 + n), "name": f"新增{n}", "kind": "enterprise",
             "risk": "high"} for n in range(40)]  # fmt: skip
    services.import_objects(actor=town.leader, body=town.team, rows=rows, on=date(2019, 4, 4))
    other = services.create_task(actor=town.leader, plan=town.plan, item=town.item, title="第二批", ratio_high="50",
                                 ratio_medium="50", ratio_low="50", on=date(2019, 4, 4))  # fmt: skip
    services.fix_seed(actor=town.leader, task=other, on=date(2019, 4, 5), seed="q2")
    services.draw(actor=town.leader, task=other, on=date(2019, 4, 5))
    assert TaskObject.objects.filter(task=other).count() > TaskObject.objects.filter(task=task).count()
    task_page = reverse("inspection:task", args=[other.pk])
    assert (count(objects), count(task_page)) == before
