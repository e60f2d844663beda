from django.urls import path

from unionnews.accounts.twofactor import views

app_name = "twofactor"
urlpatterns = [
    path("", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("turn-off/", views.turn_off, name="turn_off"),
    path("reset/<int:user_id>/", views.reset, name="reset"),
]
