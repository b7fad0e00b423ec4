"""Jobs people start from the jobs page: who may, what they see, and the worker doing them with visible progress."""

import io

import pytest
from django.db import connection
from django_tasks.backends.database.management.commands.db_worker import Worker
from django_tasks.backends.database.models import DBTaskResult
from openpyxl import load_workbook

from fazhi.audit import verify
from fazhi.jobs import services
from fazhi.jobs.models import Job, JobKind, JobState


def _work_queue():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker").run()  # fmt: skip


def _job(body, kind=JobKind.VERIFY, **kw):
    return Job.objects.create(kind=kind, body=body, **kw)


@pytest.mark.django_db(transaction=True)
def test_a_supervisors_verification_runs_in_the_worker_and_counts_every_entry(world, client):
    supervisor = world.supervisor
    assert world.leader and world.other_town  # a few more entries on the chain
    client.force_login(supervisor)
    response = client.post("/jobs/verify/")
    assert response.status_code == 302
    job = Job.objects.get()
    # The 司法局 is a district unit: its supervisor's jobs are the district's.
    assert (job.state, job.kind, job.body, job.requested_by) == (
        JobState.QUEUED,
        JobKind.VERIFY,
        world.district,
        supervisor,
    )

    _work_queue()

    job.refresh_from_db()
    entries = verify.chain_size()
    assert job.state == JobState.DONE
    assert (job.done, job.total, job.percent) == (entries, entries, 100)
    assert job.result["ok"] is True and job.result["count"] == entries
    assert job.message.startswith(f"审计链完整：共 {entries} 条")
    page = client.get("/jobs/")
    assert f"{entries} / {entries}" in page.content.decode()


@pytest.mark.django_db
def test_only_supervisors_may_start_a_verification_and_a_refusal_queues_nothing(world, client):
    client.force_login(world.leader)
    response = client.post("/jobs/verify/")
    assert response.status_code == 403
    assert "监督人员" in response.content.decode()
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_second_verification_while_one_is_live_is_refused(world, client):
    services.enqueue_verification(actor=world.supervisor)
    client.force_login(world.supervisor)
    response = client.post("/jobs/verify/")
    assert response.status_code == 409
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "quarter"), [("2019", "5"), ("19", "1"), ("", "")])
def test_an_export_with_a_bad_year_or_quarter_is_refused_naming_the_field(world, client, year, quarter):
    client.force_login(world.leader)
    response = client.post("/jobs/export/", {"year": year, "quarter": quarter})
    assert response.status_code == 400
    assert ("季度" if year == "2019" else "年度") in response.content.decode()
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_leaders_quarterly_export_lists_their_town_and_only_they_and_the_district_may_download_it(world, client):
    leader, outsider, supervisor = world.leader, world.outsider, world.supervisor
    assert world.team  # the town's 执法大队
    job = services.enqueue_export(actor=leader, year=2019, quarter=4)
    _work_queue()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    client.force_login(leader)
    response = client.get(f"/jobs/{job.pk}/download/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row and row[1]]
    assert world.town.name in names and world.team.name in names
    assert world.other_town.name not in names
    client.force_login(outsider)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404
    client.force_login(supervisor)
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 200


@pytest.mark.django_db
def test_each_user_sees_the_jobs_of_their_bodies_and_a_supervisor_the_districts(world, client):
    mine, theirs = _job(world.town), _job(world.other_town)
    client.force_login(world.leader)
    page = client.get("/jobs/").content.decode()
    assert f'data-job="{mine.pk}"' in page and f'data-job="{theirs.pk}"' not in page
    client.force_login(world.supervisor)
    page = client.get("/jobs/").content.decode()
    assert f'data-job="{mine.pk}"' in page and f'data-job="{theirs.pk}"' in page


@pytest.mark.django_db
def test_the_table_polls_while_a_job_is_live_and_stops_when_all_are_finished(world, client):
    job = _job(world.town)
    client.force_login(world.leader)
    partial = client.get("/jobs/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in partial and "<html" not in partial
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE)
    partial = client.get("/jobs/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial


@pytest.mark.django_db(transaction=True)
def test_progress_written_by_the_reporter_thread_is_seen_while_the_job_runs(world):
    job = _job(world.town)
    services.start(job.pk, total=10)
    progress = services.Progress(job.pk, interval=0.01)
    with progress.reporting():
        progress(4)
        import time

        for _ in range(200):
            if Job.objects.get(pk=job.pk).done == 4:
                break
            time.sleep(0.01)
    assert Job.objects.get(pk=job.pk).done == 4
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_the_annual_figures_job_works_out_the_reports_numbers(world):
    from fazhi.annual.services import create_report

    report = create_report(actor=world.leader, body=world.town, year=2019)
    job = services.enqueue_annual_figures(actor=world.leader, report_id=report.pk)
    _work_queue()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.result and all("label" in v and "text" in v for v in job.result.values())
