"""Public information-disclosure pages, mounted at /gongkai/xxgk/ (no login)."""

from django.urls import path

from fazhi.disclosure import public

app_name = "xxgk"
urlpatterns = [
    path("", public.index, name="index"),
    path("<str:code>/", public.home, name="home"),
    path("<str:code>/zhinan/", public.guide, name="guide"),
    path("<str:code>/mulu/", public.catalogue, name="catalogue"),
    path("<str:code>/mulu/<int:pk>/", public.catalogue_entry, name="catalogue_entry"),
    path("<str:code>/shenqing/", public.apply, name="apply"),
    path("<str:code>/chaxun/", public.status, name="status"),
    path("<str:code>/chaxun/huizhi/", public.receipt, name="receipt"),
    path("<str:code>/chaxun/buzheng.docx", public.correction_notice_docx, name="correction_docx"),
    path("<str:code>/nianbao/", public.reports, name="reports"),
    path("<str:code>/nianbao/<int:year>/", public.report, name="report"),
    path("<str:code>/nianbao/<int:year>.docx", public.report_docx, name="report_docx"),
]
