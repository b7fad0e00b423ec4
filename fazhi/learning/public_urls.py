"""Public 普法 pages, mounted at /gongkai/pufa/ (no login)."""

from django.urls import path

from fazhi.learning import public

app_name = "pufa"
urlpatterns = [
    path("", public.index, name="index"),
    path("huodong/<int:pk>/", public.activity, name="activity"),
]
