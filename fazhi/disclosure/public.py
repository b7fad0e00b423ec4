"""Public pages (no login): the request form, status lookup, the guide, the catalogue and published reports.

Only ``published_*`` selectors and ``public_status`` feed these pages: no applicant name, identity number or contact
ever reaches them. The request form is protected without any outside service by three layers:

1. size limits: the whole POST body (``MAX_POST_BYTES``) and every field (form max lengths);
2. a honeypot field that people never see and robots fill in;
3. a signed timestamp token (Django's TimestampSigner with the secret key): a form must be at least
   ``MIN_FILL_SECONDS`` old and at most ``MAX_TOKEN_AGE`` — replaying an old token or posting instantly fails;
4. a per-client rate limit kept in the database (``PublicSubmission``, keyed by a salted hash of the address, so
   no address is stored): at most ``disclosure.public_hourly_limit`` accepted requests per hour and
   ``disclosure.public_post_limit`` posts of any kind per 10 minutes. It works across processes and machines
   because the database is shared. The address is the one ``fazhi.core.client`` reads (``FAZHI_CLIENT_IP_HEADER``
   behind a proxy), the same as the login lockout's.

The token is single-use: each post claims it (its hash is unique in ``PublicSubmission``), so a replayed form is
refused. The hourly limit cannot be outrun by parallel posts (ADR 0021): a post first commits its own row as
accepted, then counts the client's accepted rows of the hour — itself included — and gives its place back (row
marked refused) when the count is over the limit. Of any six admitted posts, the one committed last would have
counted all six, so at most the limit can ever be admitted, on SQLite and PostgreSQL alike, with no lock held
across the request.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta
from types import SimpleNamespace

from django import forms as djforms
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.client import client_address
from fazhi.core.errors import DomainError
from fazhi.core.selectors import get_setting
from fazhi.disclosure import letters, selectors, services
from fazhi.disclosure.forms import ApplicationForm
from fazhi.disclosure.models import CatalogueCategory, Channel, PublicSubmission

MAX_POST_BYTES = 16 * 1024
MIN_FILL_SECONDS = 3
MAX_TOKEN_AGE = 2 * 60 * 60
HOURLY_LIMIT_DEFAULT = 5
POST_LIMIT_DEFAULT = 20
TOKEN_SALT = "fazhi.disclosure.public-form"


class PublicApplicationForm(ApplicationForm):
    website = djforms.CharField(label="网址（请勿填写）", required=False, max_length=200)
    token = djforms.CharField(widget=djforms.HiddenInput, max_length=200)


def _client_hash(request) -> str:
    address = client_address(request) or "unknown"
    return salted_hmac("fazhi.disclosure.client", address).hexdigest()


def make_token(body_code: str) -> str:
    """The town's code and a random nonce (every form its own token, so one can be claimed once), signed with the
    time."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(f"{body_code}.{secrets.token_urlsafe(12)}")


def _token_problem(token: str, body_code: str) -> str | None:
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        value = signer.unsign(token, max_age=MAX_TOKEN_AGE)
    except signing.SignatureExpired:
        return "表单已过期，请重新打开申请页面填写。"
    except signing.BadSignature:
        return "表单校验失败，请重新打开申请页面填写。"
    if value.rsplit(".", 1)[0] != body_code:
        return "表单校验失败，请重新打开申请页面填写。"
    issued = signing.b62_decode(token.rsplit(":", 2)[1])
    if time.time() - issued < MIN_FILL_SECONDS:
        return "提交过快，请核对填写内容后再提交。"
    return None


def _hourly_limit(body) -> int:
    return int(get_setting("disclosure.public_hourly_limit", body_id=body.pk, default=HOURLY_LIMIT_DEFAULT))


def _rate_problem(body, client: str) -> str | None:
    """The cheap early check (before any work): too many posts of any kind, or the hour already full."""
    now = timezone.now()
    hourly = _hourly_limit(body)
    posts = int(get_setting("disclosure.public_post_limit", body_id=body.pk, default=POST_LIMIT_DEFAULT))
    recent = PublicSubmission.objects.filter(client_hash=client)
    if recent.filter(at__gte=now - timedelta(minutes=10)).count() >= posts:
        return "提交次数过多，请稍后再试。"
    if recent.filter(at__gte=now - timedelta(hours=1), accepted=True).count() >= hourly:
        return _hourly_message(hourly)
    return None


def _hourly_message(hourly: int) -> str:
    return f"同一网络每小时最多可在线提交{hourly}件申请，请稍后再试，或通过信函、传真、当面等方式提出。"


