"""Checking published numbers against their recomputation, one row per number."""

from __future__ import annotations

import numpy as np
import pandas as pd

from likertkit.formats import with_percent_sign
from likertkit.io.printed import (
    decimals,
    parse_count_cell,
    parse_mean_sd,
    rounds_to,
    split_list,
)
from likertkit.stats import consistency

AUDIT_COLUMNS = ["source", "location", "item", "statistic", "published", "recomputed", "status", "note"]


STATUSES = ("reproduced", "differs", "not_reproducible")


RULE = ("a published number is reproduced when the recomputed value lies within half a unit of its last "
        "printed decimal (2.15 stands for 2.145-2.155), so either rounding direction at the edge counts")


def compare(published: str, recomputed: float) -> tuple[str, str]:
    """Status and note for one published number against its unrounded recomputation."""
    places = decimals(published)
    if rounds_to(published, recomputed):
        return "reproduced", ""
    difference = recomputed - float(published)
    return "differs", (f"recomputed {recomputed:.{places + 2}f} rounds to {recomputed:.{places}f}, "
                       f"not {published} (difference {difference:+.{places + 2}f})")


def row(source, location, item, statistic, published, recomputed, status=None, note="", numeral=None):
    """One audit row; the status is computed unless given (as for numbers with nothing to check against).

    ``published`` is the number as printed ("eight", "55%"); ``numeral`` is its digits when they differ.
    """
    if status is None:
        status, why = compare(numeral or published, recomputed)
        note = "; ".join(part for part in (why, note) if part)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    return dict(source=source, location=location, item="" if item is None else str(item), statistic=statistic,
                published=str(published), recomputed=recomputed, status=status, note=note)


