from django.urls import path

from fazhi.mediation import views

app_name = "mediation"
urlpatterns = [
    path("", views.dispute_list, name="dispute_list"),
    path("new/", views.dispute_new, name="dispute_new"),
    path("<int:pk>/", views.dispute_detail, name="dispute_detail"),
    path("<int:pk>/do/<slug:action>/", views.dispute_action, name="dispute_action"),
    path("<int:pk>/agreement.docx", views.agreement_docx, name="agreement_docx"),
    path("committees/", views.committees, name="committees"),
    path("screenings/", views.screenings, name="screenings"),
    path("statistics/", views.stats, name="statistics"),
]
