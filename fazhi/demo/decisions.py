"""Demo step: 辛口镇's 2019 legal adviser and major administrative decisions (issue #14), through the services.

One law-firm engagement for 2019 (renewed for 2020, the demo's date being 2020-02-20) with 12 opinions: 8 on major enforcement cases (asked when the case went to legal
review; one answered late, one not adopted), 3 on the decisions and 1 on a service contract (topped up with contract
reviews when the town had fewer major cases). The 2019 决策事项目录 (agreed by the party committee, then published) with three items; one decision
carried through comment, hearing, risk assessment, counsel, legality review, deliberation (one dissent), the party
committee and publication, then an execution report; one stopped at legality review (returned); one reviewed and
waiting for the 常务会议. The demo town turns
on the counsel gate for major enforcement decisions (ADR 0040). Idempotent: skipped when the 2019 catalogue exists.
Everything is invented (the firm and the people); any likeness is unintended.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core import clock
from fazhi.core.services import change_setting
from fazhi.counsel import services as counsel
from fazhi.counsel.rules import REQUIRED_FOR_MAJOR_ENFORCEMENT
from fazhi.decisions import services
from fazhi.decisions.models import Catalogue
from fazhi.demo import data
from fazhi.enforcement.models import Case
from fazhi.org.models import Body, User
from fazhi.review.models import ReviewRequest
from fazhi.review.rules import POINT_KEYS
from fazhi.review.selectors import latest_round
from fazhi.review.services import give_opinion

TOWN = "XQ-XK"
d = date.fromisoformat


def _opinion(people, firm, subject, body, row, *, adopted=True, reason=""):
    opinion = counsel.ask_opinion(
        actor=people["clerk"], engagement=firm, subject=subject, body=body, question=row.get("question", "请出具法律意见"),
        on=d(row["asked_on"]), due_on=d(row["due_on"]), materials=row.get("materials", "草案及相关材料"),
    )  # fmt: skip
    counsel.answer_opinion(actor=people["reviewer"], opinion=opinion, on=d(row["answered_on"]), lawyer=row["lawyer"],
                           finding=row["finding"], answer=row["answer"])  # fmt: skip
    if adopted is not None:
        on = max(d(row["answered_on"]), d(row["due_on"]))
        counsel.record_adoption(actor=people["leader"], opinion=opinion, on=on, adopted=adopted, reason=reason)
    return opinion


def _enforcement_opinions(people, firm, town, count: int) -> int:
    """Opinions on the major cases of 2019 (those that went to legal review), asked on the day they were submitted."""
    rounds = (
        ReviewRequest.objects.filter(subject_type="enforcement.case", round=1, body__path__startswith=town.path,
                                     submitted_on__year=2019)
        .order_by("submitted_on", "id")[:count]
    )  # fmt: skip
    made = 0
    for n, review in enumerate(rounds):
        case = Case.objects.get(pk=int(review.subject_id))
        asked = review.submitted_on
        late = n == 3
        row = {
            "asked_on": asked.isoformat(), "due_on": (asked + timedelta(days=5)).isoformat(),
            "answered_on": (asked + timedelta(days=7 if late else 3)).isoformat(), "lawyer": ("李明", "周红")[n % 2],
            "finding": "lawful" if n % 4 else "amend", "question": "拟作出的处罚决定是否合法、适当？",
            "answer": "事实清楚，证据充分，适用法律正确，程序合法。" if n % 4 else "建议在决定书中补充裁量理由。",
            "materials": "案卷材料、处理建议",
        }  # fmt: skip
        not_adopted = n == 4
        opinion = counsel.ask_opinion(
            actor=people["officer1"], engagement=firm, subject=case, body=case.body, question=row["question"],
            on=asked, due_on=d(row["due_on"]), materials=row["materials"],
        )  # fmt: skip
        answered = min(d(row["answered_on"]), clock.today())
        counsel.answer_opinion(actor=people["reviewer"], opinion=opinion, on=answered, lawyer=row["lawyer"],
                               finding=row["finding"], answer=row["answer"])  # fmt: skip
        counsel.record_adoption(
            actor=people["leader"], opinion=opinion, on=answered, adopted=not not_adopted,
            reason="裁量理由已在集体讨论记录中载明，决定书不再重复" if not_adopted else "",
        )  # fmt: skip
        made += 1
    return made


def _published_decision(people, firm, item, plan):
    leader, clerk, reviewer = people["leader"], people["clerk"], people["reviewer"]
    decision = services.start(actor=leader, item=item, title=item.title, draft=plan["draft"], on=d(plan["started_on"]))
    c = plan["comment"]
    services.open_comment(actor=clerk, decision=decision, on=d(c["on"]), ends_on=d(c["ends_on"]), channel=c["channel"])
    closed = plan["comment_closed"]
    services.close_comment(actor=clerk, decision=decision, on=d(closed["on"]), summary=closed["summary"])
    r = plan["risk"]
    services.assess_risk(actor=clerk, decision=decision, on=d(r["on"]), assessor=r["assessor"], level=r["level"],
                         report=r["report"])  # fmt: skip
    _opinion(people, firm, decision, decision.body, plan["counsel"])
    h = plan["hearing"]
    services.hold_hearing(actor=clerk, decision=decision, on=d(h["on"]), materials_sent_on=d(h["materials_sent_on"]),
                          record=h["record"], signed=True)  # fmt: skip
    services.submit_review(actor=clerk, decision=decision, on=d(plan["review"]["submitted_on"]),
                           summary="决策草案及说明、法律依据、公众参与和听证情况、风险评估报告、法律顾问意见")  # fmt: skip
    give_opinion(actor=reviewer, request=latest_round("decisions.decision", decision.pk),
                 points={k: (True, "") for k in POINT_KEYS}, conclusion="agree",
                 opinion="决策事项属镇政府权限，程序完备，内容合法。", on=d(plan["review"]["reviewed_on"]))  # fmt: skip
    m = plan["deliberation"]
    services.deliberate(
        actor=leader, decision=decision, on=d(m["on"]), meeting_kind=m["meeting_kind"], views="\n".join(m["views"]),
        head_name=m["head"]["name"], head_post=m["head"]["post"], head_position=m["head"]["position"],
        head_view=m["head"]["view"], decision_text=m["text"],
    )  # fmt: skip
    p = plan["party"]
    services.report_to_party(actor=leader, decision=decision, on=d(p["on"]), party_record=p["record"])
    pub = plan["publish"]
    services.publish(actor=clerk, decision=decision, on=d(pub["on"]), channel=pub["channel"], text=pub["text"])
    e = plan["execution"]
    services.report_execution(actor=clerk, decision=decision, on=d(e["on"]), unit=e["unit"], report=e["report"])
    return decision


def _stopped_decision(people, firm, item, plan):
    leader, clerk, reviewer = people["leader"], people["clerk"], people["reviewer"]
    decision = services.start(actor=leader, item=item, title=item.title, draft=plan["draft"], on=d(plan["started_on"]))
    c = plan["comment"]
    services.open_comment(actor=clerk, decision=decision, on=d(c["on"]), ends_on=d(c["ends_on"]), channel=c["channel"])
    closed = plan["comment_closed"]
    services.close_comment(actor=clerk, decision=decision, on=d(closed["on"]), summary=closed["summary"])
    _opinion(people, firm, decision, decision.body, plan["counsel"], adopted=None)
    services.submit_review(actor=clerk, decision=decision, on=d(plan["review"]["submitted_on"]),
                           summary="实施方案草案、补偿安置标准测算、公众意见采纳情况、法律顾问意见")  # fmt: skip
    failing = plan["review"]["failing"]
    give_opinion(actor=reviewer, request=latest_round("decisions.decision", decision.pk),
                 points={k: (k != failing, plan["review"]["note"] if k == failing else "") for k in POINT_KEYS},
                 conclusion="problems", opinion=plan["review"]["note"], on=d(plan["review"]["reviewed_on"]))  # fmt: skip
    return decision


def _waiting_decision(people, firm, item, plan):
    """Reviewed and waiting for the 常务会议 (the browser test deliberates it)."""
    leader, clerk, reviewer = people["leader"], people["clerk"], people["reviewer"]
    decision = services.start(actor=leader, item=item, title=item.title, draft=plan["draft"], on=d(plan["started_on"]))
    c = plan["comment"]
    services.open_comment(actor=clerk, decision=decision, on=d(c["on"]), ends_on=d(c["ends_on"]), channel=c["channel"])
    closed = plan["comment_closed"]
    services.close_comment(actor=clerk, decision=decision, on=d(closed["on"]), summary=closed["summary"])
    _opinion(people, firm, decision, decision.body, plan["counsel"])
    services.submit_review(actor=clerk, decision=decision, on=d(plan["review"]["submitted_on"]),
                           summary="迁建方案草案、选址论证、公众意见采纳情况、法律顾问意见")  # fmt: skip
    give_opinion(actor=reviewer, request=latest_round("decisions.decision", decision.pk),
                 points={k: (True, "") for k in POINT_KEYS}, conclusion="agree", opinion="经审查，合法。",
                 on=d(plan["review"]["reviewed_on"]))  # fmt: skip
    return decision


def decisions_step(log) -> None:
    town = Body.objects.filter(code=TOWN).first()
    if town is None:
        log("重大行政决策：没有辛口镇（机构代码 XQ-XK），跳过。")
        return
    if Catalogue.objects.filter(body=town, year=2019).exists():
        log("重大行政决策：2019 年演示数据已存在，跳过。")
        return
    people = {u.username: u for u in User.objects.filter(body__path__startswith=town.path)}
    plan = data.document("decisions_2019")
    change_setting(actor=None, key=REQUIRED_FOR_MAJOR_ENFORCEMENT, value="1", body=town,
                   note="演示：辛口镇要求重大执法决定作出前听取法律顾问意见（ADR 0040）")  # fmt: skip
    e = plan["engagement"]
    firm = counsel.engage(actor=people["leader"], body=town, kind=e["kind"], adviser=e["adviser"],
                          lawyers=e["lawyers"], term_start=d(e["term_start"]), term_end=d(e["term_end"]),
                          fee=e["fee"], scope=e["scope"])  # fmt: skip
    # 续聘 for 2020 (ADR 0070): the demo runs on 2020-02-20 with the counsel gate on, so a major case must be decidable.
    counsel.engage(actor=people["leader"], body=town, kind=e["kind"], adviser=e["adviser"], lawyers=e["lawyers"],
                   term_start=d(e["renewed_term_start"]), term_end=d(e["renewed_term_end"]), fee=e["fee"],
                   scope=e["scope"], on=d(e["renewed_on"]))  # fmt: skip
    k = plan["contract"]
    _opinion(people, firm, tuple(k["subject"]), town, k)
    cases = _enforcement_opinions(people, firm, town, plan["enforcement_opinions"])
    c = plan["catalogue"]
    catalogue = services.create_catalogue(actor=people["leader"], body=town, year=2019, on=d(c["created_on"]))
    items = {}
    for row in c["items"]:
        items[row["key"]] = services.add_item(actor=people["leader"], catalogue=catalogue, title=row["title"],
                                              category=row["category"], lead_unit=row["lead_unit"],
                                              planned=row["planned"])  # fmt: skip
    services.approve_catalogue(actor=people["leader"], catalogue=catalogue, on=d(c["approved_on"]),
                               party_record=c["party_record"])  # fmt: skip
    services.publish_catalogue(actor=people["clerk"], catalogue=catalogue, on=d(c["published_on"]))
    for item in items.values():
        item.refresh_from_db()
    _published_decision(people, firm, items[plan["published"]["item"]], plan["published"])
    _stopped_decision(people, firm, items[plan["stopped"]["item"]], plan["stopped"])
    _waiting_decision(people, firm, items[plan["waiting"]["item"]], plan["waiting"])
    # Fill to twelve opinions with further contract reviews when the town had fewer major cases.
    extra = 12 - (cases + 4)
    for n in range(extra):
        row = dict(k, asked_on=f"2019-0{4 + n % 5}-10", due_on=f"2019-0{4 + n % 5}-17",
                   answered_on=f"2019-0{4 + n % 5}-15", finding="lawful", answer="合同条款合法有效。")  # fmt: skip
        _opinion(people, firm, ("contract", f"2019-HT-{10 + n:02d}", f"辛口镇服务采购合同（2019-HT-{10 + n:02d}）"), town,
                 row)  # fmt: skip
    log(
        f"重大行政决策：法律顾问1家、法律意见12件（执法案件{cases}件）；2019年决策事项目录3项，1项决策已公布，1项合法性审查退回，1项待集体讨论。"
    )
