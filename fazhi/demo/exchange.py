"""Demo step: 辛口镇's instance reports upstream — its 2019 first three quarters already sent, the fourth waiting.

The demo is one instance playing both ends (ADR 0068): the town side's outbox (every exported record version of the
demo year, written by the chain listener while the steps above ran) is pushed through the real push code
(``exchange.push.push``) with an in-process transport that hands each signed batch to the real receiver
(``exchange.services.receive_batch``) as the district's 数据报送 account ``xq_shuju`` (西青区, an API account with no
password and no role). Three runs, one per quarter: the versions whose business date falls in 2019 Q1, Q2, Q3 (a
record's versions in order, up to the first one past the quarter). What the fourth quarter and January–February 2020
added stays pending — what ``fazhi exchange_push`` would send next. Received rows live only in exchange's tables: no
figure, page or report reads them, so nothing is counted twice.

Idempotent: skipped when the account exists. Runs before the annual report (which must stay last).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from fazhi.demo import data
from fazhi.exchange import push, records, services
from fazhi.exchange.batches import signature
from fazhi.exchange.models import OutboxEvent
from fazhi.org.models import Body, User
from fazhi.org.services import create_staff

ACCOUNT = "xq_shuju"
UPSTREAM = "https://zfjd.xq.tj.example"  # only a label: the transport delivers in process
QUARTER_ENDS = (date(2019, 3, 31), date(2019, 6, 30), date(2019, 9, 30))


def versions_due(until: date) -> list[int]:
    """Pending outbox rows of versions standing at or before ``until``: per record, its pending versions in order
    up to the first one past ``until`` (so the upstream always sees a record's versions in order)."""
    by_record: dict[str, list[OutboxEvent]] = defaultdict(list)
    for row in OutboxEvent.objects.filter(sent_at__isnull=True).only("id", "record_id", "record").order_by("id"):
        by_record[row.record_id].append(row)
    due = []
    for rows in by_record.values():
        for row in rows:
            day = records.as_of(row.record)
            if day is None or day > until:
                break
            due.append(row.pk)
    return sorted(due)


def exchange_step(log) -> None:
    if User.objects.filter(username=ACCOUNT).exists():
        log("数据交换：演示报送账号已存在，跳过。")
        return
    district = Body.objects.filter(code=data.DISTRICT_CODE).first()
    if district is None:
        log("数据交换：没有西青区（机构代码 XQ），跳过。")
        return
    account = create_staff(actor=None, username=ACCOUNT, last_name="西青区", first_name="执法监督平台数据报送",
                           body=district)  # fmt: skip

    def deliver(url, token, body, head, timeout):
        result = services.receive_batch(sender=account, body=body, sig=signature(body, head), head=head)
        return 200, str(result)

    sent = []
    for n, until in enumerate(QUARTER_ENDS, start=1):
        ids = versions_due(until)
        result = push.push(url=UPSTREAM, token="in-process", transport=deliver, only={"pk__in": ids},
                           batch_size=200)  # fmt: skip
        if result.failures:
            raise RuntimeError(f"演示数据报送失败：{result.failures[-1]}")
        sent.append(f"第{n}季度 {result.sent} 条（{result.batches} 批）")
    pending = OutboxEvent.objects.filter(sent_at__isnull=True).count()
    log(f"数据交换：2019年{'、'.join(sent)}已报送西青区；待推送 {pending} 条（第四季度起）。")
