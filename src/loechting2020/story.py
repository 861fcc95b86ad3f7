"""Sentences about the article's numbers, written from the data so that they cannot go stale: the printed
percents' denominator, the audit of printed numbers, the summary-only checks, the cleaning of Table 1, and the
alt texts of the article's own figures (the sentences any survey gets are :mod:`likertkit.report.sentences`)."""

from __future__ import annotations

import pandas as pd

from likertkit.formats import with_percent_sign
from likertkit.report.markup import literal
from likertkit.report.sentences import half_labels
from likertkit.wording import count_noun, listed, named


def _items(values) -> str:
    """``items 4 and 10``, the item names escaped for Markdown."""
    return named("item", [literal(value) for value in values])


def denominator(matches: dict, n_all: int, n_items_missing: int) -> str:
    """What the printed percents were divided by, from :func:`loechting2020.audit.denominator_matches`."""
    text = (f"Of the {matches['cells']} printed percents, **{matches['all']}** match the count over all {n_all} "
            f"respondents and **{matches['valid']}** match the count over the valid answers. ")
    if matches["denominator"] == "all respondents":
        text += (f"The article's denominator is all respondents, so on the {count_noun(n_items_missing, 'item')} with "
                 "missing answers its percents add to less than 100. To compare items, prefer the valid percent, "
                 "which notebook 03's figures use.")
    elif matches["denominator"] == "valid answers":
        text += "The article's denominator is the valid answers to each item."
    else:
        text += "Neither denominator reproduces every printed percent."
    return text


STATISTIC_WORDS = {"sd": "SDs of single items", "sd_min": "the lower end of a range of SDs", "mean": "means",
                   "pct": "percents", "count": "counts"}
"""The audit's kinds of statistic (``audit.csv``'s ``statistic``) in words, plural."""


def statistic_words(kind: str) -> str:
    """A kind of statistic in words: ``"sd_min"`` -> ``"the lower end of a range of SDs"``."""
    return STATISTIC_WORDS.get(kind, kind.replace("_", " "))


def audit_differences(differs: pd.DataFrame, units: list, recipes: dict, reproduced_kinds: list) -> str:
    """What the differing published numbers have in common, from :mod:`loechting2020.audit`'s tables."""
    if differs.empty:
        return "Every published number that can be recomputed is reproduced."
    kinds = sorted(set(differs["statistic"]))
    main = [name for kind, name in (("count", "count"), ("pct", "percent"), ("mean", "mean")) if kind in reproduced_kinds]
    lower, higher = sum(u > 0 for u in units), sum(u < 0 for u in units)
    named = [statistic_words(kind) for kind in kinds]
    text = (f"**{len(differs)}** numbers differ, all of them "
            + (named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}") + "; "
            + (f"every {listed(main)} that can be checked reproduces. " if main else "")
            + f"{lower} of them are printed lower than the counts give and {higher} higher, by "
            f"{min(abs(u) for u in units):.2f} to {max(abs(u) for u in units):.2f} units of the last printed decimal "
            "(beyond 0.5, no rounding of the counts' value gives the printed figure). "
            f"Of the {recipes['n_sds']} single-item SDs in Table 1 and the text, each recipe reproduces: "
            + "; ".join(f"{name} {n}" for name, n in recipes["recipes"].items()) + ". ")
    if recipes["explains_all"]:
        text += f"Only {recipes['explains_all'][0]} explains them all."
    else:
        text += ("No single recipe reproduces them all: the printed numbers alone do not say how these SDs were "
                 "computed.")
    largest = differs.assign(gap=(differs["recomputed"] - differs["published"].astype(float)).abs()).nlargest(1, "gap")
    return text + f" The largest gap is {largest['gap'].iloc[0]:.2f} ({largest['statistic'].iloc[0]} of " \
                  f"{_items(largest['item'])})."


def summary_checks(checks: pd.DataFrame, n_all: int, items_with_missing: list) -> str:
    """What GRIM, GRIMMER and CLOSURE on the printed summaries would and would not have caught."""
    flagged = checks.loc[~checks[f"grim_at_n{n_all}"], "item"].astype(str).tolist()
    outside = checks.loc[~checks["table1_counts_among_them"], "item"].astype(str).tolist()
    with_missing = [str(i) for i in items_with_missing]
    among = sum(i in with_missing for i in flagged)
    if not flagged:
        at_n_all = f"assuming all {n_all} answered, GRIM would flag no item."
    else:
        at_n_all = (f"assuming all {n_all} answered, GRIM would wrongly flag {_items(flagged)}, "
                    f"{'all' if among == len(flagged) else among} of them among the {len(with_missing)} items "
                    "with missing answers.")
    text = (f"At each item's true *n*, {int(checks['grim'].sum())} of {len(checks)} means pass GRIM and "
            f"{int(checks['grimmer'].sum())} pass GRIMMER; CLOSURE finds between {checks['closure_datasets'].min()} "
            f"and {checks['closure_datasets'].max()} distributions for each. ")
    if checks["grim"].all() and checks["grimmer"].all():
        text += "A reader with only the summaries would have found nothing wrong — provided they knew each item's *n*: "
    text += at_n_all
    if outside:
        text += (f" Only the counts expose the SDs that do not fit: for {_items(outside)} the printed distribution is "
                 "**not** among the CLOSURE solutions for the printed mean and SD. Summary-only checks are necessary, "
                 "not sufficient.")
    return text


