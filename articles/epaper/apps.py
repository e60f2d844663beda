from django.apps import AppConfig


class EpaperConfig(AppConfig):
    """数字报: the print edition's page PDFs, their images and the story areas on them."""

    name = "articles.epaper"
    label = "epaper"
    verbose_name = "数字报"
