from fazhi.audit.hashing import sm3_hex
from fazhi.core.draw import draw, pool_hash


def test_draw_follows_the_published_recipe():
    pool = ["c", "a", "b", "d"]
    # Worked by hand from the recipe: sort → [a, b, c, d]; pick index SM3("s:0") % 4, then SM3("s:1") % 3 …
    remaining = ["a", "b", "c", "d"]
    expected = []
    for i in range(2):
        expected.append(remaining.pop(int(sm3_hex(f"s:{i}".encode()), 16) % len(remaining)))
    assert draw("s", pool, 2) == expected


def test_draw_is_reproducible_and_never_repeats():
    pool = [str(n) for n in range(50)]
    first = draw("2019-评查-西青区", pool, 10)
    assert first == draw("2019-评查-西青区", list(reversed(pool)), 10)  # order of the pool does not matter
    assert len(set(first)) == 10
    assert draw("another seed", pool, 10) != first


def test_draw_stops_at_the_pool_size():
    assert sorted(draw("x", ["1", "2"], 5)) == ["1", "2"]
    assert draw("x", [], 3) == []


def test_pool_hash_is_the_sm3_of_the_sorted_keys():
    assert pool_hash(["b", "a"]) == sm3_hex(b"a\nb")
