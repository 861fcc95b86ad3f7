"""Mixed-methods integration: quotes, theme-item links and a statistics-by-themes joint display.

The convergence vocabulary is the triangulation protocol of O'Cathain, Murphy
& Nicholl (2010, BMJ 341:c4587); the joint display follows Guetterman,
Fetters & Creswell (2015, Annals of Family Medicine 13:554).
"""

from __future__ import annotations

import re

import pandas as pd

from likertkit import mixed
from likertkit.errors import InputError
from likertkit.formats import with_percent_sign
from likertkit.io.files import line_number
from likertkit.io.printed import split_list
from likertkit.report.markup import literal

CONVERGENCE = mixed.RATINGS  # the same closed vocabulary as any study's findings


QUOTE_ID = re.compile(r"^(?P<participant>[A-Z])(?P<number>[1-9]\d*)$")


def validate_quotes(quotes: pd.DataFrame, themes: pd.DataFrame, file) -> pd.DataFrame:
    """Quote ids well formed (letter = participant, then a number) and unique, themes known, text present."""
    known_themes = set(themes["theme"].astype(str))
    seen = {}
    for index, row in quotes.iterrows():
        line, quote_id = line_number(index), str(row["quote_id"]).strip()
        match = QUOTE_ID.match(quote_id)
        if not match:
            raise InputError(file, f"quote id {quote_id!r} is not a participant letter and a number, like 'A1'", line, "quote_id")
        if match["participant"] != str(row["participant"]).strip():
            raise InputError(file, f"quote {quote_id} is attributed to participant {row['participant']!r}, "
                                   f"not {match['participant']!r}", line, "participant")
        if quote_id in seen:
            raise InputError(file, f"quote id {quote_id} appears twice (also on line {seen[quote_id]})", line, "quote_id")
        seen[quote_id] = line
        if str(row["theme"]).strip() not in known_themes:
            raise InputError(file, f"theme {row['theme']!r} is not one of {sorted(known_themes)}", line, "theme")
        if not str(row["text"]).strip():
            raise InputError(file, "quote text is empty", line, "text")
    without = known_themes - set(quotes["theme"].astype(str))
    if without:
        raise InputError(file, f"theme(s) {', '.join(sorted(without))} have no quotes")
    return quotes


def validate_ratings(ratings: pd.DataFrame, quote_ids, statement_ids, all_items, file) -> pd.DataFrame:
    """Every rating in the closed vocabulary, every quote and statement known, every survey item in some row."""
    for index, row in ratings.iterrows():
        line = line_number(index)
        if row["convergence"] not in CONVERGENCE:
            raise InputError(file, f"convergence {row['convergence']!r} is not one of {', '.join(CONVERGENCE)}",
                             line, "convergence")
        for column, known in (("quote_ids", set(quote_ids)), ("statements", set(statement_ids))):
            unknown = [x for x in split_list(row[column]) if x not in known]
            if unknown:
                raise InputError(file, f"unknown {column[:-1].replace('_', ' ')}(s): {', '.join(unknown)}", line, column)
        if not str(row["rationale"]).strip():
            raise InputError(file, "every rating needs a rationale", line, "rationale")
        if row["convergence"] == "silence" and split_list(row["items"]):
            raise InputError(file, "a finding rated 'silence' has no survey item", line, "items")
    linked = {item for text in ratings["items"] for item in split_list(text)}
    unlinked = [str(i) for i in all_items if str(i) not in linked]
    if unlinked:
        raise InputError(file, f"survey item(s) {', '.join(unlinked)} appear in no finding")
    return ratings


def participant_theme_matrix(quotes: pd.DataFrame) -> pd.DataFrame:
    """How many quotes each participant has under each theme (participants x themes, both in sorted order):
    :func:`likertkit.mixed.speakers_by_theme`, as for any study, the participant being the speaker."""
    themes = sorted(quotes["theme"].unique())
    matrix = mixed.speakers_by_theme(quotes.rename(columns={"participant": "speaker"}),
                                     pd.DataFrame({"theme": themes, "name": themes}))
    return matrix.set_axis(matrix.index.astype(str)).sort_index().rename_axis(index="participant", columns="theme")


def describe_item(item: str, row: pd.Series) -> str:
    """``'item 6: 2.95 (0.77), 75.4% in the upper half'``: one item's recomputed statistics, the mean (SD) as the
    article prints them and the percent in the upper half of its scale (*to a large degree* or *to a very large
    degree*: the scale measures extent, not agreement)."""
    return f"item {item}: {row['mean']:.2f} ({row['sd']:.2f}), {with_percent_sign(row['pct_agree'])} in the upper half"