def _remember(client: str, accepted: bool, token: str = "") -> PublicSubmission | None:
    """Record this post; with ``token``, claim it — None when the token was already used (single-use)."""
    now = timezone.now()
    PublicSubmission.objects.filter(at__lt=now - timedelta(days=1)).delete()
    token_hash = hashlib.sha256(token.encode()).hexdigest() if token else None
    try:
        with transaction.atomic():
            return PublicSubmission.objects.create(client_hash=client, at=now, accepted=accepted, token_hash=token_hash)
    except IntegrityError:
        return None


def _take_a_place(body, row: PublicSubmission) -> bool:
    """Commit this post's row as accepted, then count the hour's accepted rows of the client, this one included;
    over the limit, give the place back. Each statement commits on its own (no transaction around them)."""
    PublicSubmission.objects.filter(pk=row.pk).update(accepted=True)
    taken = PublicSubmission.objects.filter(
        client_hash=row.client_hash, accepted=True, at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if taken > _hourly_limit(body):
        PublicSubmission.objects.filter(pk=row.pk).update(accepted=False)
        return False
    return True


# --- The same four layers for another app's public form (normative's comment form, ADR 0038) -----------------------


def public_post_problem(request, body, token_value: str) -> tuple[str | None, str]:
    """Size, honeypot, token (signed over ``token_value``, made by ``make_token``) and the shared rate limit, for a
    public POST: (the refusal or None, the client's hash for ``remember_post``)."""
    client = _client_hash(request)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_POST_BYTES + 1
    if length > MAX_POST_BYTES:
        return "提交内容过大（上限16KB）。", client
    problem = _rate_problem(body, client)
    if problem is None and request.POST.get("website"):
        problem = "表单校验失败，请重新打开页面填写。"
    if problem is None:
        problem = _token_problem(request.POST.get("token", ""), token_value)
    return problem, client


def remember_post(client: str, accepted: bool) -> None:
    _remember(client, accepted)


def index(request):
    return render(request, "disclosure/public/index.html", {"bodies": selectors.published_bodies()})


def home(request, code):
    body = selectors.published_body(code)
    return render(
        request,
        "disclosure/public/home.html",
        {"body": body, "guide": selectors.published_guide(body), "reports": selectors.published_reports(body)},
    )


def guide(request, code):
    body = selectors.published_body(code)
    return render(
        request,
        "disclosure/public/guide.html",
        {"body": body, "guide": selectors.published_guide(body), "categories": CatalogueCategory.choices},
    )


def catalogue(request, code):
    body = selectors.published_body(code)
    category = request.GET.get("category", "")
    if category not in CatalogueCategory.values:
        category = ""
    return render(
        request,
        "disclosure/public/catalogue.html",
        {
            "body": body,
            "entries": selectors.published_catalogue(body, category=category)[:500],
            "categories": CatalogueCategory.choices,
            "category": category,
        },
    )


def catalogue_entry(request, code, pk):
    body = selectors.published_body(code)
    return render(
        request,
        "disclosure/public/catalogue_entry.html",
        {"body": body, "entry": selectors.published_catalogue_entry(body, pk)},
    )


@require_http_methods(["GET", "POST"])
def apply(request, code):
    body = selectors.published_body(code)
    if request.method == "POST":
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_POST_BYTES + 1
        if length > MAX_POST_BYTES:
            return HttpResponse("提交内容过大（上限16KB）。", status=413, content_type="text/plain; charset=utf-8")
        form = PublicApplicationForm(request.POST)
        client = _client_hash(request)
        token = request.POST.get("token", "")
        problem = _rate_problem(body, client)
        if problem is None and request.POST.get("website"):
            problem = "表单校验失败，请重新打开申请页面填写。"
        if problem is None:
            problem = _token_problem(token, body.code)
        row = None
        if problem is None:
            row = _remember(client, accepted=False, token=token)  # claims the token: a replay finds it taken
            if row is None:
                problem = "此表单已经提交过，请重新打开申请页面填写。"
        if problem is not None:
            if row is None:
                _remember(client, accepted=False)
            return _refuse(request, body, problem)
        if form.is_valid():
            if not _take_a_place(body, row):
                return _refuse(request, body, _hourly_message(_hourly_limit(body)))
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("website", "token")}
            try:
                with transaction.atomic():
                    req = services.register_request(
                        actor=None, body=body, channel=Channel.ONLINE, submitted_on=clock.today(), **data
                    )
            except DomainError as error:
                PublicSubmission.objects.filter(pk=row.pk).update(accepted=False)
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    f"申请已提交，查询码：{req.lookup_code}。请妥善保存。工作人员将与您确认收到申请的日期"
                    "（《政府信息公开条例》第三十一条第（三）项），答复期限自确认之日起计算。",
                )
                return redirect(f"{reverse('xxgk:status', args=[body.code])}?code={req.lookup_code}")
        return _apply_page(request, body, form, status=400)
    form = PublicApplicationForm(initial={"token": make_token(body.code)})
    return _apply_page(request, body, form)


