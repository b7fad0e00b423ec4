"""Assembles each app's ninja router into one API, documented at /api/v1/docs (for logged-in users).

Every router uses the same authentication, set once here (fazhi.accounts.api): a bearer token, or the session with
its CSRF check. An app's router sets no ``auth`` of its own; an operation open to the public says ``auth=None``.
"""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.errors import ValidationError

from fazhi.accounts.api import API_AUTH
from fazhi.core.errors import InvalidInput
from fazhi.core.validation import chinese_errors

api = NinjaAPI(title="法治平台 API", version="1", urls_namespace="api", auth=API_AUTH, docs_decorator=login_required)


# Bad input answers in Chinese: a parameter or body the schema refuses is 422 naming it (fazhi.core.validation), a
# refusal by a service (InvalidInput) is 400 with its message and field.
@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    errors = chinese_errors(exc.errors)
    detail = "；".join(e["msg"].rstrip("。") for e in errors) + "。" if errors else "请求的参数无效。"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(InvalidInput)
def _invalid_input(request, exc):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


# Each app's api.py exposes `router`; add it here with its prefix, e.g.
#   from fazhi.org.api import router as org_router
#   api.add_router("/org/", org_router)
from fazhi.accounts.api import router as accounts_router  # noqa: E402

api.add_router("/accounts/", accounts_router)
from fazhi.org.api import router as org_router  # noqa: E402

api.add_router("/org/", org_router)
# The calendar and deadline API lives in clock (it needs the user's scope, above org); its URL stays /api/v1/core/.
from fazhi.clock.api import router as clock_router  # noqa: E402

api.add_router("/core/", clock_router)
# The chain's scoped API lives in supervision (above org); its URL stays /api/v1/audit/.
from fazhi.supervision.api import router as supervision_router  # noqa: E402

api.add_router("/audit/", supervision_router)
from fazhi.law.api import router as law_router  # noqa: E402

api.add_router("/law/", law_router)
from fazhi.enforcement.api import router as enforcement_router  # noqa: E402

api.add_router("/enforcement/", enforcement_router)
from fazhi.disclosure.api import router as disclosure_router  # noqa: E402

api.add_router("/disclosure/", disclosure_router)
from fazhi.publicity.api import router as publicity_router  # noqa: E402

api.add_router("/publicity/", publicity_router)
from fazhi.annual.api import router as annual_router  # noqa: E402

api.add_router("/annual/", annual_router)
from fazhi.counsel.api import router as counsel_router  # noqa: E402

api.add_router("/counsel/", counsel_router)
from fazhi.decisions.api import router as decisions_router  # noqa: E402

api.add_router("/decisions/", decisions_router)
from fazhi.normative.api import router as normative_router  # noqa: E402

api.add_router("/normative/", normative_router)
from fazhi.mediation.api import router as mediation_router  # noqa: E402

api.add_router("/mediation/", mediation_router)
from fazhi.inspection.api import router as inspection_router  # noqa: E402

api.add_router("/inspection/", inspection_router)
from fazhi.learning.api import router as learning_router  # noqa: E402

api.add_router("/learning/", learning_router)
from fazhi.exchange.api import router as exchange_router  # noqa: E402

api.add_router("/exchange/", exchange_router)
