"""公告送达 (行政处罚法 第六十一条 → 民事诉讼法): service is deemed complete a period after the notice is published,
and the payment period (第六十七条第三款, 15 days) and the 诉讼 period run from that deemed date."""

from datetime import date
from decimal import Decimal

from fazhi.core import deadlines
from fazhi.enforcement import rules, services
from fazhi.enforcement.errors import InvalidInput
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at


def serve_by_notice(w, case, on):
    services.serve(actor=w.officer1, case=case, on=on, method="public_notice", recipient="孙某某（下落不明）",
                   proof="公告及张贴照片")  # fmt: skip
    return Case.objects.get(pk=case.pk)


def test_a_notice_published_in_2022_is_served_thirty_days_later_and_payment_runs_from_then(w):
    # 民事诉讼法 第九十五条 (in force 2022-01-01): 2022-05-09 + 30 days = 2022-06-08 (a Wednesday) is the service date;
    # 第六十七条第三款: 15 days from 2022-06-08 = 2022-06-23 (a Thursday, a working day) is the last day to pay.
    case = serve_by_notice(w, case_at(w, "decided"), date(2022, 5, 9))
    assert case.served_on == date(2022, 6, 8)
    assert case.payment_due_on == date(2022, 6, 23)
    service = case.services.get()
    assert (service.published_on, service.served_on) == (date(2022, 5, 9), date(2022, 6, 8))
    payment = deadlines.latest(case, rules.PAYMENT)
    assert (payment.start_date, payment.due_date) == (date(2022, 6, 8), date(2022, 6, 23))


def test_a_notice_published_before_2022_takes_the_sixty_days_of_the_2017_text(w):
    # 2017 text 第九十二条 (UNVERIFIED setting, default 60): 2019-06-03 + 60 days = 2019-08-02 (Friday);
    # payment: 2019-08-02 + 15 days = 2019-08-17, a Saturday → the next working day, 2019-08-19.
    case = serve_by_notice(w, case_at(w, "decided", year=2019), date(2019, 6, 3))
    assert case.served_on == date(2019, 8, 2)
    assert case.payment_due_on == date(2019, 8, 19)


def test_a_payment_after_the_notice_but_before_deemed_service_is_on_time(w):
    case = serve_by_notice(w, case_at(w, "decided"), date(2022, 5, 9))
    owed, days = services.surcharge_on(case, date(2022, 6, 1))
    assert (owed, days) == (Decimal("0.00"), 0)
    services.record_payment(
        actor=w.officer1, case=case, paid_on=date(2022, 6, 1), amount=case.fine_amount, receipt="B-7"
    )
    case.refresh_from_db()
    assert case.status == "executed" and case.surcharge_paid == Decimal("0.00")


def test_a_payment_dated_before_the_notice_was_published_is_refused(w):
    case = serve_by_notice(w, case_at(w, "decided"), date(2022, 5, 9))
    try:
        services.record_payment(actor=w.officer1, case=case, paid_on=date(2022, 5, 8), amount="600", receipt="B-8")
    except InvalidInput as error:
        assert error.field == "paid_on" and "2022-05-09" in error.message
    else:
        raise AssertionError("a payment before the notice must be refused")
    assert Case.objects.get(pk=case.pk).paid_amount == 0


def test_the_court_window_runs_from_the_deemed_service_date(w):
    # 行政诉讼法 第四十六条: 6 months from 2022-06-08 → 2022-12-08; the court may be applied to from 2022-12-09.
    case = serve_by_notice(w, case_at(w, "decided"), date(2022, 5, 9))
    first, _last, _cite = services.court_application_window(case)
    assert first == date(2022, 12, 9)


def test_the_ten_days_before_a_court_application_run_from_service_of_the_demand_not_its_issue(w):
    # 行政强制法 第五十四条、第六十九条: ten working days after the 催告书 is served. Issued 2022-04-06 (Wed), served
    # 2022-04-11 (Mon): 04-12…04-15 (4), 04-18…04-22 (9), 04-24 is a 调休 Sunday worked in 2022 (10) → 2022-04-24.
    case = case_at(w, "served")
    services.issue_demand(actor=w.officer1, case=case, on=date(2022, 4, 6), served_on=date(2022, 4, 11))
    demand = deadlines.latest(case, rules.COURT_AFTER_DEMAND)
    assert demand.start_date == date(2022, 4, 11)
    assert demand.due_date == date(2022, 4, 24)


def test_a_demand_served_before_it_was_issued_is_refused(w):
    case = case_at(w, "served")
    try:
        services.issue_demand(actor=w.officer1, case=case, on=date(2022, 4, 6), served_on=date(2022, 4, 5))
    except InvalidInput as error:
        assert error.field == "served_on"
    else:
        raise AssertionError("refused expected")
    assert deadlines.latest(case, rules.COURT_AFTER_DEMAND) is None
