from django.urls import path

from fazhi.publicity import public

app_name = "publicity_public"
urlpatterns = [
    path("", public.search, name="search"),
    path("<int:pk>/", public.detail, name="detail"),
    path("feed/", public.AtomFeed(), name="feed"),
    path("tongji/", public.statistics_list, name="statistics"),
    path("tongji/<int:pk>/", public.statistics_detail, name="statistics_detail"),
]
