"""A read-only or full database or disk answers 503 with a clear Chinese page, not a bare 500 (the test is
``fazhi.core.error_pages.is_storage_failure``). A failure outside a view — the session saved on the way out — reaches
``handler500``, which makes the same check."""

import logging

from fazhi.core.error_pages import is_storage_failure, storage_unavailable

log = logging.getLogger(__name__)


class StorageUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_storage_failure(exception):
            log.error("存储不可用（只读或已满）：%s %s：%s", request.method, request.path, exception)
            return storage_unavailable(request)
        return None
