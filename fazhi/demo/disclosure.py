"""Demo step: 辛口镇's 2019 information disclosure, built through the services (so the chain verifies).

About 30 requests over every channel and answer type (a correction, third-party consultations, an agency consulted
under 第三十四条 that stayed silent, extensions, the two steps of 第三十五条 — 不予处理 and a later answer date — one
abandoned request, two carried into 2020; two requests received before 2019-05-15 handled under the 2007 text), the
proactive catalogue with its 20-working-day clocks, the guide, one administrative review, and the 2019 annual report
published on the portal by its 31 January deadline. Names are invented. The tables are
data/disclosure_requests.json (the requests and their steps), data/disclosure_answers.csv (the answer letters' text
by outcome) and data/disclosure_catalogue.csv (the proactive catalogue).
"""

from datetime import date

from fazhi.demo import data
from fazhi.disclosure import services
from fazhi.disclosure.models import ApplicantType as T
from fazhi.disclosure.models import Channel as Ch
from fazhi.disclosure.models import (
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    IdDocument,
    RemedyKind,
    RemedyResult,
)
from fazhi.org.models import Body, User

TOWN_CODE = "XQ-XK"
D = date


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _consultation(step: dict) -> dict:
    return {
        "sent": _date(step["sent"]),
        "party": step["party"],
        "delivery": step.get("delivery") or "in_person",
        "received": _date(step.get("received")),
        "replied": _date(step["replied"]),
        "reply": step["reply"],
    }


def _steps(steps: dict) -> dict:
    """The JSON step lists as the values the step below reads (dates parsed)."""
    out = {}
    if "correction" in steps:
        on, items, due, back = steps["correction"]
        out["correction"] = (_date(on), items, _date(due), _date(back))
    for key in ("consult", "consult_agency"):
        if key in steps:
            out[key] = _consultation(steps[key])
    if "extend" in steps:
        on, days, reason = steps["extend"]
        out["extend"] = (_date(on), int(days), reason)
    if "abandon" in steps:
        out["abandon"] = _date(steps["abandon"])
    if "reasons" in steps:
        r = steps["reasons"]
        delay = r.get("delay")
        out["reasons"] = {
            **r,
            "asked": _date(r["asked"]),
            "reasons_on": _date(r.get("reasons_on")),
            "assessed": _date(r["assessed"]),
            "delay": {**delay, "on": _date(delay["on"]), "to": _date(delay["to"])} if delay else None,
        }
    return out


# (channel, applicant type, applicant, information asked for, submitted, received/confirmed, steps, outcome, answered,
#  review or lawsuit)
REQUESTS = [
    (
        r["channel"],
        r["applicant_type"],
        r["applicant"],
        r["information"],
        _date(r["submitted"]),
        _date(r["received"]),
        _steps(r["steps"]),
        r["outcome"],
        _date(r["answered"]),
        r.get("remedy"),
    )
    for r in data.document("disclosure_requests")["requests"]
]

_ANSWERS = data.table("disclosure_answers")
CONTENT = {r["outcome"]: r["content"] for r in _ANSWERS}
REASONS = {r["outcome"]: r["reasons"] for r in _ANSWERS if r["reasons"]}

# (title, summary, generated, published, category, 文号, repealed)
CATALOGUE = [
    (
        r["title"],
        r["summary"],
        _date(r["generated_on"]),
        _date(r["published_on"]),
        r["category"],
        r["document_number"],
        _date(r["repealed_on"]),
    )
    for r in data.table("disclosure_catalogue")
]


