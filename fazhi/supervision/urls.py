from django.urls import path

from fazhi.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.chain_list, name="chain"),
    path("verify/", views.chain_verify, name="verify"),
    path("checkpoint.txt", views.checkpoint, name="checkpoint"),
    path("<int:seq>/", views.chain_entry, name="entry"),
]
