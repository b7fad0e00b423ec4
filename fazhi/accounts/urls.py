from django.urls import path

from fazhi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("second-factor/setup/", views.enrol, name="enrol"),
    path("second-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("second-factor/recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
    path("tokens/new/", views.token_new, name="token_new"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
