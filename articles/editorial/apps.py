from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Editorial checks of story text and the import of print pages."""

    name = "articles.editorial"
    label = "editorial"
    verbose_name = "编辑检查与版面导入"
