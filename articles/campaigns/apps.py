from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """专题: the stories of a provincial campaign, gathered by rules and by hand, and which cities reported."""

    name = "articles.campaigns"
    label = "campaigns"
    verbose_name = "专题"
