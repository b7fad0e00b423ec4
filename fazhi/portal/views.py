"""The public 事前公开 pages: no login, reads only through portal.selectors' published_* functions."""

from django.shortcuts import render

from fazhi.portal import selectors


def index(request):
    return render(request, "portal/index.html", {"bodies": selectors.published_bodies()})
