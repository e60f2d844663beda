from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """Render form media with the request's CSP nonce on every tag.

    The rich-text editor's media (django-js-asset) includes an inline import
    map, which the policy allows only with the nonce. Django 6's admin passes it
    itself; Django 5.2's renders {{ media }} without one.
    """
    nonce = context.get("csp_nonce")
    if nonce is not None and hasattr(media, "with_nonce"):
        media = media.with_nonce(nonce)
    return media.render()
