"""The supervisors' chain page: a scoped, filterable list of entries, one entry's detail, and verification."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from fazhi.audit import display, verify
from fazhi.supervision import permissions, selectors
from fazhi.supervision.forms import ChainFilterForm, VerifyForm

PAGE_SIZE = 50


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("您没有查看审计链的权限（需监督人员、负责人或法制审核人员角色）。")


@login_required
def chain_list(request):
    _require(permissions.can_view_chain(request.user))
    entries = selectors.visible_entries(request.user)
    form = ChainFilterForm(request.GET or None)
    if form.is_bound:
        if form.is_valid():
            entries = selectors.filter_entries(entries, **form.cleaned_data)
        else:
            entries = entries.none()
    page = Paginator(entries.order_by("-seq"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, display.summarize(entry.payload)) for entry in page]
    return render(
        request,
        "supervision/chain_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "can_verify": permissions.can_verify_chain(request.user),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def chain_entry(request, seq: int):
    _require(permissions.can_view_chain(request.user))
    entry = selectors.entry_in_scope(request.user, seq)
    if entry is None:
        raise Http404("没有这条审计记录，或它不在您的查看范围内。")
    return render(
        request,
        "supervision/chain_entry.html",
        {"entry": entry, "changes": display.summarize(entry.payload), "payload_files": entry.payload.get("files")},
    )


@login_required
def chain_verify(request):
    if not permissions.can_verify_chain(request.user):
        raise PermissionDenied("只有监督人员可以校验审计链。")
    form = VerifyForm(request.GET if "run" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = verify.verify_chain(against=form.cleaned_data["against"])
    return render(
        request,
        "supervision/chain_verify.html",
        {"form": form, "result": result},
        status=400 if form.is_bound and form.errors else 200,
    )
