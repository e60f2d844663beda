"""The one rich-text configuration: what the admin editor offers is exactly
what the sanitiser lets through (django-prose-editor derives nh3's allow-list
from these extensions)."""

from django_prose_editor.fields import ProseEditorField

from unionnews.text import xml_safe

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
    The result holds no character XML 1.0 forbids (unionnews.text).
    """
    field = model_instance._meta.get_field(field_name)
    html = field.sanitize(xml_safe(getattr(model_instance, field_name)))
    if xml_safe(html) != html:
        # The sanitiser decodes character references, so &#1; comes out as a raw
        # U+0001. Removing it afterwards could join what the sanitiser let through
        # (href="java&#1;script:…") into what it would have refused, so the
        # stripped text is sanitised again; that pass has no references left to decode.
        html = field.sanitize(xml_safe(html))
    setattr(model_instance, field_name, html)
