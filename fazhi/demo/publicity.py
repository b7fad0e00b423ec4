"""Demo step: every decided 2019 case of 辛口镇 gets its publication record through the services; most are approved
within the 7 working days, some late, a few left unpublished (so the supervision view shows 应公示未公示), one is
withdrawn after its decision was revoked. Idempotent: a town that already has publication records is skipped.

The demo sets a longer retention for 辛口镇 (a body-level setting, noted as such) so the 2019 records can still be
browsed on the portal; the platform defaults (3 months / 3 years / 6 months for natural persons) are unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.services import change_setting
from fazhi.enforcement.models import Case
from fazhi.org.models import Body, User
from fazhi.publicity import services
from fazhi.publicity.models import PublicationState, StatisticsReport
from fazhi.publicity.rules import RETENTION_PERSON_MONTHS, RETENTION_SHORT_MONTHS, RETENTION_YEARS

TOWN = "XQ-XK"


def publicity_step(log) -> None:
    town = Body.objects.filter(code=TOWN).first()
    if town is None:
        log("执法决定公开：没有辛口镇（机构代码 XQ-XK），跳过。")
        return
    # The marker is the published 2019 statistics (the last thing this step does): once enforcement's decide step
    # opens publication records itself, pending records already exist when this step first runs.
    if StatisticsReport.objects.filter(body=town, year=2019).exists():
        log("执法决定公开：演示记录已存在，跳过。")
        return
    admin = User.objects.filter(username="admin").first()
    reviewer = User.objects.get(username="reviewer")
    note = "演示：延长辛口镇公示期，以便浏览 2019 年演示数据"
    for key, value in ((RETENTION_YEARS, 10), (RETENTION_SHORT_MONTHS, 120), (RETENTION_PERSON_MONTHS, 120)):
        change_setting(actor=admin, key=key, value=value, body=town, note=note)
    cases = Case.objects.filter(body__path__startswith=town.path, decided_on__isnull=False).exclude(decision_number="")
    counts = {"published": 0, "late": 0, "pending": 0, "blocked": 0, "withdrawn": 0}
    for n, case in enumerate(cases.order_by("decided_on", "id")):
        pub = services.open_publication_for_case(actor=reviewer, case=case)  # returns an existing record as is
        if pub.state == PublicationState.BLOCKED:
            counts["blocked"] += 1
            continue
        if n % 11 == 5:
            counts["pending"] += 1  # left for the supervision view: 应公示未公示
            continue
        for suspect in services.open_suspects(pub):
            pub = services.mask_more(actor=reviewer, publication=pub, text=suspect["text"], reason="演示：审核人员屏蔽")
        late = n % 7 == 3
        on = pub.decided_on + timedelta(days=20 if late else 3)
        pub = services.approve(actor=reviewer, publication=pub, on=on)
        counts["late" if late else "published"] += 1
        if n == 2:
            services.record_revocation(
                actor=reviewer,
                publication=pub,
                on=on + timedelta(days=30),
                cause="区人民政府行政复议决定撤销原处罚决定",
            )
            services.withdraw(
                actor=reviewer,
                publication=pub,
                on=on + timedelta(days=31),
                reason="该行政处罚决定已被西青区人民政府行政复议决定撤销，依法撤回公开。",
            )
            counts["withdrawn"] += 1
    services.publish_statistics(actor=admin, body=town, year=2019, on=date(2020, 1, 20))
    log(
        f"执法决定公开：决定后第3日公开 {counts['published']} 件、第20日公开 {counts['late']} 件、"
        f"应公示未公示 {counts['pending']} 件、不予公开 {counts['blocked']} 件、撤回 {counts['withdrawn']} 件；2019 年度行政执法统计年报已公开。"
    )
