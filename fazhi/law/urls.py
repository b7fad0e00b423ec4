from django.urls import path

from fazhi.law import views

app_name = "law"
urlpatterns = [
    path("", views.law_list, name="list"),
    path("search/", views.search, name="search"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.law_detail, name="detail"),
    path("article/<path:key>/", views.article_detail, name="article"),
]