def _refuse(request, body, problem: str):
    form = PublicApplicationForm(request.POST, initial={"token": make_token(body.code)})
    form.is_valid()
    form.add_error(None, problem)
    return _apply_page(request, body, form, status=429 if "次数" in problem or "每小时" in problem else 400)


def _apply_page(request, body, form, status=200):
    form.fields["token"].initial = make_token(body.code)
    if form.is_bound:
        data = form.data.copy()
        data["token"] = make_token(body.code)
        form.data = data
    return render(request, "disclosure/public/apply.html", {"body": body, "form": form}, status=status)


def _status_of(body, lookup: str) -> dict | None:
    result = selectors.public_status(lookup) if lookup else None
    if result is not None and result["body"] != body.name:
        return None
    return result


class CorrectionForm(djforms.Form):
    """The applicant's online correction (第三十条): the query code and what they supply."""

    code = djforms.CharField(label="查询码", max_length=20)
    supplied = djforms.CharField(label="补正内容", max_length=2000, widget=djforms.Textarea(attrs={"rows": 5}))


@require_http_methods(["GET", "POST"])
def status(request, code):
    """The lookup page; while a 补正 is awaited it says what to supply, by when and under which article, offers the
    补正告知书 (.docx) and takes the correction online (rate-limited like the form; the clerk's inbox is told)."""
    body = selectors.published_body(code)
    lookup = request.GET.get("code", "") or request.POST.get("code", "")
    result = _status_of(body, lookup)
    correction_form = CorrectionForm(initial={"code": lookup[:20]})
    status_code = 404 if lookup and result is None else 200
    if request.method == "POST":
        correction_form = CorrectionForm(request.POST)
        client = _client_hash(request)
        problem = _rate_problem(body, client)
        if problem is None and (result is None or not result["awaiting_correction"]):
            problem = "该申请当前不需要补正，或查询码有误。"
        if problem is None and correction_form.is_valid():
            try:
                services.receive_correction(
                    actor=None,
                    request=selectors.request_for_public_correction(result["request_id"]),
                    on=clock.today(),
                    supplied=correction_form.cleaned_data["supplied"],
                )
            except DomainError as error:
                problem = error.message
            else:
                _remember(client, accepted=True)
                messages.success(request, "补正内容已提交，答复期限自今日起重新计算（《政府信息公开条例》第三十条）。")
                return redirect(f"{reverse('xxgk:status', args=[body.code])}?code={result['lookup_code']}")
        _remember(client, accepted=False)
        if problem:
            correction_form.add_error(None, problem)
        status_code = 429 if problem and ("次数" in problem or "每小时" in problem) else 400
    return render(
        request,
        "disclosure/public/status.html",
        {
            "body": body,
            "lookup": lookup[:20],
            "result": result,
            "searched": bool(lookup),
            "correction_form": correction_form,
        },
        status=status_code,
    )


def receipt(request, code):
    """A printable 回执 with the query code, for walk-in and online applicants alike (no name, no contact)."""
    body = selectors.published_body(code)
    result = _status_of(body, request.GET.get("code", ""))
    if result is None:
        raise Http404("没有找到该查询码对应的申请。")
    return render(request, "disclosure/public/receipt.html", {"body": body, "result": result})


def correction_notice_docx(request, code):
    """The 补正告知书 (第三十条) as .docx, by query code: what to supply, by when, and the consequence."""
    body = selectors.published_body(code)
    result = _status_of(body, request.GET.get("code", ""))
    if result is None or result["correction"] is None:
        raise Http404("没有找到该查询码对应的补正告知。")
    data = letters.correction_notice_docx(body.name, result)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f"attachment; filename=buzheng-{result['number']}.docx"
    return response


def reports(request, code):
    body = selectors.published_body(code)
    return render(
        request, "disclosure/public/reports.html", {"body": body, "reports": selectors.published_reports(body)}
    )


def _snapshot(report):
    snap = report.snapshot
    return SimpleNamespace(
        title=snap["title"], preamble=snap["preamble"], sections=snap["sections"], tables=snap["tables"]
    )


def report(request, code, year):
    body = selectors.published_body(code)
    published = selectors.published_report(body, year)
    return render(
        request, "disclosure/public/report.html", {"body": body, "report": published, "built": _snapshot(published)}
    )


def report_docx(request, code, year):
    body = selectors.published_body(code)
    published = selectors.published_report(body, year)
    response = HttpResponse(
        letters.report_docx(_snapshot(published)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="xxgk-report-{year}.docx"'
    return response
