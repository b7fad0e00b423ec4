"""Demo step: 辛口镇's 2019 information disclosure, built through the services (so the chain verifies).

About 30 requests over every channel and answer type (a correction, third-party consultations, an extension, one
abandoned request, two carried into 2020), the proactive catalogue with its 20-working-day clocks, the guide, one
administrative review, and the 2019 annual report published on the portal. Names are invented.
"""

from datetime import date

from fazhi.disclosure import services
from fazhi.disclosure.models import ApplicantType as T
from fazhi.disclosure.models import CatalogueCategory as C
from fazhi.disclosure.models import Channel as Ch
from fazhi.disclosure.models import (
    DeliveryForm,
    DeliveryMethod,
    DisclosureRequest,
    IdDocument,
    RemedyKind,
    RemedyResult,
    ThirdPartyReply,
)
from fazhi.org.models import Body, User

TOWN_CODE = "XQ-XK"
D = date

# (channel, applicant type, applicant, information asked for, submitted, received/confirmed, steps, outcome, answered)
REQUESTS = [
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "刘德顺",
        "2019年辛口镇农村低保标准及审批程序",
        D(2019, 5, 20),
        None,
        {},
        "disclosed.provided",
        D(2019, 5, 28),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "王秀兰",
        "辛口镇2019年财政预算",
        D(2019, 5, 27),
        D(2019, 5, 28),
        {},
        "disclosed.published",
        D(2019, 6, 5),
    ),
    (
        Ch.REGISTERED_POST,
        T.NATURAL,
        "张文革",
        "本村2018年土地流转合同及租金发放明细",
        D(2019, 6, 3),
        D(2019, 6, 5),
        {},
        "partial",
        D(2019, 6, 25),
    ),
    (
        Ch.ORDINARY_POST,
        T.NATURAL,
        "李桂芬",
        "1995年本村宅基地审批档案",
        D(2019, 6, 10),
        D(2019, 6, 10),
        {},
        "unable.not_exist",
        D(2019, 6, 20),
    ),
    (
        Ch.FAX,
        T.BUSINESS,
        "天津某建材有限公司",
        "某工程招标中其他投标人的报价文件",
        D(2019, 6, 12),
        D(2019, 6, 12),
        {"consult": (D(2019, 6, 14), "天津某建筑工程有限公司", D(2019, 6, 28), ThirdPartyReply.OBJECT)},
        "withheld.third_party",
        D(2019, 7, 15),
    ),
    (
        Ch.ORAL,
        T.NATURAL,
        "赵长海",
        "辛口镇政务服务中心办事指南",
        D(2019, 6, 17),
        None,
        {},
        "disclosed.provided",
        D(2019, 6, 17),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "孙丽娟",
        "村里道路修建的有关文件",
        D(2019, 6, 20),
        D(2019, 6, 21),
        {"correction": (D(2019, 6, 25), "请写明道路所在村名、路段及所需文件的年份", D(2019, 7, 9), D(2019, 7, 2))},
        "disclosed.provided",
        D(2019, 7, 20),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "周建民",
        "镇里的那个文件",
        D(2019, 7, 1),
        None,
        {
            "correction": (D(2019, 7, 3), "请说明所需文件的名称、文号或内容特征", D(2019, 7, 17), None),
            "abandon": D(2019, 7, 19),
        },
        None,
        None,
    ),
    (
        Ch.ONLINE,
        T.LEGAL_SERVICE,
        "天津某律师事务所",
        "西青区自然资源局某宗地的供地批复",
        D(2019, 7, 8),
        D(2019, 7, 8),
        {},
        "unable.not_ours",
        D(2019, 7, 15),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "吴淑珍",
        "举报邻居违法建设并要求公开处理结果",
        D(2019, 7, 15),
        None,
        {},
        "not_processed.petition",
        D(2019, 7, 19),
    ),
    (
        Ch.REGISTERED_POST,
        T.NATURAL,
        "郑国庆",
        "2016年至2018年本镇征地补偿款发放情况",
        D(2019, 7, 22),
        D(2019, 7, 23),
        {"extend": (D(2019, 8, 15), 20, "所需信息跨三个年度、数量较大，需调阅档案")},
        "disclosed.provided",
        D(2019, 9, 5),
    ),
    (
        Ch.ONLINE,
        T.RESEARCH,
        "某大学乡村振兴研究中心",
        "辛口镇近十年各村人均收入对比分析",
        D(2019, 8, 1),
        D(2019, 8, 2),
        {},
        "unable.needs_creation",
        D(2019, 8, 20),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "王秀兰",
        "辛口镇2019年财政预算",
        D(2019, 8, 5),
        None,
        {},
        "not_processed.repeat",
        D(2019, 8, 9),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "冯志强",
        "镇党委会研究某项目的会议记录",
        D(2019, 8, 12),
        D(2019, 8, 12),
        {},
        "withheld.process_info",
        D(2019, 8, 30),
    ),
    (
        Ch.ORDINARY_POST,
        T.PUBLIC_INTEREST,
        "某环保公益协会",
        "辛口镇2019年环境保护监督检查情况",
        D(2019, 8, 19),
        D(2019, 8, 20),
        {},
        "disclosed.provided",
        D(2019, 9, 10),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "陈玉梅",
        "镇政府机关食堂采购明细",
        D(2019, 8, 26),
        None,
        {},
        "withheld.internal_affairs",
        D(2019, 9, 6),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "杨立新",
        "《天津日报》2019年某期刊登的通知全文",
        D(2019, 9, 2),
        D(2019, 9, 3),
        {},
        "not_processed.publication",
        D(2019, 9, 5),
    ),
    (
        Ch.FAX,
        T.BUSINESS,
        "天津某物流有限公司",
        "对本公司作出行政处罚的全部案卷材料",
        D(2019, 9, 9),
        D(2019, 9, 10),
        {},
        "withheld.enforcement_file",
        D(2019, 9, 27),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "何永利",
        "2019年辛口镇农田水利工程建设资金使用情况",
        D(2019, 9, 20),
        None,
        {},
        "disclosed.provided",
        D(2019, 10, 18),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "许红霞",
        "有关部门的批复",
        D(2019, 9, 25),
        D(2019, 9, 26),
        {"correction": (D(2019, 9, 27), "请说明所需批复的事项、作出机关和大致时间", D(2019, 10, 15), D(2019, 10, 9))},
        "unable.unclear_after_correction",
        D(2019, 10, 25),
    ),
    (
        Ch.ORAL,
        T.NATURAL,
        "田振江",
        "辛口镇社会救助申请条件",
        D(2019, 10, 14),
        None,
        {},
        "disclosed.published",
        D(2019, 10, 14),
    ),
    (
        Ch.REGISTERED_POST,
        T.OTHER,
        "某村民小组",
        "辛口镇2000年以来全部会议纪要",
        D(2019, 10, 21),
        D(2019, 10, 22),
        {},
        "not_processed.excessive",
        D(2019, 11, 5),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "高秀芳",
        "某公司的工商登记档案",
        D(2019, 10, 28),
        D(2019, 10, 28),
        {},
        "withheld.admin_query",
        D(2019, 11, 4),
    ),
    (
        Ch.IN_PERSON,
        T.BUSINESS,
        "天津某农业科技有限公司",
        "辛口镇设施农业项目租赁合同",
        D(2019, 11, 4),
        None,
        {"consult": (D(2019, 11, 6), "某村股份经济合作社", D(2019, 11, 20), ThirdPartyReply.CONSENT)},
        "disclosed.provided",
        D(2019, 12, 2),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "林国栋",
        "本村2019年困难群众救助名单及金额",
        D(2019, 11, 11),
        D(2019, 11, 11),
        {},
        "partial",
        D(2019, 12, 3),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "罗文斌",
        "要求镇政府确认其已获取的拆迁补偿协议真实有效",
        D(2019, 11, 18),
        None,
        {},
        "not_processed.confirm_reissue",
        D(2019, 11, 22),
    ),
    (
        Ch.ORDINARY_POST,
        T.NATURAL,
        "梁淑英",
        "本村集体资产清查结果",
        D(2019, 11, 25),
        D(2019, 11, 26),
        {},
        "other.other",
        D(2019, 12, 10),
    ),
    (
        Ch.IN_PERSON,
        T.NATURAL,
        "宋德明",
        "辛口镇2019年筹资筹劳方案",
        D(2019, 12, 2),
        None,
        {},
        "disclosed.provided",
        D(2019, 12, 16),
    ),
    (
        Ch.ONLINE,
        T.NATURAL,
        "韩晓燕",
        "辛口镇2019年房屋征收补偿方案",
        D(2019, 12, 16),
        D(2019, 12, 17),
        {},
        "disclosed.provided",
        D(2020, 1, 8),
    ),
    (
        Ch.IN_PERSON,
        T.LEGAL_SERVICE,
        "天津某法律服务所",
        "2009年某村土地承包合同备案材料",
        D(2019, 12, 23),
        None,
        {},
        "unable.not_exist",
        D(2020, 1, 10),
    ),
]

