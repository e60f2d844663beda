from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Editorial checks of story text and the import of print pages."""

    name = "articles.editorial"
    label = "editorial"
    verbose_name = "编辑检查与版面导入"

    def ready(self):
        from articles import signals
        from articles.editorial import qa

        signals.story_saved.connect(qa.story_saved, dispatch_uid="editorial.story_saved")
