from django.urls import path

from fazhi.annual import views

app_name = "annual"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/figures/", views.figure_list, name="figures"),
    path("<int:pk>/step/<str:action>/", views.report_step, name="report_step"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
]
