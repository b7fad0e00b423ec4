"""Publicity: redaction throughput and portal search, each against a baseline in the same run.

1. Redaction of decision texts (record-known names/IDs/phones/addresses plus every free-text pattern, span merging and
   masking) vs one plain regex pass over the same texts (``re.sub`` of digit runs) — the cheapest thing that could
   be called "masking".
2. Portal search over 100,000 published records (count + first page of 20, as the page does) for typical queries vs
   the cheapest page (the 20 newest rows by primary key).

    .venv/bin/python bench/bench_publicity.py [N_RECORDS] [N_TEXTS]   (defaults 100000, 2000; a throwaway SQLite DB
                                                                      unless FAZHI_DATABASE_URL is set)
"""

import platform
import random
import re
import sys
import time
from datetime import date, timedelta

from _django import setup, write_result

N_RECORDS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
N_TEXTS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
VIOLATIONS = ["露天焚烧秸秆", "占道经营", "违法建设", "乱倒建筑垃圾", "无证经营", "擅自设置户外广告"]


def _id18(rng) -> str:
    from fazhi.publicity.redaction import id18_check_digit

    born = date(1950, 1, 1) + timedelta(days=rng.randrange(18000))
    first = f"120111{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first + id18_check_digit(first)


def decision_text(rng, n: int) -> tuple[str, dict]:
    party = rng.choice(SURNAMES) + "某" * rng.randint(1, 2)
    witness = rng.choice(SURNAMES) + rng.choice("明华强丽军") + rng.choice("一二三")
    pid, phone = _id18(rng), f"13{rng.randrange(10**9):09d}"
    address = f"天津市西青区辛口镇第{rng.randint(1, 9)}埠村{rng.randint(1, 200)}号"
    text = (
        f"西青区辛口镇人民政府\n行政处罚决定书\n津西青辛罚决〔2019〕{n}号\n当事人：{party}\n身份证号码：{pid}\n"
        f"住所（地址）：{address}\n本机关于2019年4月{rng.randint(1, 28)}日对你{rng.choice(VIOLATIONS)}一案立案调查，现已调查终结。\n"
        f"一、违法事实和证据\n当事人于2019年4月1日在辛口镇某村东侧田地{rng.choice(VIOLATIONS)}。证人{witness}（电话{'139' + phone[3:]}）证实。"
        f"当事人驾驶津A{rng.randrange(10**5):05d}号车辆。联系电话{phone}，开户账号6222{rng.randrange(10**15):015d}。\n"
        "上述事实有以下证据证明：现场检查笔录、询问笔录、现场照片。\n二、处罚种类和依据\n"
        f"依据《中华人民共和国大气污染防治法》第一百一十九条第一款的规定，本机关决定对你作出如下行政处罚：罚款人民币{rng.randint(5, 20) * 100}元。\n"
        "三、履行方式和期限\n限你自收到本决定书之日起15日内缴纳罚款。\n四、救济途径和期限\n"
        "如不服本决定，可以在收到本决定书之日起六十日内向天津市西青区人民政府申请行政复议，或者在六个月内依法向天津市西青区人民法院提起行政诉讼。\n"
    ) * 2
    known = {
        "party_name": party,
        "id_numbers": (pid,),
        "phones": (phone,),
        "addresses": (address,),
        "third_party_names": (witness,),
    }
    return text, known


def bench_redaction(rng) -> list[str]:
    from fazhi.publicity import redaction

    texts = [decision_text(rng, n) for n in range(N_TEXTS)]
    chars = sum(len(t) for t, _ in texts)
    digits = re.compile(r"\d{11,19}")
    t0 = time.perf_counter()
    for text, _ in texts:
        digits.sub(lambda m: "*" * len(m.group()), text)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    spans = 0
    for text, known in texts:
        spans += len(redaction.redact(text, redaction.Known(**known)).spans)
    full = time.perf_counter() - t0
    return [
        f"Texts: {N_TEXTS}, {chars / N_TEXTS:.0f} characters each on average; {spans / N_TEXTS:.1f} masked spans per text.",
        "",
        "| pass | texts/s | MB/s | ratio to baseline |",
        "|---|---:|---:|---:|",
        f"| baseline: one `re.sub` of digit runs | {N_TEXTS / base:,.0f} | {chars * 3 / base / 1e6:.1f} | 1.0 |",
        f"| `redaction.redact` (record + all patterns + merge + mask) | {N_TEXTS / full:,.0f} | {chars * 3 / full / 1e6:.1f} | {full / base:.1f}× slower |",
    ]


