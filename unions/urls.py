from django.http import Http404
from django.urls import path

app_name = "unions"


def todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("", todo, name="index"),
    path("<slug:slug>/", todo, name="detail"),
]
