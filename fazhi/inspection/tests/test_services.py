"""双随机、一公开 end to end through the services: list, 名录库, plan, task, seed, draw, verify, record, publish."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.access import NotInScope
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.inspection import drawing, rules, services
from fazhi.inspection.codes import make_code
from fazhi.inspection.models import DrawPool, InspectionObject, Result, TaskObject, TaskStatus
from fazhi.inspection.verify import verify_task

from .conftest import BASIS

pytestmark = pytest.mark.django_db


def seeded_and_drawn(town, task, seed="2019-04-02 公开摇号 7 31 12"):
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed=seed)
    return services.draw(actor=town.leader, task=task, on=date(2019, 4, 3))


def test_an_item_needs_a_basis_in_the_law_library(town):
    with pytest.raises(InvalidInput) as exc:
        services.list_item(actor=town.leader, body=town.team, name="无依据事项", basis="《不存在的条例》第一条",
                           content="x", method="现场检查", kind="key", on=town.on)  # fmt: skip
    assert exc.value.field == "basis" and "没有法律法规依据的不得实施检查" in exc.value.message
    assert town.item.basis_key.startswith("企业信息公示暂行条例/")


def test_a_general_item_needs_a_ratio_cap_and_a_task_above_it_is_refused(town):
    with pytest.raises(InvalidInput) as exc:
        services.list_item(actor=town.leader, body=town.team, name="一般事项", basis=BASIS, content="x",
                           method="现场检查", kind="general", on=town.on)  # fmt: skip
    assert exc.value.field == "ratio_cap"
    with pytest.raises(InvalidInput) as exc:
        services.create_task(actor=town.leader, plan=town.plan, item=town.item, title="超比例", ratio_high="60",
                             ratio_medium="5", ratio_low="5", on=date(2019, 4, 1))  # fmt: skip
    assert exc.value.field == "ratio_high"
    assert "上限为 50.00%" in exc.value.message and "国发〔2019〕5号" in exc.value.message


def test_a_key_item_has_no_ratio_cap(town):
    key = services.list_item(actor=town.leader, body=town.team, name="重点事项", basis=BASIS, content="x",
                             method="现场检查", kind="key", ratio_cap="10", on=town.on)  # fmt: skip
    assert key.ratio_cap is None
    task = services.create_task(actor=town.leader, plan=town.plan, item=key, title="全覆盖", ratio_high="100",
                                ratio_medium="100", ratio_low="100", on=date(2019, 4, 1))  # fmt: skip
    assert task.ratio_high == 100


def test_import_is_all_or_nothing_and_names_the_bad_row(town):
    before = InspectionObject.objects.count()
    good = {"credit_code": make_code("91", "120111", 5000), "name": "新企业", "kind": "enterprise"}
    bad = {"credit_code": "91120111000005001X", "name": "坏企业", "kind": "enterprise"}
    with pytest.raises(InvalidInput) as exc:
        services.import_objects(actor=town.leader, body=town.team, on=town.on,
                                rows=[{**good, "line": 2}, {**bad, "line": 3}])  # fmt: skip
    assert exc.value.message.startswith("第3行：") and "校验码" in exc.value.message
    assert InspectionObject.objects.count() == before


def test_only_certified_officers_join_the_inspector_list(town):
    uncertified = town.world.officer  # 张伟 of the team, no certificate
    with pytest.raises(InvalidInput) as exc:
        services.add_inspector(actor=town.leader, body=town.team, person=uncertified, code="J09", on=town.on)
    assert "没有有效的行政执法证件" in exc.value.message and "第四十二条" in exc.value.message


def test_fewer_than_two_inspectors_is_refused_at_task_creation(town):
    with pytest.raises(InvalidInput) as exc:
        services.create_task(actor=town.leader, plan=town.plan, item=town.item, title="一人", ratio_high="10",
                             ratio_medium="10", ratio_low="10", on=date(2019, 4, 1), inspector_count=1)  # fmt: skip
    assert "不得少于2人" in exc.value.message and "企业公示信息抽查暂行办法》第九条" in exc.value.message


def test_the_seed_and_pools_go_on_the_chain_before_the_draw(town, task):
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed="摇号 12 7")
    task.refresh_from_db()
    assert task.status == TaskStatus.SEEDED and not TaskObject.objects.filter(task=task).exists()
    entry = ChainEntry.objects.filter(event=Event.INSPECTION_SEED_FIXED).get()
    assert entry.payload["new"]["seed"] == "摇号 12 7"
    # 12 objects: n % 4 gives risk high, medium, low, low → 3 high, 3 medium, 6 low.
    sizes = {name: p["size"] for name, p in entry.payload["pools"].items()}
    assert sizes == {"objects:high": 3, "objects:medium": 3, "objects:low": 6, "inspectors": 3, "conflicts": 0}
    assert entry.payload["pools"]["objects:low"]["sm3"] == DrawPool.objects.get(task=task, name="objects:low").sm3


def test_the_draw_is_reproducible_and_verified(town, task):
    seeded_and_drawn(town, task)
    task.refresh_from_db()
    # ratios 50% / 20% / 10%: ceil(3 × 0.5) = 2 high, ceil(3 × 0.2) = 1 medium, ceil(6 × 0.1) = 1 low.
    rows = TaskObject.objects.filter(task=task)
    assert {s: rows.filter(stratum=s).count() for s in drawing.STRATA} == {"high": 2, "medium": 1, "low": 1}
    assert task.drawn_inspectors.count() == 2
    again = drawing.compute(task.seed, services.stored_pools(task), services.task_ratios(task), 2)
    assert again.objects["high"] == list(rows.filter(stratum="high").values_list("target__credit_code", flat=True))
    assert all(c.ok for c in verify_task(task))
    call_command("draw_verify", task.number)


def test_a_tampered_pool_is_a_mismatch(town, task, capsys):
    seeded_and_drawn(town, task)
    DrawPool.objects.filter(task=task, name="objects:low").update(keys=make_code("91", "120111", 9999))
    with pytest.raises(CommandError):
        call_command("draw_verify", task.number)
    assert "MISMATCH" in capsys.readouterr().out


def test_a_declared_conflict_excludes_the_inspector_and_too_few_is_refused(town, task):
    # Conflicts with every object for J01 and J02: whichever objects are drawn, only J03 stays eligible.
    for inspector in town.inspectors[:2]:
        for obj in InspectionObject.objects.filter(body=town.team):
            services.declare_conflict(actor=town.leader, inspector=inspector, target=obj, reason="亲属", on=town.on)
    services.fix_seed(actor=town.leader, task=task, on=date(2019, 4, 2), seed="s")
    with pytest.raises(InvalidInput) as exc:
        services.draw(actor=town.leader, task=task, on=date(2019, 4, 3))
    assert "可抽取的检查人员只有1人" in exc.value.message and "第九条" in exc.value.message
    task.refresh_from_db()
    assert task.status == TaskStatus.SEEDED and not TaskObject.objects.filter(task=task).exists()


def test_conflicted_inspector_is_never_drawn(town, task):
    obj = InspectionObject.objects.filter(body=town.team).order_by("credit_code")
    for target in obj:
        services.declare_conflict(actor=town.leader, inspector=town.inspectors[0], target=target, reason="股东",
                                  on=town.on)  # fmt: skip
    seeded_and_drawn(town, task)
    codes = set(task.drawn_inspectors.values_list("inspector__code", flat=True))
    assert codes == {"J02", "J03"}


def test_record_publish_and_a_finding_that_opens_a_case(town, task, settings):
    seeded_and_drawn(town, task)
    rows = list(TaskObject.objects.filter(task=task).select_related("target"))
    recorder = (
        town.inspectors[0].person if task.drawn_inspectors.filter(inspector=town.inspectors[0]).exists() else None
    )
    recorder = recorder or town.leader
    photo = SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff\xe0fake-jpeg", content_type="image/jpeg")
    services.record_result(actor=recorder, task_object=rows[0], on=date(2019, 4, 10), result=Result.CASE,
                           findings="年度报告公示的从业人数与实际不符，经营者联系电话13812345678。", files=[photo],
                           case_title="企业年度报告隐瞒真实情况")  # fmt: skip
    rows[0].refresh_from_db()
    from fazhi.enforcement.selectors import case_for_publication

    case = case_for_publication(rows[0].case_id)
    assert case.party_name in (rows[0].target.name, rows[0].target.representative)
    assert "双随机抽查" in case.description and case.body_id == town.team.pk
    assert rows[0].files.count() == 1
    for row in rows[1:]:
        services.record_result(actor=town.leader, task_object=row, on=date(2019, 4, 11), result=Result.PASSED,
                               findings="未发现问题。")  # fmt: skip
    with pytest.raises(InvalidInput):
        services.complete(actor=town.leader, task=task, on=date(2019, 4, 10))  # before the last inspection
    services.complete(actor=town.leader, task=task, on=date(2019, 4, 12))
    due = deadlines.current(task, rules.RESULTS_PUBLICATION)
    # 20 working days after Fri 2019-04-12: Apr 15–19 (5), 22–26 (10), Apr 28 (Sun, 调休 worked: 11), 29–30 (13),
    # May 1–4 off (劳动节 2019), May 5 (Sun, 调休 worked: 14), May 6–10 (19), May 13 (20) → 2019-05-13.
    assert due.due_date == date(2019, 5, 13)
    services.publish(actor=town.leader, task=task, on=date(2019, 4, 20))
    rows[0].refresh_from_db()
    assert "13812345678" not in rows[0].public_findings and "年度报告" in rows[0].public_findings
    assert deadlines.current(task, rules.RESULTS_PUBLICATION) is None or deadlines.latest(
        task, rules.RESULTS_PUBLICATION
    ).closed_on == date(2019, 4, 20)


def test_an_outsider_cannot_act_on_the_town(town, task):
    outsider = town.world.outsider
    with pytest.raises(NotInScope):
        services.fix_seed(actor=outsider, task=task, on=date(2019, 4, 2))
    with pytest.raises(NotPermitted):
        services.list_item(actor=outsider, body=town.team, name="x", basis=BASIS, content="x", method="x",
                           kind="key", on=town.on)  # fmt: skip
