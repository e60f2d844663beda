"""Stored text that XML 1.0 can carry, so no story, tag or union name can break a feed.

XML 1.0 (fifth edition, section 2.2) allows only

    Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]

so xml_safe() removes exactly the rest: the C0 control characters other than
tab, line feed and carriage return (U+0000-U+0008, U+000B, U+000C,
U+000E-U+001F), lone surrogates (U+D800-U+DFFF; a Python str can hold them,
no UTF-8 encoder writes them) and the non-characters U+FFFE and U+FFFF.
DEL and the C1 controls (U+007F-U+009F) are allowed by XML 1.0 and stay.
They are removed, not replaced: they have no meaning in a story, and a space
would be out of place in Chinese text. NUL goes too, which PostgreSQL cannot
store anyway.

Both apps import this module, so it imports neither.
"""

import re

from django.db import models

XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    """`text` without the characters XML 1.0 forbids; anything but a str is returned unchanged."""
    if isinstance(text, str) and XML_FORBIDDEN.search(text):
        return XML_FORBIDDEN.sub("", text)
    return text


def clean_text_fields(instance):
    """Make every loaded CharField and TextField value of `instance` XML-safe, in place.

    Deferred fields are skipped (reading them would cost a query each); their
    stored value was cleaned when it was saved.
    """
    deferred = instance.get_deferred_fields()
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and field.attname not in deferred:
            setattr(instance, field.attname, xml_safe(getattr(instance, field.attname)))


class XmlSafeModel(models.Model):
    """A model whose text fields are cleaned by clean_text_fields() before validation and on save.

    Cleaning in clean_fields() too means a form validates what will be stored:
    a required field holding only control characters is reported as empty, and
    a unique name that differs from an existing one only by them is a duplicate,
    instead of an IntegrityError at save time. save() covers every other writer
    (imports, management commands, scripts). QuerySet.update() and bulk_create()
    bypass both; the feeds clean what they emit for that reason.

    Abstract and without fields, so it does not appear in migrations.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        clean_text_fields(self)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        clean_text_fields(self)
        super().clean_fields(exclude=exclude)
