"""Demo step: 辛口镇's 行政规范性文件 in 2019, built through the services (so the chain verifies).

- 《辛口镇农村人居环境整治管理办法》: the full procedure, its comment window running over 国庆 2019 (two public
  comments answered, one refused because a normative document may not set a penalty), reviewed, deliberated with a
  dissent, published as 辛政规〔2019〕2号, filed within the 20 days of the 2007 Tianjin rule and accepted;
- 《辛口镇集贸市场摊位管理暂行办法》: market-related (30-day window), its first review fails (it set a fee), the
  revised text passes, published 辛政规〔2019〕1号 (暂行: 2 years of validity);
- 《辛口镇农村土地承包经营权流转管理暂行规定》 (辛政规〔2016〕1号, valid until 2018-02-28 → expired): declared lapsed
  in the district's 2019 清理, whose three lists are published.

Idempotent: skipped when 辛口镇 already has documents.
"""

from __future__ import annotations

from datetime import date

from fazhi.demo.data import document
from fazhi.normative import services
from fazhi.normative.models import NormativeDocument
from fazhi.org.models import Body, User
from fazhi.review import selectors as review_selectors
from fazhi.review import services as review_services
from fazhi.review.rules import REVIEW_POINTS

TOWN = "XQ-XK"
DISTRICT = "XQ"


def _points(failing: dict | None = None) -> dict:
    failing = failing or {}
    return {p.key: (p.key not in failing, failing.get(p.key, "")) for p in REVIEW_POINTS}


def _round(doc):
    return review_selectors.latest_round("normative.normativedocument", doc.pk)


def normative_step(log) -> None:
    town = Body.objects.filter(code=TOWN).first()
    district = Body.objects.filter(code=DISTRICT).first()
    if town is None or district is None:
        log("规范性文件：没有辛口镇或西青区，跳过。")
        return
    if NormativeDocument.objects.filter(body=town).exists():
        log("规范性文件：演示记录已存在，跳过。")
        return
    data = document("normative")
    clerk = User.objects.get(username="clerk")
    leader = User.objects.get(username="leader")
    reviewer = User.objects.get(username="reviewer")
    supervisor = User.objects.get(username="supervisor")

    # 1. The market document: 30-day window, a failed first review (a fee), published first.
    m = data["market"]
    market = services.draft(actor=clerk, body=town, title=m["title"], text=m["text"], basis="\n".join(m["basis"]),
                            on=date(2019, 7, 1), market_related=True, explanation=m["explanation"])  # fmt: skip
    services.assess(actor=clerk, document=market, on=date(2019, 7, 5), assessment="经评估，制定必要、可行。")
    services.open_comments(actor=clerk, document=market, on=date(2019, 7, 8), closes_on=date(2019, 8, 9))
    services.close_comments(actor=clerk, document=market, on=date(2019, 8, 12), summary="未收到意见。")
    services.submit_for_review(actor=clerk, document=market, on=date(2019, 8, 12))
    review_services.give_opinion(actor=reviewer, request=_round(market), on=date(2019, 8, 20), conclusion="problems",
                                 points=_points({"authority": "第三条设定摊位管理费，属于违法设定收费（国办发〔2018〕115号第（六）项）"}),
                                 opinion="第三条设定收费，不合法，应当删除。")  # fmt: skip
    services.submit_for_review(actor=clerk, document=market, on=date(2019, 8, 26), text=m["revised"])
    review_services.give_opinion(actor=reviewer, request=_round(market), on=date(2019, 9, 4), conclusion="agree",
                                 points=_points(), opinion="修改后合法。")  # fmt: skip
    services.deliberate(actor=leader, document=market, on=date(2019, 9, 9), meeting="镇政府第18次常务会议",
                        attendees="王建国、林强、郑宇、唐莉", head="王建国", decision="adopt",
                        views="林强：同意：\n郑宇：同意：\n唐莉：同意：\n王建国：同意：同意印发")  # fmt: skip
    market = services.publish(actor=leader, document=market, on=date(2019, 9, 16), effective_from=date(2019, 9, 16))
    services.file_with_district(actor=clerk, document=market, on=date(2019, 9, 27))
    services.answer_filing(actor=supervisor, document=market, on=date(2019, 10, 15), result="accepted")

    # 2. The environment document: a comment window over 国庆 2019.
    e = data["environment"]
    env = services.draft(actor=clerk, body=town, title=e["title"], text=e["text"], basis="\n".join(e["basis"]),
                         on=date(2019, 9, 2), explanation=e["explanation"])  # fmt: skip
    services.assess(actor=clerk, document=env, on=date(2019, 9, 6), assessment="经评估论证，制定必要、可行。")
    services.open_comments(actor=clerk, document=env, on=date(2019, 9, 23), closes_on=date(2019, 10, 14))
    for n, (content, adopted, answer) in enumerate(e["comments"]):
        comment = services.receive_comment(actor=None, document=env, content=content, on=date(2019, 9, 25 + n * 3))
        services.answer_comment(actor=clerk, comment=comment, adopted=adopted, answer=answer, on=date(2019, 10, 15))
    services.close_comments(actor=clerk, document=env, on=date(2019, 10, 15), summary="收到意见2条，采纳1条。")
    services.submit_for_review(actor=clerk, document=env, on=date(2019, 10, 15))
    review_services.give_opinion(actor=reviewer, request=_round(env), on=date(2019, 10, 24), conclusion="agree",
                                 points=_points(), opinion="经审核，合法。")  # fmt: skip
    services.deliberate(actor=leader, document=env, on=date(2019, 10, 28), meeting="镇政府第24次常务会议",
                        attendees="王建国、林强、郑宇、唐莉", head="王建国", decision="adopt",
                        views="林强：同意：\n郑宇：反对：考核办法宜另行制定\n唐莉：同意：\n王建国：同意：同意印发，考核细则由农业发展服务中心另行拟定")  # fmt: skip
    env = services.publish(actor=leader, document=env, on=date(2019, 11, 4), effective_from=date(2019, 12, 1))
    services.file_with_district(actor=clerk, document=env, on=date(2019, 11, 15))
    services.answer_filing(actor=supervisor, document=env, on=date(2019, 11, 29), result="accepted")

    # 3. An old 暂行 document, past its validity, declared lapsed in the district's 清理.
    g = data["legacy"]
    legacy = services.register_existing(actor=leader, body=town, title=g["title"], text=g["text"], year=2016, seq=1,
                                        published_on=date(2016, 3, 1), effective_from=date(2016, 3, 1))  # fmt: skip
    cleanup = services.open_cleanup(actor=supervisor, body=district, title="西青区2019年行政规范性文件清理",
                                    on=date(2019, 11, 18))  # fmt: skip
    for doc, decision, reason in ((market, "keep", ""), (env, "keep", ""),
                                  (legacy, "lapse", "有效期已于2018年2月28日届满")):  # fmt: skip
        services.decide_in_cleanup(actor=supervisor, cleanup=cleanup, document=doc, decision=decision, reason=reason)
    services.publish_cleanup(actor=supervisor, cleanup=cleanup, on=date(2019, 12, 20))
    log(
        f"规范性文件：{market.number}、{env.number} 经征求意见、合法性审核、集体审议公布并备案；"
        f"{legacy.number} 在西青区2019年清理中宣布失效。"
    )
