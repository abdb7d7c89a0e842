"""Render pictures of the segment matrices from the PUBLISHED marts (细分图表).

Reads the serving database (read-only; what BI users see, README "Serving and BI") and writes to --out:
  - one scatter per (population, sub-class, tier) group of customer_segments: x = bank value
    银行对客户价值, y = customer value 客户对银行价值 (profit contribution 利润贡献度 in CNY for existing
    customers, on a symmetric log scale; potential value 潜在价值 0-100 for targets), the group's two
    threshold lines and the four labelled quadrants with their parties and share from
    segment_matrix_existing / segment_matrix_target;
  - the profit concentration (Pareto) curve of profit_concentration (computed from customer_profitability,
    and said so, when that mart is not published);
  - the migration between the last two as-of dates of segment_migration (skipped, with a note, when the
    history holds a single as-of date);
  - index.html: one self-contained page with every picture embedded (base64).
Chinese labels need a CJK font (Debian fonts-noto-cjk, installed by `make system-deps`); without one the
pictures fall back to English-only labels.

Usage: python -m segmentation_tools.pictures [--database serving/serving.duckdb] [--out reports/pictures]
                                             [--as-of DATE] [--english-only]
"""

from __future__ import annotations

import argparse
import base64
import html
import math
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter

DEFAULT_DATABASE = "serving/serving.duckdb"
DEFAULT_OUT = "reports/pictures"
CJK_FONT_PREFERENCE = (
    "Noto Sans CJK SC",
    "Noto Sans CJK",
    "Source Han Sans",
    "WenQuanYi",
    "Droid Sans Fallback",
)
LINTHRESH_CNY = 1e4  # profit axis: linear within +/-10,000 CNY, logarithmic beyond (DECISIONLOG B-005)
CJK_FILE_HINTS = ("cjk", "wqy", "wenquanyi", "sourcehan", "droidsansfallback")

# Display order only (the codes come from the marts).
SUB_CLASS_ORDER = [
    "TRADITIONAL",
    "EMERGING",
    "REAL_ESTATE",
    "INSTITUTIONAL",
    "CORPORATE_NO_LOAN",
    "INSTITUTIONAL_NO_LOAN",
    "UNCLASSIFIED",
]
TIER_ORDER = [
    "STRATEGIC",
    "LARGE",
    "MEDIUM",
    "SMALL",
    "CENTRAL",
    "PROVINCIAL",
    "MUNICIPAL",
    "COUNTY",
    "ABOVE_SCALE",
    "BELOW_SCALE",
    "UNRATED",
]
# (customer value level, bank value level) -> corner of the matrix; colours per corner.
CORNERS = {
    ("HIGH", "HIGH"): "#1b7837",
    ("HIGH", "LOW"): "#2166ac",
    ("LOW", "HIGH"): "#e08214",
    ("LOW", "LOW"): "#b2182b",
}
POPULATIONS = {"EXISTING": ("存量客户", "existing customers"), "TARGET": ("目标客户", "target prospects")}


class PicturesError(Exception):
    """A reason the pictures cannot be drawn, printed as one line."""


@dataclass
class Picture:
    file_name: str
    section: str
    caption: str


