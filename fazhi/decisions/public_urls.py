"""Public major-decision pages, mounted at /gongkai/juece/ (no login)."""

from django.urls import path

from fazhi.decisions import public

app_name = "juece"
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.decision, name="decision"),
]
