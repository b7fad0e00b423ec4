from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role, has_role
from fazhi.demo import data
from fazhi.demo.org import org_step
from fazhi.org import selectors
from fazhi.org.models import Body, Certificate, CertificateState, TrainingRecord, User


def _counts():
    return {
        "bodies": Body.objects.count(),
        "users": User.objects.count(),
        "certificates": Certificate.objects.count(),
        "training": TrainingRecord.objects.count(),
        "chain": ChainEntry.objects.count(),
    }


@pytest.fixture
def demo(db):
    """Only the organisation step (fast); the full command runs in the first test."""
    lines = []
    org_step(lines.append)
    return lines


def test_load_demo_twice_changes_nothing_prints_logins_and_the_chain_verifies(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    for username, _ in data.LOGINS:
        assert username in out.getvalue()
    assert data.DEMO_PASSWORD in out.getvalue()
    first = _counts()
    assert first["chain"] > 100
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert _counts() == first
    assert "组织与人员：演示数据已存在（机构代码 XQ），跳过。" in again.getvalue()
    call_command("audit_verify", "--quiet", stdout=StringIO())  # raises CommandError when the chain is broken
    _the_published_report_counts_the_2019_penalty_decisions()
    _the_counsel_gate_can_be_met_on_the_demo_date()
    _exchange_sent_the_first_three_quarters_and_the_fourth_waits()


def _exchange_sent_the_first_three_quarters_and_the_fourth_waits():
    """ADR 0068: the demo's outbox up to 2019-09-30 went to the district's receiver (as ``xq_shuju``) in signed
    batches; what Q4 added waits for the next push; no version stands after the demo's date."""
    from collections import defaultdict
    from datetime import date

    from fazhi.demo.exchange import ACCOUNT
    from fazhi.exchange.models import OutboxEvent, ReceivedRecord
    from fazhi.exchange.records import as_of

    rows = list(OutboxEvent.objects.order_by("id"))
    sent = [r for r in rows if r.sent_at is not None]
    pending = [r for r in rows if r.sent_at is None]
    assert sent and pending
    assert all(as_of(r.record) <= date(2019, 9, 30) for r in sent)
    assert all(as_of(r.record) >= date(2019, 10, 1) for r in pending)
    assert all(as_of(r.record) <= date(2020, 2, 20) for r in rows)
    # Per record, the sent versions come before the pending ones (the upstream sees them in order).
    state = defaultdict(list)
    for r in rows:
        state[r.record_id].append((r.version, r.sent_at is not None))
    assert all(flags == sorted(flags, key=lambda v: (not v[1], v[0])) for flags in state.values())
    # Each of Q1–Q3 was one push run; the receiver stored every sent version once, as it was sent.
    account = User.objects.get(username=ACCOUNT)
    received = {(r.record_id, r.version): r.record for r in ReceivedRecord.objects.filter(sender=account)}
    assert received == {(r.record_id, r.version): r.record for r in sent}
    assert {"case", "publication", "certificate", "inspection"} <= {r.record_type for r in sent}
    batches = ChainEntry.objects.filter(event="exchange.batch_received", actor_id=account.pk)
    assert batches.count() >= 3 and not account.has_usable_password()
    # The quarterly statistics count the 双随机 checks the demo recorded (inspection records of the quarter).
    import io

    from django.test import Client
    from openpyxl import load_workbook

    client = Client()
    client.force_login(User.objects.get(username="leader"))
    for quarter in (2, 3):
        response = client.get("/exchange/quarterly/", {"year": 2019, "quarter": quarter})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]
        column = sheet[1].index("行政检查·双随机抽查（户次）")
        first, last = date(2019, 3 * quarter - 2, 1), date(2019, 3 * quarter, 30)  # June and September end on the 30th
        checked = {
            r.record_id
            for r in rows
            if r.record_type == "inspection"
            and r.record["data"]["inspected_on"]
            and first <= date.fromisoformat(r.record["data"]["inspected_on"]) <= last
        }
        totals = next(r for r in sheet if r[0] == "合计")
        assert totals[column] == len(checked) > 0  # every drawn object inspected in the quarter


def _the_counsel_gate_can_be_met_on_the_demo_date():
    """辛口镇 turns the counsel gate on for major enforcement decisions (ADR 0040), so on the demo's date (2020-02-20)
    its adviser must be in term, or no major case could be decided in the demo: the 2019 firm is renewed (ADR 0070)."""
    from datetime import date

    from fazhi.counsel.selectors import active_engagements

    leader = User.objects.get(username="leader")
    (renewal,) = active_engagements(leader, on=date(2020, 2, 20))
    assert (renewal.term_start, renewal.term_end) == (date(2020, 1, 1), date(2020, 12, 31))
    assert len(active_engagements(leader, on=date(2019, 12, 20))) == 1  # the 2019 term, still the one for 2019 dates


