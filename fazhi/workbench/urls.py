from django.urls import path

from fazhi.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/<int:notice_id>/", views.open_notice, name="open_notice"),
    path("inbox/read-all/", views.read_all, name="read_all"),
]
