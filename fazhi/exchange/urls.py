from django.urls import path

from fazhi.exchange import views

app_name = "exchange"

urlpatterns = [
    path("quarterly/", views.quarterly, name="quarterly"),
    path("received/", views.received, name="received"),
]
