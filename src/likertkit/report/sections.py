"""The survey report's own pieces: its heading, overview and tables, written for anyone's survey.

Nothing here speaks of the article: the report notebook (``survey-report.ipynb``, beside this module) is
run by ``make survey`` on a survey of the user's, and every sentence comes from that survey's tables.
"""

from __future__ import annotations

import pandas as pd

from likertkit.charts.diverging import short_id
from likertkit.counting.count import MISSING_GROUP
from likertkit.formats import p_value, percent, two_decimals, with_percent_sign
from likertkit.report.markup import literal
from likertkit.report.sentences import is_agreement, upper_half_range
from likertkit.scales.table import describe_scale, scale_parts
from likertkit.survey.parts import combined, of_items
from likertkit.wording import a_number, count_noun

__all__ = ["blocks", "compared_groups", "files_made", "group_sizes_table", "groups_listed", "heading", "item_table",
           "item_tables", "label_key", "log_summary", "overview", "pairwise_table", "per_scale_text", "smallest_group", "test_table",
           "too_many_to_draw"]


def heading(title: str, items: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The report's title line."""
    return f"# {literal(title) if title else 'Survey report'}"


def overview(items: pd.DataFrame, scale: pd.DataFrame, item_stats: pd.DataFrame, log: pd.DataFrame,
             weight: str = "") -> str:
    """The first paragraph: who answered what, on which scale, with how much missing, and the extremes (of the
    weighted answers when ``item_stats`` is :func:`likertkit.stats.weighted_item_statistics`' and ``weight`` names
    the column)."""
    n = int(items["n_respondents"].max())
    groups = [literal(g) for g in items["domain"].astype(str).unique() if g.strip()]
    missing = items["n_missing"]
    scales = scale_parts(scale)
    described = [f"{a_number(len(part), 'point scale')} ({literal(describe_scale(part))})" for part in scales.values()]
    on = (f" on {described[0]}" if len(scales) == 1 else
          f" on {len(scales)} scales: " + "; ".join(f"*{literal(name)}*, {d}" for name, d in zip(scales, described, strict=True)))
    answering = int(items["n_answering"].max()) if "n_answering" in items else n
    silent = n - answering  # respondents who left every item blank: kept, and said
    which = (f" in {count_noun(len(groups), 'group')} ({', '.join(groups)})" if groups else "") + on
    if silent:
        text = (f"Of **{count_noun(n, 'respondent')}**, **{answering}** answered at least one of the "
                f"**{count_noun(len(items), 'item')}**{which}; {silent} left every item blank. ")
    else:
        text = f"**{count_noun(n, 'respondent')}** answered **{count_noun(len(items), 'item')}**{which}. "
    if (missing > 0).any():
        among = (f"; {with_percent_sign(100 * (missing.sum() - silent * len(items)) / (answering * len(items)))} of "
                 f"those of the {answering} who answered any" if silent else "")
        text += (f"{count_noun(int((missing > 0).sum()), 'item')} lack some answers: from {missing[missing > 0].min()} to "
                 f"{missing.max()} per item ({with_percent_sign(100 * missing.sum() / (n * len(items)))} of all possible "
                 f"answers{among}). ")
    else:
        text += "Every respondent answered every item. "
    words = "" if len(scales) == 1 else "in the upper half of its scale"
    if weight and "n_effective" in item_stats:
        low, high = item_stats["n_effective"].min(), item_stats["n_effective"].max()
        kish = f"{low:.1f}" if round(low, 1) == round(high, 1) else f"{low:.1f} to {high:.1f}"
        return (text + upper_half_range(item_stats, scale, words) + f", of each item's valid answers weighted by the "
                f"column {literal(weight)} (Kish's effective n {kish} per item).")
    return text + upper_half_range(item_stats, scale, words) + ", of each item's valid answers."


def item_table(item_stats: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame, agreeing=None) -> pd.DataFrame:
    """Per item: n, median and quartiles as answers (not codes), mode, and the percent in the upper half of the
    scale with its CI: "% agreeing" on a scale of agreement (or when ``agreeing`` says so), else "% upper half";
    of weighted statistics (:func:`likertkit.stats.weighted_item_statistics`), Kish's effective n beside the raw n
    and the percents marked weighted."""
    agreeing = is_agreement(scale) if agreeing is None else agreeing
    labels = dict(zip(scale["code"], scale["label"], strict=True))
    table = item_stats.set_index("item")
    weighted = " (weighted)" if "n_effective" in table else ""  # weighted_item_statistics: Kish's n beside the raw n
    shown = pd.DataFrame({
        "label": table["label"], "n valid": table["n_valid"], "n missing": items.set_index("item")["n_missing"]})
    if weighted:
        shown["n effective"] = table["n_effective"].map(lambda n: f"{n:.1f}")
    shown["median"] = table["median"].map(labels)
    shown["quartiles"] = [f"{labels[a]} – {labels[b]}" for a, b in zip(table["q1"], table["q3"], strict=True)]
    shown[("% agreeing" if agreeing else "% upper half") + weighted] = table["pct_agree"].map(percent)
    shown["95 % CI (Kish n)" if weighted else "95 % CI"] = [f"{percent(lo)}–{percent(hi)}" for lo, hi in
                        zip(table["pct_agree_ci_low"], table["pct_agree_ci_high"], strict=True)]
    if "pct_top_box" in table:  # TOP_BOX: the scale's highest answers, beside the percent above the centre
        boxes = int(scale["top_box"].astype(bool).sum())
        shown[f"% top {boxes}{weighted}"] = table["pct_top_box"].map(percent)
        shown[f"95 % CI (top {boxes})"] = [f"{percent(lo)}–{percent(hi)}" for lo, hi in
                                           zip(table["pct_top_box_ci_low"], table["pct_top_box_ci_high"], strict=True)]
    shown.index = shown.index.map(short_id).rename("item")  # a whole question as the id: its first line
    return shown


def test_table(tests: pd.DataFrame) -> pd.DataFrame:
    """The tests between groups as a reader sees them (:mod:`likertkit.formats`): statistics and effect sizes to two
    decimals, p-values as APA prints them; ``group_tests.csv`` keeps every digit."""
    return pd.DataFrame({"item": tests["item"].map(short_id), "test": tests["test"], "statistic": tests["statistic"].map(two_decimals),
                         "df": tests["df"].map(lambda df: "" if pd.isna(df) else f"{int(df)}"),
                         "p": tests["p_value"].map(p_value), "p (Holm)": tests["p_holm"].map(p_value),
                         "effect size": tests["effect_size"].map(two_decimals),
                         "measure": tests["effect_size_name"].fillna(""),
                         "ranked highest": tests["highest_group"].fillna("") if "highest_group" in tests else ""})


def pairwise_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """Dunn's pairwise tests as a reader sees them: z and r to two decimals, p-values as APA prints them."""
    return pd.DataFrame({"item": pairs["item"].map(short_id), "group a": pairs["group_a"], "group b": pairs["group_b"],
                         "z": pairs["z"].map(two_decimals), "p": pairs["p_value"].map(p_value),
                         "p (Holm)": pairs["p_holm"].map(p_value), "r": pairs["effect_size"].map(two_decimals)})


def log_summary(log: pd.DataFrame) -> pd.DataFrame:
    """The cleaning log's entries other than plain checks, per column, with how many answers each concerns."""
    shown = log[(log["kind"] != "check") | log["note"].str.startswith("blank")]
    return shown[["column", "kind", "note", "result"]].rename(columns={"result": "answers"}).reset_index(drop=True) \
        .assign(column=lambda table: table["column"].map(short_id))


def too_many_to_draw(n_items: int, most: int) -> str:
    """What the report says instead of a chart of more items than anyone can read."""
    return (f"With {n_items} items, one bar each would make a chart nobody can read, so none is drawn (the limit is "
            f"{most}). Every item's counts and statistics are in `data/processed/table1.csv` and "
            "`data/processed/item_statistics.csv`; to chart a block of items, run the report on that block's items.")


def per_scale_text(parts: list, write) -> str:
    """``write(counts, items, scale)`` for each part; with several scales, each paragraph names its scale."""
    if len(parts) == 1:
        _, counts, items, scale = parts[0]
        return write(counts, items, scale)
    return "\n\n".join(f"**{literal(name)}.** {write(counts, items, scale)}" for name, counts, items, scale in parts)


def blocks(table: pd.DataFrame, parts: list) -> list:
    """``[(scale name, rows of table about its items, scale)]``, one block per response scale, for
    :func:`likertkit.charts.plot_blocks`."""
    return [(name, of_items(table, items), scale) for name, _, items, scale in parts]


def item_tables(item_stats: pd.DataFrame, parts: list) -> pd.DataFrame:
    """:func:`item_table` for each scale, stacked (answers named by each item's own scale); the percent in the
    upper half is called "% agreeing" only when every scale is one of agreement."""
    agreeing = all(is_agreement(scale) for *_, scale in parts)
    return combined(parts, lambda counts, items, scale: item_table(of_items(item_stats, items), items, scale,
                                                                   agreeing).reset_index())


def smallest_group(group_sizes: pd.DataFrame) -> int:
    """Respondents in the smallest group compared (groups too small to compare, and those with no group value,
    are not tested)."""
    return int(compared_groups(group_sizes)["n_respondents"].min())


def compared_groups(group_sizes: pd.DataFrame) -> pd.DataFrame:
    """The groups that are compared: those of at least ``MIN_GROUP`` respondents, not the respondents with no
    group value."""
    return group_sizes[group_sizes["compared"].astype(str).str.lower() == "true"].reset_index(drop=True)


def groups_listed(group_sizes: pd.DataFrame, column: str, min_group: int) -> str:
    """Which groups are compared, which are listed but too small to compare, and how many respondents gave no
    group value: said once, above the group comparison."""
    compared = compared_groups(group_sizes)
    others = group_sizes[~group_sizes["group"].isin(set(compared["group"]))]
    small = others[others["group"] != MISSING_GROUP]
    blank = int(others.loc[others["group"] == MISSING_GROUP, "n_respondents"].sum())
    text = (f"Respondents are split by {literal(column)} into {count_noun(len(compared) + len(small), 'group')}"
            + (f"; {len(compared)} of them, with at least {min_group} respondents each, are compared. "
               if len(small) else ". "))
    if len(small):
        text += ("Too small to compare, and so left out of the charts, sentences and tests below: "
                 + ", ".join(f"{literal(g)} ({count_noun(int(n), 'respondent')})"
                             for g, n in zip(small["group"], small["n_respondents"], strict=True)) + ". ")
    if blank:
        text += f"{count_noun(blank, 'respondent')} gave no {literal(column)} value and {'is' if blank == 1 else 'are'} " \
                "left out of every comparison. "
    if not len(compared):
        text += (f"No group has {min_group} respondents or more (MIN_GROUP), so no group is large enough to compare; "
                 "the table below gives each group's size.")
    elif len(compared) < 2:
        text += "With fewer than two groups to compare, nothing is compared; the table below gives each group's size."
    return text.strip()


def group_sizes_table(group_sizes: pd.DataFrame) -> pd.DataFrame:
    """Each group's number of respondents, as a reader sees them: shown when fewer than two groups are large
    enough to compare, so the split is still there to read."""
    return pd.DataFrame({"group": group_sizes["group"], "respondents": group_sizes["n_respondents"].astype(int),
                         "compared": group_sizes["compared"].astype(str).str.lower().map({"true": "yes"}).fillna("no")})


def files_made(out, written) -> str:
    """The report's files, one a line, relative to its folder: the tables counted before the report was drawn
    (``data/processed/*.csv``: the counts, the log, the weighted and group tables …) and the files ``written`` while
    it was drawn (its own tables and the figures)."""
    return "\n".join(sorted({out.relative(path) for path in [*out.processed.glob("*.csv"), *written]}))


def label_key(items: pd.DataFrame) -> pd.DataFrame | None:
    """The key to shortened item labels: each item's label beside its whole question, when the questions were too
    long to show (:func:`likertkit.survey.reading.short_labels`); None otherwise."""
    if "question" not in items or not (items["question"].astype(str) != items["label"].astype(str)).any():
        return None
    return pd.DataFrame({"label": items["label"], "question": items["question"]})
