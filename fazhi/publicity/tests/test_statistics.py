from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.enforcement.tests.factories import case_at
from fazhi.publicity import services, statistics


@pytest.fixture
def year_2022(w):
    case_at(w, "executed", fine=Decimal("600"))
    case_at(w, "decided", fine=Decimal("900"))
    return w


def test_figures_are_computed_from_the_record_and_rolled_up_to_the_town(year_2022):
    w = year_2022
    figures = statistics.compute([w.town, w.other], 2022)
    town = figures[w.town.pk]
    assert town["penalties_ordinary"] == 2 and town["penalties_summary"] == 0
    assert town["fines_imposed"] == Decimal("1500.00")
    assert town["fines_collected"] == Decimal("600.00")
    assert town["inspections"] == 2
    assert town["certified_officers"] == 3
    assert figures[w.other.pk]["penalties_ordinary"] == 0
    assert statistics.compute([w.town], 2021)[w.town.pk]["penalties_ordinary"] == 0


def test_publishing_stores_the_figures_once_and_on_the_chain(year_2022):
    w = year_2022
    report = services.publish_statistics(actor=w.leader, body=w.town, year=2022, on=date(2023, 1, 20))
    assert report.figures["penalties_ordinary"] == 2
    entry = ChainEntry.objects.get(event="publicity.statistics_published")
    assert entry.payload["in_time"] is True
    with pytest.raises(InvalidTransition):
        services.publish_statistics(actor=w.leader, body=w.town, year=2022)


def test_publishing_is_refused_for_an_unfinished_year_a_colleague_and_an_outsider(year_2022):
    w = year_2022
    with pytest.raises(InvalidInput, match="尚未结束"):
        services.publish_statistics(actor=w.leader, body=w.town, year=date.today().year)
    with pytest.raises(NotPermitted):
        services.publish_statistics(actor=w.colleague, body=w.town, year=2022)
    with pytest.raises(NotPermitted):
        services.publish_statistics(actor=w.outsider, body=w.town, year=2022)


def test_statistics_page_exports_xlsx_and_publishes_to_the_portal(client, year_2022):
    w = year_2022
    client.force_login(w.leader)
    url = reverse("publicity:statistics")
    page = client.get(url, {"year": 2022})
    assert page.status_code == 200 and "行政处罚：普通程序（件）" in page.content.decode()
    export = client.get(url, {"year": 2022, "format": "xlsx"})
    sheet = load_workbook(BytesIO(export.content)).active
    assert any(row[0] == "行政处罚：普通程序（件）" and 2 in row for row in sheet.iter_rows(values_only=True))
    assert client.post(f"{url}?year=2022", {"body": w.town.pk}).status_code == 302
    client.logout()
    public = client.get(reverse("publicity_public:statistics")).content.decode()
    assert "2022年度" in public


def test_statistics_page_refuses_colleague_and_bad_year_names_the_field(client, year_2022):
    w = year_2022
    client.force_login(w.colleague)
    assert client.get(reverse("publicity:statistics")).status_code == 403
    client.force_login(w.leader)
    response = client.get(reverse("publicity:statistics"), {"year": "abc"})
    assert response.status_code == 400 and "年度：" in response.content.decode()
    client.force_login(w.outsider)
    assert w.town.name not in client.get(reverse("publicity:statistics"), {"year": 2022}).content.decode()
