"""Law library pages (any signed-in user reads; administrators add texts) and the power list pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from fazhi.core import clock
from fazhi.core.errors import DomainError
from fazhi.law import selectors
from fazhi.law.forms import HealthForm, PowerImportForm, PowerItemForm, RetireForm, SearchForm, UploadLawForm
from fazhi.law.models import ArticleRole, Law, LawLevel, LawVersion, PowerCategory, PowerItem
from fazhi.law.permissions import can_edit_power_list, can_upload_law
from fazhi.law.services import (
    PowerListError,
    create_power_item,
    import_power_list,
    retire_power_item,
    revise_power_item,
    upload_law,
)
from fazhi.law.xlsx import export_workbook
from fazhi.org.selectors import visible_bodies


@login_required
def law_list(request):
    groups = []
    by_level: dict[str, list[Law]] = {}
    for law in selectors.laws():
        by_level.setdefault(law.level, []).append(law)
    for level in LawLevel:
        if level.value in by_level:
            groups.append((level.label, by_level[level.value]))
    return render(
        request,
        "law/law_list.html",
        {"groups": groups, "form": SearchForm(), "can_upload": can_upload_law(request.user)},
    )


@login_required
def law_detail(request, pk):
    law = get_object_or_404(Law, pk=pk)
    versions = list(law.versions.order_by("-version_date"))
    wanted = request.GET.get("v")
    version = None
    if wanted and wanted.isdigit():
        version = next((v for v in versions if v.pk == int(wanted)), None)
        if version is None:
            raise Http404("没有这个版本")
    version = version or next((v for v in versions if v.status == "in_force"), versions[0] if versions else None)
    if version is None:
        raise Http404("该法规没有任何版本")
    return render(
        request,
        "law/law_detail.html",
        {
            "law": law,
            "version": version,
            "versions": versions,
            "outline": selectors.version_outline(version),
            "articles": selectors.version_articles(version),
        },
    )


@login_required
def article_detail(request, key):
    citation = selectors.citation_from_key(key)
    if citation.article is None or citation.error:
        raise Http404(citation.error or "没有这条引用")
    article = citation.article
    version: LawVersion = article.version
    neighbours = list(version.articles.filter(position__in=[article.position - 1, article.position + 1]))
    return render(
        request,
        "law/article_detail.html",
        {
            "citation": citation,
            "article": article,
            "version": version,
            "paragraphs": selectors.article_paragraphs(article),
            "previous": next((a for a in neighbours if a.position < article.position), None),
            "next": next((a for a in neighbours if a.position > article.position), None),
            "other_versions": selectors.same_article_in_other_versions(article),
        },
    )


@login_required
def search(request):
    form = SearchForm(request.GET or None)
    result = None
    if form.is_valid() and form.cleaned_data["q"]:
        result = selectors.search_articles(form.cleaned_data["q"], in_force_only=not form.cleaned_data["all_versions"])
    return render(request, "law/search.html", {"form": form, "result": result})


@login_required
def upload(request):
    if not can_upload_law(request.user):
        raise PermissionDenied("只有系统管理员可以上传法规文本。")
    if request.method == "POST":
        form = UploadLawForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = upload_law(
                    actor=request.user,
                    text=form.text,
                    filename=form.cleaned_data["file"].name,
                    level=form.cleaned_data["level"],
                    region=form.cleaned_data["region"],
                    version_date=form.cleaned_data["version_date"],
                )
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                if report.loaded:
                    messages.success(request, f"已载入 {report.loaded[0]}。{report.summary()}")
                else:
                    messages.info(request, "该版本已在法规库中，文本相同，未作改动。")
                return redirect("law:list")
    else:
        form = UploadLawForm()
    return render(request, "law/upload.html", {"form": form})


# ---------------------------------------------------------------------------------------------------------------
# Power list (权责清单)


def _item_in_scope(request, pk) -> PowerItem:
    """Another town's item is not found, not forbidden (the id must not leak)."""
    return get_object_or_404(selectors.visible_power_items(request.user), pk=pk)


@login_required
def powers(request):
    items = selectors.visible_power_items(request.user)
    category = request.GET.get("category", "")
    if category not in PowerCategory.values:
        category = ""
    query = request.GET.get("q", "").strip()
    versions = selectors.current_versions(
        items, category=category, query=query, include_retired=request.GET.get("retired") == "1"
    )
    return render(
        request,
        "law/power_list.html",
        {
            "versions": versions,
            "categories": PowerCategory.choices,
            "category": category,
            "query": query,
            "can_edit": can_edit_power_list(request.user),
        },
    )


