from django.urls import path

from fazhi.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("summary/new/", views.summary_new, name="summary_new"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/step/<str:step>/", views.case_step, name="case_step"),
    path("<int:case_id>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
    path("<int:case_id>/documents/<int:document_id>/", views.document_file, name="document_file"),
    path("<int:case_id>/preview/<str:kind>/", views.document_preview, name="document_preview"),
    path("<int:case_id>/levels/", views.propose_levels, name="propose_levels"),
]
