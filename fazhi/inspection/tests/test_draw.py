"""The reproducible draw (fazhi/core/draw.py) and the 统一社会信用代码 check character (GB 32100-2015)."""

import hashlib

import pytest

from fazhi.core.draw import draw, pool_hash
from fazhi.inspection import codes
from fazhi.inspection.drawing import sample_size


def test_draw_follows_the_published_recipe_step_by_step():
    pool = ["C", "A", "D", "B"]
    # Recomputed by hand from the recipe: sorted pool A B C D; pick i uses SM3("s:i") mod len(remaining).
    remaining, expected = ["A", "B", "C", "D"], []
    for i in range(3):
        h = int(hashlib.new("sm3", f"s:{i}".encode()).hexdigest(), 16)
        expected.append(remaining.pop(h % len(remaining)))
    assert draw("s", pool, 3) == expected
    assert len(set(expected)) == 3


def test_draw_does_not_depend_on_the_order_the_pool_is_given_in():
    keys = [f"K{n:03d}" for n in range(50)]
    assert draw("seed", keys, 10) == draw("seed", list(reversed(keys)), 10)
    assert draw("seed", keys, 10) != draw("seed2", keys, 10)


def test_draw_stops_at_the_pool_size():
    assert sorted(draw("x", ["a", "b"], 5)) == ["a", "b"]
    assert draw("x", [], 3) == []


def test_pool_hash_is_sm3_of_the_sorted_lines():
    assert pool_hash(["b", "a"]) == hashlib.new("sm3", b"a\nb").hexdigest()


def test_sample_size_rounds_up_and_never_exceeds_the_pool():
    assert sample_size(300, 3) == 9  # 300 × 3% = 9
    assert sample_size(101, 3) == 4  # 3.03 → 4 (at least the ratio)
    assert sample_size(5, 100) == 5
    assert sample_size(5, 0) == 0


def test_credit_code_check_character_by_the_standard():
    # 91350100M000100Y4?: values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4
    # weights 3^(i-1) mod 31: 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    # Σ = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → "3"
    assert codes.check_character("91350100M000100Y4") == "3"
    assert codes.is_valid("91350100M000100Y43")
    # 91120111001234567?: 9,1,1,2,0,1,1,1,0,0,1,2,3,4,5,6,7
    # Σ = 9+3+9+54+0+26+16+17+0+0+25+26+24+96+50+180+196 = 731; 731 mod 31 = 18; 31 − 18 = 13 → "D"
    assert codes.make_code("91", "120111", 1234567) == "91120111001234567D"


@pytest.mark.parametrize(
    "code, words",
    [
        ("91350100M000100Y44", "校验码应为“3”"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100M0001O0Y43", "不允许的字符“O”"),
        ("9135A100M000100Y43", "行政区划码"),
    ],
)
def test_bad_credit_codes_are_named(code, words):
    assert words in codes.problem(code)
