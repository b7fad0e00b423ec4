"""The world of the normative tests: 辛口镇 with its 党政办公室 (the drafter 陈静), 负责人 王建国, the 司法所's reviewer
刘洋, the district's 监督人员, and a small law in the library to cite as a basis."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from fazhi.law.models import LawLevel
from fazhi.law.services import SourceText, load_texts
from fazhi.normative import services
from fazhi.review import services as review_services
from fazhi.review.rules import REVIEW_POINTS

BASIS_LAW = """# 天津市村镇环境卫生管理条例

2015年3月1日天津市人民代表大会常务委员会通过
自2015年5月1日起施行
<!-- INFO END -->

第一条 为了加强村镇环境卫生管理，制定本条例。
第二条 乡镇人民政府负责本行政区域内的村镇环境卫生管理工作。
第三条 本条例自2015年5月1日起施行。
"""

TEXT = """第一条 为规范本镇农村人居环境卫生管理，根据《天津市村镇环境卫生管理条例》，制定本办法。
第二条 本办法适用于本镇行政区域内各村的环境卫生管理。
第三条 各村民委员会应当组织村民开展环境卫生整治。
第四条 本办法自印发之日起施行。
"""


@pytest.fixture
def basis_law(db):
    load_texts(
        actor=None,
        sources=[SourceText(text=BASIS_LAW, source_name="测试/村镇环境卫生(2015-03-01).md",
                            level=LawLevel.LOCAL_REGULATION, region="天津市", version_date=date(2015, 3, 1))],
    )  # fmt: skip
    return "《天津市村镇环境卫生管理条例》第二条"


@pytest.fixture
def nd(world, basis_law):
    """People and places, all made up front (scope checks see every body)."""
    return SimpleNamespace(
        district=world.district,
        town=world.town,
        office=world.office,
        other_town=world.other_town,
        drafter=world.clerk,
        leader=world.leader,
        reviewer=world.reviewer,
        supervisor=world.supervisor,
        outsider=world.outsider,
        basis=basis_law,
    )


def all_points(ok=True, note=""):
    return {p.key: (ok, note) for p in REVIEW_POINTS}


def drafted(nd, *, title="辛口镇农村人居环境卫生管理办法", text=TEXT, on=date(2019, 9, 2), market=False):
    return services.draft(actor=nd.drafter, body=nd.town, title=title, text=text, basis=nd.basis, on=on,
                          market_related=market)  # fmt: skip


def to_review(nd, **kwargs):
    """Drafted 2019-09-02, assessed 09-03, comments 09-04 → 09-30 (≥ 7 working days), closed 10-08, sent 10-08."""
    doc = drafted(nd, **kwargs)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="必要、可行。")
    services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 30))
    services.close_comments(actor=nd.drafter, document=doc, on=date(2019, 10, 8))
    services.submit_for_review(actor=nd.drafter, document=doc, on=date(2019, 10, 8))
    doc.refresh_from_db()
    return doc


def review_round(doc):
    from fazhi.review import selectors

    return selectors.latest_round("normative.normativedocument", doc.pk)


def pass_review(nd, doc, on=date(2019, 10, 16)):
    review_services.give_opinion(actor=nd.reviewer, request=review_round(doc), points=all_points(), conclusion="agree",
                                 opinion="经审核，合法。", on=on)  # fmt: skip
    doc.refresh_from_db()
    return doc


VIEWS = "李明：同意：\n张华：同意：\n王建国：同意：同意印发"


def deliberated(nd, doc, on=date(2019, 10, 18)):
    return services.deliberate(actor=nd.leader, document=doc, on=on, meeting="镇政府常务会议",
                               attendees="王建国、李明、张华", views=VIEWS, head="王建国", decision="adopt")  # fmt: skip


def published(nd, **kwargs):
    doc = pass_review(nd, to_review(nd, **kwargs))
    deliberated(nd, doc)
    return services.publish(actor=nd.leader, document=doc, on=date(2019, 10, 21), effective_from=date(2019, 11, 1))
