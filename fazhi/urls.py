from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from fazhi.api import api

admin.site.site_header = "法治平台 管理后台"
admin.site.site_title = "法治平台"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("fazhi.workbench.urls")),
    path("org/", include("fazhi.org.urls")),
    path("law/", include("fazhi.law.urls")),
    path("gongkai/", include("fazhi.portal.urls")),
    path("calendar/", include("fazhi.clock.urls")),
    path("audit/", include("fazhi.supervision.urls")),
    path("disclosure/", include("fazhi.disclosure.urls")),
    path("gongkai/xxgk/", include("fazhi.disclosure.public_urls")),
    path("cases/", include("fazhi.enforcement.urls")),
    path("review/", include("fazhi.review.urls")),
    path("publicity/", include("fazhi.publicity.urls")),
    path("gongkai/jieguo/", include("fazhi.publicity.public_urls")),
]
