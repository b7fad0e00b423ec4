"""Public pages (no login) under /gongkai/gfxwj/: a town's register with full texts and 有效期, the documents open for
comment with the comment form, answered comments, and the published 清理 lists.

The comment form is guarded by the disclosure form's four layers (size, honeypot, signed timestamp token, the shared
per-client rate limit) through ``fazhi.disclosure.public.public_post_problem`` — one flood guard for every public form.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.disclosure import selectors as disclosure_selectors
from fazhi.disclosure.public import make_token, public_post_problem, remember_post
from fazhi.normative import forms, selectors, services


def _token_value(doc) -> str:
    return f"normative-comment:{doc.pk}"


def index(request):
    return render(request, "normative/public/index.html", {"bodies": disclosure_selectors.published_bodies()})


def body_home(request, code):
    body = disclosure_selectors.published_body(code)
    today = clock.today()
    return render(
        request,
        "normative/public/body.html",
        {
            "body": body,
            "documents": selectors.published_register(body)[:500],
            "open": selectors.open_for_comment(body, today),
            "cleanups": selectors.published_cleanups(body),
            "today": today,
        },
    )


def document(request, code, pk):
    body = disclosure_selectors.published_body(code)
    doc = selectors.published_document(body, pk)
    try:
        on = date.fromisoformat(request.GET.get("on", "")) if request.GET.get("on") else None
    except ValueError:
        on = None
    versions = selectors.versions_of(doc)
    return render(
        request,
        "normative/public/document.html",
        {
            "body": body,
            "doc": doc,
            "versions": versions,
            "on": on,
            "text": selectors.text_on(doc, on) if on else (versions[-1] if versions else None),
            "comments": selectors.answered_comments(doc),
        },
    )


@require_http_methods(["GET", "POST"])
def comment(request, code, pk):
    body = disclosure_selectors.published_body(code)
    doc = selectors.commentable_document(body, pk)
    form = forms.PublicCommentForm(request.POST or None, initial={"token": make_token(_token_value(doc))})
    status = 200
    if request.method == "POST":
        problem, client = public_post_problem(request, body, _token_value(doc))
        if problem is None and form.is_valid():
            try:
                with transaction.atomic():
                    services.receive_comment(actor=None, document=doc, content=form.cleaned_data["content"],
                                             author=form.cleaned_data["author"], channel="网上")  # fmt: skip
                    remember_post(client, accepted=True)
            except DomainError as exc:
                problem = exc.message
            else:
                messages.success(request, "意见已提交，起草单位将在征求意见结束后公开采纳情况。")
                return redirect("gfxwj:document_comment", code, doc.pk)
        remember_post(client, accepted=False)
        if problem:
            form.add_error(None, problem)
        status = 429 if problem and ("次数" in problem or "每小时" in problem) else 400
        data = form.data.copy()
        data["token"] = make_token(_token_value(doc))
        form.data = data
    return render(request, "normative/public/comment.html", {"body": body, "doc": doc, "form": form}, status=status)


def cleanup(request, code, pk):
    body = disclosure_selectors.published_body(code)
    rounds = {c.pk: c for c in selectors.published_cleanups(body)}
    if int(pk) not in rounds:
        from django.http import Http404

        raise Http404("清理不存在")
    c = rounds[int(pk)]
    return render(
        request, "normative/public/cleanup.html", {"body": body, "cleanup": c, "lists": selectors.cleanup_lists(c)}
    )
