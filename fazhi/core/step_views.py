"""The browser side of a declared step: one POST handler for every step of every workflow.

Success redirects to the record (post/redirect/get) with a message; a refusal re-renders the record's page with the
step's form bound — every typed value kept, each field's error next to it, the rule's refusal above the form — and
answers 400. An htmx request gets the same page (htmx swaps what it asked for).

A page that draws its step forms on demand (``StepSet.offer(…, lazy=True)``, ADR 0082) lists the steps without forms;
``open_or_post_step`` serves the step's URL: GET opens the step — htmx gets the step's fragment with its form, a
browser without script gets the record's page with that step's form open — and POST takes it as ``post_step`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from fazhi.core.step_specs import Offer, StepResult, StepSet


def post_step(
    request,
    steps: StepSet,
    obj,
    name: str,
    *,
    render_page: Callable[[StepResult, str], HttpResponse],
    success: Callable[[object], object],
) -> HttpResponse:
    """Perform step ``name`` on ``obj`` with the request's data. ``render_page(failed, name)`` draws the record's page
    with the failed form; ``success(result)`` returns where to go next (a URL or a model instance)."""
    spec = steps.get(name)
    outcome = steps.perform(
        name, actor=request.user, obj=obj, data=request.POST, files=request.FILES, prefix=steps.prefix_for(name)
    )
    if not outcome.ok:
        response = render_page(outcome, name)
        response.status_code = 400
        return response
    for warning in outcome.warnings:
        messages.warning(request, warning)
    messages.success(request, f"“{spec.label}”已完成。")
    return redirect(success(outcome.result))


def open_or_post_step(
    request,
    steps: StepSet,
    obj,
    name: str,
    *,
    render_page: Callable[..., HttpResponse],
    render_fragment: Callable[[Offer], HttpResponse],
    success: Callable[[object], object],
) -> HttpResponse:
    """The URL of one step on a page drawn without forms. GET: ``steps.opened`` (404 for an unknown step or one that
    is not the record's now, 403 for another role's or a blocked step), then ``render_fragment(offer)`` for htmx or
    ``render_page(open_name=name)`` — the record's page with the form open. POST: ``post_step``, whose refusal
    redraws ``render_page(failed=…, failed_name=…)``."""
    if request.method == "POST":
        return post_step(
            request, steps, obj, name,
            render_page=lambda failed, failed_name: render_page(failed=failed, failed_name=failed_name),
            success=success,
        )  # fmt: skip
    offer = steps.opened(name, obj, request.user)
    response = render_fragment(offer) if getattr(request, "htmx", False) else render_page(open_name=name)
    patch_vary_headers(response, ("HX-Request",))  # one URL, two answers: a cache must not give one for the other
    return response


def record_step_view(steps: StepSet, *, load: Callable, page: Callable[..., HttpResponse], url: str):
    """A decorator making the POST view of the steps on a record's page (``<pk>/…/<action>/``) out of its first check.

    The decorated function takes ``(request, pk, action)`` and raises if the user may not see the app's pages (it
    gives the view its name and docstring). The view: login, POST only, that check, the record in the user's scope
    (``load(user, pk)``), then ``post_step``: a refusal redraws ``page(request, obj, failed=…, failed_name=…)`` with
    400, a success goes back to the record (``url``, a URL name taking its pk)."""

    def decorator(check):
        @login_required
        @require_POST
        @wraps(check)
        def view(request, pk, action):
            check(request, pk, action)
            obj = load(request.user, pk)
            return post_step(
                request, steps, obj, action,
                render_page=lambda failed, name: page(request, obj, failed=failed, failed_name=name),
                success=lambda _result: reverse(url, args=[obj.pk]),
            )  # fmt: skip

        return view

    return decorator


def role_gate(roles, what: str):
    """A view decorator: login, then ``require`` one of the roles; a refusal is 403 with its Chinese message."""
    from django.core.exceptions import PermissionDenied

    from fazhi.core.access import require
    from fazhi.core.errors import NotPermitted

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                require(request.user, *roles, what=what)
            except NotPermitted as error:
                raise PermissionDenied(error.message) from None
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
