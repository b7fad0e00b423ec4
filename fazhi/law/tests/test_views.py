import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.core.access import Role
from fazhi.law import selectors
from fazhi.law.models import Law, PowerItem
from fazhi.law.services import create_power_item
from fazhi.law.tests.factories import staff, town
from fazhi.law.tests.test_library import LOCAL_RULE
from fazhi.law.tests.test_powers import burning_spec
from fazhi.law.xlsx import export_workbook


@pytest.fixture
def world(laws):
    xinkou, team = town("辛口镇")
    other_town, other_team = town("杨柳青镇")
    item = create_power_item(actor=None, body=team, code="XK-001", spec=burning_spec())
    other_item = create_power_item(actor=None, body=other_team, code="YLQ-001", spec=burning_spec())
    return {
        "team": team,
        "item": item,
        "other_item": other_item,
        "reviewer": staff(team, Role.LEGAL_REVIEWER),
        "officer": staff(team, Role.OFFICER),
        "outsider": staff(other_team, Role.LEGAL_REVIEWER),
        "admin": staff(xinkou, Role.ADMIN),
    }


def test_law_pages_render_toc_article_and_search_for_any_signed_in_user(client, world):
    client.force_login(world["officer"])
    law = Law.objects.get(short_name="行政处罚法")
    page = client.get(reverse("law:detail", args=[law.pk]))
    assert page.status_code == 200
    assert "第五章 行政处罚的决定" in page.content.decode()
    art = client.get(reverse("law:article", args=["行政处罚法/2021-01-22/第五十八条/第一款/第三项"]))
    assert "《中华人民共和国行政处罚法》第五十八条第一款第三项" in art.content.decode()
    found = client.get(reverse("law:search"), {"q": "乡村建设规划许可证"})
    assert "<mark>乡村建设规划许可证</mark>" in found.content.decode()
    assert client.get(reverse("law:article", args=["行政处罚法/2021-01-22/第九百条"])).status_code == 404


def test_law_pages_need_login(client, world):
    response = client.get(reverse("law:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_only_admin_uploads_a_law(client, world):
    for who, expected in (("officer", 403), ("outsider", 403)):
        client.force_login(world[who])
        assert client.get(reverse("law:upload")).status_code == expected
    client.force_login(world["admin"])
    upload = SimpleUploadedFile("天津市测试管理规定.md", LOCAL_RULE.encode())
    response = client.post(reverse("law:upload"), {"file": upload, "level": "local_rule", "region": "天津市"})
    assert response.status_code == 302
    assert Law.objects.filter(title="天津市测试管理规定", region="天津市").exists()


def test_malformed_upload_rerenders_with_the_line_and_saves_nothing(client, world):
    client.force_login(world["admin"])
    upload = SimpleUploadedFile("bad.md", LOCAL_RULE.replace("第二条之一", "第四条").encode())
    response = client.post(reverse("law:upload"), {"file": upload, "level": "local_rule", "region": "天津市"})
    assert response.status_code == 200
    assert "第19行" in response.content.decode()
    assert not Law.objects.filter(title="天津市测试管理规定").exists()


def test_power_list_is_scoped_to_the_town(client, world):
    client.force_login(world["officer"])
    page = client.get(reverse("law:powers")).content.decode()
    assert "XK-001" in page and "YLQ-001" not in page
    assert client.get(reverse("law:power_detail", args=[world["item"].pk])).status_code == 200
    assert client.get(reverse("law:power_detail", args=[world["other_item"].pk])).status_code == 404


def test_revise_allowed_for_reviewer_forbidden_for_colleague_and_hidden_from_outsider(client, world):
    url = reverse("law:power_revise", args=[world["item"].pk])
    client.force_login(world["officer"])
    assert client.get(url).status_code == 403
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(world["reviewer"])
    form = client.get(url)
    assert form.status_code == 200
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(responsible_unit="执法一中队", change_note="调整承办机构", devolved="")
    data.pop("devolved")
    response = client.post(url, data)
    assert response.status_code == 302
    assert PowerItem.objects.get(pk=world["item"].pk).current.number == 2


def test_new_item_with_bad_citation_rerenders_naming_the_field(client, world):
    client.force_login(world["reviewer"])
    response = client.post(
        reverse("law:power_new"),
        {
            "body": world["team"].pk,
            "code": "XK-NEW",
            "name": "测试事项",
            "category": "penalty",
            "basis": "《城乡规划法》第九百条",
            "state": "active",
        },
    )
    assert response.status_code == 200
    assert "设定依据：" in response.content.decode() and "没有第九百条" in response.content.decode()
    assert not PowerItem.objects.filter(code="XK-NEW").exists()


def test_health_page_lists_findings_in_scope(client, world):
    create_power_item(actor=None, body=world["team"], code="XK-BAD", spec=burning_spec(basis=[], levels=[]))
    client.force_login(world["officer"])
    page = client.get(reverse("law:health"), {"on": "2025-01-01"}).content.decode()
    assert "XK-BAD" in page and "没有设定依据" in page and "YLQ" not in page


def test_export_and_import_views(client, world):
    client.force_login(world["officer"])
    data = client.get(reverse("law:power_export")).content
    assert data[:2] == b"PK"
    assert client.post(reverse("law:power_import"), {"file": io.BytesIO(data)}).status_code == 403
    client.force_login(world["reviewer"])
    upload = SimpleUploadedFile(
        "清单.xlsx", export_workbook(selectors.current_versions(PowerItem.objects.filter(code="XK-001")))
    )
    response = client.post(reverse("law:power_import"), {"file": upload})
    assert response.status_code == 302
    bad = SimpleUploadedFile("清单.xlsx", b"not a workbook")
    response = client.post(reverse("law:power_import"), {"file": bad})
    assert "不是有效的 .xlsx" in response.content.decode()


def test_outsider_cannot_import_into_another_town(client, world):
    client.force_login(world["outsider"])
    upload = SimpleUploadedFile(
        "清单.xlsx", export_workbook(selectors.current_versions(PowerItem.objects.filter(code="XK-001")))
    )
    response = client.post(reverse("law:power_import"), {"file": upload})
    assert response.status_code == 200
    assert "不在您的管理范围内" in response.content.decode()


def test_retire_view_allowed_forbidden_and_hidden(client, world):
    url = reverse("law:power_retire", args=[world["item"].pk])
    client.force_login(world["officer"])
    assert client.post(url, {"reason": "职能调整"}).status_code == 403
    client.force_login(world["outsider"])
    assert client.post(url, {"reason": "职能调整"}).status_code == 404
    client.force_login(world["reviewer"])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "这个字段是必填项" in empty.content.decode()
    assert client.post(url, {"reason": "职能调整"}).status_code == 302
    assert PowerItem.objects.get(pk=world["item"].pk).current.state == "retired"


def test_detail_links_citations_typed_in_benchmark_conditions(client, world):
    client.force_login(world["officer"])
    from fazhi.law.services import LevelSpec

    spec = burning_spec()
    spec.levels[0] = LevelSpec(
        "轻微",
        "初次违法且危害后果轻微并及时改正的（《行政处罚法》第三十三条第一款；《行政处罚法》第九百条）",
        None,
        None,
    )
    item = create_power_item(actor=None, body=world["team"], code="XK-CITE", spec=spec)
    page = client.get(reverse("law:power_detail", args=[item.pk])).content.decode()
    assert 'href="/law/article/%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A%E6%B3%95/2021-01-22/' in page
    assert "未解析" in page