@login_required
def power_detail(request, pk):
    item = _item_in_scope(request, pk)
    history = list(
        item.versions.select_related("created_by").prefetch_related(
            "article_links__article__version__law", "benchmark_levels"
        )
    )
    return render(
        request,
        "law/power_detail.html",
        {
            "item": item,
            "version": history[0],
            "history": history,
            "can_edit": can_edit_power_list(request.user, item.body),
            "findings": selectors.power_health(selectors.visible_power_items(request.user).filter(pk=item.pk)),
            "role_choices": ArticleRole.choices,
        },
    )


def _editable_bodies(user):
    return visible_bodies(user).order_by("code")


@login_required
def power_new(request):
    if not can_edit_power_list(request.user):
        raise PermissionDenied("只有法制审核人员或系统管理员可以编制权责清单。")
    bodies = _editable_bodies(request.user)
    form = PowerItemForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            item = create_power_item(
                actor=request.user, body=form.cleaned_data["body"], code=form.cleaned_data["code"], spec=form.to_spec()
            )
        except PowerListError as exc:
            form.add_problems(exc.problems or [("", exc.message)])
        else:
            messages.success(request, f"已新增权责事项 {item.code}。")
            return redirect("law:power_detail", pk=item.pk)
    return render(request, "law/power_form.html", {"form": form, "item": None})


@login_required
def power_revise(request, pk):
    item = _item_in_scope(request, pk)
    if not can_edit_power_list(request.user, item.body):
        raise PermissionDenied("只有法制审核人员或系统管理员可以修订权责清单。")
    initial = PowerItemForm.initial_from(item.current)
    form = PowerItemForm(request.POST or None, initial=initial, bodies=_editable_bodies(request.user), fixed_item=item)
    if request.method == "POST" and form.is_valid():
        try:
            version, changed = revise_power_item(actor=request.user, item=item, spec=form.to_spec())
        except PowerListError as exc:
            form.add_problems(exc.problems or [("", exc.message)])
        else:
            if changed:
                messages.success(request, f"已生成第{version.number}版。")
            else:
                messages.info(request, "内容没有变化，未生成新版本。")
            return redirect("law:power_detail", pk=item.pk)
    return render(request, "law/power_form.html", {"form": form, "item": item})


@login_required
def power_retire(request, pk):
    item = _item_in_scope(request, pk)
    if not can_edit_power_list(request.user, item.body):
        raise PermissionDenied("只有法制审核人员或系统管理员可以取消权责事项。")
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retire_power_item(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except PowerListError as exc:
            form.add_error("reason", exc.message)
        else:
            messages.success(request, f"已取消权责事项 {item.code}。")
            return redirect("law:power_detail", pk=item.pk)
    return render(request, "law/power_retire.html", {"form": form, "item": item})


@login_required
def health(request):
    form = HealthForm(request.GET or None)
    on = form.cleaned_data.get("on") if form.is_valid() else None
    on = on or clock.today()
    findings = selectors.power_health(selectors.visible_power_items(request.user), on=on)
    return render(
        request,
        "law/health.html",
        {"form": form, "on": on, "findings": findings, "kinds": selectors.FINDING_KINDS},
    )


@login_required
def power_export(request):
    versions = selectors.current_versions(selectors.visible_power_items(request.user), include_retired=True)
    response = HttpResponse(
        export_workbook(versions),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E6%9D%83%E8%B4%A3%E6%B8%85%E5%8D%95.xlsx"
    return response


@login_required
def power_import(request):
    if not can_edit_power_list(request.user):
        raise PermissionDenied("只有法制审核人员或系统管理员可以导入权责清单。")
    form = PowerImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            report = import_power_list(
                actor=request.user, data=form.data_bytes, file_name=form.cleaned_data["file"].name
            )
        except PowerListError as exc:
            form.add_error("file", exc.message)
            problems = [m for _, m in exc.problems]
        else:
            messages.success(request, f"导入完成：{report.summary()}")
            return redirect("law:powers")
    return render(request, "law/power_import.html", {"form": form, "problems": problems})
