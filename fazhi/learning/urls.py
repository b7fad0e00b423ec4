from django.urls import path

from fazhi.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("shufa/", views.shufa, name="shufa"),
    path("import/", views.elearning_import, name="import"),
    path("import/rows/<int:row_id>/match/", views.match_row, name="match_row"),
    path("pufa/", views.pufa, name="pufa"),
    path("pufa/lines/new/", views.duty_line_new, name="duty_line_new"),
    path("pufa/activities/new/", views.activity_new, name="activity_new"),
    path("pufa/activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("pufa/activities/<int:activity_id>/steps/<str:step>/", views.activity_step, name="activity_step"),
    path("pufa/report/", views.duty_report, name="report"),
    path("pufa/key-dates/<int:key_date_id>/", views.key_date_edit, name="key_date_edit"),
]