def _the_published_report_counts_the_2019_penalty_decisions():
    """The 2019 disclosure report's 第二十条第（六）项 行政处罚 row agrees with the 2019 decisions (the demo builds the
    cases before it publishes the report)."""
    from fazhi.disclosure.models import AnnualReport
    from fazhi.enforcement.selectors import decided_penalty_count

    report = AnnualReport.objects.get(body__code=data.XINKOU_CODE, year=2019, state="published")
    cells = [
        cell
        for table in report.snapshot["tables"].values()
        for group in table.get("groups", [])
        for row in group.get("rows", [])
        for cell in row["cells"]
        if cell.get("record") == "enforcement.penalties"
    ]
    xinkou = Body.objects.get(code=data.XINKOU_CODE)
    expected = decided_penalty_count(Body.objects.filter(path__startswith=xinkou.path).values("id"), 2019)
    assert expected > 40  # 65 cases in 2019: the ordinary penalties and the 简易程序 fines
    assert [c["value"] for c in cells] == [expected]


def test_org_step_skips_when_the_district_exists(demo):
    first = _counts()
    lines = []
    org_step(lines.append)
    assert _counts() == first
    assert "跳过" in lines[0]


def test_every_demo_login_works_with_the_demo_password(demo):
    request = RequestFactory().post("/login/")  # django-axes checks every authentication against its request
    for username, _description in data.LOGINS:
        assert authenticate(request, username=username, password=data.DEMO_PASSWORD) is not None, username
    assert authenticate(request, username="officer1", password="not-the-password") is None


def test_demo_roles_and_places(demo):
    def user(name):
        return User.objects.select_related("body").get(username=name)

    assert user("admin").is_superuser
    assert has_role(user("officer1"), Role.OFFICER) and user("officer1").body.name == "辛口镇综合执法大队"
    assert has_role(user("reviewer"), Role.LEGAL_REVIEWER) and user("reviewer").body.short_name == "司法所"
    assert has_role(user("leader"), Role.LEADER) and user("leader").body.name == "西青区辛口镇人民政府"
    assert has_role(user("clerk"), Role.DISCLOSURE_CLERK)
    assert has_role(user("mediator"), Role.MEDIATOR)
    assert has_role(user("supervisor"), Role.SUPERVISOR) and user("supervisor").body.name == "西青区司法局"
    assert has_role(user("zjw_officer"), Role.OFFICER) and "张家窝镇" in user("zjw_officer").body.name
    xinkou = Body.objects.get(code=data.XINKOU_CODE)
    assert 20 <= User.objects.filter(body__path__startswith=xinkou.path).count() <= 30


def test_demo_certificates_cover_every_case(demo):
    today = timezone.localdate()
    officer1, officer2 = User.objects.get(username="officer1"), User.objects.get(username="officer2")
    assert selectors.may_enforce(officer1, today) and selectors.may_enforce(officer2, today)
    assert selectors.may_enforce(User.objects.get(username="zjw_officer"), today)
    assert Certificate.objects.filter(state=CertificateState.REVOKED).count() == 1
    assert Certificate.objects.filter(state=CertificateState.SUSPENDED).count() == 1
    leader = User.objects.get(username="leader")
    expiring = selectors.certificates_expiring(leader)
    assert expiring and all(c.valid_to <= today + timedelta(days=60) for c in expiring)
    officers_without = User.objects.filter(groups__name=Role.OFFICER.value, certificates__isnull=True)
    assert officers_without.exists()
    assert User.objects.get(username="zjw_officer") not in [c.holder for c in expiring]


def test_demo_2019_training_uses_the_tianjin_40_hours_and_some_fall_short(demo):
    leader = User.objects.get(username="leader")
    short = selectors.people_short_of_hours(leader, 2019)
    assert short and all(row.required == 40 for row in short)
    assert "第十条第二款" in short[0].citation
    assert selectors.my_training_summary(User.objects.get(username="officer1"), 2019)["short"] is False


def test_load_demo_refuses_a_database_with_real_data(db, settings):
    from django.core.management.base import CommandError

    from fazhi.org.tests.factories import BodyFactory, StaffFactory

    settings.DEBUG = False
    StaffFactory(username="wangfang", body=BodyFactory(code="REAL-1"))
    with pytest.raises(CommandError, match="拒绝载入演示数据"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_load_demo_runs_on_such_a_database_when_told_or_in_debug(db, settings, monkeypatch):
    from fazhi.demo.management.commands import load_demo
    from fazhi.org.tests.factories import BodyFactory, StaffFactory

    monkeypatch.setattr(load_demo, "STEPS", [org_step])  # the organisation step is enough to show it ran
    StaffFactory(username="wangfang", body=BodyFactory(code="REAL-1"))
    settings.DEBUG = False
    call_command("load_demo", "--i-know-this-is-not-production", stdout=StringIO())
    assert User.objects.filter(username="admin").exists()
    User.objects.filter(username="admin").update(username="admin-renamed")  # no longer looks like the demo
    settings.DEBUG = True
    monkeypatch.setattr(load_demo, "STEPS", [])
    call_command("load_demo", stdout=StringIO())  # DEBUG lets it through


def test_load_demo_gives_admin_and_supervisor_the_published_second_factor_key(demo):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from fazhi.demo.second_factor import second_factor_step

    lines = []
    second_factor_step(lines.append)
    second_factor_step(lines.append)
    assert "跳过" in lines[1]
    for username in data.DEMO_TOTP_USERS:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert device.verify_token(TOTP(bytes.fromhex(data.DEMO_TOTP_KEY_HEX)).token())