def disclosure_step(log) -> None:
    """辛口镇 2019: requests, catalogue, guide, one review case and the published annual report."""
    town = Body.objects.filter(code=TOWN_CODE).first()
    if town is None:
        log("政府信息公开：没有辛口镇（先运行组织步骤），跳过。")
        return
    if DisclosureRequest.objects.filter(body=town).exists():
        log("政府信息公开：演示数据已存在，跳过。")
        return
    clerk = User.objects.get(username="clerk")
    leader = User.objects.get(username="leader")
    made, remedies = [], []
    for i, (channel, kind, name, what, submitted, received, steps, outcome, answered, remedy) in enumerate(REQUESTS, 1):
        organisation = kind != T.NATURAL
        req = services.register_request(
            actor=None if channel == Ch.ONLINE else clerk,
            body=town,
            channel=channel,
            submitted_on=submitted,
            received_on=received if channel in (Ch.REGISTERED_POST, Ch.ORDINARY_POST) else None,
            oral_record=f"申请人{name}到镇政务服务中心口头提出申请，工作人员代为填写，经申请人确认。"
            if channel == Ch.ORAL
            else "",
            applicant_type=kind,
            applicant_name=name,
            contact_person="联系人" + name[:1] if organisation else "",
            id_document_type=IdDocument.CREDIT_CODE if organisation else IdDocument.RESIDENT_ID,
            id_document_number=f"91120111MA0{i:05d}X" if organisation else f"12011119{60 + i:02d}0101{i:03d}X",
            phone=f"1380201{i:04d}",
            email=f"applicant{i}@example.cn" if channel == Ch.ONLINE else "",
            address=f"天津市西青区辛口镇{i}号",
            description=what,
            delivery_form=DeliveryForm.ELECTRONIC if channel == Ch.ONLINE else DeliveryForm.PAPER,
            delivery_method=DeliveryMethod.EMAIL if channel == Ch.ONLINE else DeliveryMethod.POST,
        )
        if channel in (Ch.ONLINE, Ch.FAX):
            services.confirm_receipt(actor=clerk, request=req, on=received)
        if "correction" in steps:
            on, items, due, back = steps["correction"]
            services.request_correction(actor=clerk, request=req, on=on, items=items, due_on=due)
            if back:
                services.receive_correction(actor=clerk, request=req, on=back)
        for key, start, finish in (
            ("consult", services.start_consultation, services.finish_consultation),
            ("consult_agency", services.start_agency_consultation, services.finish_agency_consultation),
        ):
            if key in steps:
                c = steps[key]
                party = {"third_party": c["party"]} if key == "consult" else {"agency": c["party"]}
                start(
                    actor=clerk,
                    request=req,
                    on=c["sent"],
                    matter=f"是否同意公开：{what}",
                    delivery=c["delivery"],
                    received_on=c["received"],
                    **party,
                )
                note = "逾期未提出意见" if c["reply"] == "silent" else "书面回复"
                finish(actor=clerk, request=req, on=c["replied"], reply=c["reply"], note=note)
        if "reasons" in steps:
            r = steps["reasons"]
            services.ask_reasons(actor=clerk, request=req, on=r["asked"], grounds=r["grounds"])
            services.assess_reasons(
                actor=clerk,
                request=req,
                on=r["assessed"],
                finding=r["finding"],
                assessment=r["assessment"],
                reasons_on=r["reasons_on"],
                reasons=r["reasons"],
            )
            if r["delay"]:
                delay = r["delay"]
                services.delay_answer(
                    actor=clerk,
                    request=req,
                    on=delay["on"],
                    delayed_to=delay["to"],
                    reason=delay["reason"],
                    notified_on=delay["on"],
                )
        if "extend" in steps:
            on, days, reason = steps["extend"]
            services.extend_answer(
                actor=clerk, request=req, on=on, days=days, reason=reason, approver=leader, notified_on=on
            )
        if "abandon" in steps:
            services.mark_abandoned(actor=clerk, request=req, on=steps["abandon"])
        if outcome:
            services.answer_request(
                actor=clerk,
                request=req,
                on=answered,
                outcome=outcome,
                content=CONTENT[outcome],
                reasons=REASONS.get(outcome, ""),
                other_agency="西青区规划和自然资源局，电话 022-00000000" if outcome == "unable.not_ours" else "",
            )
        made.append(req)
        if remedy:
            remedies.append((req, remedy))
    for req, remedy in remedies:
        case = services.record_remedy(
            actor=clerk,
            body=town,
            kind=RemedyKind(remedy["kind"]),
            filed_on=_date(remedy["filed"]),
            request=req,
            note=remedy["note"],
        )
        services.conclude_remedy(
            actor=clerk, remedy=case, result=RemedyResult(remedy["result"]), on=_date(remedy["concluded"])
        )
    for title, summary, generated, published, category, number, repealed in CATALOGUE:
        entry = services.add_catalogue_entry(
            actor=clerk,
            body=town,
            title=title,
            summary=summary,
            generated_on=generated,
            category=category,
            document_number=number,
        )
        if published:
            services.publish_catalogue_entry(actor=clerk, entry=entry, on=published)
        if repealed:
            services.repeal_catalogue_entry(actor=clerk, entry=entry, on=repealed)
    services.save_guide(
        actor=clerk,
        body=town,
        on=D(2019, 5, 15),
        office_name="辛口镇党政办公室（政府信息公开工作机构）",
        address="天津市西青区辛口镇人民政府办公楼一楼政务公开窗口",
        office_hours="法定工作日 上午8:30—12:00，下午13:30—17:30",
        phone="022-27910000",
        fax="022-27910009",
        internet_contact="天津市西青区人民政府网站“辛口镇政府信息公开”专栏",
        postcode="300382",
        classification="本机关政府信息按《条例》第二十条所列十五类和第二十一条所列乡镇重点领域分类，"
        "每条信息编有索引号（机关代码-年度-顺序号），按生成日期倒序编排。",
        how_to_obtain="主动公开的信息可通过政府信息公开专栏、镇政务服务中心查阅点、公告栏获取。"
        "依申请公开的，可在线提交，或以信函、传真、当面方式提出；书面形式确有困难的，可以口头提出，由工作机构代为填写。"
        "依申请提供政府信息不收取费用。",
    )
    report = services.create_report(actor=clerk, body=town, year=2019)
    services.edit_report(
        actor=clerk,
        report=report,
        narrative={
            "overview": "2019年，辛口镇认真贯彻落实新修订的《中华人民共和国政府信息公开条例》，安排专人负责政务公开工作，"
            "加强工作人员业务培训，及时公开发展规划、行政执法、社会救助等领域信息，依法办理依申请公开事项，"
            "保障了公民、法人和其他组织依法获取政府信息的权利。",
            "problems": "一是部分主动公开信息未在形成之日起20个工作日内公开；二是依申请公开答复书的说理有待加强。"
            "2020年将建立主动公开期限提醒，加强答复书审核。",
            "other": "本年度未收取信息处理费。",
        },
        inputs={
            "proactive.rules.issued": 0,
            "proactive.rules.repealed": 0,
            "proactive.rules.in_force": 0,
            "proactive.licensing": 0,
            "proactive.coercion": 2,
            "proactive.fees_10k_yuan": 0,
        },
    )
    services.publish_report(actor=clerk, report=report, on=D(2020, 1, 20))
    log(f"政府信息公开：{len(made)} 件申请、{len(CATALOGUE)} 条主动公开目录、公开指南、2019 年度报告（已公布）。")