def cleaning(counts: pd.DataFrame, items: pd.DataFrame, log, n_respondents: int) -> str:
    """What cleaning the printed table did: counts parsed, log entries by kind, the footnote's verdict."""
    frame = log.to_frame()
    kinds = frame["kind"].value_counts()
    footnote = frame.loc[frame["step"] == "check footnote a", "note"]
    with_missing = items[items["n_missing"] > 0]
    text = (f"{len(items)} items × {counts['code'].nunique()} answers = **{len(counts)} counts** parsed, "
            f"{counts['count'].sum()} answers of {len(items) * n_respondents} possible "
            f"({n_respondents} respondents); {count_noun(len(with_missing), 'item')} lack some answers. "
            f"The cleaning log holds {count_noun(int(kinds.get('transformation', 0)), 'transformation')}, "
            f"{count_noun(int(kinds.get('anomaly', 0)), 'anomaly')} kept as printed and "
            f"{count_noun(int(kinds.get('check', 0)), 'check')} passed.")
    if len(footnote):
        text += f" Table 1's {footnote.iloc[0][0].lower()}{footnote.iloc[0][1:]}."
    return text


def alt_flow(stages: list, exits: dict) -> str:
    """The alt text of :func:`loechting2020.figures.plot_flow`, from :func:`loechting2020.figures.recruitment_stages`."""
    steps = []
    for position, (label, n) in enumerate(stages):
        steps.append(f"{label}: {n}")
        if position in exits:
            steps.append(f"then {exits[position][0][0].lower()}{exits[position][0][1:]} ({exits[position][1]})")
    return "Flow chart of the survey's recruitment, top to bottom: " + "; ".join(steps) + "."


def survey_beside_dissonance(joint: pd.DataFrame, item_stats: pd.DataFrame, scale: pd.DataFrame) -> str:
    """What the survey answered on the items of the findings rated dissonance, and the most common median answer,
    computed (the joint display's ``convergence`` and ``items`` columns, the item statistics)."""
    from likertkit.io.printed import split_list
    from likertkit.stats.items import agreement_codes
    rows = joint[joint["convergence"] == "dissonance"]
    items = list(dict.fromkeys(i for listed in rows["items"].fillna("") for i in split_list(listed)))
    if not items:
        return "No finding is rated dissonance."
    by_item = item_stats.set_index(item_stats["item"].astype(str))
    labels = dict(zip(scale["code"], scale["label"].astype(str), strict=True))
    lower, _ = agreement_codes(scale)
    above = [code for code in scale["code"] if code not in lower][0]
    share = 100 - by_item.loc[items, "pct_disagree"]
    upper = by_item.loc[items, "pct_agree"]
    medians = item_stats["median"].value_counts()
    return (f"On the survey items of the {count_noun(len(rows), 'finding')} rated dissonance ({_items(items)}), "
            f"{with_percent_sign(share.min())} to {with_percent_sign(share.max())} of the valid answers are "
            f"*{labels[above].lower()}* or higher, the middle answer included; in the upper half "
            f"({' or '.join(f'*{label.lower()}*' for label in half_labels(scale))}) {_range(upper)}. Across all {len(item_stats)} items "
            f"the most common median answer is *{labels[medians.index[0]].lower()}* ({medians.iloc[0]} of "
            f"{len(item_stats)} items).")


def _range(values: pd.Series) -> str:
    """``'34.4 % (item 5) to 67.2 % (item 9)'``: the lowest and highest of per-item percents, each with its item."""
    low, high = values.idxmin(), values.idxmax()
    return (f"{with_percent_sign(values[low])} (item {low})" if low == high else
            f"{with_percent_sign(values[low])} (item {low}) to {with_percent_sign(values[high])} (item {high})")


