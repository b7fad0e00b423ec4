from django.urls import path

from fazhi.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path("catalogue/<int:entry_id>/retire/", views.catalogue_retire, name="catalogue_retire"),
]
