from django.urls import path

from fazhi.law import views

app_name = "law"
urlpatterns = [
    path("", views.law_list, name="list"),
    path("search/", views.search, name="search"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.law_detail, name="detail"),
    path("article/<path:key>/", views.article_detail, name="article"),
    path("powers/", views.powers, name="powers"),
    path("powers/new/", views.power_new, name="power_new"),
    path("powers/health/", views.health, name="health"),
    path("powers/export.xlsx", views.power_export, name="power_export"),
    path("powers/import/", views.power_import, name="power_import"),
    path("powers/<int:pk>/", views.power_detail, name="power_detail"),
    path("powers/<int:pk>/revise/", views.power_revise, name="power_revise"),
    path("powers/<int:pk>/retire/", views.power_retire, name="power_retire"),
]
