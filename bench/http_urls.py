"""fazhi's URLs plus the bare baseline views under /_bench/ (bench/http_views.py), for bench/bench_http.py only."""

from django.urls import path

from bench import http_views
from fazhi.urls import handler400, handler403, handler404, handler500  # noqa: F401 (the same error pages)
from fazhi.urls import urlpatterns as fazhi_urlpatterns

urlpatterns = [
    path("_bench/cases/", http_views.case_list),
    path("_bench/cases/<int:case_id>/", http_views.case_page),
    path("_bench/workbench/", http_views.workbench),
    path("_bench/search/", http_views.portal_search),
    *fazhi_urlpatterns,
]
