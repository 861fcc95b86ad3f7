"""Statistics of Likert items: per item (:mod:`~likertkit.stats.items`), by group with tests
(:mod:`~likertkit.stats.groups`), of weighted answers (:mod:`~likertkit.stats.weighted`), multi-item constructs
(:mod:`~likertkit.stats.reliability`), and the consistency of printed summaries (:mod:`~likertkit.stats.consistency`)."""

from likertkit.stats.groups import by_group, group_test, group_test_counts, group_tests
from likertkit.stats.items import (
                                   FLOOR_CEILING_CRITERION,
                                   agreement_codes,
                                   construct_means,
                                   count_matrix,
                                   describe_items,
                                   example_tables,
                                   item_statistics,
)
from likertkit.stats.weighted import weighted_item_statistics

__all__ = ["FLOOR_CEILING_CRITERION", "agreement_codes", "by_group", "construct_means", "count_matrix",
           "describe_items", "example_tables", "group_test", "group_test_counts", "group_tests", "item_statistics",
           "weighted_item_statistics"]