@dataclass
class Result:
    pictures: list[Picture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    as_of_date: date | None = None
    version: str | None = None
    cjk_font: str | None = None


def find_cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs (registers system fonts not yet cached)."""
    names = {font.name for font in font_manager.fontManager.ttflist}
    for preferred in CJK_FONT_PREFERENCE:
        for name in sorted(names):
            if name.startswith(preferred):
                return name
    for path in font_manager.findSystemFonts():
        if any(hint in Path(path).name.lower() for hint in CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError):
                continue
    names = {font.name for font in font_manager.fontManager.ttflist}
    for preferred in CJK_FONT_PREFERENCE:
        for name in sorted(names):
            if name.startswith(preferred):
                return name
    return None


class Labels:
    """Bilingual labels when a CJK font is available, English-only otherwise."""

    def __init__(self, cjk_font: str | None) -> None:
        self.cjk = cjk_font is not None

    def __call__(self, chinese: str | None, english: str) -> str:
        if self.cjk and chinese:
            return f"{chinese} {english}"
        return english


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict]:
    result = connection.execute(sql, params or [])
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def _relation(connection: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """A published mart: a table of the serving database (main) or, given a build database, marts.<name>."""
    found = {
        row[0]
        for row in connection.execute(
            "select table_schema from information_schema.tables where table_name = ?", [name]
        ).fetchall()
    }
    if "main" in found:
        return f'"{name}"'
    if "marts" in found:
        return f'marts."{name}"'
    return None


def _order(value: str, order: list[str]) -> tuple[int, str]:
    return (order.index(value) if value in order else len(order), value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _money_tick(value: float, _position: int = 0) -> str:
    magnitude = abs(value)
    sign = "-" if value < 0 else ""
    if magnitude >= 1e9:
        return f"{sign}{magnitude / 1e9:g}B"
    if magnitude >= 1e6:
        return f"{sign}{magnitude / 1e6:g}M"
    if magnitude >= 1e3:
        return f"{sign}{magnitude / 1e3:g}k"
    return f"{value:g}"


def render(database: Path, out_dir: Path, as_of: date | None = None, english_only: bool = False) -> Result:
    if not database.exists():
        raise PicturesError(f"no serving database at {database}: run `make demo` (build and publish) first")
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.png"):
        stale.unlink()
    result = Result()
    result.cjk_font = None if english_only else find_cjk_font()
    if result.cjk_font:
        plt.rcParams["font.sans-serif"] = [result.cjk_font, "DejaVu Sans"]
    else:
        plt.rcParams["font.sans-serif"] = ["DejaVu Sans"]
        result.notes.append(
            "English-only labels: "
            + (
                "--english-only was given."
                if english_only
                else "no CJK font found (apt-get install fonts-noto-cjk)."
            )
        )
    plt.rcParams["font.family"] = "sans-serif"
    plt.rcParams["axes.unicode_minus"] = False
    label = Labels(result.cjk_font)

    with duckdb.connect(str(database), read_only=True) as connection:
        segments_relation = _relation(connection, "customer_segments")
        if segments_relation is None:
            raise PicturesError(f"{database} has no published customer_segments")
        manifest = _relation(connection, "publish_manifest")
        if manifest:
            versions = _rows(connection, f"select max(version) as version from {manifest}")
            result.version = versions[0]["version"]
        latest = _rows(connection, f"select max(as_of_date) as as_of_date from {segments_relation}")[0][
            "as_of_date"
        ]
        result.as_of_date = as_of or latest
        if result.as_of_date != latest:
            raise PicturesError(
                f"the published customer_segments is for {latest}, not {result.as_of_date} (history "
                "pictures: "
                "customer_segment_history is not drawn)"
            )
        _matrices(connection, segments_relation, out_dir, result, label)
        _concentration(connection, out_dir, result, label)
        _migration(connection, out_dir, result, label)
    _write_html(out_dir, result)
    return result


def _matrices(
    connection: duckdb.DuckDBPyConnection,
    segments_relation: str,
    out_dir: Path,
    result: Result,
    label: Labels,
) -> None:
    parties = _rows(
        connection,
        f"""
        select
            party_kind, sub_class, tier, customer_value, bank_value, customer_value_level, bank_value_level,
            customer_value_threshold, bank_value_threshold
        from {segments_relation}
        where as_of_date = ?
        """,
        [result.as_of_date],
    )
    cells: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for population, mart in (("EXISTING", "segment_matrix_existing"), ("TARGET", "segment_matrix_target")):
        relation = _relation(connection, mart)
        if relation is None:
            result.notes.append(f"{mart} is not published: quadrant counts taken from customer_segments.")
            continue
        for cell in _rows(connection, f"select * from {relation} where as_of_date = ?", [result.as_of_date]):
            cells[(population, cell["sub_class"], cell["tier"])].append(cell)
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for party in parties:
        groups[(party["party_kind"], party["sub_class"], party["tier"])].append(party)
    ordered = sorted(
        groups,
        key=lambda key: (
            list(POPULATIONS).index(key[0]) if key[0] in POPULATIONS else 9,
            _order(key[1], SUB_CLASS_ORDER),
            _order(key[2], TIER_ORDER),
        ),
    )
    for population, sub_class, tier in ordered:
        file_name = f"matrix_{population.lower()}_{sub_class.lower()}_{tier.lower()}.png"
        caption = _scatter(
            groups[(population, sub_class, tier)],
            cells.get((population, sub_class, tier), []),
            (population, sub_class, tier),
            out_dir / file_name,
            result.as_of_date,
            label,
        )
        section = label(
            POPULATIONS.get(population, (None, population))[0] + "客户群细分矩阵", f"{population} matrices"
        )
        result.pictures.append(Picture(file_name, section, caption))


def _scatter(
    parties: list[dict],
    cells: list[dict],
    group: tuple[str, str, str],
    path: Path,
    as_of_date: date,
    label: Labels,
) -> str:
    population, sub_class, tier = group
    existing = population == "EXISTING"
    x = [float(party["bank_value"]) for party in parties]
    y = [float(party["customer_value"]) for party in parties]
    corner_of = [(party["customer_value_level"], party["bank_value_level"]) for party in parties]
    cell_by_corner = {(cell["customer_value_level"], cell["bank_value_level"]): cell for cell in cells}
    any_cell = cells[0] if cells else {}
    sub_class_zh, tier_zh = any_cell.get("sub_class_zh"), any_cell.get("tier_zh")
    # Regional or branch overrides can give one group several thresholds: the most common is drawn solid.
    y_thresholds = [
        value for value, _ in Counter(_float(p["customer_value_threshold"]) for p in parties).most_common()
    ]
    x_thresholds = [
        value for value, _ in Counter(_float(p["bank_value_threshold"]) for p in parties).most_common()
    ]
    y_thresholds = [value for value in y_thresholds if value is not None]
    x_thresholds = [value for value in x_thresholds if value is not None]

    figure, axes = plt.subplots(figsize=(6.4, 4.8), dpi=110)
    colours = [CORNERS.get(corner, "#777777") for corner in corner_of]
    axes.scatter(x, y, c=colours, s=14, alpha=0.75, linewidths=0)
    if existing:
        axes.set_yscale("symlog", linthresh=LINTHRESH_CNY)
        axes.yaxis.set_major_formatter(FuncFormatter(_money_tick))
    x_low, x_high = min([*x, *x_thresholds, 0.0]), max([*x, *x_thresholds, 100.0])
    axes.set_xlim(x_low - 3, x_high + 3)
    if existing:
        y_low, y_high = _symlog_limits([*y, *y_thresholds], y_thresholds[0] if y_thresholds else 0.0)
    else:
        y_low, y_high = min([*y, *y_thresholds, 0.0]) - 3, max([*y, *y_thresholds, 100.0]) + 3
    axes.set_ylim(y_low, y_high)
    for index, threshold in enumerate(x_thresholds):
        axes.axvline(threshold, color="#333333", linewidth=1.1, linestyle="-" if index == 0 else "--")
    for index, threshold in enumerate(y_thresholds):
        axes.axhline(threshold, color="#333333", linewidth=1.1, linestyle="-" if index == 0 else "--")

    # Quadrant labels at the centre of each quadrant, in axes fractions.
    to_axes = axes.transData + axes.transAxes.inverted()
    x_split = to_axes.transform((x_thresholds[0] if x_thresholds else 50.0, y_low))[0]
    y_split = to_axes.transform((x_low, y_thresholds[0] if y_thresholds else 0.0))[1]
    x_split, y_split = min(max(x_split, 0.08), 0.92), min(max(y_split, 0.08), 0.92)
    positions = {
        ("HIGH", "HIGH"): ((x_split + 1) / 2, (y_split + 1) / 2),
        ("HIGH", "LOW"): (x_split / 2, (y_split + 1) / 2),
        ("LOW", "HIGH"): ((x_split + 1) / 2, y_split / 2),
        ("LOW", "LOW"): (x_split / 2, y_split / 2),
    }
    counted = Counter(corner_of)
    for corner, (left, bottom) in positions.items():
        cell = cell_by_corner.get(corner, {})
        quadrant = cell.get("quadrant") or "-".join(corner)
        count = cell.get("parties", counted.get(corner, 0))
        share = cell.get("share_of_group")
        text = (
            label(cell.get("quadrant_zh"), quadrant)
            + f"\n{count}"
            + (f" ({float(share) * 100:.1f}%)" if share is not None else "")
        )
        axes.text(
            left,
            bottom,
            text,
            transform=axes.transAxes,
            ha="center",
            va="center",
            fontsize=9,
            color=CORNERS[corner],
            fontweight="bold",
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "alpha": 0.8,
                "edgecolor": CORNERS[corner],
            },
        )
    population_zh, population_en = POPULATIONS.get(population, (None, population))
    axes.set_title(
        label(population_zh, population_en.capitalize())
        + " · "
        + label(sub_class_zh, sub_class)
        + "\n"
        + label(tier_zh, tier)
        + f" · n={len(parties)} · {as_of_date}",
        fontsize=10,
    )
    axes.set_xlabel(label("银行对客户价值", "bank value") + " (0-100)")
    axes.set_ylabel(
        label("利润贡献度", "profit contribution") + " (CNY, symlog)"
        if existing
        else label("潜在价值贡献度", "potential value") + " (0-100)"
    )
    axes.grid(True, color="#dddddd", linewidth=0.5)
    axes.set_axisbelow(True)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    unit = " CNY" if existing else ""
    thresholds = (
        f"thresholds: customer value {', '.join(f'{t:,.2f}' for t in y_thresholds)}{unit}, "
        f"bank value {', '.join(f'{t:.2f}' for t in x_thresholds)}"
    )
    return f"{population} · {sub_class} · {tier}: {len(parties)} parties; {thresholds}"


def _symlog(value: float) -> float:
    return math.copysign(math.log10(1 + abs(value) / LINTHRESH_CNY), value)


def _symlog_inverse(value: float) -> float:
    return math.copysign(LINTHRESH_CNY * (10 ** abs(value) - 1), value)


def _symlog_limits(values: list[float], threshold: float) -> tuple[float, float]:
    """Axis limits on the symmetric log scale: every value inside with a margin, zero shown, and the threshold
    at least 30% of the height from either edge so all four quadrant labels have room."""
    transformed = [_symlog(value) for value in [*values, 0.0]]
    low, high = min(transformed), max(transformed)
    margin = 0.1 * max(high - low, 1.0)
    low, high = low - margin, high + margin
    split = _symlog(threshold)
    height = high - low
    low, high = min(low, split - 0.3 * height), max(high, split + 0.3 * height)
    return _symlog_inverse(low), _symlog_inverse(high)


def _concentration(
    connection: duckdb.DuckDBPyConnection, out_dir: Path, result: Result, label: Labels
) -> None:
    relation = _relation(connection, "profit_concentration")
    points: list[tuple[float, float, float | None]] = []
    source = "profit_concentration"
    if relation is not None:
        points = [
            (
                float(row["top_customer_percent"]),
                _float(row["profit_share_percent"]),
                _float(row["net_share"]),
            )
            for row in _rows(
                connection,
                f"""
                select top_customer_percent, profit_share_percent, net_profit_share_percent as net_share
                from {relation} where as_of_date = ? order by top_customer_percent
                """,
                [result.as_of_date],
            )
            if row["profit_share_percent"] is not None
        ]
    if not points:
        profitability = _relation(connection, "customer_profitability")
        if profitability is None:
            result.notes.append(
                "No profit concentration curve: neither profit_concentration nor customer_profitability is "
                "published."
            )
            return
        profits = [
            Decimal(row["profit_contribution"])
            for row in _rows(
                connection,
                f"select profit_contribution from {profitability} where as_of_date = ? "
                "order by profit_contribution desc, customer_id",
                [result.as_of_date],
            )
        ]
        points = _curve_from_profits(profits)
        source = "customer_profitability"
        result.notes.append(
            "Profit concentration computed from customer_profitability: the mart profit_concentration is not "
            f"published for {result.as_of_date}."
        )
    if not points:
        result.notes.append("No profit concentration curve: no profitable customer on the date.")
        return
    figure, axes = plt.subplots(figsize=(7.2, 4.8), dpi=110)
    xs = [0.0] + [point[0] for point in points]
    axes.plot(
        xs,
        [0.0] + [point[1] for point in points],
        color="#1b7837",
        marker="o",
        markersize=3,
        label=label("利润集中度", "share of positive profit"),
    )
    net = [(point[0], point[2]) for point in points if point[2] is not None]
    if net:
        axes.plot(
            [0.0] + [n[0] for n in net],
            [0.0] + [n[1] for n in net],
            color="#b2182b",
            linestyle="--",
            linewidth=1,
            label=label("净利润", "share of net profit (whale curve)"),
        )
    axes.plot(
        [0, 100],
        [0, 100],
        color="#999999",
        linestyle=":",
        linewidth=1,
        label=label("均匀分布", "equal shares"),
    )
    marker = min(points, key=lambda point: abs(point[0] - 20))
    axes.annotate(
        f"top {marker[0]:g}% → {marker[1]:.1f}%",
        xy=(marker[0], marker[1]),
        xytext=(marker[0] + 12, max(marker[1] - 25, 5)),
        arrowprops={"arrowstyle": "->", "color": "#333333"},
        fontsize=9,
    )
    axes.set_xlim(0, 100)
    axes.set_ylim(0, max(105, max((n[1] for n in net), default=0) + 5))
    axes.set_xlabel(label("前x%客户(按利润贡献度)", "top x% of customers by profit contribution"))
    axes.set_ylabel(label("利润占比", "share of profit") + " (%)")
    axes.set_title(
        label("利润集中度", "Profit concentration (Pareto)") + f" · {result.as_of_date} · {source}",
        fontsize=10,
    )
    axes.grid(True, color="#dddddd", linewidth=0.5)
    axes.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(out_dir / "profit_concentration.png")
    plt.close(figure)
    result.pictures.append(
        Picture(
            "profit_concentration.png",
            label("利润集中度", "Profit concentration"),
            f"top {marker[0]:g}% of existing customers earn {marker[1]:.1f}% of the positive profit (source: "
            f"{source})",
        )
    )


def _curve_from_profits(profits: list[Decimal]) -> list[tuple[float, float, float | None]]:
    """The Pareto curve of DECISIONLOG H-006 from profits sorted descending."""
    customers = len(profits)
    total_positive = sum((profit for profit in profits if profit > 0), Decimal(0))
    total_net = sum(profits, Decimal(0))
    if customers == 0 or total_positive <= 0:
        return []
    points = []
    for percent in (0.1, 0.5, 1, 2, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 100):
        top = max(1, math.ceil(Decimal(str(percent)) / 100 * customers))
        top_positive = sum((profit for profit in profits[:top] if profit > 0), Decimal(0))
        top_net = sum(profits[:top], Decimal(0))
        net_share = float(top_net / total_net * 100) if total_net > 0 else None
        points.append((float(percent), float(top_positive / total_positive * 100), net_share))
    return points


def _migration(connection: duckdb.DuckDBPyConnection, out_dir: Path, result: Result, label: Labels) -> None:
    relation = _relation(connection, "segment_migration")
    if relation is None:
        result.notes.append("No migration picture: the mart segment_migration is not published.")
        return
    latest = _rows(
        connection,
        f"select as_of_date, previous_as_of_date from {relation} order by as_of_date desc limit 1",
    )
    if not latest:
        result.notes.append(
            "No migration picture: the segment history holds a single as-of date (run `make backfill "
            "FROM=... TO=...` "
            "to add earlier month-ends)."
        )
        return
    as_of_date, previous = latest[0]["as_of_date"], latest[0]["previous_as_of_date"]
    moves = _rows(connection, f"select * from {relation} where as_of_date = ?", [as_of_date])
    existing = [move for move in moves if move["party_kind"] == "EXISTING"]

    figure, (tier_axes, quadrant_axes, type_axes) = plt.subplots(
        1, 3, figsize=(17, 6), dpi=100, gridspec_kw={"width_ratios": [1.25, 1, 0.8]}
    )
    names = {"NEW": "新增", "LOST": "流失", **_published_labels(connection)}
    _transition_heatmap(
        tier_axes,
        existing,
        "tier",
        TIER_ORDER,
        label("分层迁移", "Tier migration") + " (EXISTING)",
        names,
        label,
    )
    quadrants = ["IMPORTANT", "QUALITY", "ORDINARY", "EXIT"]
    _transition_heatmap(
        quadrant_axes,
        existing,
        "quadrant",
        quadrants,
        label("客户群迁移", "Quadrant migration") + " (EXISTING)",
        names,
        label,
    )
    types = ["UPGRADE", "DOWNGRADE", "STABLE", "UNRANKED", "NEW", "LOST"]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for move in moves:
        by_kind[move["party_kind"]][move["migration_type"]] += int(move["parties"])
    width = 0.4
    for offset, kind in enumerate(["EXISTING", "TARGET"]):
        values = [by_kind[kind][kind_type] for kind_type in types]
        bars = type_axes.barh(
            [index + offset * width for index in range(len(types))],
            values,
            height=width,
            color=["#1b7837", "#2166ac"][offset],
            label=label(POPULATIONS[kind][0], kind),
        )
        type_axes.bar_label(bars, fontsize=7, padding=2)
    type_labels = {
        "UPGRADE": "升级",
        "DOWNGRADE": "降级",
        "STABLE": "稳定",
        "UNRANKED": None,
        "NEW": "新增",
        "LOST": "流失",
    }
    type_axes.set_yticks([index + width / 2 for index in range(len(types))])
    type_axes.set_yticklabels([label(type_labels[kind_type], kind_type) for kind_type in types], fontsize=8)
    type_axes.invert_yaxis()
    type_axes.set_xlabel(label("客户数", "parties"))
    type_axes.set_title(label("迁移类型", "Migration type"), fontsize=10)
    type_axes.legend(fontsize=8)
    figure.suptitle(label("客户迁移", "Segment migration") + f" {previous} → {as_of_date}", fontsize=12)
    figure.tight_layout()
    figure.savefig(out_dir / "segment_migration.png")
    plt.close(figure)
    totals = Counter()
    for move in moves:
        totals[move["migration_type"]] += int(move["parties"])
    summary = ", ".join(f"{kind} {totals[kind]}" for kind in types if totals[kind])
    result.pictures.append(
        Picture(
            "segment_migration.png", label("客户迁移", "Migration"), f"{previous} → {as_of_date}: {summary}"
        )
    )


def _published_labels(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Chinese labels of tiers and quadrants as published in the matrix marts (code -> label)."""
    names: dict[str, str] = {}
    for mart in ("segment_matrix_existing", "segment_matrix_target"):
        relation = _relation(connection, mart)
        if relation is None:
            continue
        for row in _rows(connection, f"select distinct tier, tier_zh, quadrant, quadrant_zh from {relation}"):
            if row["tier_zh"]:
                names.setdefault(row["tier"], row["tier_zh"])
            if row["quadrant_zh"]:
                names.setdefault(row["quadrant"], row["quadrant_zh"])
    return names


def _transition_heatmap(
    axes, moves: list[dict], dimension: str, order: list[str], title: str, names: dict, label: Labels
) -> None:
    counts: Counter = Counter()
    for move in moves:
        counts[(move[f"from_{dimension}"], move[f"to_{dimension}"])] += int(move["parties"])
    present = {key for pair in counts for key in pair}
    rows = [value for value in order if value in present] + (["NEW"] if "NEW" in present else [])
    rows += sorted(present - set(order) - {"NEW", "LOST"})
    columns = [value for value in rows if value != "NEW"] + (["LOST"] if "LOST" in present else [])
    rows = [value for value in rows if value != "LOST"]
    matrix = [[counts.get((row, column), 0) for column in columns] for row in rows]
    axes.imshow([[math.log1p(value) for value in line] for line in matrix], cmap="Blues", aspect="auto")
    darkest = math.log1p(max((value for line in matrix for value in line), default=0))
    for row_index, line in enumerate(matrix):
        for column_index, value in enumerate(line):
            if value:
                colour = "white" if math.log1p(value) > 0.6 * darkest else "#111111"
                axes.text(
                    column_index, row_index, str(value), ha="center", va="center", fontsize=7, color=colour
                )
    axes.set_xticks(range(len(columns)))
    axes.set_xticklabels(
        [label(names.get(code), code) for code in columns], rotation=60, ha="right", fontsize=7
    )
    axes.set_yticks(range(len(rows)))
    axes.set_yticklabels([label(names.get(code), code) for code in rows], fontsize=7)
    axes.set_xlabel("to (as-of date)")
    axes.set_ylabel("from (previous as-of date)")
    axes.set_title(title, fontsize=10)


def _write_html(out_dir: Path, result: Result) -> None:
    sections: dict[str, list[Picture]] = defaultdict(list)
    for picture in result.pictures:
        sections[picture.section].append(picture)
    parts = [
        "<!doctype html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>客户细分图表 Segment pictures</title>",
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px;color:#222}"
        ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}"
        "figure{margin:0;border:1px solid #ddd;padding:8px}figure img{width:100%}"
        "figcaption{font-size:12px;color:#555}.wide img{max-width:1600px}</style></head><body>",
        "<h1>客户细分图表 · Segment pictures</h1>",
        f"<p>As-of date 评价日 <b>{result.as_of_date}</b> · published version 发布版本 "
        f"<b>{html.escape(str(result.version))}</b>"
        f" · rendered {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} from the published marts (serving "
        "database)."
        "</p>",
    ]
    if result.notes:
        parts.append("<h2>Notes 说明</h2><ul>")
        parts += [f"<li>{html.escape(note)}</li>" for note in result.notes]
        parts.append("</ul>")
    for section, pictures in sections.items():
        wide = len(pictures) == 1
        parts.append(f'<h2>{html.escape(section)}</h2><div class="{"wide" if wide else "grid"}">')
        for picture in pictures:
            encoded = base64.b64encode((out_dir / picture.file_name).read_bytes()).decode("ascii")
            parts.append(
                f'<figure><img alt="{html.escape(picture.file_name)}" src="data:image/png;base64,{encoded}">'
                f"<figcaption>{html.escape(picture.caption)}</figcaption></figure>"
            )
        parts.append("</div>")
    parts.append("</body></html>")
    (out_dir / "index.html").write_text("\n".join(parts), encoding="utf-8")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m segmentation_tools.pictures",
        description=(
            "Render the segment matrices (one scatter per population, class and tier, with threshold lines "
            "and "
            "labelled quadrants), the profit concentration curve and the migration between the last two "
            "as-of "
            "dates from the PUBLISHED marts, as PNG files and one self-contained index.html."
        ),
    )
    parser.add_argument(
        "--database", type=Path, default=Path(DEFAULT_DATABASE), help="serving database (read-only)"
    )
    parser.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help="output folder")
    parser.add_argument("--as-of", type=_parse_date, help="as-of date (default: the published one)")
    parser.add_argument(
        "--english-only", action="store_true", help="English labels only (no CJK font needed)"
    )
    args = parser.parse_args(argv)
    try:
        result = render(args.database, args.out, args.as_of, args.english_only)
    except PicturesError as error:
        print(f"pictures: {error}", file=sys.stderr)
        return 1
    except duckdb.IOException as error:
        print(f"pictures: cannot open {args.database}: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    matrices = sum(1 for picture in result.pictures if picture.file_name.startswith("matrix_"))
    others = [picture.file_name for picture in result.pictures if not picture.file_name.startswith("matrix_")]
    print(
        f"pictures: {matrices} matrix scatters{''.join(', ' + name for name in others)} for "
        f"{result.as_of_date} "
        f"(version {result.version}, font {result.cjk_font or 'English only'}) -> {args.out / 'index.html'}"
    )
    for note in result.notes:
        print(f"pictures: note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
