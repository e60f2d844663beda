from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content of `make run` (`python manage.py load_demo`): a story of every kind, from every app."""

    name = "unionnews.demo"
    label = "demo"
    verbose_name = "演示内容"
