from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from fazhi.accounts.views import LoginView
from fazhi.api import api

admin.site.site_header = "法治平台 管理后台"
admin.site.site_title = "法治平台"
# The admin site requires a session that passed the second factor (django-otp); its login is the site's login.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("fazhi.accounts.urls")),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("favicon.ico", RedirectView.as_view(url=static("fazhi/favicon.svg"), permanent=True)),
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
    path("annual/", include("fazhi.annual.urls")),
    path("gongkai/fzbg/", include("fazhi.annual.public_urls")),
    path("exchange/", include("fazhi.exchange.urls")),
    path("counsel/", include("fazhi.counsel.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("gongkai/juece/", include("fazhi.decisions.public_urls")),
    path("normative/", include("fazhi.normative.urls")),
    path("gongkai/gfxwj/", include("fazhi.normative.public_urls")),
    path("mediation/", include("fazhi.mediation.urls")),
    path("gongkai/tiaojie/", include("fazhi.mediation.public_urls")),
    path("inspection/", include("fazhi.inspection.urls")),
    path("gongkai/shuangsuiji/", include("fazhi.inspection.public_urls")),
    path("learning/", include("fazhi.learning.urls")),
    path("gongkai/pufa/", include("fazhi.learning.public_urls")),
    path("jobs/", include("fazhi.jobs.urls")),
]

handler400 = "fazhi.core.error_pages.bad_request"
handler403 = "fazhi.core.error_pages.permission_denied"
handler404 = "fazhi.core.error_pages.page_not_found"
handler500 = "fazhi.core.error_pages.server_error"
