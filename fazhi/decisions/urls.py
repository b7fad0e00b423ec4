from django.urls import path

from fazhi.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:action>/", views.create, name="create"),
    path("catalogue/<int:pk>/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/do/<slug:action>/", views.catalogue_step, name="catalogue_step"),
    path("<int:pk>/", views.decision, name="decision"),
    path("<int:pk>/do/<slug:action>/", views.decision_step, name="decision_step"),
    path("<int:pk>/said/", views.liability, name="liability"),
]
