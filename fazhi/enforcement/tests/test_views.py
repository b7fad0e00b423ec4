"""Pages: an allowed user, a colleague without the role and an outsider from another town, for every view."""

from datetime import date

from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at, jpeg


def test_case_list_shows_only_the_towns_cases_without_a_query_per_row(w, login, django_assert_max_num_queries):
    for _ in range(3):
        case_at(w, "investigating")
    client = login(w.officer1)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("enforcement:case_list"))
    assert response.status_code == 200
    assert response.content.decode().count("辛口综执立字〔2022〕") == 3
    assert login(w.outsider).get(reverse("enforcement:case_list")).content.decode().count("辛口综执立字") == 0


def test_case_page_for_officer_colleague_and_outsider(w, login):
    case = case_at(w, "decided")
    url = reverse("enforcement:case_detail", args=[case.pk])
    page = login(w.officer1).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "辛口综执罚决字〔2022〕第1号" in text and "作出行政处罚决定" in text  # timeline from the chain
    assert login(w.colleague).get(url).status_code == 200  # same town may read
    assert login(w.outsider).get(url).status_code == 404


def test_a_proposed_case_page_names_its_power_item_and_discretion_band(w, login):
    # The case is read with its body only (ADR 0087); the power item and the band chosen at 第三十四条 are read when
    # the page shows them, and the page must still show both.
    case = case_at(w, "proposed")
    page = login(w.officer1).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    proposal = page.split("<th>处理建议</th>")[1].split("</tr>")[0]
    assert w.version.name in proposal
    assert f"裁量档次：{case.benchmark_level.name}" in proposal


def test_a_refused_step_re_renders_with_the_chinese_reason_and_changes_nothing(w, login):
    case = case_at(w, "lead")
    url = reverse("enforcement:case_step", args=[case.pk, "request_filing"])
    response = login(w.officer1).post(url, {"officers": [w.officer1.pk], "on": "2022-03-02"})
    assert response.status_code == 400
    assert "第四十二条" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "lead"


def test_bad_date_names_the_field(w, login):
    case = case_at(w, "lead")
    url = reverse("enforcement:case_step", args=[case.pk, "request_filing"])
    response = login(w.officer1).post(url, {"officers": [w.officer1.pk, w.officer2.pk], "on": "明天"})
    assert response.status_code == 400
    assert "提请日期“明天”格式不正确" in response.content.decode()


def test_a_step_by_post_redirects_and_moves_the_case(w, login):
    case = case_at(w, "lead")
    url = reverse("enforcement:case_step", args=[case.pk, "request_filing"])
    response = login(w.officer1).post(url, {"officers": [w.officer1.pk, w.officer2.pk], "on": "2022-03-02"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "filing"


def test_colleague_without_the_role_cannot_take_a_step(w, login):
    case = case_at(w, "lead")
    url = reverse("enforcement:case_step", args=[case.pk, "request_filing"])
    response = login(w.colleague).post(url, {"officers": [w.officer1.pk, w.officer2.pk], "on": "2022-03-02"})
    assert response.status_code == 400
    assert "执法人员" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "lead"


def test_outsider_cannot_take_a_step_on_another_towns_case(w, login):
    case = case_at(w, "lead")
    url = reverse("enforcement:case_step", args=[case.pk, "request_filing"])
    assert login(w.outsider).post(url, {"on": "2022-03-02"}).status_code == 404


def test_register_lead_page(w, login):
    url = reverse("enforcement:case_new")
    assert login(w.colleague).get(url).status_code == 404
    client = login(w.officer1)
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "source": "patrol",
            "party_kind": "person",
            "title": "",
            "discovered_on": "2022-03-01",
            "act_date": "2022-03-01",
        },
    )
    assert bad.status_code == 400 and "请填写案由" in bad.content.decode()
    ok = client.post(
        url,
        {
            "source": "patrol",
            "title": "占道经营",
            "description": "巡查发现",
            "place": "辛口镇某路",
            "discovered_on": "2022-03-01",
            "act_date": "2022-03-01",
            "party_kind": "person",
            "party_name": "钱某",
        },
    )
    assert ok.status_code == 302
    assert Case.objects.get(title="占道经营").body == w.town


