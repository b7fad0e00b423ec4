from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.core import charts
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
