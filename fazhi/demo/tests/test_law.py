from datetime import date

import pytest

from fazhi.demo.law import POWER_ITEMS, TEAM_CODE, law_step
from fazhi.law import selectors
from fazhi.law.models import PowerItem
from fazhi.org.models import BodyKind
from fazhi.org.services import create_body


@pytest.mark.django_db
def test_demo_power_list_loads_with_exactly_the_two_deliberate_defects():
    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="XQ")
    town = create_body(actor=None, name="西青区辛口镇人民政府", kind=BodyKind.TOWN, code="XQ-XK", parent=district)
    create_body(actor=None, name="辛口镇综合执法大队", kind=BodyKind.TEAM, code=TEAM_CODE, parent=town)
    lines = []
    law_step(lines.append)
    assert PowerItem.objects.count() == len(POWER_ITEMS) >= 40
    findings = selectors.power_health(PowerItem.objects.all(), on=date(2025, 6, 1))
    assert {(f.item.code, f.kind) for f in findings} == {("XK-CF-090", "no_benchmark"), ("XK-QT-099", "no_basis")}
    law_step(lines.append)
    assert PowerItem.objects.count() == len(POWER_ITEMS)
    assert "新增 0 项" in lines[-1]


@pytest.mark.django_db
def test_check_powers_command_lists_findings_and_exits_non_zero():
    from io import StringIO

    from django.core.management import call_command

    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="XQ")
    town = create_body(actor=None, name="西青区辛口镇人民政府", kind=BodyKind.TOWN, code="XQ-XK", parent=district)
    create_body(actor=None, name="辛口镇综合执法大队", kind=BodyKind.TEAM, code=TEAM_CODE, parent=town)
    law_step(lambda line: None)
    out = StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("check_powers", "--on", "2025-06-01", stdout=out)
    assert exc.value.code == 1
    text = out.getvalue()
    assert "XK-CF-090" in text and "缺少裁量基准" in text and "XK-QT-099" in text and "发现 2 个问题" in text
