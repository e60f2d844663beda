from django import forms
from django.contrib.auth import authenticate

from unionnews.accounts.twofactor import devices


class CodeForm(forms.Form):
    """One code field; `user` is who the code must belong to."""

    code = forms.CharField(
        label="验证码",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class ConfirmForm(CodeForm):
    """Setting up: the code the new authenticator shows proves it was added."""

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.fields["code"].help_text = "输入验证器应用中显示的 6 位数字。"
        self.recovery_codes = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not devices.is_authenticator_code(devices.normalise(code)):
            raise forms.ValidationError("请输入验证器应用中显示的 6 位数字。")
        self.recovery_codes = devices.confirm(self.device, code)
        if self.recovery_codes is None:
            raise forms.ValidationError("验证码不正确。请确认手机时间准确，并输入当前显示的 6 位数字。")
        return code


class VerifyForm(CodeForm):
    """The second step of logging in: a 6-digit code or a recovery code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "验证码或恢复码"
        self.fields[
            "code"
        ].help_text = "输入验证器应用中的 6 位数字；手机不在身边时，输入一个恢复码（每个只能用一次）。"
        self.outcome = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.outcome = devices.check(self.user, code)
        if self.outcome.locked_until:
            raise forms.ValidationError(f"错误次数过多，请 {self.outcome.wait_seconds()} 秒后再试。")
        if not self.outcome.accepted:
            if self.outcome.kind == "recovery":
                raise forms.ValidationError("恢复码不正确或已经用过。")
            raise forms.ValidationError("验证码不正确或已过期，请输入验证器中当前显示的 6 位数字。")
        return code


class TurnOffForm(CodeForm):
    """Turning two-factor login off asks again who is at the keyboard: a current code or the password.

    Every try first passes the devices' throttle (a wrong code or password
    makes the next one wait longer), and a password is checked by
    authenticate(), so wrong ones count towards the login lockout (django-axes)
    and a locked-out account cannot turn it off either.
    """

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["code"].label = "验证码或登录密码"
        self.fields["code"].help_text = "输入验证器中当前的 6 位数字、一个恢复码，或你的登录密码。"
        self.fields["code"].widget = forms.PasswordInput(attrs={"autocomplete": "off", "autofocus": True})
        self.outcome = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.outcome = devices.check(self.user, code)
        if self.outcome.locked_until:
            raise forms.ValidationError(f"错误次数过多，请 {self.outcome.wait_seconds()} 秒后再试。")
        if self.outcome.accepted or self._is_password(code):
            return code
        raise forms.ValidationError("验证码或密码不正确。")

    def _is_password(self, code):
        user = authenticate(self.request, username=self.user.get_username(), password=code)
        return user is not None and user.pk == self.user.pk
