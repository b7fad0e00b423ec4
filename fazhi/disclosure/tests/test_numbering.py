"""登记号, 答复书文号 and 索引号 come from core's counter (fazhi.core.numbering); the migration that retired
disclosure's own counter carried every series over, so numbering continues without a gap or a reuse."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.core.numbering import DocumentCounter, last_issued
from fazhi.disclosure import services
from fazhi.disclosure.tests import factories as f

BEFORE = [("disclosure", "0001_initial")]


def test_numbers_come_from_the_core_counter_per_series_and_year(world):
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
        req = f.request(world.clerk, world.town, submitted_on=date(2019, 9, 20))
        services.answer_request(
            actor=world.clerk, request=req, on=date(2019, 10, 8), outcome="disclosed.provided", content="x"
        )
    assert req.number == "辛口镇依申请〔2019〕2号"
    assert last_issued(body=world.town, series="依申请", year=2019) == 2
    assert last_issued(body=world.town, series="信公答", year=2019) == 1


@pytest.mark.django_db(transaction=True)
def test_migration_carries_the_old_counters_over_and_numbering_continues():
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        town = f.body("迁移测试镇", short_name="迁移镇")
        clerk = f.staff("clerk_m", town, f.Role.DISCLOSURE_CLERK)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Counter = old_apps.get_model("disclosure", "Counter")
    Counter.objects.create(body_id=town.pk, series="request", year=2019, last=41)
    Counter.objects.create(body_id=town.pk, series="answer", year=2019, last=17)
    Counter.objects.create(body_id=town.pk, series="catalogue", year=2018, last=3)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    # Forward through 0002_counter_to_core_numbering to the latest migration, so later tests see the current schema.
    executor.migrate(executor.loader.graph.leaf_nodes("disclosure"))

    assert {(c.series, c.year, c.last_number) for c in DocumentCounter.objects.filter(body=town)} == {
        ("依申请", 2019, 41),
        ("信公答", 2019, 17),
        ("公开目录", 2018, 3),
    }
    assert "disclosure_counter" not in connection.introspection.table_names()
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        req = f.request(clerk, town, submitted_on=date(2019, 9, 20))
        answer = services.answer_request(
            actor=clerk, request=req, on=date(2019, 10, 8), outcome="disclosed.provided", content="x"
        )
    assert req.number == "迁移镇依申请〔2019〕42号"
    assert answer.letter_number == "迁移镇信公答〔2019〕18号"
