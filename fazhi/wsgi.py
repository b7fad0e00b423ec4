import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

from fazhi.settings import require_real_secret_key  # noqa: E402

require_real_secret_key()
application = get_wsgi_application()

from fazhi.demo.guard import refuse_fixed_today_in_production  # noqa: E402 (needs the apps loaded)

refuse_fixed_today_in_production()
