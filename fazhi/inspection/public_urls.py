from django.urls import path

from fazhi.inspection import public

app_name = "inspection_public"

urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.detail, name="detail"),
    path("<int:pk>/pools/<str:name>/", public.pool, name="pool"),
]
