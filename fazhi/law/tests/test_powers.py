from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.law import selectors
from fazhi.law.models import PowerItem, PowerItemVersion
from fazhi.law.services import (
    BenchmarkOutOfRange,
    LevelSpec,
    PowerListError,
    PowerSpec,
    create_power_item,
    import_power_list,
    retire_power_item,
    revise_power_item,
    spec_from_version,
)
from fazhi.law.tests.factories import town
from fazhi.law.xlsx import ITEM_COLUMNS, export_workbook


def burning_spec(**overrides):
    spec = PowerSpec(
        name="对露天焚烧秸秆、落叶等产生烟尘污染物质的行政处罚",
        category="penalty",
        responsible_unit="综合执法大队",
        basis=["《大气污染防治法》第一百一十九条第一款"],
        violated=["《大气污染防治法》第七十七条"],
        penalty=["《中华人民共和国大气污染防治法》第一百一十九条第一款"],
        statutory_fine_unit="yuan",
        statutory_fine_min=Decimal("500"),
        statutory_fine_max=Decimal("2000"),
        statutory_other="",
        levels=[
            LevelSpec("轻微", "首次发现，焚烧面积小，及时熄灭", Decimal("500"), Decimal("800")),
            LevelSpec("一般", "焚烧面积较大或经劝阻后继续", Decimal("800"), Decimal("1500")),
            LevelSpec("严重", "造成严重污染或拒不改正", Decimal("1500"), Decimal("2000")),
        ],
    )
    for k, v in overrides.items():
        setattr(spec, k, v)
    return spec


@pytest.fixture
def team(laws):
    return town()[1]


def test_create_power_item_links_articles_by_role_and_writes_chain(team):
    item = create_power_item(actor=None, body=team, code="XK-CF-001", spec=burning_spec())
    v = item.current
    assert [a.label for a in v.basis_articles] == ["第一百一十九条"]
    assert [a.label for a in v.violated_articles] == ["第七十七条"]
    link = v.article_links.get(role="penalty")
    assert link.paragraph == 1 and link.citation_display == "《中华人民共和国大气污染防治法》第一百一十九条第一款"
    assert [lv.name for lv in v.benchmark_levels.all()] == ["轻微", "一般", "严重"]
    events = list(
        ChainEntry.objects.filter(body_id=team.pk).exclude(event=Event.BODY_CREATED).values_list("event", flat=True)
    )
    assert events == [Event.POWER_ITEM_CREATED, Event.BENCHMARK_SET]


def test_benchmark_level_outside_statutory_range_is_refused_naming_the_article(team):
    spec = burning_spec()
    spec.levels[2].fine_max = Decimal("5000")
    with pytest.raises(BenchmarkOutOfRange) as exc:
        create_power_item(actor=None, body=team, code="XK-CF-001", spec=spec)
    assert "第3档「严重」" in exc.value.message
    assert "《中华人民共和国大气污染防治法》第一百一十九条第一款" in exc.value.message
    assert (
        not PowerItem.objects.exists()
        and not ChainEntry.objects.filter(event__startswith="law.").exclude(event=Event.LAW_VERSION_LOADED).exists()
    )


def test_upside_down_level_range_is_refused(team):
    spec = burning_spec()
    spec.levels[0].fine_min, spec.levels[0].fine_max = Decimal("800"), Decimal("500")
    with pytest.raises(PowerListError, match="上下颠倒"):
        create_power_item(actor=None, body=team, code="X1", spec=spec)


def test_penalty_kind_not_in_statute_is_refused(team):
    spec = burning_spec()
    spec.levels[0].other_penalties = "行政拘留"
    with pytest.raises(PowerListError, match="行政拘留"):
        create_power_item(actor=None, body=team, code="X1", spec=spec)


def test_citation_to_missing_article_is_refused(team):
    with pytest.raises(PowerListError, match="没有第九百条"):
        create_power_item(actor=None, body=team, code="X1", spec=burning_spec(basis=["《大气污染防治法》第九百条"]))


def test_revision_adds_a_version_and_keeps_the_old_one(team):
    item = create_power_item(actor=None, body=team, code="XK-CF-001", spec=burning_spec())
    spec = spec_from_version(item.current)
    spec.responsible_unit = "综合执法大队一中队"
    spec.change_note = "调整承办机构"
    version, changed = revise_power_item(actor=None, item=item, spec=spec)
    assert changed and version.number == 2
    first = PowerItemVersion.objects.get(item=item, number=1)
    assert first.responsible_unit == "综合执法大队"
    assert first.benchmark_levels.count() == 3 and version.benchmark_levels.count() == 3
    entry = ChainEntry.objects.filter(event=Event.POWER_ITEM_REVISED).get()
    assert entry.payload["old"]["responsible_unit"] == "综合执法大队"


def test_identical_revision_changes_nothing(team):
    item = create_power_item(actor=None, body=team, code="XK-CF-001", spec=burning_spec())
    before = ChainEntry.objects.count()
    version, changed = revise_power_item(actor=None, item=item, spec=spec_from_version(item.current))
    assert not changed and version.number == 1 and ChainEntry.objects.count() == before


def test_retire_is_a_new_version(team):
    item = create_power_item(actor=None, body=team, code="XK-CF-001", spec=burning_spec())
    version = retire_power_item(actor=None, item=item, reason="职能调整")
    assert version.state == "retired" and version.number == 2
    assert ChainEntry.objects.filter(event=Event.POWER_ITEM_RETIRED).count() == 1


