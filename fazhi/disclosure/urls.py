from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_new, name="request_new"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/do/<slug:action>/", views.request_action, name="request_action"),
    path("<int:pk>/reply.docx", views.reply_letter, name="reply_letter"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/<slug:action>/", views.catalogue_action, name="catalogue_action"),
    path("guide/", views.guide, name="guide"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/publish/", views.report_step, {"action": "publish"}, name="report_publish"),
    path("reports/<int:pk>/do/<slug:action>/", views.report_step, name="report_step"),
    path("reports/<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("remedies/", views.remedies, name="remedies"),
    path("remedies/<int:pk>/conclude/", views.remedy_step, {"action": "conclude"}, name="remedy_conclude"),
    path("remedies/<int:pk>/do/<slug:action>/", views.remedy_step, name="remedy_step"),
]
