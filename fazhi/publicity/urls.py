from django.urls import path

from fazhi.publicity import views

app_name = "publicity"
urlpatterns = [
    path("", views.publication_list, name="list"),
    path("supervision/", views.supervision, name="supervision"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("<int:pk>/", views.publication_detail, name="detail"),
    path("<int:pk>/mask/", views.mask, name="mask"),
    path("<int:pk>/clear/", views.clear, name="clear"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/flags/", views.flags, name="flags"),
    path("<int:pk>/revocation/", views.revocation, name="revocation"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
