from django.urls import path

from fazhi.normative import views

app_name = "normative"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/step/<str:name>/", views.action, name="action"),
    path("<int:pk>/filing-report.docx", views.filing_report, name="filing_report"),
    path("cleanups/", views.cleanups, name="cleanups"),
    path("cleanups/<int:pk>/", views.cleanup, name="cleanup"),
]