def test_health_check_names_item_and_article(team):
    create_power_item(actor=None, body=team, code="A", spec=burning_spec())
    create_power_item(actor=None, body=team, code="B", spec=burning_spec(basis=[], levels=[]))
    create_power_item(
        actor=None,
        body=team,
        code="C",
        spec=burning_spec(
            category="inspection",
            name="对行政复议的检查",
            basis=["行政复议法/2017-09-01/第九条"],
            violated=[],
            penalty=[],
            statutory_fine_unit="",
            statutory_fine_min=None,
            statutory_fine_max=None,
            levels=[],
        ),
    )
    findings = selectors.power_health(PowerItem.objects.all(), on=date(2025, 1, 1))
    kinds = {(f.item.code, f.kind) for f in findings}
    assert kinds == {("B", "no_basis"), ("B", "no_benchmark"), ("C", "not_in_force")}
    stale = next(f for f in findings if f.kind == "not_in_force")
    assert "《中华人民共和国行政复议法》第九条" in stale.message and stale.article.label == "第九条"
    assert not [f for f in selectors.power_health(PowerItem.objects.filter(code="C"), on=date(2020, 1, 1))]


def test_xlsx_round_trip_changes_nothing(team):
    create_power_item(actor=None, body=team, code="A", spec=burning_spec())
    create_power_item(
        actor=None,
        body=team,
        code="B",
        spec=burning_spec(devolved=True, devolving_document="天津市赋权文件", accountability="不依法履职的"),
    )
    data = export_workbook(selectors.current_versions(PowerItem.objects.all()))
    before = (PowerItemVersion.objects.count(), ChainEntry.objects.exclude(event=Event.POWER_LIST_IMPORTED).count())
    report = import_power_list(actor=None, data=data, file_name="roundtrip.xlsx")
    assert report.created == [] and report.revised == [] and len(report.unchanged) == 2
    after = (PowerItemVersion.objects.count(), ChainEntry.objects.exclude(event=Event.POWER_LIST_IMPORTED).count())
    assert after == before


def _workbook_with(data, edit):
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_import_with_bad_rows_names_each_row_and_column_and_saves_nothing(team):
    create_power_item(actor=None, body=team, code="A", spec=burning_spec())
    data = export_workbook(selectors.current_versions(PowerItem.objects.all()))

    def edit(wb):
        ws = wb["权责清单"]
        ws.append(["NEW", "新事项", "行政处罚", team.code, team.name, "", "《大气污染防治法》第九百条"])
        ws["B2"] = "改过的名称"
        ws["C2"] = "行政罚款"
        wb["裁量基准"]["G4"] = 9999

    bad = _workbook_with(data, edit)
    before = (PowerItem.objects.count(), PowerItemVersion.objects.count(), ChainEntry.objects.count())
    with pytest.raises(PowerListError) as exc:
        import_power_list(actor=None, data=bad)
    messages = [m for _, m in exc.value.problems]
    assert any("第2行C列（类别）" in m for m in messages)
    assert any("第3行G列（设定依据）" in m and "没有第九百条" in m for m in messages)
    assert any("「裁量基准」" in m and "法定幅度" in m for m in messages)
    assert (PowerItem.objects.count(), PowerItemVersion.objects.count(), ChainEntry.objects.count()) == before


def test_xlsx_with_wrong_columns_is_refused_naming_the_column(team):
    data = export_workbook([])

    def edit(wb):
        wb["权责清单"]["G1"] = "法律依据"

    with pytest.raises(PowerListError) as exc:
        import_power_list(actor=None, data=_workbook_with(data, edit))
    assert any("G列应为「设定依据」" in m for _, m in exc.value.problems)
    assert ITEM_COLUMNS[6] == "设定依据"


def test_xlsx_import_changed_row_adds_a_version(team):
    create_power_item(actor=None, body=team, code="A", spec=burning_spec())
    data = export_workbook(selectors.current_versions(PowerItem.objects.all()))

    def edit(wb):
        wb["权责清单"]["F2"] = "执法一中队"

    report = import_power_list(actor=None, data=_workbook_with(data, edit))
    assert report.revised == ["A"]
    assert PowerItem.objects.get(code="A").current.responsible_unit == "执法一中队"


def test_loading_a_newer_law_version_makes_the_health_check_flag_items_on_the_old_text(db):
    from fazhi.law.services import load_texts, shipped_sources

    old = [s for s in shipped_sources() if s.source_name == "诉讼与非诉讼程序法/行政复议法(2017-09-01).md"]
    load_texts(actor=None, sources=old)
    _, team = town()
    spec = burning_spec(
        category="other",
        name="行政复议答复",
        basis=["《行政复议法》第二十三条"],
        violated=[],
        penalty=[],
        statutory_fine_unit="",
        statutory_fine_min=None,
        statutory_fine_max=None,
        levels=[],
    )
    create_power_item(actor=None, body=team, code="FY-1", spec=spec)
    assert selectors.power_health(PowerItem.objects.all(), on=date(2025, 1, 1)) == []
    load_texts(actor=None, sources=[s for s in shipped_sources() if "行政复议法(2023" in s.source_name])
    findings = selectors.power_health(PowerItem.objects.all(), on=date(2025, 1, 1))
    assert [(f.item.code, f.kind) for f in findings] == [("FY-1", "not_in_force")]
    assert "2017-09-01版，已修改" in findings[0].message


def test_health_check_flags_a_level_outside_the_statute_written_around_the_service(team):
    from fazhi.law.models import BenchmarkLevel

    item = create_power_item(actor=None, body=team, code="A", spec=burning_spec())
    BenchmarkLevel.objects.filter(version=item.current, order=3).update(fine_max=Decimal("9000"))
    findings = selectors.power_health(PowerItem.objects.all())
    assert [(f.kind, f.article.label) for f in findings] == [("benchmark_out_of_range", "第一百一十九条")]
    assert "超出《中华人民共和国大气污染防治法》第一百一十九条第一款" in findings[0].message
