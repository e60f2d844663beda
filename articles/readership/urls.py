from django.urls import path

from articles.readership import views

app_name = "readership"
urlpatterns = [path("", views.count, name="count")]
