from datetime import date

import time_machine
from django.urls import reverse

from fazhi.disclosure import public, services
from fazhi.disclosure.models import CatalogueCategory, DisclosureRequest, PublicSubmission, RequestStatus
from fazhi.disclosure.tests import factories as f


def form_data(town, **overrides):
    data = {**f.application(), "website": "", "token": public.make_token(town.code)}
    data.update(overrides)
    return data


def test_public_request_is_registered_as_online_and_shows_its_code(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town)
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        response = client.post(url, data)
        assert response.status_code == 302
        req = DisclosureRequest.objects.get()
        assert req.channel == "online" and req.status == RequestStatus.AWAITING_RECEIPT
        assert req.entered_by is None
        page = client.get(response["Location"]).content.decode()
    assert req.lookup_code in page
    assert "待工作人员与您确认" in page
    assert "王小明" not in page and "120111198001011234" not in page


def test_missing_field_on_the_public_form_is_named(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town, id_document_number="")
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        response = client.post(url, data)
    assert response.status_code == 400
    assert "身份证明号码" in response.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_honeypot_filled_is_refused(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town, website="http://spam.example")
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        response = client.post(url, data)
    assert response.status_code == 400
    assert DisclosureRequest.objects.count() == 0


def test_form_posted_instantly_or_with_a_forged_or_stale_token_is_refused(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        instant = client.post(url, form_data(world.town))
        assert "提交过快" in instant.content.decode()
        forged = client.post(url, form_data(world.town, token="xk:abc:def"))
        assert "表单校验失败" in forged.content.decode()
        stale_token = public.make_token(world.town.code)
    with time_machine.travel("2019-11-04 12:00 +0800", tick=False):
        stale = client.post(url, form_data(world.town, token=stale_token))
    assert "表单已过期" in stale.content.decode()
    assert DisclosureRequest.objects.count() == 0


def test_token_for_another_town_is_refused(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town, token=public.make_token(world.other_town.code))
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        response = client.post(url, data)
    assert "表单校验失败" in response.content.decode()


def test_more_than_the_hourly_limit_from_one_address_is_refused(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        forms = [form_data(world.town) for _ in range(public.HOURLY_LIMIT_DEFAULT + 3)]  # a token serves one post
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        for data in forms[: public.HOURLY_LIMIT_DEFAULT]:
            assert client.post(url, data).status_code == 302
        response = client.post(url, forms[-3])
    assert response.status_code == 429
    assert "每小时最多" in response.content.decode()
    assert DisclosureRequest.objects.count() == public.HOURLY_LIMIT_DEFAULT
    # Another address is not affected; an hour later this one may submit again.
    with time_machine.travel("2019-11-04 09:06 +0800", tick=False):
        assert client.post(url, forms[-2], REMOTE_ADDR="10.0.0.9").status_code == 302
    with time_machine.travel("2019-11-04 10:06 +0800", tick=False):
        assert client.post(url, forms[-1]).status_code == 302
    assert not PublicSubmission.objects.filter(client_hash__contains="127.0.0.1").exists()


def test_oversized_post_is_refused_with_413(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town, description="长" * 20000)
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        response = client.post(url, data)
    assert response.status_code == 413
    assert DisclosureRequest.objects.count() == 0


def test_status_lookup_shows_dates_and_nothing_personal(client, world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
        services.request_correction(actor=world.clerk, request=req, on=date(2019, 9, 23), items="补充")
    url = reverse("xxgk:status", args=[world.town.code])
    page = client.get(url, {"code": req.lookup_code.lower()}).content.decode()
    assert "待申请人补正" in page and "期限中止" in page
    assert "王小明" not in page and "13800000000" not in page
    assert client.get(url, {"code": "NOSUCHCODE99"}).status_code == 404
    # A code from this town looked up on another town's page finds nothing.
    other = reverse("xxgk:status", args=[world.other_town.code])
    assert client.get(other, {"code": req.lookup_code}).status_code == 404


def test_public_catalogue_and_guide_show_only_published_items(client, world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        shown = services.add_catalogue_entry(
            actor=world.clerk,
            body=world.town,
            title="宅基地使用情况审核结果公示",
            summary="2019年第三季度",
            generated_on=date(2019, 10, 8),
            category=CatalogueCategory.A21_HOMESTEAD,
        )
        services.publish_catalogue_entry(actor=world.clerk, entry=shown, on=date(2019, 10, 9))
        hidden = services.add_catalogue_entry(
            actor=world.clerk,
            body=world.town,
            title="尚未公开的草稿",
            summary="x",
            generated_on=date(2019, 12, 20),
            category=CatalogueCategory.A20_2,
        )
        services.save_guide(
            actor=world.clerk,
            body=world.town,
            office_name="辛口镇党政办公室",
            address="天津市西青区辛口镇",
            office_hours="工作日 9:00—17:00",
            phone="022-00000000",
            classification="按第二十条、第二十一条分类。",
            how_to_obtain="登录门户网站查阅，或到政务服务中心查阅。",
        )
    page = client.get(reverse("xxgk:catalogue", args=[world.town.code])).content.decode()
    assert "宅基地使用情况审核结果公示" in page and "尚未公开的草稿" not in page
    assert client.get(reverse("xxgk:catalogue_entry", args=[world.town.code, hidden.pk])).status_code == 404
    guide = client.get(reverse("xxgk:guide", args=[world.town.code])).content.decode()
    assert "辛口镇党政办公室" in guide and "022-00000000" in guide and "农田水利工程建设运营" in guide
    assert client.get(reverse("xxgk:home", args=["NOPE"])).status_code == 404
    assert client.get(reverse("xxgk:index")).status_code == 200


def test_unpublished_report_is_not_on_the_portal(client, world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        services.create_report(actor=world.clerk, body=world.town, year=2019)
    assert client.get(reverse("xxgk:report", args=[world.town.code, 2019])).status_code == 404
