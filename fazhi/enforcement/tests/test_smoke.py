from fazhi.enforcement.tests.factories import case_at


def test_case_walks_from_lead_to_closed(w):
    case = case_at(w, "closed")
    assert case.status == "closed"