CONTENT = {
    "disclosed.provided": "经审查，您申请的信息属于可以公开的政府信息，现按您要求的形式提供（见附件）。",
    "disclosed.published": "您申请的信息已经主动公开，可通过辛口镇政府信息公开专栏或镇政务服务中心查阅。",
    "partial": "您申请的信息中可以公开的部分现予提供，涉及个人信息的部分不予公开。",
    "unable.not_exist": "经检索本机关档案，没有您所申请公开的信息。",
    "unable.not_ours": "您申请的信息不属于本机关负责公开的政府信息。",
    "unable.needs_creation": "您申请的信息需要本机关对现有信息进行加工、分析，本机关不予提供。",
    "unable.unclear_after_correction": "您补正后的申请内容仍不明确，本机关无法确定所需信息。",
    "withheld.third_party": "您申请的信息涉及第三方商业秘密，本机关不予公开。",
    "withheld.process_info": "您申请的信息属于过程性信息，本机关不予公开。",
    "withheld.internal_affairs": "您申请的信息属于本机关内部事务信息，不予公开。",
    "withheld.enforcement_file": "您申请的信息属于行政执法案卷信息，不予公开；您作为当事人可依法申请查阅案卷。",
    "withheld.admin_query": "您申请的信息属于工商登记资料，请依照有关法律、行政法规的规定向市场监督管理部门查询。",
    "not_processed.petition": "您的申请属于以政府信息公开申请形式进行的举报，本机关不作为政府信息公开申请处理，请通过信访渠道提出。",
    "not_processed.repeat": "本机关已于2019年6月5日就您提出的相同申请作出答复，对本次重复申请不予重复处理。",
    "not_processed.publication": "您申请的是公开出版物，请通过报刊发行渠道或公共图书馆获取。",
    "not_processed.excessive": "您申请的信息数量明显超过合理范围，经要求说明理由，所述理由不合理，本机关不予处理。",
    "not_processed.confirm_reissue": "您的申请系要求本机关确认已获取信息的真实性，不属于政府信息公开申请，本机关不予处理。",
    "other.other": "申请人于2019年12月6日书面撤回申请，本机关终止办理。",
}
REASONS = {
    "partial": "名单中的身份证号码、家庭住址等属于个人隐私，依据第十五条、第三十七条作区分处理。",
    "unable.not_ours": "该信息由西青区规划和自然资源局制作。",
    "withheld.third_party": "第三方书面答复不同意公开，且理由合理（第三十二条）。",
    "withheld.process_info": "会议记录属于讨论记录等过程性信息（第十六条第二款）。",
    "withheld.internal_affairs": "属于后勤管理等内部事务信息（第十六条第一款）。",
    "withheld.enforcement_file": "属于行政执法案卷信息（第十六条第二款）。",
    "not_processed.excessive": "一次申请公开近二十年的全部会议纪要，数量明显超过合理范围（第三十五条）。",
    "other.other": "申请人撤回申请。",
}

