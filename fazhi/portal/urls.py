from django.urls import path

from fazhi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("zhuti/<int:body_id>/", views.body, name="body"),
    path("zhuti/<int:body_id>/choucha/", views.inspections, name="inspections"),
    path("shixiang/<int:item_id>/", views.power, name="power"),
    path("chengxu/", views.procedure, name="procedure"),
    path("fagui/<path:key>/", views.article, name="article"),
]
