from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet


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
    after the form was opened is read as a new row, not as an invalid choice.

    articles.editing then decides, field by field, whether the editor's rows or
    the stored ones win (the row's id plays no part in that comparison).
    """

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if self.is_bound:
            self.data = self._without_vanished_rows(self.data)

    def _without_vanished_rows(self, data):
        prefix, pk = self.prefix, self.model._meta.pk.name
        try:
            total = int(data[f"{prefix}-TOTAL_FORMS"])
            initial = int(data[f"{prefix}-INITIAL_FORMS"])
        except (KeyError, ValueError):
            return data  # the management form reports a broken form itself
        stored = {str(value) for value in self.get_queryset().values_list("pk", flat=True)}
        vanished = [i for i in range(min(initial, total)) if data.get(f"{prefix}-{i}-{pk}", "") not in stored]
        if not vanished:
            return data
        order = [i for i in range(min(initial, total)) if i not in vanished] + vanished + list(range(initial, total))
        data = data.copy()
        moved = {}
        for new, old in enumerate(order):
            start = f"{prefix}-{old}-"
            for key in [key for key in self.data if key.startswith(start)]:
                moved[f"{prefix}-{new}-{key[len(start):]}"] = self.data.getlist(key) if hasattr(
                    self.data, "getlist") else self.data[key]
        for key in [key for key in data if key.startswith(f"{prefix}-") and key[len(prefix) + 1:].split("-")[0].isdigit()]:
            del data[key]
        for key, value in moved.items():
            if hasattr(data, "setlist") and isinstance(value, list):
                data.setlist(key, value)
            else:
                data[key] = value
        for new in range(initial - len(vanished), initial):
            data[f"{prefix}-{new}-{pk}"] = ""
        data[f"{prefix}-INITIAL_FORMS"] = str(initial - len(vanished))
        return data
