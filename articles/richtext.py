"""The one rich-text configuration: what the admin editor offers is exactly
what the sanitiser lets through (django-prose-editor derives nh3's allow-list
from these extensions)."""

from django_prose_editor.fields import ProseEditorField

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


def RichTextField(verbose_name, **kwargs):
    return ProseEditorField(
        verbose_name, extensions=EXTENSIONS, sanitize=True, blank=True, **kwargs
    )


def sanitize(model_instance, field_name):
    """Clean `field_name` on `model_instance` with the field's own sanitiser.

    Admin forms already sanitise in Field.clean(); this covers every other
    writer (commands, shell, imports) so nothing unsanitised reaches a template.
    """
    field = model_instance._meta.get_field(field_name)
    setattr(model_instance, field_name, field.sanitize(getattr(model_instance, field_name)))
