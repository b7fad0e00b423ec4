"""The published roll of mediation committees and mediators (no personal data beyond name, gender and role)."""

from django.shortcuts import render

from fazhi.mediation import selectors


def index(request):
    return render(request, "mediation/public/index.html", {"towns": selectors.towns_with_committees()})


def roll(request, code):
    body = selectors.town_by_code(code)
    return render(request, "mediation/public/roll.html", {"body": body, "committees": selectors.public_roll(body)})
