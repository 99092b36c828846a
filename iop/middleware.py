"""Project middleware."""

from django.utils.cache import patch_cache_control


class NoStoreForSignedInMiddleware:
    """Pages and PDFs for a signed-in user hold agreements, notes or money: no cache may
    keep them (``Cache-Control: no-store``), shared or private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
