"""A whole ordinary penalty case, 案源 to 归档, in the real browser against the demo, at desktop and phone width: each
step through the case page's declared step form, by the role that takes it (officer1, leader, reviewer), with dates
up to the demo's date (FAZHI_TODAY=2020-02-20). Every page the flow visits is checked for horizontal overflow; the
``page`` fixture fails the test on any console error or CSP violation.

The case: a 临街工地 without hoarding (XK-CF-016, band 较重 20–100 元), fine 100 元, marked 疑难复杂 — so 第五十八条
requires legal review, and the demo's setting ``counsel.required_for_major_enforcement`` (on for 辛口镇) requires
counsel's written opinion before the leader decides. The party lets the 陈述申辩 window run out (notified 02-13).
"""

import re

import pytest
from conftest import login
from playwright.sync_api import expect

DATED_STEPS = ("remedy", "close", "record_act", "propose", "serve", "archive")
SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
PARTY = {"desktop": "天津某某建筑工程有限公司", "phone": "天津某某市政工程有限公司"}  # one case per size


def _no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url}：页面宽 {width}px，超出视口 {inner}px"


def _as(page, server_url, username):
    """Sign out whoever is signed in (the phone layout hides the logout button in the menu) and sign in."""
    page.context.clear_cookies()
    login(page, server_url, username)


def _open(page, url):
    page.goto(url)
    _no_horizontal_overflow(page)


def _option(select, text: str, *, starts: bool = True) -> str:
    """The value of the option of ``select`` whose text starts with (or contains) ``text``."""
    pattern = re.compile(("^" if starts else "") + re.escape(text))
    return select.locator("option").filter(has_text=pattern).first.get_attribute("value")


def _step(page, name):
    """Step ``name``, open: the case page lists its steps without forms (ADR 0082) — the officer opens the step and
    htmx swaps its form into place; pages that draw their forms at once (the counsel pages) have nothing to open."""
    section = page.get_by_test_id(f"step-{name}")
    expect(section).to_be_visible()
    expect(section).to_have_attribute("data-step-state", re.compile(r"^(?!blocked)"))
    opener = section.get_by_test_id("step-open")
    if opener.count():
        opener.click()
        expect(section.locator("form")).to_be_visible()
        expect(section.locator("form :focus")).to_have_count(1)  # the focus follows into the form just opened
        _no_horizontal_overflow(page)
    return section


def _submit(page, name, label, *, url=None):
    """Submit step ``name``'s form; the case page comes back with “label”已完成 — or the test fails with the page's
    refusal (the rule's message above the form, each field's error)."""
    section = page.get_by_test_id(f"step-{name}")
    section.get_by_role("button").last.click()
    done = page.get_by_role("alert").filter(has_text=f"“{label}”已完成")
    refused = page.locator("[data-testid=step-error], [data-testid^=field-error-]")
    expect(done.or_(refused).first).to_be_visible()
    if not done.count():
        pytest.fail(f"“{label}”被拒绝：" + "；".join(refused.all_inner_texts()))
    if url is not None:
        expect(page).to_have_url(url)
    _no_horizontal_overflow(page)


def _complete_file(page, case_url):
    """补齐案卷文书 (118号第（九）项), when the page offers it: the step names the documents the file still lacks."""
    if page.get_by_test_id("step-complete_file").count():
        expect(page.get_by_test_id("step-complete_file").get_by_test_id("step-description")).to_contain_text("将生成")
        _step(page, "complete_file")
        _submit(page, "complete_file", "补齐案卷文书", url=case_url)
    expect(page.get_by_test_id("step-complete_file")).to_have_count(0)


