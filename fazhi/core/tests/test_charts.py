"""core.charts draws from plain numbers: an accessible, scalable SVG; core.xlsx_export writes what it is given."""

import io
from datetime import date
from decimal import Decimal

from django.http import HttpRequest
from openpyxl import load_workbook

from fazhi.core import charts, xlsx_export


def test_bar_chart_is_an_accessible_scalable_svg_with_every_value_in_its_description():
    svg = str(charts.bar_chart(["辛口镇", "张家窝镇"], [29, 0], title="各镇行政处罚决定数", testid="t"))
    assert (
        svg.startswith("<svg") and 'viewBox="0 0 720 ' in svg and 'width="720"' in svg and "style=" not in svg
    )  # CSP: no style attribute
    assert 'role="img"' in svg and 'aria-label="各镇行政处罚决定数"' in svg
    assert "<title>各镇行政处罚决定数</title>" in svg
    assert "<desc>辛口镇 29，张家窝镇 0。</desc>" in svg
    assert "<script" not in svg


def test_labels_are_escaped_and_long_ones_clipped():
    svg = str(charts.bar_chart(["<b>&" + "长" * 40], [1], title="a<b"))
    assert "<b>&" not in svg and "&lt;b&gt;&amp;" in svg and "…" in svg
    assert 'aria-label="a&lt;b"' in svg


def test_series_side_by_side_and_a_fixed_axis_for_rates():
    svg = str(
        charts.bar_chart(
            ["辛口镇"], series=[charts.Series("简易", [20]), charts.Series("普通", [29])], title="t", horizontal=True
        )
    )
    assert svg.count("<rect") >= 4 and "简易" in svg and "普通" in svg  # two bars and a legend of two
    rate = str(charts.bar_chart(["辛口镇"], [87.5], title="按期公开率", unit="%", maximum=100))
    assert "100%" in rate and "87.5%" in rate


def test_line_chart_marks_every_point_and_handles_no_data():
    svg = str(charts.line_chart(["1月", "2月", "3月"], [charts.Series("辛口镇", [0, 3, Decimal("1")])], title="按月"))
    assert svg.count("<circle") == 3 and "<polyline" in svg and "2月 3" in svg
    empty = str(charts.line_chart([], [], title="无"))
    assert "暂无数据" in empty
    assert "暂无数据" in str(charts.bar_chart([], [], title="无"))


def test_percent_has_no_rate_without_a_base():
    assert charts.percent(3, 4) == 75.0 and charts.percent(0, 0) is None


def test_a_figure_exports_its_table_and_is_chosen_by_key():
    fig = charts.Figure(
        "towns", "各镇", charts.bar_chart(["辛口镇"], [1], title="各镇"), ["镇", "件数"], [["辛口镇", 1]]
    )
    request = HttpRequest()
    request.GET.update({"format": "xlsx", "chart": "towns"})
    assert charts.chosen(request, [fig]) is fig
    request.GET["chart"] = "other"
    assert charts.chosen(request, [fig]) is None
    ws = load_workbook(io.BytesIO(fig.xlsx_response().content)).active
    assert [list(r) for r in ws.iter_rows(min_row=1, max_row=3, values_only=True)] == [
        ["各镇", None],
        ["镇", "件数"],
        ["辛口镇", 1],
    ]


def test_xlsx_keeps_types_and_names_the_file_in_chinese():
    response = xlsx_export.download(
        "期限台账.xlsx", "期限/台账:2019", ["日", "金额", "是否"], [[date(2019, 10, 8), Decimal("60.50"), True]]
    )
    assert "filename*=UTF-8''%E6%9C%9F" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.title == "期限_台账_2019"
    day, amount, flag = next(ws.iter_rows(min_row=3, values_only=True))
    assert day.date() == date(2019, 10, 8) and amount == 60.5 and flag == "是"
