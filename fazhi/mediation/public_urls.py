"""Public pages of mediation, mounted at /gongkai/tiaojie/ (no login): the committees and the mediators' roll
(天津市矛盾纠纷多元化解条例 第四十三条) — never a dispute, never a party, never a telephone."""

from django.urls import path

from fazhi.mediation import public

app_name = "tiaojie"
urlpatterns = [
    path("", public.index, name="index"),
    path("<str:code>/", public.roll, name="roll"),
]
