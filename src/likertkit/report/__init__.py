"""The survey report: its sections (:mod:`~likertkit.report.sections`, re-exported here), the sentences written
from the data (:mod:`~likertkit.report.sentences`), the one place text becomes markup
(:mod:`~likertkit.report.markup`), tables and figures
for reading (:mod:`~likertkit.report.reading`), a mixed-methods study's section and joint display
(:mod:`~likertkit.report.study`, :mod:`~likertkit.report.joint_page`), and the run itself: :mod:`~likertkit.report.pipeline` reads,
counts and runs the report notebook (:mod:`~likertkit.report.execution`) into a results folder kept safe by
:mod:`~likertkit.report.outfolder`."""

from likertkit.report.sections import (
                                       blocks,
                                       combined,
                                       compared_groups,
                                       group_sizes_table,
                                       groups_listed,
                                       heading,
                                       item_table,
                                       item_tables,
                                       log_summary,
                                       of_items,
                                       overview,
                                       pairwise_table,
                                       per_scale_text,
                                       smallest_group,
                                       split_by_scale,
                                       test_table,
                                       too_many_to_draw,
                                       weighted_counts,
)
from likertkit.report.study import mixed_methods_section, read_study_tables

__all__ = ["blocks", "combined", "compared_groups", "group_sizes_table", "groups_listed", "heading", "item_table", "item_tables",
           "log_summary", "mixed_methods_section", "of_items", "overview", "pairwise_table", "per_scale_text", "read_study_tables", "smallest_group", "split_by_scale", "test_table",
           "too_many_to_draw", "weighted_counts"]