def _library_joint(ratings: pd.DataFrame, item_stats: pd.DataFrame) -> pd.DataFrame:
    """The findings as any study gives them to :func:`likertkit.mixed.joint_display`, numbered in order."""
    findings = pd.DataFrame({"finding_id": [str(n) for n in range(1, len(ratings) + 1)],
                             "theme": ratings["theme"].to_numpy(), "statement": ratings["finding"].to_numpy(),
                             "items": ratings["items"].fillna("").to_numpy(), "quotes": ratings["quote_ids"].to_numpy(),
                             "rating": ratings["convergence"].to_numpy(), "rationale": ratings["rationale"].to_numpy()})
    return mixed.joint_display(findings, item_stats, describe_item=describe_item)


def joint_page(ratings: pd.DataFrame, item_stats: pd.DataFrame, themes: pd.DataFrame, quotes: pd.DataFrame,
               counts: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame, footer: str) -> str:
    """The joint display as a page, in the layout ``likertkit report`` gives any study's
    (:func:`likertkit.report.joint_page.joint_page`: theme by theme, each finding a card with its rating, its items'
    numbers and bars, and its quotes in full), from the article's themes and quotes."""
    from likertkit.report.joint_page import joint_page as page

    return page(_library_joint(ratings, item_stats),
                pd.DataFrame({"theme": themes["theme"], "name": themes["title"], "description": themes["gist"]}),
                pd.DataFrame({"quote_id": quotes["quote_id"], "theme": quotes["theme"],
                              "speaker": "Participant " + quotes["participant"], "text": quotes["text"],
                              "source": quotes.get("location", "")}),
                counts, items, scale, item_stats, "Løchting et al. (2020)", footer)


def joint_display(ratings: pd.DataFrame, item_stats: pd.DataFrame) -> pd.DataFrame:
    """The joint display: one row per finding, with the linked items' statistics filled in from the data by
    :func:`likertkit.mixed.joint_display` (as any study's), in the columns this compendium has always written."""
    joint = _library_joint(ratings, item_stats)
    return pd.DataFrame({"theme": ratings["theme"].to_numpy(), "finding": joint["statement"],
                         "items": ratings["items"].fillna("").to_numpy(), "statistics": joint["item_statistics"],
                         "quote_ids": ratings["quote_ids"].to_numpy(), "convergence": joint["rating"],
                         "rationale": joint["rationale"]}).set_axis(ratings.index)


def read_strands(raw, item_stats: pd.DataFrame) -> dict:
    """The qualitative strand's files in ``raw``, each checked: themes, quotes, links, statements, ratings."""
    from likertkit.io.files import read_csv_strict
    themes = read_csv_strict(raw / "themes.csv", ["theme", "title", "gist", "location"])
    quotes = validate_quotes(read_csv_strict(raw / "quotes.csv", ["quote_id", "participant", "theme", "text"]),
                             themes, raw / "quotes.csv")
    links = read_csv_strict(raw / "theme_item_links.csv", ["theme", "item", "location", "quote"])
    statements = read_csv_strict(raw / "integration_statements.csv", ["statement", "location", "relation", "quote"])
    ratings = validate_ratings(
        read_csv_strict(raw / "joint_display_ratings.csv", ["theme", "finding", "items", "quote_ids", "convergence",
                                                             "statements", "rationale"]),
        quotes["quote_id"], statements["statement"], item_stats["item"], raw / "joint_display_ratings.csv")
    return dict(themes=themes, quotes=quotes, links=links, statements=statements, ratings=ratings)


def theme_narrative(theme, quotes: pd.DataFrame, links: pd.DataFrame, ratings: pd.DataFrame,
                    item_stats: pd.DataFrame) -> str:
    """One theme in Markdown: the article's gist, its quotes verbatim, its survey items, and the findings."""
    number = str(theme["theme"])
    own_quotes = quotes[quotes["theme"] == number]
    labels = item_stats.set_index(item_stats["item"].astype(str))["label"]
    where = theme["location"].split(";")[-1].replace("(gist)", "").strip()
    lines = [f"### Theme {literal(number)}: {literal(theme['title'])}", "",
             f"*In the article's words:* \u201c{literal(theme['gist'])}\u201d ({literal(where)}).", "",
             f"**The focus group** — {len(own_quotes)} quotes from participants "
             f"{literal(', '.join(sorted(own_quotes['participant'].unique())))}:", ""]
    lines += [f"> **{literal(q.quote_id)}** (participant {literal(q.participant)}): {literal(q.text)}\n>"
              for q in own_quotes.itertuples()]
    lines += ["", "**The survey** — items the Results link to this theme:", ""]
    by_item = item_stats.set_index(item_stats["item"].astype(str), drop=False)
    lines += [f"- {describe_item(link.item, by_item.loc[link.item])} — {literal(labels[link.item])} ({literal(link.location)})"
              for link in links[links["theme"] == number].itertuples()]
    lines += ["", "**Together** — the findings and how the strands meet:", ""]
    lines += [f"- *{literal(r.finding)}* — **{literal(r.convergence)}**. {literal(r.rationale)}"
              for r in ratings[ratings["theme"] == number].itertuples()]
    return "\n".join(lines)
