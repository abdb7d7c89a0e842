"""Unified social credit codes 统一社会信用代码 (GB 32100-2015) with organisation codes (GB 11714-1997).

Layout of the 18 characters: 1 registration authority, 2 organisation category, 3-8 administrative division,
9-17 organisation code (8 body characters + GB 11714 check character), 18 GB 32100 check character.
"""

from __future__ import annotations

import numpy as np

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
# GB 11714: digits are their value, letters A..Z are 10..35 (plain alphabet order).
_ORG_VALUE = {c: (int(c) if c.isdigit() else ord(c) - ord("A") + 10) for c in USCC_CHARSET}


def uscc_check_char(first17: str) -> str:
    """GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str:
    """GB 11714 check character for an 8-character organisation-code body."""
    c = 11 - sum(_ORG_VALUE[ch] * w for ch, w in zip(body8, ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def uscc_is_valid(code: object, check_org_code: bool = False) -> bool:
    """True when ``code`` is an 18-character USCC whose GB 32100 check character is right.

    Letter case is ignored (codes are compared upper-case, as the pipeline does). With ``check_org_code`` the
    embedded GB 11714 organisation code (characters 9-17) must also carry a correct check character.
    """
    if not isinstance(code, str) or len(code) != 18:
        return False
    code = code.upper()
    if any(c not in _USCC_VALUE for c in code):
        return False
    if uscc_check_char(code[:17]) != code[17]:
        return False
    return not check_org_code or org_code_check_char(code[8:16]) == code[16]


# --- vectorised construction ----------------------------------------------------------------------

_CHARSET_BYTES = np.frombuffer(USCC_CHARSET.encode("ascii"), dtype=np.uint8)
_USCC_LUT = np.full(128, -1, dtype=np.int64)
_ORG_LUT = np.full(128, -1, dtype=np.int64)
for _c, _v in _USCC_VALUE.items():
    _USCC_LUT[ord(_c)] = _v
    _ORG_LUT[ord(_c)] = _ORG_VALUE[_c]

_DIGIT_SPACE = 10**8  # digit-only bodies (classic organisation codes)
_LETTER_SPACE = 31**6  # 'MA' + 6 characters (codes issued since the 2015 reform)
_DIGIT_MULT = 73_939_133  # coprime with 10**8 -> affine bijection on [0, 10**8)
_LETTER_MULT = 48_271  # coprime with 31**6


def build_usccs(
    prefix2: np.ndarray, division6: np.ndarray, serial: np.ndarray, new_style: np.ndarray, salt: int
) -> np.ndarray:
    """Build valid, unique USCCs.

    ``serial`` must be unique non-negative integers (< 31**6); distinct serials give distinct codes whatever
    ``new_style`` says, because old-style bodies are 8 digits and new-style bodies start with ``MA``.
    ``prefix2`` (e.g. '91') and ``division6`` (e.g. '440300') are string arrays. Returns an array of str.
    """
    n = len(serial)
    serial = serial.astype(np.int64)
    body = np.zeros((n, 8), dtype=np.uint8)
    old = (serial * _DIGIT_MULT + salt % _DIGIT_SPACE) % _DIGIT_SPACE
    new = (serial * _LETTER_MULT + salt % _LETTER_SPACE) % _LETTER_SPACE
    for pos in range(7, -1, -1):
        body[:, pos] = ord("0") + old % 10
        old //= 10
    nb = np.zeros((n, 6), dtype=np.uint8)
    for pos in range(5, -1, -1):
        nb[:, pos] = _CHARSET_BYTES[new % 31]
        new //= 31
    body = np.where(
        new_style[:, None],
        np.concatenate(
            [np.full((n, 1), ord("M"), np.uint8), np.full((n, 1), ord("A"), np.uint8), nb], axis=1
        ),
        body,
    )
    org_vals = _ORG_LUT[body]
    c = 11 - (org_vals @ np.array(ORG_WEIGHTS, dtype=np.int64)) % 11
    org_check = np.where(c == 10, ord("X"), np.where(c == 11, ord("0"), ord("0") + c)).astype(np.uint8)
    head = np.frombuffer(
        "".join(f"{p}{d}" for p, d in zip(prefix2, division6, strict=True)).encode(), np.uint8
    )
    head = head.reshape(n, 8)
    first17 = np.concatenate([head, body, org_check[:, None]], axis=1)
    vals = _USCC_LUT[first17]
    check = (31 - (vals @ np.array(USCC_WEIGHTS, dtype=np.int64)) % 31) % 31
    full = np.concatenate([first17, _CHARSET_BYTES[check][:, None]], axis=1)
    return _split_fixed(full.tobytes().decode("ascii"), 18, n)


def _split_fixed(s: str, width: int, n: int) -> np.ndarray:
    return np.array([s[i * width : (i + 1) * width] for i in range(n)], dtype=object)
