from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string


def reject_nul_bytes(get_response):
    """Answer 400 to a NUL byte in the path or query string.

    PostgreSQL cannot store or compare text containing NUL, so such a value
    reaching any lookup would be a server error. Form input is already covered
    by Django's ProhibitNullCharactersValidator on every CharField.
    """

    def middleware(request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            # A page of the site's, laid out for a phone, that shows nothing of the address.
            return HttpResponseBadRequest(render_to_string("400_characters.html"))
        return get_response(request)

    return middleware
