"""Seeded demo-data generator for the corporate customer segmentation project (对公客户分层细分).

``python -m demo_data --out DIR`` writes every raw table of SPEC section 3 as
``DIR/<table>/part-NNNNN.parquet``.
"""

from .contract import CONTRACT, TABLES, schema
from .generator import generate, summary_line
from .plan import Config
from .uscc import org_code_check_char, uscc_check_char, uscc_is_valid

__all__ = [
    "CONTRACT",
    "TABLES",
    "Config",
    "generate",
    "org_code_check_char",
    "schema",
    "summary_line",
    "uscc_check_char",
    "uscc_is_valid",
]
