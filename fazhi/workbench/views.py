from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import charts, inbox
from fazhi.workbench.selectors import workbench_for


@login_required
def home(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None and not 2000 <= year <= 2100:
        year = None
    wb = workbench_for(request.user, year=year)
    if (chosen := charts.chosen(request, [wb.due_weeks])) is not None:
        return chosen.xlsx_response("未完成期限按届满周.xlsx")
    return render(request, "workbench/home.html", {"wb": wb})


@login_required
def open_notice(request, notice_id: int):
    """Open one thing from the inbox: it is marked read and the page of its record opens."""
    notice = inbox.open_notice(request.user, notice_id)
    if notice is None:
        raise Http404("该待办不存在")
    return redirect(notice.url)


@login_required
@require_POST
def read_all(request):
    inbox.mark_all_read(request.user)
    return redirect("workbench:home")
