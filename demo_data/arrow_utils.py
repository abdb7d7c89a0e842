"""Fast, exact construction of Arrow arrays from numpy (no float -> decimal conversions through Python)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def _validity(valid: np.ndarray | None) -> pa.Buffer | None:
    if valid is None:
        return None
    valid = np.asarray(valid, dtype=bool)
    if valid.all():
        return None
    return pa.py_buffer(np.packbits(valid, bitorder="little"))


def decimal_array(units: np.ndarray, typ: pa.Decimal128Type, valid: np.ndarray | None = None) -> pa.Array:
    """Decimal array from integer units of the type's scale (e.g. cents for scale 2)."""
    units = np.ascontiguousarray(units, dtype=np.int64)
    limit = 10**typ.precision
    if len(units) and (units.max() >= limit or units.min() <= -limit):
        raise ValueError(f"value does not fit {typ}")
    words = np.empty((len(units), 2), dtype=np.int64)
    words[:, 0] = units
    words[:, 1] = units >> 63
    return pa.Array.from_buffers(typ, len(units), [_validity(valid), pa.py_buffer(words)])


def date_array(days: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """date32 array from days since 1970-01-01."""
    days = np.ascontiguousarray(days, dtype=np.int32)
    return pa.Array.from_buffers(pa.date32(), len(days), [_validity(valid), pa.py_buffer(days)])


def int32_array(values: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    values = np.ascontiguousarray(values, dtype=np.int32)
    return pa.Array.from_buffers(pa.int32(), len(values), [_validity(valid), pa.py_buffer(values)])


def bool_array(values: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=bool), type=pa.bool_())


def string_array(values, valid: np.ndarray | None = None) -> pa.Array:
    """String array from a sequence of str; entries where ``valid`` is False become null."""
    values = np.asarray(values, dtype=object)
    if valid is None:
        return pa.array(values, type=pa.string())
    return pa.array(values, type=pa.string(), mask=~np.asarray(valid, dtype=bool))


def codes_to_strings(labels: tuple[str, ...] | list[str], codes: np.ndarray) -> pa.Array:
    """Map small integer codes to their labels (vectorised ``take``)."""
    return pa.array(list(labels), type=pa.string()).take(pa.array(np.asarray(codes, dtype=np.int32)))


def ids(prefix: str, width: int, numbers: np.ndarray) -> np.ndarray:
    """Identifier strings such as 'C0000001' for 1-based ``numbers``."""
    limit = 10**width
    if len(numbers) and int(numbers.max()) >= limit:
        raise ValueError(f"identifier overflow: {prefix} ids need more than {width} digits")
    return np.array([f"{prefix}{int(k):0{width}d}" for k in numbers], dtype=object)
