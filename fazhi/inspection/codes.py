"""统一社会信用代码 (GB 32100-2015《法人和其他组织统一社会信用代码编码规则》).

18 characters: 登记管理部门代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6 digits), 主体标识码 (9), 校验码 (1).
The code's alphabet is the 31 characters 0-9 and A-Y without I, O, Z, S, V; each character stands for its index in
that alphabet. The check character (GB 32100-2015 第4.5节): with weights W_i = 3^(i-1) mod 31 for positions i = 1…17,
C18 = 31 − (Σ C_i × W_i mod 31), where 31 becomes 0; C18 is written with the same alphabet.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
VALUES = {ch: n for n, ch in enumerate(ALPHABET)}
STANDARD = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》"


def check_character(first17: str) -> str:
    """The 18th character for the first 17 (which must be in the alphabet)."""
    total = sum(VALUES[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str:
    """Why a code is not a valid 统一社会信用代码 ("" when it is)."""
    code = (code or "").strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位（{STANDARD}）。"
    bad = [ch for ch in code if ch not in VALUES]
    if bad:
        return f"统一社会信用代码“{code}”含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V；{STANDARD}）。"
    if not code[2:8].isdigit():
        return f"统一社会信用代码“{code}”的第3至8位应为行政区划码（数字）（{STANDARD}）。"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码“{code}”的校验码应为“{expected}”，不是“{code[17]}”（{STANDARD}第4.5节）。"
    return ""


def is_valid(code: str) -> bool:
    return not problem(code)


def make_code(prefix2: str, region: str, serial: int) -> str:
    """A well-formed code (demo and tests): 2 prefix characters, a 6-digit region, a 9-character body from a serial
    number (digits), and its computed check character."""
    first17 = f"{prefix2}{region}{serial:09d}"
    return first17 + check_character(first17)
