from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from fazhi.workbench.selectors import workbench_for


@login_required
def home(request):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is not None and not 2000 <= year <= 2100:
        year = None
    return render(request, "workbench/home.html", {"wb": workbench_for(request.user, year=year)})