CATALOGUE = [
    # (title, summary, generated, published, category, 文号, repealed)
    (
        "辛口镇人民政府机构职能及联系方式",
        "镇政府及内设机构的职能、办公地址、办公时间、联系电话和负责人姓名",
        D(2019, 5, 20),
        D(2019, 5, 24),
        C.A20_2,
        "",
        None,
    ),
    ("辛口镇2019年财政预算", "一般公共预算收支及“三公”经费预算", D(2019, 5, 22), D(2019, 5, 30), C.A20_7, "", None),
    (
        "关于规范农村宅基地审批管理的通知",
        "宅基地申请条件、审批程序和监督",
        D(2019, 6, 3),
        D(2019, 6, 12),
        C.A20_1,
        "辛口政发〔2019〕3号",
        None,
    ),
    (
        "关于加强农村人居环境整治的实施意见",
        "村庄清洁行动的职责分工与考核",
        D(2018, 3, 12),
        D(2019, 5, 20),
        C.A20_1,
        "辛口政发〔2018〕5号",
        D(2019, 11, 30),
    ),
    (
        "2019年辛口镇农田水利工程建设计划",
        "工程名称、地点、资金来源和建设期限",
        D(2019, 6, 10),
        D(2019, 6, 21),
        C.A21_IRRIGATION,
        "",
        None,
    ),
    (
        "辛口镇农村土地承包经营权流转情况（2019年上半年）",
        "流转面积、流转方式、合同签订情况",
        D(2019, 7, 8),
        D(2019, 7, 19),
        C.A21_LAND_TRANSFER,
        "",
        None,
    ),
    (
        "2019年第三季度宅基地使用情况审核结果",
        "审核通过户数、面积及所在村",
        D(2019, 10, 8),
        D(2019, 10, 16),
        C.A21_HOMESTEAD,
        "",
        None,
    ),
    (
        "辛口镇2019年社会救助政策及申请指南",
        "低保、特困供养、临时救助的条件与程序",
        D(2019, 6, 28),
        D(2019, 7, 5),
        C.A21_SOCIAL_ASSISTANCE,
        "",
        None,
    ),
    (
        "辛口镇2019年筹资筹劳方案",
        "村内公益事业筹资筹劳的项目、标准和程序",
        D(2019, 8, 1),
        D(2019, 9, 5),
        C.A21_FUNDING_LABOUR,
        "",
        None,
    ),
    (
        "行政处罚的依据、条件和程序",
        "综合执法大队实施行政处罚的依据、条件和程序",
        D(2019, 5, 27),
        D(2019, 6, 4),
        C.A20_6,
        "",
        None,
    ),
    (
        "贯彻落实乡村振兴战略2019年工作要点",
        "农业农村政策的落实措施",
        D(2019, 4, 15),
        D(2019, 5, 20),
        C.A21_AGRI_POLICY,
        "",
        None,
    ),
    (
        "辛口镇2019年房屋征收补偿方案",
        "征收范围、补偿标准和安置方式",
        D(2019, 12, 9),
        None,
        C.A21_HOUSE_EXPROPRIATION,
        "",
        None,
    ),
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
    made = []
    for i, (channel, kind, name, what, submitted, received, steps, outcome, answered) in enumerate(REQUESTS, 1):
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
        if "consult" in steps:
            on, party, back, reply = steps["consult"]
            services.start_consultation(
                actor=clerk, request=req, on=on, third_party=party, matter=f"是否同意公开：{what}"
            )
            services.finish_consultation(actor=clerk, request=req, on=back, reply=reply, note="书面回复")
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
    review = services.record_remedy(
        actor=clerk,
        body=town,
        kind=RemedyKind.REVIEW,
        filed_on=D(2019, 9, 20),
        request=made[13],
        note="申请人不服不予公开答复",
    )
    services.conclude_remedy(actor=clerk, remedy=review, result=RemedyResult.MAINTAINED, on=D(2019, 11, 15))
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
