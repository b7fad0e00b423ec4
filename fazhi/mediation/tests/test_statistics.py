"""year_figures(body, year): the counts the annual report will read, worked out by hand."""

from datetime import date

from fazhi.mediation import selectors, services
from fazhi.mediation.models import Consent
from fazhi.mediation.tests.support import WRITTEN, consented, dispute, mediating


def test_year_figures_count_by_type_source_result_month_and_village(m, world, django_assert_max_num_queries):
    # 1. neighbour, registered 03-04, agreement 03-11: closed in 7 days
    d1 = mediating(m)
    services.agree(actor=m.mediator, dispute=d1, on=date(2019, 3, 11), **WRITTEN)
    # 2. family, registered 03-04, failed 04-20: 47 days, past the one-month guide (04-04)
    d2 = mediating(m, kind="family")
    services.fail(actor=m.mediator, dispute=d2, on=date(2019, 4, 20), reason="分歧大", routes=["litigation"])
    # 3. labour pay referred by the police, registered 05-10, the respondent refuses on 05-11: 1 day
    d3 = dispute(m, on=date(2019, 5, 10), kind="labour_pay", source="police")
    services.record_consent(actor=m.mediator, dispute=d3, party=d3.parties.get(side="b"), consent=Consent.REFUSED,
                            on=date(2019, 5, 11))  # fmt: skip
    # 4. land, registered 06-01, referred 06-03: 2 days
    d4 = consented(m, dispute(m, on=date(2019, 6, 1), kind="land"), on=date(2019, 6, 2))
    services.refer(actor=m.mediator, dispute=d4, on=date(2019, 6, 3), to="农村土地承包仲裁委员会", reason="承包合同")
    # 5. neighbour, registered 07-01, still open; 6. one of 2018, not counted
    dispute(m, on=date(2019, 7, 1))
    dispute(m, on=date(2018, 12, 28))
    with django_assert_max_num_queries(12):
        f = selectors.year_figures(m.town, 2019)
    assert f["total"] == 5
    assert f["by_kind"]["邻里纠纷"] == 2 and f["by_kind"]["婚姻家庭纠纷"] == 1 and f["by_kind"]["劳动报酬纠纷"] == 1
    assert f["by_source"]["当事人申请"] == 4 and f["by_source"]["公安机关委派"] == 1
    assert (f["agreed"], f["failed"], f["refused"], f["referred"], f["open"]) == (1, 1, 1, 1, 1)
    assert f["success_rate"] == 50.0  # 1 agreed of 2 mediated to an end
    assert f["closed"] == 4
    assert f["avg_days"] == round((7 + 47 + 1 + 2) / 4, 1)
    assert f["median_days"] == 7  # sorted 1, 2, 7, 47
    assert f["over_guide"] == 1
    assert f["by_month"] == [0, 0, 2, 0, 1, 1, 1, 0, 0, 0, 0, 0]
    assert f["agreed_by_month"][2] == 1
    assert f["by_community"] == [("第六埠村", 5, 1)]
    # the other town sees none of it
    assert selectors.year_figures(world.other_town, 2019)["total"] == 0


def test_the_guide_is_a_setting(m):
    from fazhi.core.models import Setting

    Setting.objects.create(key="mediation.target_months", body=m.town, value=2)
    d = mediating(m, kind="family")
    services.fail(actor=m.mediator, dispute=d, on=date(2019, 4, 20), reason="分歧大", routes=["litigation"])
    f = selectors.year_figures(m.town, 2019)
    assert f["guide_months"] == 2 and f["over_guide"] == 0  # 47 days is within two months (to 05-04)
