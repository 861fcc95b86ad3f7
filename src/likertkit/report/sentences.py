"""Sentences that state findings, written from the data so that they cannot go stale.

Each function takes the tables a notebook computed and returns Markdown. Whatever a sentence asserts
(a majority, a match, a count) is computed here, and the wording follows the numbers: if the data
change, the sentence changes with them or says the opposite. The notebooks of the article and the
survey report share them; the tests hold each to small tables made for the purpose.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from likertkit.charts.diverging import MAX_ID_CHARS, label_names_item, short_id
from likertkit.formats import p_in_words, percent, two_decimals, with_percent_sign
from likertkit.report.markup import literal
from likertkit.wording import a_number, count_noun, listed, named

__all__ = ["SMALL_GROUP", "alt_blocks", "alt_construct_means", "alt_grouped", "alt_grouped_blocks", "alt_heatmap",
           "alt_mean_ci", "alt_stacked_percent", "alt_text", "alt_view_blocks", "diverging_findings", "group_comparison",
           "group_tests", "half_labels", "is_agreement", "median_splits", "ordinal_summary", "reliability", "upper_half_range",
           "top_box_range", "upper_half_words", "weighting"]


def _text(value, plain: bool) -> str:
    """User text (a label, an item or group name) for a sentence: as typed in plain text, escaped in Markdown."""
    return str(value) if plain else literal(value)


def _items(values, plain: bool = False) -> str:
    """``['4', '10']`` -> ``'items 4 and 10'``; one -> ``'item 4'``; none -> ``'no item'`` (user text escaped
    for Markdown unless ``plain``)."""
    return named("item", [_text(v, plain) for v in values])


def _named(row, plain: bool = False) -> str:
    """``item 4, Too easy to get a sick note``; just ``item selfLR`` when the label is the item's own name, and
    just the label when the id is itself a long text (a platform export's whole question as the column name, as
    the charts show it: :data:`likertkit.charts.diverging.MAX_ID_CHARS`). User text is escaped for Markdown
    unless ``plain``."""
    item, label = str(row["item"]), str(row["label"])
    long_id = len(item) > MAX_ID_CHARS or "\n" in item
    shown = f"item {item}" if label in ("", item) else f"item {label}" if label_names_item(item, label) or long_id \
        else f"item {item}, {label}"
    return "item " + _text(shown[len("item "):], plain)


def half_labels(scale: pd.DataFrame, upper: bool = True) -> list:
    """The answers in the upper half of a scale (what the percent "agreeing" counts), lowest first; with
    ``upper=False``, those of the lower half (the percent "disagreeing"); an odd scale's middle is in neither."""
    from likertkit.stats.items import agreement_codes
    lower, higher = agreement_codes(scale)
    return list(scale.set_index("code").loc[higher if upper else lower, "label"].astype(str))


def is_agreement(scale: pd.DataFrame) -> bool:
    """Whether every scale in ``scale`` is one of agreement, its upper half "Agree", "Strongly agree" …, so
    that "agreeing" names it; other scales (how often, how satisfied, to what degree) are named by their
    answers instead.

    >>> is_agreement(pd.DataFrame({"code": [1, 2, 3], "label": ["Disagree", "Neutral", "Agree"]}))
    True
    >>> is_agreement(pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Rarely", "Often", "Always"]}))
    False
    """
    from likertkit.scales.direction import label_polarity
    from likertkit.scales.table import scale_parts
    return all(all(label_polarity(label) > 0 and "agree" in label.casefold() for label in half_labels(part))
               for part in scale_parts(scale).values())


def upper_half_words(scale: pd.DataFrame, upper: bool = True, quote: str = "*") -> str:
    """What the percent in a scale's upper half is called in sentences: "agreeing" on a scale of agreement,
    else the answers it counts, "answering *often* or *always*" (``quote="'"`` for plain text such as alt
    text); with ``upper=False`` the lower half's ("disagreeing", "answering *never* or *rarely*").

    >>> upper_half_words(pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Rarely", "Often", "Always"]}))
    'answering *often* or *always*'
    """
    if is_agreement(scale):
        return "agreeing" if upper else "disagreeing"
    labels = [f"{quote}{_text(label.lower(), quote != '*')}{quote}" for label in half_labels(scale, upper)]
    return "answering " + listed(labels, "or")