def alt_participant_matrix(matrix: pd.DataFrame) -> str:
    """The alt text of :func:`loechting2020.figures.plot_participant_matrix`."""
    per_participant = matrix.sum(axis=1)
    empty = int((matrix == 0).to_numpy().sum())
    return (f"Grid of {count_noun(len(matrix), 'participant')} (rows) by {count_noun(matrix.shape[1], 'theme')} (columns); "
            f"each cell counts the participant's quotes under that theme, {int(matrix.to_numpy().sum())} quotes in all. "
            f"Participant {per_participant.idxmax()} gives the most ({per_participant.max()}); "
            f"{count_noun(empty, 'cell')} {'is' if empty == 1 else 'are'} empty.")


def alt_joint_display(joint: pd.DataFrame, themes: pd.DataFrame) -> str:
    """The alt text of :func:`loechting2020.figures.plot_joint_display`."""
    tally = joint["convergence"].value_counts()
    rated = ", ".join(f"{kind}: {int(n)}" for kind, n in tally.items())
    return (f"Joint display table of {count_noun(len(joint), 'focus-group finding')} under "
            f"{count_noun(themes['theme'].nunique(), 'theme')}: each row gives the finding, the survey items bearing on it "
            f"with their mean, SD and percent in the upper half of the scale, the quotes that voice it, and a coloured "
            f"convergence rating (findings by rating, {rated}).")


def printed_table_audit(printed_audit: pd.DataFrame, notebook_audit: pd.DataFrame) -> str:
    """What ``likertkit audit`` finds in Table 1 from the printed table alone, set beside this notebook's audit of the
    same numbers (its ``table1`` rows): the verdicts by kind, and whether the numbers flagged are the same."""
    counts = printed_audit["verdict"].value_counts()
    flagged = printed_audit[printed_audit["verdict"].isin(["differs", "impossible"])]
    ours = notebook_audit[(notebook_audit["source"] == "table1") & (notebook_audit["status"] == "differs")]
    same = {(str(i), q) for i, q in zip(flagged["item"], flagged["quantity"], strict=True)} == \
        {(str(i), q) for i, q in zip(ours["item"], ours["statistic"], strict=True)}
    said = {"differs": "differ", "impossible": "impossible", "not checkable": "not checkable"}
    kinds = ", ".join(f"{int(counts[v])} {said.get(v, v)}" for v in ("reproduced", "consistent", "differs",
                                                                     "impossible", "not checkable") if counts.get(v, 0))
    names = {"sd": "SDs", "mean": "means", "pct": "percents", "count": "counts"}
    by_kind = flagged.groupby("quantity", sort=False)["item"].apply(list)
    found = "; ".join(f"the {names.get(q, str(q).replace('_', ' '))} of {_items(i)}"
                      for q, i in by_kind.items()) or "none"
    return (f"Given only the printed table and N, `likertkit audit` checks {len(printed_audit)} numbers: {kinds}. "
            f"Not reproduced: {found}. "
            + ("These are exactly the numbers of Table 1 this notebook found to differ." if same else
               "These are **not** the numbers of Table 1 this notebook found to differ."))



def voices(matrix: pd.DataFrame, n_quotes: int) -> str:
    """How much of the focus group's record one voice carries, from the participant-by-theme quote counts."""
    share = matrix.sum(axis=1).sort_values(ascending=False)
    return (f"Participant {share.index[0]} gives {share.iloc[0]} of the {n_quotes} quotes "
            f"({with_percent_sign(100 * share.iloc[0] / n_quotes, 0)}) and is quoted under "
            f"{int((matrix.loc[share.index[0]] > 0).sum())} of {matrix.shape[1]} themes; "
            + ", ".join(f"{p} {n}" for p, n in share.iloc[1:].items())
            + f". {'Every' if (share > 0).all() else 'Not every'} participant is quoted. "
            + ("One voice carries more of the record than any other, so " if share.iloc[0] > share.iloc[1] else "")
            + "a reader should weigh each theme's breadth by how many participants voice it, not by its number of quotes.")


def convergence(joint: pd.DataFrame, ratings: list) -> str:
    """The joint display's ratings tallied in ``ratings``' order, with the findings met by silence and dissonance."""
    tally = joint["convergence"].value_counts().reindex(list(ratings), fill_value=0)
    return (f"Of {len(joint)} findings: " + ", ".join(f"{n} {rating}" for rating, n in tally.items()) + ". "
            "The silences are the focus group's findings on "
            + "; ".join(f"*{literal(f[0].lower() + f[1:])}*" for f in joint.loc[joint["convergence"] == "silence", "finding"])
            + " — topics the survey never asked about. The dissonances are "
            + "; ".join(f"*{literal(f[0].lower() + f[1:])}* ({_items(i.split(';'))})" for f, i in
                        joint.loc[joint["convergence"] == "dissonance", ["finding", "items"]].itertuples(index=False))
            + ".")
