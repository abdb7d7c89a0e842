"""The generated data period as day indexes t = 0 .. n_days-1 (t = day - ds)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import dates


@dataclass(frozen=True)
class Period:
    ds: int
    de: int
    month_of_t: np.ndarray  # month number (0 = first month) of each day index
    month_first_t: np.ndarray  # first day index of each month
    month_last_t: np.ndarray  # last day index of each month (clipped to the end date)
    season: np.ndarray  # log-multiplier of deposit balances: month/quarter-end peaks, mid-month dips

    @property
    def n_days(self) -> int:
        return self.de - self.ds + 1

    @property
    def n_months(self) -> int:
        return len(self.month_first_t)

    @classmethod
    def build(cls, ds: int, de: int) -> Period:
        days = np.arange(ds, de + 1)
        mi = dates.month_index(days)
        month_of_t = (mi - mi[0]).astype(np.int64)
        n_months = int(month_of_t[-1]) + 1
        month_first_t = np.searchsorted(month_of_t, np.arange(n_months), side="left")
        month_last_t = np.searchsorted(month_of_t, np.arange(n_months), side="right") - 1
        dom = days - dates.month_first_day(mi) + 1
        month_end = dates.is_month_end(days)
        quarter_end = month_end & np.isin((mi % 12) + 1, (3, 6, 9, 12))
        days_left = dates.month_first_day(mi + 1) - days  # 1 on the last day of the month
        season = (
            0.05 * (days_left <= 3)
            + 0.15 * month_end
            + 0.15 * quarter_end
            - 0.10 * ((dom >= 11) & (dom <= 20))
        )
        return cls(ds, de, month_of_t, month_first_t, month_last_t, season.astype(np.float64))