def upper_half_range(item_stats: pd.DataFrame, scale: pd.DataFrame, words: str = "", name_highest: bool = True) -> str:
    """The one phrasing of the most- and least-agreed items: "The percent agreeing runs from 70.0% (item q1,
    Meaningful work) down to 10.0% (item q2, Enough time)", its words :func:`upper_half_words` unless given (a
    survey of several scales: "in the upper half of its scale"); ``name_highest=False`` where the sentence before
    has named the highest item already. No full stop, so a sentence may go on.

    >>> from likertkit.stats import example_tables, item_statistics
    >>> counts, items, scale = example_tables()
    >>> upper_half_range(item_statistics(counts, items, scale), scale)
    'The percent agreeing runs from 70.0% (item q1, Meaningful work) down to 11.1% (item q2, Enough time)'
    """
    most = item_stats.loc[item_stats["pct_agree"].idxmax()]
    least = item_stats.loc[item_stats["pct_agree"].idxmin()]
    highest = f" ({_named(most)})" if name_highest else ""
    return (f"The percent {words or upper_half_words(scale)} runs from {with_percent_sign(most['pct_agree'])}"
            f"{highest} down to {with_percent_sign(least['pct_agree'])} ({_named(least)})")


def median_splits(counts: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The rule for a median on an exact split, said where it applies: when an item's valid answers divide exactly
    in half between two answers, its median is given as the lower of the two (always one of the scale's answers),
    where R's ``median()`` and SPSS give the midpoint of the two codes. Empty when no item splits so.

    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["No", "Some", "Yes"]})
    >>> counts = pd.DataFrame({"item": ["q1"] * 3, "code": [1, 2, 3], "count": [2, 0, 2]})
    >>> median_splits(counts, pd.DataFrame({"item": ["q1"], "label": ["One"]}), scale)
    " On item q1, One, the valid answers split exactly in half (between *no* and *yes*): its median is given as the lower, *no*, where R's median() and SPSS give the midpoint of the two codes (2)."
    """  # noqa: E501 (a doctest's expected output is one line)
    from likertkit.stats.items import count_matrix

    matrix = count_matrix(counts, items, scale).to_numpy()
    codes, labels = list(scale["code"]), [str(label).lower() for label in scale["label"]]
    found = []
    for row, (_, item) in zip(matrix, items.iterrows(), strict=True):
        n, cumulative = row.sum(), row.cumsum()
        if n % 2 or not (cumulative == n / 2).any():
            continue
        low = int(np.argmax(cumulative == n / 2))
        high = low + 1 + int(np.argmax(row[low + 1:] > 0))
        found.append((_named(item), low, high))
    if not found:
        return ""
    if len(found) == 1:
        named, low, high = found[0]
        return (f" On {named}, the valid answers split exactly in half (between *{literal(labels[low])}* and "
                f"*{literal(labels[high])}*): its median is given as the lower, *{literal(labels[low])}*, where R's "
                f"median() and SPSS give the midpoint of the two codes ({(codes[low] + codes[high]) / 2:g}).")
    return (f" On {count_noun(len(found), 'item')} the valid answers split exactly in half between two answers ("
            + "; ".join(f"{named}: *{literal(labels[low])}* and *{literal(labels[high])}*" for named, low, high in found)
            + "): each median is given as the lower of the two, where R's median() and SPSS give the midpoint of the "
              "two codes.")


def ordinal_summary(item_stats: pd.DataFrame, scale: pd.DataFrame) -> str:
    """Medians by answer, and the range of the percent in the upper half of the scale (:func:`upper_half_range`),
    naming the items at both ends."""
    labels = dict(zip(scale["code"], scale["label"], strict=True))
    medians = item_stats["median"].map(labels).value_counts()
    return ("Medians: " + ", ".join(f"*{literal(label.lower())}* on {count_noun(k, 'item')}" for label, k in medians.items())
            + ". " + upper_half_range(item_stats, scale) + "." + top_box_range(item_stats, scale))


def top_box_range(item_stats: pd.DataFrame, scale: pd.DataFrame) -> str:
    """With ``TOP_BOX``, the range of the percent in the scale's highest answers, as :func:`upper_half_range` says
    the percent above the centre; empty without.

    >>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["No", "Somewhat", "Very"], "top_box": [False, False, True]})
    >>> top_box_range(pd.DataFrame({"item": ["q1", "q2"], "label": ["", ""], "pct_top_box": [8.3, 20.0]}), scale)
    ' The top-1 box (*very*) runs from 20.0% (item q2) down to 8.3% (item q1).'
    """
    if "pct_top_box" not in item_stats or "top_box" not in scale:
        return ""
    boxed = [f"*{literal(str(label).lower())}*" for label in scale.loc[scale["top_box"].astype(bool), "label"]]
    most = item_stats.loc[item_stats["pct_top_box"].idxmax()]
    least = item_stats.loc[item_stats["pct_top_box"].idxmin()]
    return (f" The top-{len(boxed)} box ({listed(boxed, 'or')})"
            f" runs from {with_percent_sign(most['pct_top_box'])} ({_named(most)}) down to "
            f"{with_percent_sign(least['pct_top_box'])} ({_named(least)}).")


def _sides(scale: pd.DataFrame) -> str:
    """Which half of the scale a diverging chart draws on which side of zero, in words."""
    return ("disagreement to the left of zero and agreement to the right" if is_agreement(scale) else
            "the lower half of the scale left of zero and the upper half right")


def _middle(scale: pd.DataFrame) -> str:
    """What a diverging chart does with the scale's middle, in words: split across zero (in grey, as
    :func:`likertkit.charts.palette` draws a neutral answer on a scale with a positive end), or no middle at all.

    >>> _middle(pd.DataFrame({"code": [1, 2, 3], "label": ["No", "Somewhat", "Very"], "side": ["lower", "upper", "upper"]}))
    'with no middle answer: the lowest answer lies left of zero, the upper 2 right'
    """
    from likertkit.charts.style import has_no_direction
    from likertkit.stats.items import agreement_codes

    lower, upper = (len(codes) for codes in agreement_codes(scale))
    if lower + upper < len(scale):
        return "with the middle answer split across zero" + ("" if has_no_direction(scale) else " in grey")
    left = "the lowest answer lies" if lower == 1 else f"the lower {lower} answers lie"
    right = "the highest answer" if upper == 1 else f"the upper {upper}"
    return f"with no middle answer: {left} left of zero, {right} right"


def alt_text(rows: pd.DataFrame, scale: pd.DataFrame, who: str, order: str = "agree") -> str:
    """The alt text of a diverging stacked bar chart, from :func:`likertkit.charts.diverging_layout`'s rows; the
    halves of the scale are called agreement and disagreement only on a scale of agreement
    (:func:`upper_half_words`)."""
    middle = _middle(scale)
    agreement = is_agreement(scale)
    grouped = rows["group"].astype(str).str.strip().ne("").any()
    groups = rows.groupby("group", sort=False)["item"].apply(lambda items: _items(items, plain=True))
    text = (f"Diverging stacked bar chart of {count_noun(len(rows), 'survey item')} answered by up to "
            f"{rows['n_valid'].max()} {who}, on {a_number(len(scale), 'point scale')} from '{str(scale['label'].iloc[0]).lower()}' "
            f"to '{str(scale['label'].iloc[-1]).lower()}'. Bars show percents of valid answers, "
            + _sides(scale) + f", {middle}. ")
    if grouped:
        text += "Items are grouped as " + "; ".join(f"{g} ({i})" for g, i in groups.items()) + ", and "
    else:
        text += "Items are "
    text += (("sorted by agreement" if agreement else "sorted by the percent in the upper half")
             + (" within each group" if grouped else "") if order == "agree" else "in questionnaire order") + ". "
    n_missing = rows["n_missing"]
    k, low, high = int((n_missing > 0).sum()), n_missing[n_missing > 0].min(), n_missing.max()
    missing = (f"{count_noun(k, 'item')} {'has' if k == 1 else 'have'} missing answers "
               f"({low if low == high else f'{low}-{high}'} per item)." if k else "No item has missing answers.")
    return text + diverging_findings(rows, scale, plain=True) + " " + missing


def diverging_findings(rows: pd.DataFrame, scale: pd.DataFrame, plain: bool = False) -> str:
    """What a diverging stacked bar chart shows, as sentences with their numbers: the items most agreed and
    most disagreed with (the upper and lower half of any other scale) and how many items have a majority on
    each side; in Markdown (not ``plain``), also how far apart the most and least agreed-with items are.
    ``rows`` are :func:`likertkit.charts.diverging_layout`'s; ``plain`` writes it as alt text, which
    :func:`alt_text` ends with.

    Examples
    --------
    >>> from likertkit import charts
    >>> from likertkit.stats import example_tables
    >>> counts, items, scale = example_tables()
    >>> _, rows = charts.diverging_layout(counts, items, scale)
    >>> print(diverging_findings(rows, scale, plain=True))  # doctest: +ELLIPSIS
    Agreement is highest for item ... agreeing), and disagreement highest for item ...
    """
    top, bottom = rows.loc[rows["pct_agree"].idxmax()], rows.loc[rows["pct_disagree"].idxmax()]
    quote = "'" if plain else "*"
    upper, lower = (upper_half_words(scale, half, quote=quote) for half in (True, False))
    majorities = (f"{int((rows['pct_agree'] > 50).sum())} of {len(rows)} items have a majority {upper}; "
                  f"{int((rows['pct_disagree'] > 50).sum())} have a majority {lower}.")
    if not plain:
        least = rows.loc[rows["pct_agree"].idxmin()]
        majorities += (f" {upper_half_range(rows, scale, upper, name_highest=False)}, "
                       f"{percent(top['pct_agree'] - least['pct_agree'])} percentage points apart.")
    if is_agreement(scale):
        return (f"Agreement is highest for {_named(top, plain=plain)} ({with_percent_sign(top['pct_agree'])} agreeing), and "
                f"disagreement highest for {_named(bottom, plain=plain)} ({with_percent_sign(bottom['pct_disagree'])} "
                f"disagreeing). " + majorities)
    return (f"The percent {upper} is highest for {_named(top, plain=plain)} ({with_percent_sign(top['pct_agree'])}), and the "
            f"percent {lower} for {_named(bottom, plain=plain)} ({with_percent_sign(bottom['pct_disagree'])}). " + majorities)


def _extremes(frame: pd.DataFrame, column: str) -> tuple:
    """The rows holding the lowest and the highest value of ``column``."""
    return frame.loc[frame[column].idxmin()], frame.loc[frame[column].idxmax()]


def _scale_span(scale: pd.DataFrame) -> str:
    return (f"the {len(scale)}-point scale from {scale['code'].iloc[0]} '{str(scale['label'].iloc[0]).lower()}' to "
            f"{scale['code'].iloc[-1]} '{str(scale['label'].iloc[-1]).lower()}'")


def alt_stacked_percent(table1: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The alt text of :func:`likertkit.charts.plot_stacked_percent`."""
    last = f"valid_pct_{scale['code'].iloc[-1]}"
    low, high = _extremes(table1, last)
    return (f"Stacked bar chart of {count_noun(len(table1), 'survey item')}: each bar splits the item's valid answers into "
            f"the percents answering each point of {_scale_span(scale)}, adding up to 100%. The top answer ranges "
            f"from {with_percent_sign(low[last])} ({_named(low, plain=True)}) to {with_percent_sign(high[last])} "
            f"({_named(high, plain=True)}).")


