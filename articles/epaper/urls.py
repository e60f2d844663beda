from django.urls import path, re_path

from articles.epaper import views

app_name = "epaper"
urlpatterns = [
    path("", views.epaper_index, name="index"),
    # /epaper/2025-06/: a month's calendar. Only this spelling: other forms are not found.
    re_path(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})/$", views.month_view, name="month"),
    path("<isodate:date>/<int:number>/", views.epaper_page, name="page"),
]
