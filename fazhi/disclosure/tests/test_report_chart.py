"""The annual report page's chart: requests closed in the year by outcome, its table and .xlsx; for the clerk, a
colleague without the role and a clerk of another town."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.disclosure import services
from fazhi.disclosure.tests import factories as f


@pytest.fixture
def report(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        for outcome in ("disclosed.provided", "disclosed.provided", "unable.not_exist"):
            req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
            services.answer_request(
                actor=world.clerk, request=req, on=date(2019, 10, 8), outcome=outcome, content="答复", reasons="理由"
            )
        f.request(world.clerk, world.town, submitted_on=date(2019, 12, 20))  # still open: no outcome yet
        return services.create_report(actor=world.clerk, body=world.town, year=2019)


def test_report_page_charts_requests_by_outcome_with_its_table(client, world, report):
    client.force_login(world.clerk)
    response = client.get(reverse("disclosure:report_detail", args=[report.pk]))
    assert response.status_code == 200
    fig = response.context["figure"]
    counts = dict((label, n) for label, n in fig.rows)
    assert counts["予以公开，提供信息或告知获取方式、途径和时间"] == 2
    assert counts["合计"] == 3 and len(counts) == 3  # two outcomes and the total; the open request has none
    html = response.content.decode()
    assert 'data-testid="chart-outcomes"' in html and "disclosed.provided" not in html.split("<form")[0]


def test_outcome_numbers_export_to_xlsx(client, world, report):
    client.force_login(world.leader)
    response = client.get(
        reverse("disclosure:report_detail", args=[report.pk]), {"format": "xlsx", "chart": "outcomes"}
    )
    rows = [list(r) for r in load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)]
    assert rows[0] == ["办理结果", "件数"]
    assert ["合计", 3] in rows


def test_report_chart_for_a_colleague_and_an_outsider(client, world, report):
    url = reverse("disclosure:report_detail", args=[report.pk])
    client.force_login(world.colleague)
    assert client.get(url, {"format": "xlsx", "chart": "outcomes"}).status_code == 403
    client.force_login(world.outsider)
    assert client.get(url, {"format": "xlsx", "chart": "outcomes"}).status_code == 404