@pytest.mark.parametrize("size", SIZES)
def test_an_ordinary_case_from_lead_to_archive_across_roles(page, server_url, size):
    page.set_viewport_size(SIZES[size])
    party = PARTY[size]

    # --- officer1: 案源登记 and 提请立案 (第五十四条) ----------------------------------------------------------------
    _as(page, server_url, "officer1")
    _open(page, f"{server_url}/cases/new/")
    page.locator("#id_source").select_option("patrol")
    page.locator("#id_title").fill("临街工地未设置护栏")
    page.locator("#id_description").fill("巡查发现辛口镇某村临街施工工地未设置护栏、未作遮挡")
    page.locator("#id_place").fill("辛口镇某村临街工地")
    page.locator("#id_discovered_on").fill("2020-02-10")
    page.locator("#id_act_date").fill("2020-02-10")
    page.locator("#id_party_kind").select_option("organisation")
    page.locator("#id_party_name").fill(party)
    page.locator("#id_party_id_number").fill("91120111MA05XXXX1X")
    page.locator("#id_party_address").fill("天津市西青区辛口镇某村")
    page.locator("#id_party_representative").fill("赵某某")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="案源已登记")).to_be_visible()
    expect(page.get_by_test_id("case-status")).to_have_text("案源登记")
    case_url = page.url
    assert re.search(r"/cases/\d+/$", case_url), case_url
    _no_horizontal_overflow(page)

    form = _step(page, "request_filing")
    form.get_by_label("张伟").check()
    form.get_by_label("李娜").check()
    form.locator("#request_filing-on").fill("2020-02-10")
    form.locator("#request_filing-opinion").fill("当事人涉嫌临街工地不设置护栏，建议立案调查。")
    _submit(page, "request_filing", "提请立案", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("立案审批中")

    # --- leader: 批准立案 ---------------------------------------------------------------------------------------------
    _as(page, server_url, "leader")
    _open(page, case_url)
    form = _step(page, "approve_filing")
    form.locator("#approve_filing-on").fill("2020-02-11")
    form.locator("#approve_filing-opinion").fill("同意立案。")
    _submit(page, "approve_filing", "批准立案", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("调查取证")
    expect(page.locator("p.text-muted").first).to_contain_text("辛口综执立字〔2020〕")
    number = re.search(r"辛口综执立字〔2020〕第\d+号", page.locator("p.text-muted").first.inner_text()).group(0)

    # --- officer1: 调查取证 (第四十二条、第五十五条) and 证据 (第四十六条) ------------------------------------------------
    _as(page, server_url, "officer1")
    _open(page, case_url)
    form = _step(page, "record_act")
    form.locator("#record_act-kind").select_option("inspection")
    form.locator("#record_act-on").fill("2020-02-12")
    form.locator("#record_act-place").fill("辛口镇某村临街工地")
    form.get_by_label("张伟").check()
    form.get_by_label("李娜").check()
    form.locator("#record_act-person").fill("赵某某（项目负责人）")
    form.locator("#record_act-content").fill("临街一侧约六十米未设置护栏、未作遮挡，现场有施工人员作业。")
    _submit(page, "record_act", "记录调查取证（笔录）", url=case_url)

    form = _step(page, "record_act")
    form.locator("#record_act-kind").select_option("inquiry")
    form.locator("#record_act-on").fill("2020-02-12")
    form.locator("#record_act-place").fill("辛口镇综合执法大队询问室")
    form.get_by_label("张伟").check()
    form.get_by_label("李娜").check()
    form.locator("#record_act-person").fill("赵某某")
    form.locator("#record_act-content").fill("问：工地临街一侧为何未设置护栏？答：材料未到，准备本周内设置。")
    _submit(page, "record_act", "记录调查取证（笔录）", url=case_url)

    form = _step(page, "add_evidence")
    form.locator("#add_evidence-kind").select_option("audiovisual")
    form.locator("#add_evidence-title").fill("现场照片")
    form.locator("#add_evidence-proves").fill("临街工地未设置护栏")
    form.locator("#add_evidence-collected_on").fill("2020-02-12")
    form.locator("#add_evidence-file").set_input_files({"name": "现场照片.png", "mimeType": "image/png", "buffer": PNG})
    _submit(page, "add_evidence", "登记证据", url=case_url)
    expect(page.get_by_role("link", name="现场照片")).to_be_visible()

    # --- officer1: 调查终结、处理建议 (第五十七条) --------------------------------------------------------------------
    form = _step(page, "propose")
    form.locator("#propose-on").fill("2020-02-13")
    form.locator("#propose-facts").fill(
        f"{party}于2020年2月10日在辛口镇某村临街施工，临街一侧约六十米未设置护栏、未作遮挡。"
    )
    form.locator("#propose-evidence_summary").fill("现场检查笔录、询问笔录、现场照片。")
    form.locator("#propose-outcome").select_option("penalty")
    item = form.locator("#propose-power_version")
    item.select_option(_option(item, "XK-CF-016 "))
    levels = page.locator("#propose-benchmark_level")  # htmx swaps in the bands of the item chosen
    expect(levels.locator("option", has_text="较重")).to_have_count(1)
    levels.select_option(_option(levels, "较重"))
    form = _step(page, "propose")
    form.get_by_label("罚款", exact=True).check()
    form.locator("#propose-fine_amount").fill("100")
    form.get_by_label("案件情况疑难复杂、涉及多个法律关系").check()
    _submit(page, "propose", "调查终结、处理建议", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("调查终结（处理建议）")

    # --- officer1: 事先告知 — numbered, generated and served (第四十四条) --------------------------------------------
    form = _step(page, "notify")
    expect(form.get_by_test_id("step-preview")).to_be_visible()
    form.locator("#notify-on").fill("2020-02-13")
    _submit(page, "notify", "事先告知", url=case_url)
    expect(page.get_by_test_id("case-documents")).to_contain_text("行政处罚事先告知书")

    # --- officer1: 提交法制审核 (第五十八条) and 征求法律顾问意见 (the body's setting, ADR 0040) --------------------------
    form = _step(page, "submit_review")
    form.locator("#submit_review-on").fill("2020-02-17")
    form.locator("#submit_review-summary").fill("案卷全部材料：立案审批表、笔录、现场照片、事先告知书。")
    _submit(page, "submit_review", "提交法制审核", url=case_url)

    page.get_by_test_id("ask-counsel").click()
    page.wait_for_url(re.compile(r"/counsel/ask/"))
    _no_horizontal_overflow(page)
    form = _step(page, "ask")
    adviser = form.locator("#ask-engagement")
    adviser.select_option(_option(adviser, "聘期 2020-01-01 至 2020-12-31", starts=False))  # 续聘 (ADR 0070)
    form.locator("#ask-question").fill("本案拟罚款100元，事实认定和法律适用是否适当？")
    form.locator("#ask-on").fill("2020-02-17")
    form.locator("#ask-due_on").fill("2020-02-19")
    form.get_by_role("button").last.click()
    expect(page.get_by_role("alert").filter(has_text="已征求法律顾问意见")).to_be_visible()
    expect(page).to_have_url(case_url)
    _no_horizontal_overflow(page)

    # --- reviewer: 登记法律意见, then 法制审核 in the review queue (国办发〔2018〕118号第（十三）项) ---------------------
    _as(page, server_url, "reviewer")
    _open(page, case_url)
    page.locator("a[href^='/counsel/opinion/']").last.click()
    page.wait_for_url(re.compile(r"/counsel/opinion/\d+/$"))
    _no_horizontal_overflow(page)
    form = _step(page, "answer")
    form.locator("#answer-on").fill("2020-02-18")
    form.locator("#answer-lawyer").select_option(index=1)
    form.locator("#answer-finding").select_option(index=0)
    form.locator("#answer-answer").fill("事实清楚，证据确实充分，适用依据正确，处罚适当。")
    _submit(page, "answer", "登记法律意见")

    _open(page, f"{server_url}/review/")
    page.get_by_test_id("review-queue").get_by_role("link", name=re.compile(re.escape(number))).click()
    page.wait_for_url(re.compile(r"/review/\d+/$"))
    _no_horizontal_overflow(page)
    for group in page.locator("[role=radiogroup]").all():
        group.get_by_label("符合").check()
    page.get_by_label("同意", exact=True).check()
    page.locator("#review-opinion").fill("同意承办人处理建议。")
    page.get_by_role("button", name="出具审核意见").click()
    expect(page.get_by_role("alert").filter(has_text="审核意见已出具")).to_be_visible()
    _no_horizontal_overflow(page)

    # --- leader: 作出决定 (第五十七条、第五十九条), confirmed in the browser's dialog ------------------------------------
    _as(page, server_url, "leader")
    _open(page, case_url)
    form = _step(page, "decide")
    form.locator("#decide-on").fill("2020-02-20")
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    _submit(page, "decide", "作出决定", url=case_url)
    assert questions and "不能撤回" in questions[0]
    expect(page.get_by_test_id("case-status")).to_have_text("已作出决定（待送达）")
    expect(page.get_by_test_id("case-documents")).to_contain_text("行政处罚决定书")

    # --- officer1: 送达 (第六十一条), 缴款 (第六十七条), 结案, 归档 (118号第（九）项) ------------------------------------
    _as(page, server_url, "officer1")
    _open(page, case_url)
    form = _step(page, "serve")
    form.locator("#serve-on").fill("2020-02-20")
    form.locator("#serve-method").select_option("direct")
    form.locator("#serve-recipient").fill("赵某某")
    form.locator("#serve-place").fill("天津市西青区辛口镇某村")
    form.locator("#serve-proof").fill("送达回证（当事人签收）")
    _submit(page, "serve", "送达决定书", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("已送达（执行中）")

    form = _step(page, "payment")
    form.locator("#payment-paid_on").fill("2020-02-20")
    form.locator("#payment-amount").fill("100")
    form.locator("#payment-receipt").fill("XK-2020-0001")
    _submit(page, "payment", "登记缴款", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("执行完毕")

    _complete_file(page, case_url)  # 立案审批表、笔录、送达回证 … before 结案
    form = _step(page, "close")
    form.locator("#close-on").fill("2020-02-20")
    form.locator("#close-report").fill("罚款100元已缴清，建议结案。")
    _submit(page, "close", "结案", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("已结案")

    _complete_file(page, case_url)  # the 结案报告
    form = _step(page, "archive")
    form.locator("#archive-on").fill("2020-02-20")
    _submit(page, "archive", "归档", url=case_url)
    expect(page.get_by_test_id("case-status")).to_have_text("已归档")
    expect(page.get_by_role("heading", name="卷内目录")).to_be_visible()
    timeline = page.get_by_test_id("case-timeline")
    for event in ("登记案源", "批准立案", "作出行政处罚决定", "归档"):
        expect(timeline).to_contain_text(event)


@pytest.mark.parametrize("size", SIZES)
def test_without_script_a_step_opens_on_the_case_page_and_a_refusal_keeps_it_open(browser, server_url, size):
    """The step's link works without JavaScript: it opens the case page with that form; a refused step comes back on
    the same page with the form bound and the rule's message."""
    context = browser.new_context(locale="zh-CN", java_script_enabled=False, viewport=SIZES[size])
    page = context.new_page()
    try:
        login(page, server_url, "officer1")
        page.goto(f"{server_url}/cases/")
        cases = [a.get_attribute("href") for a in page.locator("table a[href^='/cases/']").all()[:10]]
        dated = ", ".join(f"[data-testid=step-{n}][data-step-state=now] [data-testid=step-open]" for n in DATED_STEPS)
        for href in cases:  # a case offering a dated step (a date after today is always refused: nothing is written)
            page.goto(f"{server_url}{href}")
            if page.locator(dated).count():
                break
        case_url = page.url
        opener = page.locator(dated).first
        name = opener.locator("xpath=ancestor::section[1]").get_attribute("data-testid").removeprefix("step-")
        opener.click()
        expect(page).to_have_url(re.compile(re.escape(f"{case_url}step/{name}/")))
        section = page.get_by_test_id(f"step-{name}")
        expect(section.locator("form")).to_be_visible()
        assert page.locator("section.step form").count() == 1  # only the step opened
        _no_horizontal_overflow(page)
        section.locator("input[type=date]").first.fill("2099-01-01")
        section.get_by_role("button").last.click()
        expect(page.locator("[data-testid=step-error], [data-testid^=field-error-]").first).to_be_visible()
        expect(page.get_by_test_id(f"step-{name}").locator("form")).to_be_visible()
        _no_horizontal_overflow(page)
    finally:
        context.close()


# A 1×1 PNG (the evidence upload checks the file's magic bytes).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
