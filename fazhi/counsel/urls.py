from django.urls import path

from fazhi.counsel import views

app_name = "counsel"
urlpatterns = [
    path("", views.index, name="index"),
    path("engagement/<int:pk>/", views.engagement, name="engagement"),
    path("engagement/<int:pk>/do/<slug:action>/", views.engagement_step, name="engagement_step"),
    path("opinion/<int:pk>/", views.opinion, name="opinion"),
    path("opinion/<int:pk>/do/<slug:action>/", views.opinion_step, name="opinion_step"),
    path("ask/<str:subject_type>/<str:subject_id>/", views.ask, name="ask"),
]
