"""Law library pages (any signed-in user reads; administrators add texts) and the power list pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from fazhi.core.errors import DomainError
from fazhi.law import selectors
from fazhi.law.forms import SearchForm, UploadLawForm
from fazhi.law.models import Law, LawLevel, LawVersion
from fazhi.law.permissions import can_upload_law
from fazhi.law.services import upload_law


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
