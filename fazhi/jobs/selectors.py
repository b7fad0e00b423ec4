"""Jobs in a user's scope: those held by the bodies the user sees (a town's staff their town, a district's the
district)."""

from django.db.models import QuerySet

from fazhi.jobs.models import Job


def jobs_visible_to(user) -> QuerySet[Job]:
    from fazhi.org.selectors import visible_bodies

    if not user.is_authenticated:
        return Job.objects.none()
    return (
        Job.objects.filter(body__in=visible_bodies(user))
        .select_related("body", "requested_by")
        .order_by("-created_at", "-id")
    )


def job_for(user, pk) -> Job | None:
    return jobs_visible_to(user).filter(pk=pk).first()
