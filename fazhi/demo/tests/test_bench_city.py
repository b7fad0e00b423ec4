"""fazhi bench_city (issue 17, ADR 0074) at a tiny size: the counts asked for, every case state that the dates imply,
a chain that verifies, and the two refusals (too little disk, a database that already holds data)."""

from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from fazhi.audit.models import ChainEntry, ChainHead
from fazhi.audit.verify import verify_chain
from fazhi.core.access import Role, has_role
from fazhi.core.models import Deadline
from fazhi.demo import city
from fazhi.disclosure.models import DisclosureRequest
from fazhi.enforcement.models import Case
from fazhi.enforcement.workflow import OPEN_STATUSES
from fazhi.org.models import Body, Certificate, User
from fazhi.publicity.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)


def build(**kwargs):
    out = StringIO()
    call_command("bench_city", "--no-progress", stdout=out, **kwargs)
    return out.getvalue()


def test_a_small_city_has_the_asked_counts_and_its_chain_verifies_to_the_head():
    text = build(towns=4, cases=600, chain=7000)
    assert "案件 600 件" in text
    assert Case.objects.count() == 600
    # 4 towns, each with its 综合执法大队, under one district
    assert Body.objects.filter(kind="town").count() == 4
    assert Body.objects.filter(kind="team").count() == 4
    assert Body.objects.filter(kind="district").count() == 1
    # a disclosure request for every 20 cases
    assert DisclosureRequest.objects.count() == 600 // city.DISCLOSURE_EVERY
    # every officer holds a certificate; every case has two handling officers of its own town's team
    officers = User.objects.filter(groups__name=Role.OFFICER.value)
    assert officers.count() == 4 * city.OFFICERS_PER_TOWN
    assert Certificate.objects.filter(holder__in=officers).count() == officers.count()
    assert Case.officers.through.objects.count() == 2 * 600
    case = Case.objects.order_by("id").first()
    assert {u.body.parent_id for u in case.officers.all()} == {case.body_id}
    # at least the asked chain length, a valid chain, the head at its last entry
    assert ChainEntry.objects.count() >= 7000
    result = verify_chain(check_files=False)
    assert result.ok, result.message
    last = ChainEntry.objects.order_by("-seq").first()
    head = ChainHead.objects.get(id=1)
    assert (head.seq, head.entry_hash) == (last.seq, last.entry_hash) == (result.head_seq, result.head_hash)


def test_open_cases_have_one_live_deadline_and_decided_penalties_have_a_publication():
    build(towns=2, cases=800, chain=0)
    states = Counter(Case.objects.values_list("status", flat=True))
    # recent cases are still open, older ones archived: both ends of the workflow are present
    assert states["archived"] > 0 and sum(states[s] for s in OPEN_STATUSES) > 0
    for case in Case.objects.filter(status__in=["lead", "investigating", "served"]):
        live = Deadline.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk), closed_on=None)
        assert live.count() == 1, case.status
    for case in Case.objects.filter(status="archived", procedure="ordinary"):
        assert case.filed_on and case.decided_on and case.closed_on and case.archived_on
        assert case.discovered_on <= case.filed_on <= case.decided_on <= case.closed_on <= case.archived_on
    penalties = Case.objects.filter(outcome="penalty")
    assert Publication.objects.filter(case__in=penalties).count() == penalties.count()


def test_the_generated_people_can_log_in_with_their_roles():
    build(towns=1, cases=20, chain=0)
    supervisor = User.objects.get(groups__name=Role.SUPERVISOR.value)
    assert has_role(supervisor, Role.SUPERVISOR) and supervisor.check_password(city.PASSWORD)


def test_a_database_with_data_is_refused_unless_forced():
    build(towns=1, cases=10, chain=0)
    with pytest.raises(CommandError, match="数据库不是空的.*--force"):
        build(towns=1, cases=10, chain=0)
    assert Case.objects.count() == 10
    # forced: appended after what is there, and the chain still verifies from genesis to the new head
    build(towns=1, cases=10, chain=50, force=True)
    assert Case.objects.count() == 20
    assert verify_chain(check_files=False).ok


def test_too_little_free_disk_is_refused_with_both_figures_and_nothing_written(monkeypatch):
    monkeypatch.setattr(city.shutil, "disk_usage", lambda path: SimpleNamespace(total=10**9, used=0, free=10**6))
    need = city.Plan(towns=3, cases=1000, chain=10000).bytes_needed()
    with pytest.raises(CommandError, match=r"磁盘空间不足.*1,000 件案件.*10,000 条审计链") as caught:
        build(towns=3, cases=1000, chain=10000)
    assert f"{need / 1e9:.1f} GB" in str(caught.value)
    assert Case.objects.count() == 0 and ChainEntry.objects.count() == 0


@pytest.mark.parametrize("args", [{"towns": 0}, {"cases": -1}, {"chain": -5}])
def test_out_of_range_sizes_are_refused(args):
    with pytest.raises(CommandError, match="应在"):
        build(**{"towns": 1, "cases": 1, **args})
