from fazhi.demo.mediation import mediation_step
from fazhi.demo.org import org_step
from fazhi.mediation import selectors
from fazhi.mediation.models import Committee, Dispute
from fazhi.org.models import Body, User


def test_demo_builds_2019_mediation_for_the_mediator_and_is_idempotent(db):
    lines = []
    org_step(lines.append)
    mediation_step(lines.append)
    town = Body.objects.get(code="XQ-XK")
    f = selectors.year_figures(town, 2019)
    # 40 disputes: 32 agreements (80 %), 3 failed, 2 referred, 1 refused, 2 open at the year's end
    assert (f["total"], f["agreed"], f["failed"], f["referred"], f["refused"], f["open"]) == (40, 32, 3, 2, 1, 2)
    assert set(f["by_kind"].values()) >= {10}
    assert Committee.objects.count() == 4
    mediator = User.objects.get(username="mediator")
    assert selectors.dispute_list(mediator).count() == 40
    mediation_step(lines.append)
    assert Dispute.objects.count() == 40 and "已存在" in lines[-1]
