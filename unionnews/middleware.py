from django.shortcuts import render


def reject_nul_bytes(get_response):
    """Answer 400 to a NUL byte in the path or query string.

    PostgreSQL cannot store or compare text containing NUL, so such a value
    reaching any lookup would be a server error. Form input is already covered
    by Django's ProhibitNullCharactersValidator on every CharField.
    """

    def middleware(request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            # The site's own 400 page, which reads nothing from the database.
            return render(request, "400.html", {"message": "请求中含有无效字符。"}, status=400)
        return get_response(request)

    return middleware
