"""The supervisors' chain page: a scoped, filterable list of entries in people's words, one entry's detail,
verification in the browser against a saved checkpoint, and the checkpoint as a file to keep outside the system."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from fazhi.audit import display, verify
from fazhi.core import listing
from fazhi.org.selectors import visible_bodies
from fazhi.supervision import permissions, selectors
from fazhi.supervision.forms import ChainFilterForm, VerifyForm

PAGE_SIZE = 50
DENIED = "您没有查看审计链的权限（需监督人员、负责人或法制审核人员角色）。"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(DENIED)


@dataclass
class Row:
    entry: object
    changes: list
    body_name: str
    subject_kind: str


def _rows(entries) -> list[Row]:
    """The page's entries in words; the people and bodies they name are fetched in one query each."""
    entries = list(entries)
    names = selectors.names_for(display.references(entries))
    return [
        Row(
            entry=e,
            changes=display.summarize(e.payload, subject_type=e.subject_type, event=e.event, names=names),
            body_name=names.get((display.BODY, e.body_id), "") if e.body_id else "",
            subject_kind=display.scope_name(e.subject_type),
        )
        for e in entries
    ]


@login_required
def chain_list(request):
    _require(permissions.can_view_chain(request.user))
    scoped = selectors.visible_entries(request.user)
    body_filter = listing.BodyFilter(
        visible_bodies(request.user),
        request.GET.get("body"),
        used_ids=scoped.order_by().exclude(body_id__isnull=True).values_list("body_id", flat=True).distinct(),
    )
    types = sorted(((t, display.scope_name(t)) for t in selectors.subject_types_in(scoped)), key=lambda pair: pair[1])
    form = ChainFilterForm(request.GET or None, people=selectors.people_for_filter(request.user), subject_types=types)
    entries = scoped
    if form.is_bound:
        if form.is_valid():
            entries = selectors.filter_entries(entries, **form.chain_filters())
            entries = selectors.narrow(
                entries,
                person=form.cleaned_data["person"],
                record=form.cleaned_data["record"].strip(),
                body_filter=body_filter,
            )
        else:
            entries = entries.none()
    page = listing.page_of(request, entries.order_by("-seq"), PAGE_SIZE)
    return render(
        request,
        "supervision/chain_list.html",
        {
            "form": form,
            "body_filter": body_filter,
            "page": page,
            "rows": _rows(page.object_list),
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
    row = _rows([entry])[0]
    return render(
        request,
        "supervision/chain_entry.html",
        {"entry": entry, "row": row, "changes": row.changes, "payload_files": entry.payload.get("files")},
    )


def _require_verifier(request) -> None:
    if not permissions.can_verify_chain(request.user):
        raise PermissionDenied("只有监督人员可以校验审计链和下载检查点。")


@login_required
def chain_verify(request):
    _require_verifier(request)
    form = VerifyForm(request.GET if "run" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        result = verify.verify_chain(against=form.cleaned_data["against"])
    return render(
        request,
        "supervision/chain_verify.html",
        {"form": form, "result": result, "head": verify.current_head()},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def checkpoint(request):
    """The chain head as a text file: its first line is "SEQ:HASH", to keep outside the system (on paper, a USB
    stick, an e-mail to oneself) and paste into the verify page later. Anyone who rewrote history after it would
    have to change that entry's hash, which the check against the saved line exposes."""
    _require_verifier(request)
    head = verify.current_head() or verify.Checkpoint(0, verify.GENESIS_HASH)
    now = timezone.localtime()
    who = request.user.get_full_name() or request.user.get_username()
    text = (
        f"{head}\n"
        f"# 法治平台审计链检查点：第 {head.seq} 条记录的 SM3 哈希。\n"
        f"# 下载时间：{now:%Y-%m-%d %H:%M:%S}（北京时间），下载人：{who}。\n"
        "# 请保存在系统之外。校验时在“校验审计链”页面粘贴第一行（或本文件全部内容）："
        "链中第该条记录的哈希仍与此相同，才说明此前的历史未被改写。\n"
    )
    response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fazhi-checkpoint-{head.seq}.txt"'
    return response
