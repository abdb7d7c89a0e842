"""Vectorised calendar helpers. Dates are int64 days since 1970-01-01 (Arrow date32 values)."""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def to_day(d: dt.date) -> int:
    return (d - EPOCH).days


def from_day(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(day))


def add_months(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """``days`` plus whole months, the day of month clamped to the target month's end (SQL ``interval``)."""
    d = np.asarray(days, dtype="int64").astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    dom = (d - m.astype("datetime64[D]")).astype(np.int64)
    target = m + np.asarray(months, dtype=np.int64)
    last = ((target + 1).astype("datetime64[D]") - 1).astype(np.int64)
    first = target.astype("datetime64[D]").astype(np.int64)
    return np.minimum(first + dom, last)


def month_start(days: np.ndarray) -> np.ndarray:
    d = np.asarray(days, dtype="int64").astype("datetime64[D]")
    return d.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 (so that consecutive months differ by one)."""
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def month_first_day(month_idx: np.ndarray) -> np.ndarray:
    return (
        np.asarray(month_idx, dtype=np.int64).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    )


def is_month_end(days: np.ndarray) -> np.ndarray:
    return month_index(np.asarray(days) + 1) != month_index(days)


def weekday(days: np.ndarray) -> np.ndarray:
    """0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday)."""
    return (np.asarray(days, dtype=np.int64) + 3) % 7


def data_period(end: dt.date, months: int) -> tuple[int, int]:
    """(first day, last day) of the data period: ``months`` calendar months ending with end-date's month."""
    end_day = to_day(end)
    start_month = month_index(np.array([end_day]))[0] - (months - 1)
    return int(month_first_day(np.array([start_month]))[0]), end_day