def to_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def summarise(audit: pd.DataFrame) -> pd.DataFrame:
    """Numbers checked and their statuses, by source."""
    table = pd.crosstab(audit["source"], audit["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table["checked"] = table.sum(axis=1)
    table.loc["all"] = table.sum()
    return table


def missing_footnote(items: pd.DataFrame, facts: dict) -> tuple[bool, str, str, str]:
    """Table 1's footnote ("missing ranged from 1 to 3 for eight of the items") against the counts.

    Returns ``(holds, note, claimed, found)``: ``note`` states the claim and what the counts give, item
    by item; ``claimed`` and ``found`` are the two short forms ("1-3 on 8 items").
    """
    with_missing = items[items["n_missing"] > 0]
    claim = (facts["table1_missing_min"], facts["table1_missing_max"], facts["table1_items_with_missing"])
    found = (with_missing["n_missing"].min(), with_missing["n_missing"].max(), len(with_missing))
    holds = tuple(map(int, found)) == tuple(map(int, claim)) if len(with_missing) else False
    note = (f"footnote a ({claim[2]} items missing {claim[0]}-{claim[1]}) {'holds' if holds else 'does not hold'}: "
            f"counts give {found[2]} items missing {found[0]}-{found[1]} "
            f"(items {', '.join(map(str, with_missing['item']))})")
    return holds, note, f"{claim[0]}-{claim[1]} on {claim[2]} items", f"{found[0]}-{found[1]} on {found[2]} items"


def evaluate_claim(claim, table1: pd.DataFrame, item_stats: pd.DataFrame, facts: dict) -> dict:
    """Test one row of ``claims.csv`` against the counts: ``{claim, location, quote, rule, evidence, verdict}``.

    Tests: ``share_of_valid`` (the share of valid answers at ``codes`` is ``comparison`` ``threshold_pct``
    on every listed item), ``floor_ceiling`` (no item beyond ``threshold_pct`` at either end, and
    |skewness| <= 1), ``missing_footnote`` (Table 1's footnote against each item's shortfall from n).
    """
    listed = split_list(claim["items"])
    by_item = table1.set_index(table1["item"].astype(str))
    stats_by_item = item_stats.set_index(item_stats["item"].astype(str))
    if claim["test"] == "share_of_valid":
        chosen = [int(c) for c in split_list(claim["codes"])]
        shares = [by_item.loc[i, [f"valid_pct_{c}" for c in chosen]].sum() for i in listed]
        limit = float(claim["threshold_pct"])
        holds = all(s > limit if claim["comparison"] == ">" else s < limit for s in shares)
        evidence = "; ".join(f"item {i}: {with_percent_sign(s)} chose {'/'.join(map(str, chosen))} ({abs(s - limit):.1f} points "
                             f"{'over' if s > limit else 'under'} {with_percent_sign(limit, None)})"
                             for i, s in zip(listed, shares, strict=True))
        rule = f"share of valid answers {claim['comparison']} {with_percent_sign(limit, None)}"
        verdict = "supported" if holds else "not supported"
    elif claim["test"] == "floor_ceiling":
        limit = float(claim["threshold_pct"])
        chosen_stats = stats_by_item.loc[listed]
        over = chosen_stats[(chosen_stats["pct_floor"] > limit) | (chosen_stats["pct_ceiling"] > limit)]
        skewed = chosen_stats[chosen_stats["skewness"].abs() > 1]
        evidence = (f"{len(over)} of {len(listed)} items exceed {with_percent_sign(limit, None)} at an end: "
                    + ", ".join(f"item {i} ({'floor' if r.pct_floor > limit else 'ceiling'} "
                                f"{with_percent_sign(max(r.pct_floor, r.pct_ceiling))})" for i, r in over.iterrows())
                    + f"; skewness between {chosen_stats['skewness'].min():.2f} and "
                      f"{chosen_stats['skewness'].max():.2f} ({len(skewed)} items beyond ±1)")
        rule = f"no item with more than {with_percent_sign(limit, None)} of valid answers at the lowest or highest code; |skewness| <= 1"
        verdict = "supported" if over.empty and skewed.empty else "partly supported" if skewed.empty else "not supported"
    elif claim["test"] == "missing_footnote":
        found = by_item.loc[listed, "n_missing"]
        found = found[found > 0]
        holds = missing_footnote(by_item.loc[listed].reset_index(drop=True), facts)[0]
        evidence = f"{len(found)} items miss {found.min()} to {found.max()} answers (items {', '.join(map(str, found.index))})"
        rule = f"the counts' shortfall from n = {facts['table1_n']}, item by item"
        verdict = "supported" if holds else "not supported"
    else:
        raise ValueError(f"claims.csv: unknown test {claim['test']!r} for claim {claim['claim']!r}")
    return dict(claim=claim["claim"], location=claim["location"], quote=claim["quote"], rule=rule,
                evidence=evidence, verdict=verdict)


def _by_number(table1: pd.DataFrame) -> pd.DataFrame:
    """Table 1 indexed by item number (the article numbers its items 1-15)."""
    return table1.set_index(table1["item"].astype(int))


def denominator_matches(printed: pd.DataFrame, table1: pd.DataFrame, scale: pd.DataFrame) -> dict:
    """How many printed percents match the count over all respondents, and over the valid answers.

    Returns ``{"cells", "all", "valid", "denominator"}``; ``denominator`` is ``"all respondents"`` or
    ``"valid answers"`` when one of the two matches every cell and the other does not, else ``"unclear"``.
    """
    recomputed = table1.set_index(table1["item"].astype(str))
    matches = {"all": 0, "valid": 0}
    for _, row in printed.iterrows():
        item = recomputed.loc[row["item"].strip()]
        for code in scale["code"]:
            percent = parse_count_cell(row[f"cell_{code}"]).percent
            matches["all"] += rounds_to(percent, item[f"pct_{code}"])
            matches["valid"] += rounds_to(percent, item[f"valid_pct_{code}"])
    cells = len(printed) * len(scale)
    denominator = ("all respondents" if matches["all"] == cells > matches["valid"] else
                   "valid answers" if matches["valid"] == cells > matches["all"] else "unclear")
    return dict(cells=cells, denominator=denominator, **matches)


def table1_rows(printed: pd.DataFrame, table1: pd.DataFrame, scale: pd.DataFrame, n_all: int) -> list[dict]:
    """An audit row for every count, percent, mean and SD printed in Table 1."""
    by_item, rows = _by_number(table1), []
    for _, printed_row in printed.iterrows():
        item, where = int(printed_row["item"]), printed_row["location"]
        mean, sd = parse_mean_sd(printed_row["mean_sd"])
        for code in scale["code"]:
            cell = parse_count_cell(printed_row[f"cell_{code}"])
            rows.append(row("table1", where, item, "count", cell.count, by_item.at[item, f"count_{code}"],
                            note=f"code {code}"))
            rows.append(row("table1", where, item, "pct", cell.percent, by_item.at[item, f"pct_{code}"],
                            note=f"code {code}, of all {n_all} respondents"))
        rows.append(row("table1", where, item, "mean", mean, by_item.at[item, "mean"]))
        rows.append(row("table1", where, item, "sd", sd, by_item.at[item, "sd"]))
    return rows


def text_rows(text: pd.DataFrame, table1: pd.DataFrame) -> list[dict]:
    """An audit row for every statistic the Results text quotes (``items`` may list several: a range)."""
    by_item, rows = _by_number(table1), []
    for _, quoted in text.iterrows():
        listed = [int(i) for i in split_list(quoted["items"])]
        statistic = quoted["statistic"]
        values = by_item.loc[listed, statistic.split("_")[0]]
        recomputed = values.min() if statistic.endswith("_min") else values.max() if statistic.endswith("_max") \
            else values.iloc[0]
        note = f"over items {', '.join(map(str, listed))}" if len(listed) > 1 else ""
        rows.append(row("text", quoted["location"], listed[0] if len(listed) == 1 else None, statistic,
                        quoted["published"], recomputed, note=note))
    return rows


def sample_rows(facts_table: pd.DataFrame, facts: dict, table1: pd.DataFrame) -> list[dict]:
    """Audit rows for the sample description and Table 1's n and footnote, where they can be recomputed."""
    facts_table = facts_table.set_index("fact")
    by_item = _by_number(table1)

    def fact_row(name, statistic, recomputed, status=None, note="", source="sample"):
        return row(source, facts_table.at[name, "location"], None, statistic, facts_table.at[name, "printed"],
                   recomputed, status=status, note=note, numeral=facts_table.at[name, "value"])

    eligible = facts["survey_invited"] - facts["survey_excluded"]
    never = dict(status="not_reproducible")
    with_missing = by_item[by_item["n_missing"] > 0]["n_missing"]
    return [
        fact_row("survey_invited", "count", np.nan, note="the sampling frame: nothing to recompute it from", **never),
        fact_row("survey_excluded", "count", facts["survey_excluded_on_leave"] + facts["survey_excluded_new_role"],
                 note="sum of the two reasons given (on leave, new role)"),
        fact_row("survey_excluded_on_leave", "count", np.nan, note="a primary fact", **never),
        fact_row("survey_excluded_new_role", "count", np.nan, note="a primary fact", **never),
        fact_row("survey_responded", "count", facts["survey_men"] + facts["survey_women"], note="men + women"),
        fact_row("survey_response_rate", "pct", 100 * facts["survey_responded"] / eligible,
                 note=f"of the {eligible} eligible; of all {facts['survey_invited']} invited it would be "
                      f"{with_percent_sign(100 * facts['survey_responded'] / facts['survey_invited'])}"),
        fact_row("survey_men", "count", np.nan, note="no respondent data; the sum with women is checked", **never),
        fact_row("survey_women", "count", np.nan, note="no respondent data; the sum with men is checked", **never),
        fact_row("age_mean", "mean", np.nan, note="no respondent data", **never),
        fact_row("age_sd", "sd", np.nan, note="no respondent data", **never),
        fact_row("table1_n", "count", by_item["n_valid"].max(), source="table1",
                 note="the largest item total (items with no missing answers)"),
        fact_row("table1_missing_min", "missing_min", with_missing.min(), source="table1"),
        fact_row("table1_missing_max", "missing_max", with_missing.max(), source="table1"),
        fact_row("table1_items_with_missing", "items_with_missing", len(with_missing), source="table1"),
    ]


SAMPLE_GROUPS = {"tenure": ["tenure_under_1_year", "tenure_1_to_4_years", "tenure_4_years_or_more"],
                 "education": ["education_high_school", "education_university_1_to_4_years",
                               "education_university_over_4_years"]}


def sample_counts(facts_table: pd.DataFrame, facts: dict, groups=None) -> tuple[pd.DataFrame, list[dict]]:
    """The whole counts behind each group of rounded sample percents, and an audit row for each percent."""
    facts_table = facts_table.set_index("fact")
    n = facts["survey_responded"]
    reconstructed, rows = [], []
    for group, names in (groups or SAMPLE_GROUPS).items():
        solutions = consistency.counts_behind_percents([str(facts[f]) for f in names], n)
        verdict = "unique" if len(solutions) == 1 else f"{len(solutions)} solutions" if solutions else "impossible"
        for position, name in enumerate(names):
            options = sorted({s[position] for s in solutions})
            reconstructed.append(dict(group=group, fact=name, published_pct=facts[name], n=n,
                                      count=options[0] if len(options) == 1 else np.nan,
                                      possible_counts=";".join(map(str, options)), determined=verdict))
            note = (f"{verdict}: {options[0]} of {n} ({with_percent_sign(100 * options[0] / n)}) is the only whole count"
                    if len(solutions) == 1 else
                    f"{verdict} with the group adding to {n}: counts {';'.join(map(str, options))}")
            rows.append(row("sample", facts_table.at[name, "location"], None, "pct", facts_table.at[name, "printed"],
                            np.nan, status="not_reproducible", note=note + "; no respondent data to check against",
                            numeral=facts_table.at[name, "value"]))
    return pd.DataFrame(reconstructed), rows


def sd_recipes(audit_table: pd.DataFrame, table1: pd.DataFrame) -> dict:
    """Which recipe for the single-item SDs reproduces how many of the printed ones.

    Returns ``{"n_sds", "recipes": {name: n reproduced}, "explains_all": [names]}`` for the sample SD
    rounded (as SPSS prints it), the population SD rounded, and the sample SD truncated.
    """
    by_item = _by_number(table1)
    sds = audit_table[(audit_table["statistic"] == "sd") & (audit_table["item"] != "")]
    n_valid = sds["item"].astype(int).map(by_item["n_valid"])
    population_sd = sds["recomputed"] * np.sqrt((n_valid - 1) / n_valid)
    truncated = np.floor(sds["recomputed"] * 10) / 10
    reproduced = {
        "sample SD, rounded (SPSS)": [rounds_to(p, r) for p, r in zip(sds["published"], sds["recomputed"], strict=True)],
        "population SD, rounded": [rounds_to(p, r) for p, r in zip(sds["published"], population_sd, strict=True)],
        "sample SD, truncated": [abs(float(p) - t) < 1e-9 for p, t in zip(sds["published"], truncated, strict=True)],
    }
    return dict(n_sds=len(sds), recipes={name: sum(ok) for name, ok in reproduced.items()},
                explains_all=[name for name, ok in reproduced.items() if all(ok)])


def differences_in_units(differs: pd.DataFrame) -> list[float]:
    """Each differing number's gap from its recomputation, in units of its last printed decimal (+ = printed low)."""
    return [(r - float(p)) / 10 ** -decimals(p) for p, r in zip(differs["published"], differs["recomputed"], strict=True)]


def reproduced_kinds(audit_table: pd.DataFrame) -> list[str]:
    """The statistics of which every checked number was reproduced (e.g. count, mean, pct)."""
    checked = audit_table[audit_table["status"] != "not_reproducible"]
    kinds = checked.groupby("statistic")["status"].apply(lambda s: (s == "reproduced").all())
    return sorted(kinds[kinds].index)


def summary_checks(printed: pd.DataFrame, table1: pd.DataFrame, scale: pd.DataFrame, n_all: int) -> pd.DataFrame:
    """GRIM, GRIMMER and CLOSURE on each item's printed mean and SD, at its true n and (GRIM) at ``n_all``.

    ``table1_counts_among_them`` says whether the printed counts are one of the CLOSURE solutions.
    """
    by_item, checks = _by_number(table1), []
    lowest, highest = int(scale["code"].min()), int(scale["code"].max())
    for _, printed_row in printed.iterrows():
        item = int(printed_row["item"])
        mean, sd = parse_mean_sd(printed_row["mean_sd"])
        n_valid = int(by_item.at[item, "n_valid"])
        datasets = consistency.closure(mean, sd, n_valid, lowest, highest)
        actual = tuple(int(by_item.at[item, f"count_{c}"]) for c in scale["code"])
        checks.append({"item": item, "published_mean": mean, "published_sd": sd, "n": n_valid,
                       "grim": consistency.grim(mean, n_valid), f"grim_at_n{n_all}": consistency.grim(mean, n_all),
                       "grimmer": consistency.grimmer(mean, sd, n_valid), "closure_datasets": len(datasets),
                       "table1_counts_among_them": actual in datasets})
    return pd.DataFrame(checks)
