"""The portal search (ADR 0076): two-character Chinese words, several words, case, and the bigram index's keys."""

from datetime import timedelta

import pytest

from fazhi.publicity import services
from fazhi.publicity.selectors import bigrams, published_search
from fazhi.publicity.tests.factories import long_retention, open_pub


@pytest.fixture
def published(w):
    long_retention(w)
    pub = open_pub(w)
    return services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=1))


def test_bigrams_are_the_two_character_pieces_lower_cased_and_one_character_words_add_none():
    assert bigrams(["焚烧秸秆"]) == sorted({"焚烧", "烧秸", "秸秆"})
    assert bigrams(["AB", "罚"]) == ["ab"]
    assert bigrams(["罚"]) == []


def test_a_two_character_word_of_the_violation_finds_the_published_record(published):
    word = published.violation_type[:2]
    assert list(published_search(query=word)) == [published]


def test_every_word_must_be_found_somewhere_in_the_record(published):
    party, violation = published.party_display[:2], published.violation_type[-2:]
    assert list(published_search(query=f"{party} {violation}")) == [published]
    assert list(published_search(query=f"{violation} 不存在的词")) == []


def test_a_word_whose_bigrams_are_all_present_but_not_in_order_is_not_a_hit(published):
    # "AB" and "BC" present does not make "ABC" present: the scan after the index keeps the answer exact.
    text = published.violation_type
    if len(text) >= 3:
        scrambled = text[1:3] + text[0:2]  # every bigram of it may occur, the whole word does not
        if scrambled not in " ".join([published.decision_number, published.party_display, text, published.penalty]):
            assert list(published_search(query=scrambled)) == []


def test_one_character_words_still_search_by_scan(published):
    assert list(published_search(query=published.violation_type[0])) == [published]