def alt_mean_ci(item_stats: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The alt text of :func:`likertkit.charts.plot_mean_ci`."""
    low, high = _extremes(item_stats, "mean")
    return (f"Dot plot of the mean answer to each of {count_noun(len(item_stats), 'survey item')} on {_scale_span(scale)}, "
            f"with 95% confidence intervals as horizontal lines. Means range from {low['mean']:.2f} ({_named(low, plain=True)}) "
            f"to {high['mean']:.2f} ({_named(high, plain=True)}).")


def alt_heatmap(table1: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The alt text of :func:`likertkit.charts.plot_heatmap`."""
    columns = [f"valid_pct_{code}" for code in scale["code"]]
    cells = table1.set_index("item")[columns].stack()
    (item, column), top = cells.idxmax(), cells.max()
    label = dict(zip(columns, scale["label"], strict=True))[column]
    return (f"Heat map with one row per survey item ({len(table1)}) and one column per answer ({len(scale)}, "
            f"{_scale_span(scale)}); each cell holds the percent of the item's valid answers, darker for more. "
            f"The darkest cell is item {short_id(item)} answering '{str(label).lower()}' ({with_percent_sign(top)}).")


SMALL_GROUP = 30  # below this many valid answers, a group's percents move a lot with a few answers


def group_comparison(by_group: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame, quote: str = "*") -> str:
    """How the groups' answers differ, in words computed from ``by_group`` (see :func:`likertkit.stats.groups.by_group`).

    Descriptive only: it names the item where the groups' percents in the upper half of the scale lie furthest
    apart and which group is most often there, and warns when groups are small. It tests nothing and implies
    no cause. ``quote`` marks the answers' names (``*`` for Markdown, ``'`` for plain text).
    """
    from likertkit.stats.items import agreement_codes
    _, agree = agreement_codes(scale)
    percents = by_group[[f"valid_pct_{c}" for c in agree]]
    answered = by_group[(by_group["n_valid"] > 0) & percents.notna().any(axis=1)].copy()  # weighted: weights above 0
    answered["pct_agree"] = answered[[f"valid_pct_{c}" for c in agree]].sum(axis=1)
    label_of = dict(zip(items["item"].astype(str), items["label"], strict=True))
    spread = answered.groupby("item")["pct_agree"].agg(["min", "max"])
    spread = spread[answered.groupby("item")["group"].nunique() > 1]
    groups = list(dict.fromkeys(by_group["group"]))
    sizes = (by_group["n_valid"] + by_group["n_missing"]).groupby(by_group["group"], sort=False).first()
    plain = quote != "*"
    text = f"{count_noun(len(groups), 'group')}: " + ", ".join(f"{_text(g, plain)} (n = {int(sizes[g])})" for g in groups) + ". "
    if spread.empty:
        return text + "No item was answered in more than one group, so nothing can be compared."
    gap = (spread["max"] - spread["min"])
    item = gap.idxmax()
    rows = answered[answered["item"] == item].set_index("group")["pct_agree"]
    words = upper_half_words(scale, quote=quote)
    verb = "agree" if words == "agreeing" else words.replace("answering", "answer", 1)
    named = _named({"item": item, "label": label_of[str(item)]}, plain)
    text += (f"The groups differ most on {named}: {with_percent_sign(rows.max())} {verb} in {_text(rows.idxmax(), plain)} against "
             f"{with_percent_sign(rows.min())} in {_text(rows.idxmin(), plain)} ({percent(gap.max())} points). ")
    top = answered.loc[answered.groupby("item")["pct_agree"].idxmax(), "group"].value_counts()
    if len(spread) > 1:
        text += (f"{_text(top.index[0], plain)} has the highest percent {words} on {top.iloc[0]} of {len(spread)} items. ")
    smallest = int(answered["n_valid"].min())
    if smallest < SMALL_GROUP:
        text += (f"Some groups are small (as few as {smallest} valid answers to an item), so differences of this size "
                 "can arise by chance; these are descriptions, not tests, and say nothing about causes.")
    else:
        text += "These are descriptions, not tests, and say nothing about causes."
    return text


def alt_grouped(by_group: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> str:
    """The alt text of the grouped diverging chart (:func:`likertkit.charts.grouped_items`) of one scale's items."""
    groups = list(dict.fromkeys(by_group["group"]))
    return (f"Diverging stacked bar chart of {count_noun(len(items), 'survey item')}, one bar per group under each item "
            f"({count_noun(len(groups), 'group')}), on {_scale_span(scale)}; {_sides(scale)}. "
            + group_comparison(by_group, items, scale, quote="'"))


def alt_grouped_blocks(by_group: pd.DataFrame, parts: list) -> str:
    """The alt text of the grouped diverging chart of every scale's items, each block's in turn (:func:`alt_grouped`)."""
    return _block_by_block([(name, alt_grouped(by_group[by_group["item"].isin(set(items["item"]))], items, scale))
                            for name, _, items, scale in parts])


def alt_blocks(parts: list, who: str, order: str = "agree") -> str:
    """The alt text of :func:`likertkit.charts.plot_diverging_blocks`: each scale's block described in turn."""
    from likertkit.charts.diverging import diverging_layout
    texts = []
    for name, counts, items, scale in parts:
        _, rows = diverging_layout(counts, items, scale, "domain", order)
        texts.append((name, alt_text(rows, scale, who, order)))
    return _block_by_block(texts)


def alt_view_blocks(describe, blocks: list) -> str:
    """The alt text of :func:`likertkit.charts.plot_blocks`: ``describe(table, scale)`` (:func:`alt_stacked_percent`,
    :func:`alt_mean_ci`, :func:`alt_heatmap`) for each scale's ``(name, table, scale)`` block in turn."""
    return _block_by_block([(name, describe(table, scale)) for name, table, scale in blocks])


def _block_by_block(texts: list) -> str:
    """``[(scale name, text)]`` as one text, each block's named when there are several."""
    return " ".join((f"Block for the scale {name}: " if len(texts) > 1 else "") + text for name, text in texts)


def reliability(constructs: pd.DataFrame, item_analysis: pd.DataFrame) -> str:
    """The constructs in words: what alpha and omega say, each construct's figures, and what to be wary of."""
    from likertkit.stats.reliability import MIN_ALPHA, warnings
    text = ("Items that share a construct are combined into one score, the mean of the items a respondent answered "
            "(reverse-keyed items turned around first). **Cronbach's alpha** says how consistently the items "
            "measure one thing if each counts equally; **McDonald's omega** says the same from a one-factor model "
            "that lets items differ in how strongly they reflect it. Both run from 0 to 1 (alpha can fall below 0 "
            f"when items are keyed against each other); {MIN_ALPHA} or more is usually wanted before scores are "
            "compared. ")
    for row in constructs.itertuples():
        omega = f", omega {row.omega_total:.2f}" if row.omega_total == row.omega_total else ""
        text += (f"*{literal(row.construct)}* ({count_noun(row.n_items, 'item')}, {row.n_complete} respondents answering all): "
                 f"mean {row.mean:.2f} (SD {row.sd:.2f}), alpha {row.alpha:.2f} "
                 f"(95% CI {row.alpha_ci_low:.2f} to {row.alpha_ci_high:.2f}){omega}. ")
    found = warnings(constructs, item_analysis)
    if found:
        text += "\n\n**Before you use these scores:** " + "; ".join(found) + "."
    return text


def group_tests(tests: pd.DataFrame, smallest_group: int, alpha: float = 0.05) -> str:
    """The tests between groups in careful words: how many differ after Holm's adjustment, the largest effect,
    and (for small groups) that the figures are descriptive. No causal wording."""
    tested = tests[tests["p_value"].notna()]
    if tested.empty:
        return "No item could be tested: fewer than two groups answered it."
    kinds = " and ".join(dict.fromkeys(tested["test"]))
    below = tested[tested["p_holm"] < alpha]
    text = (f"Differences between groups were tested ({kinds}, on the answers' order, not their codes; p-values "
            f"adjusted by Holm's method over {count_noun(len(tested), 'test')}). ")
    two = tested[tested["effect_size_name"] == "rank-biserial r"] if "group_a" in tested else tested.iloc[:0]
    if len(two):  # the same two groups in every such test, items and constructs alike
        text += (f"The rank-biserial r is positive where {literal(two['group_a'].iloc[0])} ranks higher than "
                 f"{literal(two['group_b'].iloc[0])}. ")
    if below.empty:
        text += f"None differs at the {alpha:g} level after adjustment. "
    else:
        biggest = below.loc[below["effect_size"].abs().idxmax()]
        text += (f"{count_noun(len(below), 'test')} of {len(tested)} differ at the {alpha:g} level after adjustment; "
                 f"the largest effect is for {literal(biggest['item'])} ({biggest['effect_size_name']} "
                 f"{two_decimals(biggest['effect_size'])}, adjusted {p_in_words(biggest['p_holm'])})"
                 + (f", where {literal(biggest['highest_group'])} ranks highest along the scale (mean ranks: "
                    f"{literal(biggest['group_mean_ranks'])})" if str(biggest.get("highest_group", "") or "")
                    else "") + ". ")
    if smallest_group < SMALL_GROUP:
        text += (f"The smallest group has {smallest_group} respondents: read these results as descriptive. ")
    return text + "A difference between groups says nothing about what causes it."


def alt_construct_means(means: pd.DataFrame, low, high) -> str:
    """The alt text of :func:`likertkit.charts.plot_construct_means`."""
    overall = means[means["group"] == ""]
    text = (f"Dot plot of the mean score of {count_noun(len(overall), 'construct')} on the range {low} to {high}, with 95% "
            "confidence intervals: " + "; ".join(f"{r.construct} {r.mean:.2f} (n = {r.n})" for r in overall.itertuples()))
    groups = [g for g in dict.fromkeys(means["group"]) if g]
    return text + (f". One dot per group ({', '.join(groups)})." if groups else ".")


def weighting(weighted: pd.DataFrame, column: str) -> str:
    """What weighting did: the sums of weights, Kish's effective n beside the raw n, and what the weights change."""
    low, high = weighted["n_effective"].min(), weighted["n_effective"].max()
    ratio = (weighted["n_effective"] / weighted["n_valid"]).min()
    return (f"Answers weighted by the column {literal(column)}: each respondent counts as much as their weight, so counts "
            f"and percents are sums of weights. Kish's effective sample size, {low:.1f} to {high:.1f} per item "
            f"(against {weighted['n_valid'].min()} to {weighted['n_valid'].max()} respondents), is the number of "
            f"unweighted answers that would give estimates as precise; the weights cost at most "
            f"{with_percent_sign(100 * (1 - ratio))} of the sample's precision.")
