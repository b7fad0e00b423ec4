from django.urls import path

from fazhi.supervision import alert_views, pages, views

app_name = "supervision"
urlpatterns = [
    path("", views.chain_list, name="chain"),
    path("verify/", views.chain_verify, name="verify"),
    path("checkpoint.txt", views.checkpoint, name="checkpoint"),
    path("<int:seq>/", views.chain_entry, name="entry"),
    path("alerts/", alert_views.alert_list, name="alerts"),
    path("compare/", pages.compare, name="compare"),
    path("matters/", pages.matter_list, name="matters"),
    path("matters/new/", pages.matter_new, name="matter_new"),
    path("matters/<int:pk>/", pages.matter_detail, name="matter"),
    path("matters/<int:pk>/step/<str:step>/", pages.matter_step, name="matter_step"),
    path("matters/<int:pk>/document.docx", pages.matter_document, name="matter_document"),
    path("review/", pages.round_list, name="rounds"),
    path("review/<int:pk>/", pages.round_detail, name="round"),
    path("review/files/<int:pk>/", pages.file_detail, name="file"),
]
