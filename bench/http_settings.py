"""Settings for bench/bench_http.py only: the production settings plus the bare baseline views of bench/http_urls.py.

    DJANGO_SETTINGS_MODULE=bench.http_settings gunicorn fazhi.wsgi:application …

Never used by a deployment; the production URLconf (fazhi/urls.py) does not know these URLs.
"""

from fazhi.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
