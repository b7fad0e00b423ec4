from django.urls import path

from fazhi.clock import views

app_name = "clock"
urlpatterns = [
    path("", views.calendar_year, name="calendar"),
    path("due/", views.due_calculator, name="due"),
    path("deadlines/", views.deadline_list, name="deadlines"),
    path("deadlines/<int:deadline_id>/", views.deadline_detail, name="deadline"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/setting/", views.setting_change, name="setting_change"),
]
