"""Walking a paginated list page in tests: every page's rows in the order shown, with the paginator's count."""


def walk_pages(client, url: str, rows: str, **params) -> tuple[list[int], int]:
    """The pks of the rows in context[``rows``] on every page of ``url`` (with ``params``), and the list's count."""
    first = client.get(url, params)
    assert first.status_code == 200
    paginator = first.context["page"].paginator
    ids = [row.pk for row in first.context[rows]]
    for number in range(2, paginator.num_pages + 1):
        ids += [row.pk for row in client.get(url, {**params, "page": number}).context[rows]]
    return ids, paginator.count
