"""Read a rendered admin form back into POST data, as a browser would submit it unchanged."""

from html.parser import HTMLParser

from django.apps import apps
from django.urls import reverse


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(attrs["name"], []).append(attrs.get("value", "on"))
                return
            self.data[attrs["name"]] = [attrs.get("value", "")]
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.data[self.textarea] = [""]
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][0] += data


def form_data(response, form_id="article_form"):
    """{name: value or [values]} of the form in `response`, ready for client.post()."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    assert reader.data, f"no form #{form_id} in the page"
    # Django's admin textareas start with a newline that browsers drop.
    return {
        name: (values[0].removeprefix("\n") if len(values) == 1 else values)
        for name, values in reader.data.items()
        if values
    }


def suggest(client, model_name, field_name, term):
    """The names the admin's autocomplete offers `client` for `model_name`.`field_name`
    (a model of articles or of its apps: events, editorial)."""
    (app_label,) = {model._meta.app_label for model in apps.get_models() if model._meta.model_name == model_name}
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]
