from django.urls import path

from articles.campaigns import views
from articles.campaigns.feeds import CampaignAtomFeed, CampaignFeed

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/sections/<int:pk>/", views.section_detail, name="section"),
    path("<slug:slug>/feed/", CampaignFeed(), name="feed"),
    path("<slug:slug>/feed/atom/", CampaignAtomFeed(), name="feed-atom"),
]
