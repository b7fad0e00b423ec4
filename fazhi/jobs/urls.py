from django.urls import path

from fazhi.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("verify/", views.start_verification, name="verify"),
    path("export/", views.start_export, name="export"),
    path("<int:pk>/download/", views.download, name="download"),
]
