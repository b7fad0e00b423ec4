from django.urls import path

from fazhi.normative import public

app_name = "gfxwj"

urlpatterns = [
    path("", public.index, name="index"),
    path("<str:code>/", public.body_home, name="body"),
    path("<str:code>/<int:pk>/", public.document, name="document"),
    path("<str:code>/<int:pk>/comment/", public.comment, name="document_comment"),
    path("<str:code>/cleanup/<int:pk>/", public.cleanup, name="cleanup"),
]
