"""Every fresh database is seeded with 2004–2026 from chinesecalendar; admin edits go on the chain."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.models import CalendarDay, CalendarYear
from fazhi.core.periods import is_working_day
from fazhi.org.models import User

pytestmark = pytest.mark.django_db


def test_migrations_cover_2004_to_2026():
    assert list(CalendarYear.objects.order_by("year").values_list("year", flat=True)) == list(range(2004, 2027))
    assert CalendarYear.objects.get(year=2026).source.startswith("chinesecalendar")


def test_2019_notice_is_the_verified_one_and_labour_day_days_name_the_amendment():
    assert "国办发明电〔2018〕15号" in CalendarYear.objects.get(year=2019).notice
    assert "国办发明电〔2018〕15号" in CalendarDay.objects.get(date=date(2019, 10, 1)).notice
    for day in (date(2019, 4, 28), date(2019, 5, 4), date(2019, 5, 5)):
        assert "调整2019年劳动节假期安排" in CalendarDay.objects.get(date=day).notice


def test_other_years_do_not_invent_a_document_number():
    notice = CalendarDay.objects.get(date=date(2020, 10, 1)).notice
    assert notice == "国务院办公厅关于2020年部分节假日安排的通知（据 chinesecalendar 数据）"


def test_admin_edit_of_a_day_is_on_the_chain_and_changes_the_calendar(client):
    admin = User.objects.create_superuser(username="root", password="pw-123456")
    client.force_login(admin)
    day = CalendarDay.objects.get(date=date(2019, 10, 12))
    response = client.post(
        reverse("admin:core_calendarday_change", args=[day.pk]),
        {"date": "2019-10-12", "year": 2019, "kind": "off", "name": "国庆节", "notice": day.notice},
    )
    assert response.status_code == 302
    assert not is_working_day(date(2019, 10, 12))
    entry = ChainEntry.objects.filter(event=Event.CALENDAR_DAY_CHANGED).get()
    assert entry.payload["old"]["kind"] == "work" and entry.payload["new"]["kind"] == "off"


def test_admin_removing_a_covered_year_turns_its_deadlines_into_estimates(client, town):
    from fazhi.core.tests.factories import make_deadline

    deadline = make_deadline(town, start=date(2026, 3, 2))
    assert not deadline.is_estimate
    admin = User.objects.create_superuser(username="root2", password="pw-123456")
    client.force_login(admin)
    year = CalendarYear.objects.get(year=2026)
    response = client.post(reverse("admin:core_calendaryear_delete", args=[year.pk]), {"post": "yes"})
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.is_estimate and deadline.explanation[0].startswith("【估算】")
    assert ChainEntry.objects.filter(event=Event.CALENDAR_YEAR_IMPORTED, subject_id="2026").get().payload["new"] is None
    assert ChainEntry.objects.filter(event=Event.DEADLINE_RECOMPUTED, subject_id=str(deadline.pk)).count() == 1
