"""Every page with an allowed user, a colleague without the role, and an outsider from another town."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.audit.models import ChainEntry
from fazhi.org import services
from fazhi.org.models import Certificate, CertificateState, TrainingRecord
from fazhi.org.tests.factories import CertificateFactory


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def cert(org):
    return CertificateFactory(holder=org.officer, number="津执20190001", valid_to=date.today() + timedelta(days=20))


# --- read-only pages ----------------------------------------------------------------------------------------------


def test_pages_need_login(client, org):
    response = client.get(reverse("org:officer_list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_officer_list_shows_own_town_with_certificate_and_hours(as_user, org, cert):
    services.record_training(actor=None, person=org.officer, on=date(2019, 5, 1), topic="培训", hours="30")
    response = as_user(org.colleague).get(reverse("org:officer_list"), {"year": 2019})
    content = response.content.decode()
    assert response.status_code == 200
    assert "张伟" in content and "津执20190001" in content and "30.0 / 40" in content
    assert "曹勇" not in content  # 张家窝镇


def test_officer_list_for_outsider_hides_the_other_town(as_user, org, cert):
    content = as_user(org.outsider).get(reverse("org:officer_list")).content.decode()
    assert "曹勇" in content
    assert "张伟" not in content and "津执20190001" not in content


def test_officer_list_for_district_supervisor_covers_both_towns(as_user, org, cert):
    content = as_user(org.supervisor).get(reverse("org:officer_list")).content.decode()
    assert "张伟" in content and "曹勇" in content


def test_officer_list_filters_by_body(as_user, org):
    content = as_user(org.leader).get(reverse("org:officer_list"), {"body": org.team.pk}).content.decode()
    assert "张伟" in content and "陈静" not in content


def test_officer_detail_shows_certificate_history_from_the_chain(as_user, org, cert):
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="涉嫌违法")
    response = as_user(org.colleague).get(reverse("org:officer_detail", args=[org.officer.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "登记执法证件" in content and "暂扣执法证件" in content and "涉嫌违法" in content
    assert "不得执法" in content
    assert reverse("org:certificate_suspend", args=[cert.pk]) not in content  # colleague gets no action buttons


def test_officer_detail_offers_actions_to_the_leader(as_user, org, cert):
    content = as_user(org.leader).get(reverse("org:officer_detail", args=[org.officer.pk])).content.decode()
    assert reverse("org:certificate_suspend", args=[cert.pk]) in content
    assert reverse("org:training_record", args=[org.officer.pk]) in content


def test_officer_detail_of_another_town_is_404(as_user, org):
    response = as_user(org.outsider).get(reverse("org:officer_detail", args=[org.officer.pk]))
    assert response.status_code == 404


def test_expiring_page_lists_certificates_within_the_window(as_user, org, cert):
    CertificateFactory(holder=org.leader, number="津执20190002", valid_to=date.today() + timedelta(days=200))
    content = as_user(org.colleague).get(reverse("org:certificates_expiring")).content.decode()
    assert "津执20190001" in content and "津执20190002" not in content and "60 日内" in content


def test_expiring_page_for_outsider_hides_the_other_town(as_user, org, cert):
    response = as_user(org.outsider).get(reverse("org:certificates_expiring"))
    assert response.status_code == 200 and "津执20190001" not in response.content.decode()


def test_short_of_hours_page_for_a_chosen_year(as_user, org):
    services.record_training(actor=None, person=org.officer, on=date(2019, 5, 1), topic="培训", hours="30")
    content = as_user(org.colleague).get(reverse("org:training_short"), {"year": 2019}).content.decode()
    assert "张伟" in content and "10.0" in content and "第十条第二款" in content
    outsider_content = as_user(org.outsider).get(reverse("org:training_short"), {"year": 2019}).content.decode()
    assert "张伟" not in outsider_content and "曹勇" in outsider_content


# --- forms --------------------------------------------------------------------------------------------------------

ISSUE = {
    "number": "津执20199999",
    "issuer": "天津市人民政府",
    "field": "综合行政执法",
    "valid_from": "2019-04-01",
    "valid_to": "2025-03-31",
}


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_leader_or_admin_issues_a_certificate_and_is_redirected(as_user, org, who):
    client = as_user(getattr(org, who))
    url = reverse("org:certificate_issue", args=[org.officer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, ISSUE)
    assert response.status_code == 302
    assert response["Location"] == reverse("org:officer_detail", args=[org.officer.pk])
    assert Certificate.objects.get(number="津执20199999").holder == org.officer


def test_issue_with_bad_dates_rerenders_naming_the_field(as_user, org):
    response = as_user(org.leader).post(
        reverse("org:certificate_issue", args=[org.officer.pk]), ISSUE | {"valid_to": "2018-01-01", "number": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "「有效期至」不能早于「有效期起」" in content and "「证件编号」" in content
    assert not Certificate.objects.exists()


def test_issue_duplicate_number_rerenders_with_the_rule(as_user, org, cert):
    response = as_user(org.leader).post(
        reverse("org:certificate_issue", args=[org.officer.pk]), ISSUE | {"number": "津执20190001"}
    )
    assert response.status_code == 200 and "已登记" in response.content.decode()
    assert Certificate.objects.count() == 1


def test_colleague_without_the_role_may_not_issue(as_user, org):
    client = as_user(org.colleague)
    url = reverse("org:certificate_issue", args=[org.officer.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, ISSUE).status_code == 403
    assert not Certificate.objects.exists()


def test_leader_of_another_town_gets_404_when_issuing(as_user, org):
    response = as_user(org.outsider).post(reverse("org:certificate_issue", args=[org.officer.pk]), ISSUE)
    assert response.status_code == 404
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "state"),
    [
        ("org:certificate_suspend", {"reason": "涉嫌违法"}, CertificateState.SUSPENDED),
        ("org:certificate_revoke", {"reason": "考试不合格"}, CertificateState.REVOKED),
    ],
)
def test_leader_changes_certificate_state(as_user, org, cert, name, data, state):
    response = as_user(org.leader).post(reverse(name, args=[cert.pk]), data)
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.state == state


def test_leader_restores_a_suspended_certificate(as_user, org, cert):
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="待查")
    response = as_user(org.leader).post(reverse("org:certificate_restore", args=[cert.pk]), {"reason": ""})
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID


def test_forbidden_transition_in_the_form_shows_the_rule_and_changes_nothing(as_user, org, cert):
    before = ChainEntry.objects.count()
    response = as_user(org.leader).post(reverse("org:certificate_restore", args=[cert.pk]), {"reason": "x"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "不能恢复" in content and "第二十四条" in content
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID and ChainEntry.objects.count() == before


def test_suspend_without_reason_names_the_field(as_user, org, cert):
    response = as_user(org.leader).post(reverse("org:certificate_suspend", args=[cert.pk]), {"reason": ""})
    assert response.status_code == 200 and "「理由」" in response.content.decode()
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID


@pytest.mark.parametrize("name", ["org:certificate_suspend", "org:certificate_restore", "org:certificate_revoke"])
def test_colleague_without_role_gets_403_and_outsider_404_on_certificate_actions(as_user, org, cert, name):
    url = reverse(name, args=[cert.pk])
    assert as_user(org.colleague).post(url, {"reason": "x"}).status_code == 403
    assert as_user(org.officer).get(url).status_code == 403
    assert as_user(org.outsider).post(url, {"reason": "x"}).status_code == 404
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID


def test_supervisor_without_admin_or_leader_role_may_not_change_certificates(as_user, org, cert):
    assert (
        as_user(org.supervisor).post(reverse("org:certificate_suspend", args=[cert.pk]), {"reason": "x"}).status_code
        == 403
    )


TRAINING = {"date": "2019-03-14", "topic": "《行政处罚法》专题培训", "hours": "6", "source": "offline", "note": ""}


def test_leader_records_training(as_user, org):
    client = as_user(org.leader)
    url = reverse("org:training_record", args=[org.officer.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, TRAINING)
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2019")
    assert TrainingRecord.objects.get().hours == 6


def test_training_with_bad_hours_rerenders_naming_the_field(as_user, org):
    response = as_user(org.leader).post(
        reverse("org:training_record", args=[org.officer.pk]), TRAINING | {"hours": "-1"}
    )
    assert response.status_code == 200 and "「学时」" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_training_in_the_future_rerenders_naming_the_field(as_user, org):
    response = as_user(org.leader).post(
        reverse("org:training_record", args=[org.officer.pk]), TRAINING | {"date": "2999-01-01"}
    )
    assert response.status_code == 200 and "「日期」" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_colleague_gets_403_and_outsider_404_when_recording_training(as_user, org):
    url = reverse("org:training_record", args=[org.officer.pk])
    assert as_user(org.colleague).post(url, TRAINING).status_code == 403
    assert as_user(org.outsider).post(url, TRAINING).status_code == 404
    assert not TrainingRecord.objects.exists()


# --- API ----------------------------------------------------------------------------------------------------------


def test_api_officers_is_scoped(as_user, org, cert):
    data = as_user(org.colleague).get("/api/v1/org/officers").json()
    names = {row["name"] for row in data}
    assert "张伟" in names and "曹勇" not in names
    row = next(r for r in data if r["name"] == "张伟")
    assert row["certificate"]["number"] == "津执20190001"
    assert row["certificate"]["status_label"] == "有效"
    assert row["may_enforce"] is True


def test_api_officer_detail_of_another_town_is_404(as_user, org):
    client = as_user(org.outsider)
    assert client.get(f"/api/v1/org/officers/{org.officer.pk}").status_code == 404
    assert client.get(f"/api/v1/org/officers/{org.other_officer.pk}").json()["name"] == "曹勇"


def test_api_needs_login(client, org):
    assert client.get("/api/v1/org/officers").status_code == 401


# --- training import page -----------------------------------------------------------------------------------------


def _upload(rows, name="学时.xlsx"):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


IMPORT_HEADER = ["姓名", "日期", "主题", "学时", "来源"]


def test_leader_imports_a_training_sheet(as_user, org):
    client = as_user(org.leader)
    assert client.get(reverse("org:training_import")).status_code == 200
    upload = _upload([IMPORT_HEADER, ["张伟", "2019-03-14", "《行政处罚法》专题培训", 6, "线下培训"]])
    response = client.post(reverse("org:training_import"), {"file": upload})
    assert response.status_code == 302
    assert TrainingRecord.objects.get().person == org.officer


def test_import_with_a_bad_row_lists_it_and_imports_nothing(as_user, org):
    upload = _upload(
        [
            IMPORT_HEADER,
            ["张伟", "2019-03-14", "培训", 6, "线下培训"],
            ["张伟", "2019-03-15", "培训", "六", "线下培训"],
        ]
    )
    response = as_user(org.leader).post(reverse("org:training_import"), {"file": upload})
    content = response.content.decode()
    assert response.status_code == 200
    assert "第3行「学时」列" in content and "未导入任何记录" in content
    assert not TrainingRecord.objects.exists()


def test_import_rejects_a_file_that_is_not_xlsx(as_user, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("学时.csv", "姓名,日期\n".encode())
    response = as_user(org.leader).post(reverse("org:training_import"), {"file": upload})
    assert response.status_code == 200 and "「学时表（.xlsx）」" in response.content.decode()


def test_colleague_may_not_import_training(as_user, org):
    upload = _upload([IMPORT_HEADER, ["张伟", "2019-03-14", "培训", 6, "线下培训"]])
    assert as_user(org.colleague).get(reverse("org:training_import")).status_code == 403
    assert as_user(org.colleague).post(reverse("org:training_import"), {"file": upload}).status_code == 403
    assert not TrainingRecord.objects.exists()


def test_leader_of_another_town_cannot_import_for_this_town(as_user, org):
    upload = _upload([IMPORT_HEADER, ["张伟", "2019-03-14", "培训", 6, "线下培训"]])
    response = as_user(org.outsider).post(reverse("org:training_import"), {"file": upload})
    assert response.status_code == 200 and "本范围内没有名为「张伟」的人员" in response.content.decode()
    assert not TrainingRecord.objects.exists()


def test_district_officer_list_applies_each_towns_hours_and_its_queries_do_not_grow_with_the_bodies(as_user, org):
    """A town's own training-hours setting reaches its people and not the other town's, and the list reads the
    requirements of all bodies at once: two more units holding people add no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.access import Role
    from fazhi.core.services import change_setting
    from fazhi.org import rules
    from fazhi.org.selectors import officer_rows
    from fazhi.org.tests.factories import make_body, make_person

    change_setting(actor=None, key=rules.TRAINING_HOURS_SETTING, value=60, body=org.town)
    client = as_user(org.supervisor)
    with CaptureQueriesContext(connection) as before:
        assert client.get(reverse("org:officer_list"), {"year": 2019}).status_code == 200
    for name in ("辛口镇农业农村办", "张家窝镇城管科"):
        make_person(make_body(name, parent=org.town if "辛口" in name else org.other_town), Role.OFFICER)
    with CaptureQueriesContext(connection) as after:
        assert client.get(reverse("org:officer_list"), {"year": 2019}).status_code == 200
    assert len(after.captured_queries) == len(before.captured_queries)
    required = {row.person.pk: row.required for row in officer_rows(org.supervisor, 2019)}
    assert required[org.officer.pk] == 60  # 辛口镇's own setting, read through the town for its team
    assert required[org.other_officer.pk] == 40  # 张家窝镇 keeps Tianjin's rule for 2019 (the default of DOMAIN.md)