def seed(rng):
    from django.db import transaction

    from fazhi.enforcement.models import Case
    from fazhi.org.models import BodyKind
    from fazhi.org.services import create_body, create_staff
    from fazhi.publicity.models import Publication

    district = create_body(actor=None, name="天津市西青区", kind=BodyKind.DISTRICT, code="BD")
    towns = [
        create_body(actor=None, name=f"西青区第{i}镇人民政府", kind=BodyKind.TOWN, code=f"BT{i}", parent=district)
        for i in range(10)
    ]
    user = create_staff(
        actor=None, username="bench", last_name="测", first_name="试", body=towns[0], roles=[], password="x" * 12
    )
    start = date(2019, 1, 1)
    batch = 5000
    with transaction.atomic():
        for offset in range(0, N_RECORDS, batch):
            cases, pubs = [], []
            for n in range(offset, min(offset + batch, N_RECORDS)):
                body = towns[n % len(towns)]
                day = start + timedelta(days=n % 2000)
                violation = VIOLATIONS[n % len(VIOLATIONS)]
                cases.append(
                    Case(body=body, source="patrol", title=violation, description="-", place="-", discovered_on=day,
                         act_date=day, registered_by=user, party_kind="person", party_name=f"{SURNAMES[n % 20]}某",
                         decision_number=f"津西青罚决〔{day.year}〕{n}号", decided_on=day, outcome="penalty")
                )  # fmt: skip
            Case.objects.bulk_create(cases)
            for case in cases:  # bulk_create sets primary keys on SQLite ≥ 3.35 and PostgreSQL (RETURNING)
                pubs.append(
                    Publication(case_id=case.pk, body_id=case.body_id, kind="penalty" if case.pk % 5 else "other",
                                state="published", decision_number=case.decision_number, party_display=case.party_name,
                                violation_type=case.title, penalty=f"罚款人民币{(case.pk % 20 + 5) * 100}元",
                                decided_on=case.decided_on, original_text="-", original_sm3="0" * 64,
                                redacted_text="（已脱敏的决定书全文）" * 20, reviewed_by=user,
                                published_on=case.decided_on + timedelta(days=3), retire_on=date(2099, 1, 1))
                )  # fmt: skip
            Publication.objects.bulk_create(pubs)
    return towns


def bench_search(towns) -> list[str]:
    from fazhi.publicity.models import Publication
    from fazhi.publicity.selectors import published_search

    def page(qs):
        return qs.count(), list(qs[:20])

    queries = [
        ("no filter (first page)", {}),
        ("keyword “焚烧”", {"query": "焚烧"}),
        ("keyword “孙某” + kind", {"query": "孙某", "kind": "penalty"}),
        ("body + one year", {"body_id": towns[3].pk, "date_from": date(2020, 1, 1), "date_to": date(2020, 12, 31)}),
        ("decision number", {"query": "〔2019〕12345号"}),
    ]
    repeat = 5
    t0 = time.perf_counter()
    for _ in range(repeat):
        list(Publication.objects.order_by("-id")[:20])
    base = (time.perf_counter() - t0) / repeat
    lines = [
        f"Records: {Publication.objects.count():,} published (10 towns, 2019–2024).",
        "",
        "| query | rows found | ms per page (count + 20 rows) | ratio to baseline |",
        "|---|---:|---:|---:|",
        f"| baseline: 20 newest rows by primary key | 20 | {base * 1000:.1f} | 1.0 |",
    ]
    for label, kw in queries:
        t0 = time.perf_counter()
        for _ in range(repeat):
            found, _rows = page(published_search(**kw))
        elapsed = (time.perf_counter() - t0) / repeat
        lines.append(f"| {label} | {found:,} | {elapsed * 1000:.1f} | {elapsed / base:,.0f}× |")
    return lines


def main():
    setup()
    from django.db import connection

    rng = random.Random(2019)
    out = [
        "# Publicity benchmarks",
        "",
        f"Python {platform.python_version()}, {connection.vendor}, {platform.machine()}.",
        "",
    ]
    out += ["## 1. Redaction throughput", ""] + bench_redaction(rng) + [""]
    t0 = time.perf_counter()
    towns = seed(rng)
    out += ["## 2. Portal search", "", f"Seeding took {time.perf_counter() - t0:.0f} s."] + bench_search(towns)
    out += [
        "",
        "Reading: redaction costs well under 2 ms per two-page decision (record-known values are matched through one",
        "digit-run index per text, not one pattern per value); that is negligible next to the reviewer's work and is",
        "paid once per decision. Search by body and date and the unfiltered first page use the portal indexes; keyword",
        "search is a LIKE scan over four columns (SQLite has no trigram index), a few hundred ms at 100,000 records;",
        "on PostgreSQL a pg_trgm GIN index would be the next step.",
    ]
    text = "\n".join(out) + "\n"
    print(text)
    write_result(f"publicity{'' if connection.vendor == 'sqlite' else '-' + connection.vendor}.md", text)


if __name__ == "__main__":
    main()
