"""Opening a step of the case page (GET /cases/<id>/step/<name>/, ADR 0082): the case page lists the steps without
their forms; the officer opens one and gets its form — htmx the step alone, a browser without script the case page with
that form open. Only a step the user may take now opens; any other answer is a Chinese 4xx, never a 500."""

from datetime import date

from django.urls import reverse

from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at

HTMX = {"HTTP_HX_REQUEST": "true"}


def _step_url(case, name):
    return reverse("enforcement:case_step", args=[case.pk, name])


def _step_forms(html: str) -> int:
    return html.count('<form method="post" action="/cases/')


def test_the_case_page_lists_the_steps_without_drawing_their_forms(w, login):
    case = case_at(w, "investigating")
    page = login(w.officer1).get(reverse("enforcement:case_detail", args=[case.pk])).content.decode()
    assert 'data-testid="step-record_act"' in page and 'data-testid="step-propose"' in page
    assert "第四十二条" in page  # each step still names its article
    assert _step_forms(page) == 0
    assert f'hx-get="{_step_url(case, "record_act")}"' in page


def test_htmx_opening_a_step_gives_that_step_with_its_form_only(w, login):
    case = case_at(w, "lead")
    response = login(w.officer1).get(_step_url(case, "request_filing"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and html.count("<section") == 1
    assert 'data-testid="step-request_filing"' in html
    assert f'<form method="post" action="{_step_url(case, "request_filing")}"' in html
    assert 'id="request_filing-on"' in html and w.officer1.get_full_name() in html
    assert "HX-Request" in response["Vary"]  # the same URL without htmx is a whole page: caches keep them apart


def test_without_script_opening_a_step_gives_the_case_page_with_that_form_open(w, login):
    case = case_at(w, "investigating")
    response = login(w.officer1).get(_step_url(case, "add_evidence"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'data-testid="case-timeline"' in html
    assert _step_forms(html) == 1
    assert f'action="{_step_url(case, "add_evidence")}" enctype="multipart/form-data"' in html
    assert 'data-testid="step-record_act"' in html  # the other steps are still listed, closed


def test_opening_a_step_on_a_case_outside_the_users_scope_is_404(w, login):
    case = case_at(w, "lead")
    assert login(w.outsider).get(_step_url(case, "request_filing"), **HTMX).status_code == 404
    assert login(w.outsider).get(_step_url(case, "request_filing")).status_code == 404


def test_opening_a_step_of_a_case_that_does_not_exist_is_404(w, login):
    assert login(w.officer1).get("/cases/999999/step/request_filing/").status_code == 404
    assert login(w.officer1).get("/cases/99999999999999999999999/step/request_filing/").status_code == 404


def test_opening_an_unknown_step_is_404(w, login):
    case = case_at(w, "lead")
    client = login(w.officer1)
    for name in ("no_such_step", "request_filing2", "REQUEST_FILING", "%E7%AB%8B%E6%A1%88", "a" * 300):
        response = client.get(f"/cases/{case.pk}/step/{name}/")
        assert response.status_code == 404, name
        assert "页面不存在" in response.content.decode()


def test_opening_another_roles_step_is_403_in_chinese(w, login):
    case = case_at(w, "filing")
    response = login(w.officer1).get(_step_url(case, "approve_filing"), **HTMX)
    assert response.status_code == 403
    assert "您不能办理“批准立案”" in response.content.decode()
    assert login(w.colleague).get(_step_url(case, "record_act")).status_code == 403


def test_opening_a_step_that_is_not_the_cases_now_is_404(w, login):
    case = case_at(w, "lead")
    assert login(w.officer1).get(_step_url(case, "serve"), **HTMX).status_code == 404
    assert login(w.leader).get(_step_url(case, "approve_filing")).status_code == 404  # a lead is not yet asked for


def test_opening_a_step_the_rules_block_now_is_403_with_the_reason(w, login, time_machine):
    case = case_at(w, "notified")  # the party's 5 working days run until 2022-03-16 (第六十二条)
    time_machine.move_to("2022-03-14 10:00 +08:00")
    response = login(w.leader).get(_step_url(case, "decide"), **HTMX)
    assert response.status_code == 403
    text = response.content.decode()
    assert "暂不能办理“作出决定”" in text and "2022-03-16" in text


def test_opening_a_step_takes_only_get_and_post(w, login):
    case = case_at(w, "lead")
    client = login(w.officer1)
    assert client.put(_step_url(case, "request_filing")).status_code == 405
    assert client.delete(_step_url(case, "request_filing")).status_code == 405


def test_opening_a_step_ignores_what_the_query_string_says(w, login):
    case = case_at(w, "lead")
    response = login(w.officer1).get(_step_url(case, "request_filing"), {"on": "明天", "officers": "x" * 5000}, **HTMX)
    assert response.status_code == 200
    assert 'data-testid="step-error"' not in response.content.decode()  # an opened form is never bound


def test_a_refused_post_redraws_the_case_page_with_that_form_bound_and_open(w, login):
    case = case_at(w, "lead")
    response = login(w.officer1).post(
        _step_url(case, "request_filing"), {"officers": [w.officer1.pk], "on": "2022-03-02", "opinion": "建议立案"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "第四十二条" in html and 'data-testid="step-error"' in html
    assert _step_forms(html) == 1  # that step's form, and only it
    start = html.index('data-testid="step-request_filing"')
    assert "建议立案" in html[start : html.index("</section>", start)]  # what was typed is kept
    assert Case.objects.get(pk=case.pk).status == "lead"


def test_a_refused_post_with_a_bad_date_names_the_field_on_the_open_form(w, login):
    case = case_at(w, "investigating")
    response = login(w.officer1).post(_step_url(case, "preserve"), {"on": "2022-13-40"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "格式不正确" in html and 'data-testid="field-error-on"' in html
    assert _step_forms(html) == 1


def test_a_successful_post_after_opening_moves_the_case(w, login):
    case = case_at(w, "lead")
    client = login(w.officer1)
    assert client.get(_step_url(case, "request_filing"), **HTMX).status_code == 200
    response = client.post(
        _step_url(case, "request_filing"), {"officers": [w.officer1.pk, w.officer2.pk], "on": date(2022, 3, 2)}
    )
    assert response.status_code == 302 and response.url == reverse("enforcement:case_detail", args=[case.pk])
    assert Case.objects.get(pk=case.pk).status == "filing"
