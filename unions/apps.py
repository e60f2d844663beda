from django.apps import AppConfig


class UnionsConfig(AppConfig):
    name = "unions"
    verbose_name = "工会组织"
