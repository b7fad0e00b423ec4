"""The pages: role and scope on every view, parties' data only for 调解员, a leader's read on the chain."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.core.documents import text_of
from fazhi.mediation import services
from fazhi.mediation.models import Dispute, DisputeStatus
from fazhi.mediation.tests.support import WRITTEN, dispute, mediating


@pytest.fixture
def agreed(m):
    d = mediating(m)
    services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **WRITTEN)
    return d


def reads(d):
    return ChainEntry.objects.filter(event="mediation.file_read", subject_id=str(d.pk)).count()


def test_the_mediator_sees_parties_and_reads_without_a_chain_entry(client, m):
    d = dispute(m)
    client.force_login(m.mediator)
    page = client.get(reverse("mediation:dispute_list"))
    assert page.status_code == 200 and "张某甲" in page.text
    page = client.get(reverse("mediation:dispute_detail", args=[d.pk]))
    assert page.status_code == 200 and "120111197001010011" in page.text
    assert reads(d) == 0


def test_a_leaders_read_of_the_case_file_leaves_a_chain_entry_each_time(client, m, world):
    d = dispute(m)
    client.force_login(world.leader)
    listing = client.get(reverse("mediation:dispute_list"))
    assert listing.status_code == 200 and d.number in listing.text and "张某甲" not in listing.text
    assert client.get(reverse("mediation:dispute_detail", args=[d.pk])).status_code == 200
    assert client.get(reverse("mediation:dispute_detail", args=[d.pk])).status_code == 200
    assert reads(d) == 2
    entry = ChainEntry.objects.filter(event="mediation.file_read").last()
    assert entry.actor_id == world.leader.pk and "张某甲" not in str(entry.payload)


def test_other_town_outsider_and_anonymous_get_nothing(client, m, world):
    d = dispute(m)
    url = reverse("mediation:dispute_detail", args=[d.pk])
    # another town's mediator and leader: the dispute does not exist for them
    for user in (m.other_mediator, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert d.number not in client.get(reverse("mediation:dispute_list")).text
        assert client.get(reverse("mediation:agreement_docx", args=[d.pk])).status_code == 404
    # an officer of the same town holds no mediation role
    client.force_login(world.officer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("mediation:dispute_list")).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert client.get(reverse("mediation:statistics")).status_code == 302
    assert reads(d) == 0


def test_the_admin_sees_lists_and_statistics_but_no_case_file(client, m, world):
    d = dispute(m)
    client.force_login(world.admin)
    assert "张某甲" not in client.get(reverse("mediation:dispute_list")).text
    assert client.get(reverse("mediation:dispute_detail", args=[d.pk])).status_code == 403


def test_the_export_carries_parties_only_for_the_mediator_and_is_on_the_chain(client, m, world):
    import io

    from openpyxl import load_workbook

    dispute(m)
    client.force_login(world.leader)
    sheet = load_workbook(io.BytesIO(client.get(reverse("mediation:dispute_list") + "?format=xlsx").content)).active
    assert "当事人" not in [c.value for c in sheet[sheet.min_row + 1]] + [c.value for c in sheet[1]]
    assert not ChainEntry.objects.filter(event="mediation.exported").exists()
    client.force_login(m.mediator)
    data = client.get(reverse("mediation:dispute_list") + "?format=xlsx").content
    assert "张某甲" in str([[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()])
    assert ChainEntry.objects.filter(event="mediation.exported").count() == 1


def test_registering_through_the_page_and_a_refusal_names_the_field(client, m):
    client.force_login(m.mediator)
    data = {
        "registered_on": "2019-04-01", "kind": "labour_pay", "source": "police", "community": m.village.pk,
        "risk": "medium", "summary": "拖欠工资", "a_name": "王某", "b_name": "某建筑公司",
    }  # fmt: skip
    response = client.post(reverse("mediation:dispute_new"), {**data, "kind": ""})
    assert response.status_code == 400 and "请选择纠纷类型" in response.text
    response = client.post(reverse("mediation:dispute_new"), data)
    assert response.status_code == 302
    assert Dispute.objects.get().kind == "labour_pay"


def test_steps_through_the_page_and_the_docx(client, m, agreed):
    client.force_login(m.mediator)
    page = client.get(reverse("mediation:dispute_detail", args=[agreed.pk]))
    assert "共同申请司法确认的期间" in page.text and "期间已届满" in page.text  # today is 2019-12-31
    docx = client.get(reverse("mediation:agreement_docx", args=[agreed.pk]))
    assert docx.status_code == 200
    text = text_of(docx.content)
    for part in ("人民调解协议书", "当事人的基本情况", "张某甲", "各方当事人的责任", "李某乙负主要责任", "履行方式",
                 "2019年3月20日", "一式3份"):  # fmt: skip
        assert part in text, part


def test_a_refused_step_rerenders_with_the_article(client, m):
    d = dispute(m)
    client.force_login(m.mediator)
    url = reverse("mediation:dispute_action", args=[d.pk, "accept"])
    response = client.post(url, {"accept-on": "2019-03-06", "accept-committee": m.committee.pk,
                                 "accept-mediator": m.chair.pk, "accept-mediator_choice": "当事人共同选择"})  # fmt: skip
    assert response.status_code == 400 and "第十七条" in response.text
    party = d.parties.get(side="b")
    response = client.post(reverse("mediation:dispute_action", args=[d.pk, "consent"]),
                           {"consent-party": party.pk, "consent-consent": "refused", "consent-on": "2019-03-05"})  # fmt: skip
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == DisputeStatus.REFUSED


def test_the_public_roll_has_names_and_no_telephone_nor_dispute(client, m):
    dispute(m)
    page = client.get(reverse("tiaojie:roll", args=[m.town.code]))
    assert page.status_code == 200
    assert "李桂兰" in page.text and "主任" in page.text
    assert "13800000001" not in page.text and "张某甲" not in page.text and "调登" not in page.text
    assert m.town.name in client.get(reverse("tiaojie:index")).text


def test_statistics_page_and_xlsx(client, m, agreed, world, django_assert_max_num_queries):
    dispute(m)
    client.force_login(world.leader)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("mediation:statistics") + "?year=2019")
    assert page.status_code == 200 and "<svg" in page.text
    assert "张某甲" not in page.text
    xlsx = client.get(reverse("mediation:statistics") + "?year=2019&chart=kind&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_committee_page_refuses_a_committee_without_a_woman(client, m):
    client.force_login(m.mediator)
    response = client.post(reverse("mediation:committees"), {
        "step": "committee", "name": "大沙窝村人民调解委员会", "kind": "village", "term_start": "2019-01-01",
        "members": "张一 男 主任\n张二 男 委员\n张三 男 委员",
    })  # fmt: skip
    assert response.status_code == 400 and "应当有妇女成员" in response.text
    response = client.post(reverse("mediation:committees"), {
        "step": "committee", "name": "大沙窝村人民调解委员会", "kind": "village", "term_start": "2019-01-01",
        "members": "张一 男 主任\n张二 女 委员\n张三 男 委员",
    })  # fmt: skip
    assert response.status_code == 302


def test_api_lists_without_parties_for_a_leader_and_takes_a_step(client, m, world):
    d = dispute(m)
    client.force_login(world.leader)
    rows = client.get("/api/v1/mediation/disputes").json()
    assert rows[0]["number"] == d.number and rows[0]["parties"] is None
    party = d.parties.get(side="a")
    body = {"party": party.pk, "consent": "agreed", "on": "2019-03-05"}
    assert (
        client.post(f"/api/v1/mediation/disputes/{d.pk}/consent", body, content_type="application/json").status_code
        == 403
    )
    client.force_login(m.mediator)
    response = client.post(f"/api/v1/mediation/disputes/{d.pk}/consent",
                           {"party": party.pk, "consent": "agreed", "on": "2019-03-05"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200, response.content
    client.force_login(m.other_mediator)
    assert client.post(f"/api/v1/mediation/disputes/{d.pk}/consent", {"party": party.pk, "consent": "agreed", "on": "2019-03-05"},
                       content_type="application/json").status_code == 404  # fmt: skip
