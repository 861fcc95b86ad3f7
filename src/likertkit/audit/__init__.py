"""Auditing a printed Likert table: every number recomputed from the others, with a verdict and its reason
(:mod:`~likertkit.audit.table`)."""

from likertkit.audit.table import (
    AUDIT_COLUMNS,
    VERDICTS,
    audit_table,
    parse_table,
    read_table,
    verdict_counts,
)

__all__ = ["AUDIT_COLUMNS", "VERDICTS", "audit_table", "parse_table", "read_table", "verdict_counts"]
