"""The `fazhi due` and `fazhi deadline_sweep` commands, run as a clerk would (real process, real exit codes)."""

import os
import subprocess
import sys
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.core.models import DeadlineState
from fazhi.core.tests.factories import make_deadline


@pytest.mark.django_db
def test_due_prints_the_iso_date_first_then_the_explanation():
    out = StringIO()
    call_command("due", "2019-09-20", "20wd", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2019-10-23"
    assert "2019-10-01 至 2019-10-07 国庆节放假，不计入。" in lines


@pytest.mark.django_db
def test_due_with_pause_and_estimate():
    out = StringIO()
    call_command("due", "2026-12-20", "10wd", "--estimate", "--pause", "2026-12-21:2026-12-22", stdout=out)
    first = out.getvalue().splitlines()[0]
    assert first == "2027-01-05 估算"


@pytest.mark.django_db
def test_due_bad_period_exits_2_naming_accepted_forms():
    with pytest.raises(CommandError) as info:
        call_command("due", "2019-09-20", "20days")
    assert info.value.returncode == 2
    assert "20wd" in str(info.value) and "3m" in str(info.value)


@pytest.mark.django_db
def test_due_bad_date_exits_2():
    with pytest.raises(CommandError) as info:
        call_command("due", "2019-02-30", "20wd")
    assert info.value.returncode == 2 and "起算日" in str(info.value)


@pytest.mark.django_db
def test_due_uncovered_year_exits_nonzero_with_the_year():
    with pytest.raises(CommandError) as info:
        call_command("due", "2027-03-01", "5wd")
    assert info.value.returncode == 3 and "2027年" in str(info.value)


def test_due_exit_codes_as_a_process(tmp_path):
    env = {**os.environ, "FAZHI_VAR_DIR": str(tmp_path), "FAZHI_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    migrate = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "migrate", "-v0"], env=env, capture_output=True, check=False
    )
    assert migrate.returncode == 0, migrate.stderr
    ok = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "due", "2019-09-20", "7wd"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and ok.stdout.splitlines()[0] == "2019-09-30"
    bad = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "due", "2019-09-20", "7x"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "可用的写法" in bad.stderr
    uncovered = subprocess.run(
        [sys.executable, "-m", "fazhi.cli", "due", "2027-03-01", "7wd"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uncovered.returncode != 0 and "2027年的节假日安排尚未录入" in uncovered.stderr


@pytest.mark.django_db
def test_deadline_sweep_marks_overdue_open_deadlines_once(town):
    deadline = make_deadline(town, start=date(2019, 9, 20))
    out = StringIO()
    call_command("deadline_sweep", stdout=out)
    assert "标记逾期：1 项" in out.getvalue()
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.MISSED
    out = StringIO()
    call_command("deadline_sweep", stdout=out)
    assert "标记逾期：0 项" in out.getvalue()
