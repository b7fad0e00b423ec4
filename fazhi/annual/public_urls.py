"""Public annual reports, mounted at /gongkai/fzbg/ (no login)."""

from django.urls import path

from fazhi.annual import public

app_name = "annual_public"
urlpatterns = [
    path("", public.index, name="index"),
    path("<str:code>/<int:year>/", public.report, name="report"),
]