def test_evidence_and_documents_download_only_in_scope(w, login):
    case = case_at(w, "investigating")
    from fazhi.enforcement import services

    evidence = services.add_evidence(
        actor=w.officer1, case=case, kind="document", title="照片", collected_on=date(2022, 3, 4), upload=jpeg()
    )
    doc = services.generate_document(actor=w.officer1, case=case, kind="filing_approval")
    ev_url = reverse("enforcement:evidence_file", args=[case.pk, evidence.pk])
    doc_url = reverse("enforcement:document_file", args=[case.pk, doc.pk])
    assert login(w.officer1).get(ev_url).status_code == 200
    assert login(w.officer1).get(doc_url).status_code == 200
    assert login(w.outsider).get(ev_url).status_code == 404
    assert login(w.outsider).get(doc_url).status_code == 404


def test_summary_page_refuses_above_the_cap_naming_article_51(w, login):
    url = reverse("enforcement:summary_new")
    assert login(w.colleague).get(url).status_code == 404
    response = login(w.officer1).post(
        url,
        {
            "on": "2022-03-01",
            "place": "辛口镇某路",
            "title": "乱扔垃圾",
            "facts": "乱扔垃圾",
            "basis": "《天津市市容和环境卫生管理条例》",
            "party_kind": "person",
            "party_name": "周某",
            "officers": [w.officer1.pk, w.officer2.pk],
            "penalty_kinds": "罚款",
            "fine_amount": "300",
        },
    )
    assert response.status_code == 400
    assert "第五十一条" in response.content.decode()


