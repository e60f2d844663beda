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
