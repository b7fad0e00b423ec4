from django.urls import path

from fazhi.inspection import views

app_name = "inspection"

urlpatterns = [
    path("", views.tasks, name="tasks"),
    path("items/", views.items, name="items"),
    path("objects/", views.objects, name="objects"),
    path("objects/template.xlsx", views.import_template, name="import_template"),
    path("inspectors/", views.inspectors, name="inspectors"),
    path("new/<slug:name>/", views.create, name="create"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("tasks/<int:pk>/pools/<str:name>/", views.pool, name="pool"),
    path("tasks/<int:pk>/<slug:action>/", views.task_action, name="task_action"),
    path("records/<int:pk>/", views.record, name="record"),
]
