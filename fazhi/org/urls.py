from django.urls import path

from fazhi.org import views

app_name = "org"
urlpatterns = [
    path("", views.officer_list, name="officer_list"),
    path("people/<int:person_id>/", views.officer_detail, name="officer_detail"),
    path("people/<int:person_id>/certificates/new/", views.certificate_issue, name="certificate_issue"),
    path("people/<int:person_id>/training/new/", views.training_record, name="training_record"),
    path("people/<int:person_id>/legal-qualification/", views.legal_qualification, name="legal_qualification"),
    path("certificates/expiring/", views.certificates_expiring, name="certificates_expiring"),
    path("certificates/<int:certificate_id>/suspend/", views.certificate_suspend, name="certificate_suspend"),
    path("certificates/<int:certificate_id>/restore/", views.certificate_restore, name="certificate_restore"),
    path("certificates/<int:certificate_id>/revoke/", views.certificate_revoke, name="certificate_revoke"),
    path("training/short/", views.training_short, name="training_short"),
    path("training/import/", views.training_import, name="training_import"),
]
