import re

from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import UniqueConstraint
from django.forms import FileField
from django.forms.models import BaseInlineFormSet


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that shows the row's stored choice from the object its row already
    loaded (`loaded`, set by StoryRowsFormSet), instead of looking it up again."""

    loaded = None

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if v not in ("", None)]
        if self.loaded is None or chosen != [str(self.loaded.pk)]:
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance(self.loaded)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options.append(self.create_option(name, self.loaded.pk, label, set(chosen), len(options)))
        return [(None, options, 0)]


class RelatedRowsInline:
    """An inline whose rows come with the objects they name (`related`, autocomplete
    fields): a row's title and its chosen option read them without a query per row."""

    related = ()
    autocomplete_widget = LoadedAutocompleteSelect

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.related and db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", self.autocomplete_widget(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.related = self.related
        return formset


class UniqueRowsFormSet(BaseInlineFormSet):
    """Reports duplicate rows with the model's own UniqueConstraint message
    (同一个工会组织只能添加一次。) instead of Django's "请修改union的重复数据"."""

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and set(constraint.fields) == set(unique_check):
                return constraint.get_violation_error_message()
        return super().get_unique_error_message(unique_check)


class StoryRowsFormSet(UniqueRowsFormSet):
    """A story inline that survives a stale form: a row somebody else deleted
    after the form was opened is read as a new row, not as an invalid choice;
    a deleted photo row without a new upload is dropped (its file cannot be sent again).
    The re-shown form then lists the rows in this order too.

    articles.editing then decides, field by field, whether the editor's rows or
    the stored ones win (the row's id plays no part in that comparison).
    """

    related = ()  # set by RelatedRowsInline

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(data, files, *args, **kwargs)
        if self.is_bound:
            self._move_vanished_rows()

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if not form.instance.pk:
            return
        for name in self.related:
            widget = getattr(form.fields.get(name), "widget", None)
            widget = getattr(widget, "widget", widget)  # inside the admin's add/change links
            if isinstance(widget, LoadedAutocompleteSelect):
                widget.loaded = getattr(form.instance, name)

    def _move_vanished_rows(self):
        prefix, pk = self.prefix, self.model._meta.pk.name
        try:
            total = min(int(self.data[f"{prefix}-TOTAL_FORMS"]), self.absolute_max)
            initial = min(int(self.data[f"{prefix}-INITIAL_FORMS"]), total)
        except (KeyError, ValueError):
            return  # the management form reports a broken form itself
        stored = {str(value) for value in self.get_queryset().values_list("pk", flat=True)}
        vanished = [i for i in range(initial) if self.data.get(f"{prefix}-{i}-{pk}", "") not in stored]
        if not vanished:
            return
        # A vanished row whose file cannot be sent again (a photo someone deleted, no new
        # upload on it) is dropped; the others become new rows after those that still exist.
        files = [
            name for name, field in self.form.base_fields.items() if isinstance(field, FileField) and field.required
        ]
        revived = [i for i in vanished if all(f"{prefix}-{i}-{name}" in self.files for name in files)]
        order = [i for i in range(initial) if i not in vanished] + revived + list(range(initial, total))
        self.data, self.files = _renumbered(self.data, prefix, order), _renumbered(self.files, prefix, order)
        for new in range(initial - len(vanished), initial - len(vanished) + len(revived)):
            self.data[f"{prefix}-{new}-{pk}"] = ""
        self.data[f"{prefix}-INITIAL_FORMS"] = str(initial - len(vanished))
        self.data[f"{prefix}-TOTAL_FORMS"] = str(len(order))


def _renumbered(values, prefix, order):
    """A copy of a QueryDict or MultiValueDict with the rows of formset `prefix` in `order`."""
    row = re.compile(rf"^{re.escape(prefix)}-(\d+)-(.+)$")
    result = values.copy()
    moved = {}
    for key in list(values):
        match = row.match(key)
        if match:
            moved[(int(match.group(1)), match.group(2))] = values.getlist(key)
            del result[key]
    for new, old in enumerate(order):
        for (index, name), items in moved.items():
            if index == old:
                result.setlist(f"{prefix}-{new}-{name}", items)
    return result
