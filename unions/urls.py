from django.urls import path

from articles.feeds import UnionFeed
from unions import views

app_name = "unions"

urlpatterns = [
    path("", views.union_index, name="index"),
    path("<slug:slug>/", views.union_detail, name="detail"),
    path("<slug:slug>/feed/", UnionFeed(), name="feed"),
]