def test_review_queue_and_opinion_pages(w, login):
    from fazhi.enforcement import services
    from fazhi.enforcement.tests.factories import case_review

    case = case_at(w, "notified")
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 17), summary="送审")
    review = case_review(case)
    queue = reverse("review:queue")
    assert "露天焚烧秸秆" in login(w.reviewer).get(queue).content.decode()
    assert "露天焚烧秸秆" not in login(w.officer1).get(queue).content.decode()
    assert "露天焚烧秸秆" not in login(w.outsider).get(queue).content.decode()
    detail = reverse("review:detail", args=[review.pk])
    assert login(w.outsider).get(detail).status_code == 404
    form = {f"ok_{k}": "1" for k in ("subject", "procedure", "facts", "law", "authority", "documents", "crime")}
    assert login(w.officer1).post(detail, {**form, "conclusion": "agree"}).status_code == 400  # not a reviewer
    response = login(w.reviewer).post(detail, {**form, "conclusion": "agree", "opinion": "同意"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "ready"


def test_catalogue_page_for_reviewer_colleague_and_outsider(w, login):
    url = reverse("review:catalogue")
    response = login(w.reviewer).post(url, {"name": "吊销许可证件", "penalty_kind": "吊销"})
    assert response.status_code == 302
    assert "吊销许可证件" in login(w.colleague).get(url).content.decode()
    assert login(w.colleague).post(url, {"name": "x", "min_amount": "1"}).status_code == 400
    assert "吊销许可证件" not in login(w.outsider).get(url).content.decode()


def test_workbench_selectors_give_next_step_due_date_and_explanation(w):
    from fazhi.enforcement.selectors import awaiting_approval, my_cases, review_queue

    filing = case_at(w, "filing")
    investigating = case_at(w, "investigating")
    rows = my_cases(w.officer1, today=date(2022, 3, 4))
    assert {r.case.pk for r in rows} == {filing.pk, investigating.pk}
    row = next(r for r in rows if r.case.pk == filing.pk)
    assert row.next_step == "负责人审批立案"
    assert row.due_date == date(2022, 3, 22) and row.explanation and not row.overdue  # 15 working days from 1 March
    assert my_cases(w.outsider) == []
    assert [r.case.pk for r in awaiting_approval(w.leader)] == [filing.pk]
    assert awaiting_approval(w.officer1) == []
    assert review_queue(w.reviewer) == [] and review_queue(w.officer1) == []


def test_late_decision_form_needs_the_late_reason_field(w, login):
    from fazhi.enforcement import services

    case = case_at(w, "notified")
    services.waive_rights(actor=w.officer1, case=case, on=date(2022, 3, 10), note="书面放弃")
    url = reverse("enforcement:case_step", args=[case.pk, "decide"])
    client = login(w.leader)
    assert "late_reason" in client.get(url).content.decode()  # the decision form, opened
    refused = client.post(url, {"on": "2022-06-10"})
    assert refused.status_code == 400 and "第六十条" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).status == "notified"
    assert login(w.colleague).post(url, {"on": "2022-06-10", "late_reason": "鉴定耗时"}).status_code == 400
    assert login(w.outsider).post(url, {"on": "2022-06-10", "late_reason": "鉴定耗时"}).status_code == 404
    response = login(w.leader).post(url, {"on": "2022-06-10", "late_reason": "鉴定耗时"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "decided"


def test_the_case_page_shows_the_stage_and_who_it_is_waiting_for(w, login):
    case = case_at(w, "filing")
    page = login(w.officer1).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert 'aria-current="step">立案<' in page
    assert f"等待负责人{w.leader.get_full_name()}审批立案" in page
    # The officer cannot approve; nothing of the approval step is offered to them.
    assert 'data-testid="step-approve_filing"' not in page


def test_an_archived_case_without_its_archive_date_still_opens_and_says_archived(w, login):
    # Only the 归档 step archives, and it dates the archive; a row loaded in bulk (the HTTP bench did) may lack it.
    case = case_at(w, "closed")
    Case.objects.filter(pk=case.pk).update(status="archived", archived_on=None)
    response = login(w.officer1).get(reverse("enforcement:case_detail", args=[case.pk]))
    assert response.status_code == 200
    assert "已归档" in response.content.decode()


def test_a_step_that_would_be_refused_is_shown_disabled_with_the_reason(w, login, time_machine):
    case = case_at(w, "notified")  # notified 2022-03-09: the party's 5 working days run until 2022-03-16
    time_machine.move_to("2022-03-14 10:00 +08:00")
    page = login(w.leader).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    start = page.index('data-testid="step-decide"')
    panel = page[start : page.index("</section>", start)]
    assert panel.startswith('data-testid="step-decide" data-step-state="blocked"')
    assert "第六十二条" in panel and "2022-03-16" in panel and "disabled" in panel
    assert 'data-testid="step-open"' not in panel  # nothing to open while the rules block it


def test_the_review_page_shows_the_facts_the_proposal_and_the_deadline_and_no_point_is_pre_answered(w, login):
    case = case_at(w, "proposed", major_public_interest=True)
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 9), summary="全部案卷")
    from fazhi.enforcement.tests.factories import case_review

    url = reverse("review:detail", args=[case_review(case).pk])
    page = login(w.reviewer).get(url).content.decode()
    assert "露天焚烧秸秆约二百平方米" in page and "罚款人民币600.00元" in page and "裁量档次" in page
    assert 'data-testid="review-due"' in page
    assert "checked" not in page.split('name="ok_subject"')[1][:80]
    # Answering only some points is refused, naming what is missing, and keeps the answers given.
    response = login(w.reviewer).post(url, {"ok_subject": "1", "note_subject": "主体合法", "conclusion": "agree"})
    body = response.content.decode()
    assert response.status_code == 400 and "尚缺" in body and "主体合法" in body


def test_the_bands_offered_follow_the_power_item_chosen(w, login):
    case = case_at(w, "investigating")
    url = reverse("enforcement:propose_levels", args=[case.pk])
    html = login(w.officer1).get(url, {"power_version": w.version.pk}).content.decode()
    assert all(level.name in html for level in w.levels)
    assert login(w.outsider).get(url, {"power_version": w.version.pk}).status_code == 404


def test_only_officers_certified_today_are_offered_for_a_two_person_act(w, login):
    case = case_at(w, "lead")
    page = login(w.officer1).get(reverse("enforcement:case_step", args=[case.pk, "request_filing"])).content.decode()
    panel = page[page.index('data-testid="step-request_filing"') :]
    assert w.officer1.get_full_name() in panel and w.uncertified.get_full_name() not in panel


def test_asking_for_filing_puts_it_in_the_leaders_inbox_and_opening_it_marks_it_read(w, login):
    case = case_at(w, "filing")
    client = login(w.leader)
    home = client.get(reverse("workbench:home")).content.decode()
    assert "1 条未读" in home and f"提请立案审批：{case.label}" in home
    from fazhi.core.models import Notice

    notice = Notice.objects.get(recipient=w.leader)
    opened = client.get(reverse("workbench:open_notice", args=[notice.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("enforcement:case_detail", args=[case.pk])
    assert "条未读" not in client.get(reverse("workbench:home")).content.decode()
    # Someone else's notice is not found.
    assert login(w.officer1).get(reverse("workbench:open_notice", args=[notice.pk])).status_code == 404


def test_a_review_is_announced_to_reviewers_but_not_to_the_cases_investigators(w):
    from fazhi.core.models import Notice

    case = case_at(w, "proposed", major_public_interest=True)
    services.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 9), summary="全部案卷")
    told = set(Notice.objects.filter(kind="review").values_list("recipient_id", flat=True))
    assert w.reviewer.pk in told and w.officer1.pk not in told and w.outsider.pk not in told
