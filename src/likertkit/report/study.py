"""A mixed-methods study in the survey report: the joint display, who speaks under which theme, the GRAMMS
checklist with what the tool can state, and each item's open-ended comments.

The section appears only when the run was given quotes, findings or open-ended comments
(:func:`read_study_tables` finds their tables in ``data/processed/``). Its sentences count what the files hold;
the ratings of convergence are the researcher's, and nothing here judges them. Every text of the researcher's
(a quote, a statement, a comment) is shown as typed, escaped: it never becomes markup.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from likertkit.io.files import read_tidy
from likertkit.io.printed import split_list
from likertkit.mixed import RATINGS, joint_sentences, speakers_by_theme
from likertkit.report.joint_page import joint_fragment
from likertkit.report.markup import Html, Markdown, literal
from likertkit.report.sentences import _named
from likertkit.wording import count_noun, listed

__all__ = ["COMMENT_SEED", "FOR_THE_RESEARCHER", "GRAMMS", "MAX_COMMENTS", "STUDY_TABLES", "comment_sample",
           "comments_blocks", "gramms_table", "mixed_methods_section", "read_study_tables", "study_facts"]

# The tables of a study's qualitative strand, as run_report writes them into data/processed/.
STUDY_TABLES = ("themes", "quotes", "joint_display", "comments")

# Every column of those tables is the researcher's text (or ids), kept exactly as written.
_TEXT = {"themes": ["theme", "name", "description"], "quotes": ["quote_id", "theme", "speaker", "text", "source"],
         "joint_display": ["finding_id", "theme", "statement", "items", "item_statistics", "quotes", "rating",
                           "rationale"], "comments": ["item", "respondent_id", "text"]}

# An item with more comments than this shows a sample of this many, drawn with COMMENT_SEED; all are in comments.csv.
MAX_COMMENTS = 50
COMMENT_SEED = 20240101

# GRAMMS: Good Reporting of A Mixed Methods Study (O'Cathain, Murphy & Nicholl 2008, J Health Serv Res Policy
# 13:92-98), its six items in the authors' words.
GRAMMS = ("Describe the justification for using a mixed methods approach to the research question",
          "Describe the design in terms of the purpose, priority and sequence of methods",
          "Describe each method in terms of sampling, data collection and analysis",
          "Describe where integration has occurred, how it has occurred and who has participated in it",
          "Describe any limitation of one method associated with the presence of the other method",
          "Describe any insights gained from mixing or integrating methods")

FOR_THE_RESEARCHER = "For the researcher to state: the tool cannot know it."


def read_study_tables(processed) -> dict:
    """``{name: table}`` for each of :data:`STUDY_TABLES` the run wrote into ``processed``; empty without a study."""
    found = {}
    for name in STUDY_TABLES:
        path = Path(processed) / f"{name}.csv"
        if path.exists():
            found[name] = read_tidy(path, text_columns=_TEXT[name])
    return found


def study_facts(tables: dict, items: pd.DataFrame) -> dict:
    """What the tool can state of the study's strands and their integration, counted from the files."""
    quotes, joint, comments = (tables.get(name) for name in ("quotes", "joint_display", "comments"))
    facts = {"respondents": int(items["n_respondents"].max()), "items": len(items)}
    if quotes is not None:
        facts |= {"quotes": len(quotes), "speakers": quotes["speaker"].nunique(),
                  "sources": [s for s in dict.fromkeys(quotes["source"]) if s.strip()]}
    facts["themes"] = len(tables["themes"]) if "themes" in tables else 0
    if joint is not None:
        linked_items = {i for cell in joint["items"] for i in split_list(cell)}
        linked_quotes = {q for cell in joint["quotes"] for q in split_list(cell)}
        facts |= {"findings": len(joint), "linked_items": len(linked_items), "linked_quotes": len(linked_quotes),
                  "rated": int((joint["rating"].isin(RATINGS)).sum())}
    if comments is not None:
        facts |= {"comments": len(comments), "commented_items": comments["item"].nunique(),
                  "commenters": comments["respondent_id"].nunique()}
    return facts


def gramms_table(facts: dict) -> pd.DataFrame:
    """The six GRAMMS items, each with what the tool can state from the files (items 3 and 4) and, for the rest,
    a note that it is for the researcher to state."""
    method = [f"Survey: {count_noun(facts['respondents'], 'respondent')}, {count_noun(facts['items'], 'item')} (sampling "
              "and data collection: for the researcher to state)."]
    if "quotes" in facts:
        sources = f", from {listed(facts['sources'])}" if facts["sources"] else ""
        method.append(f"Qualitative strand: {count_noun(facts['quotes'], 'quote')} from "
                      f"{count_noun(facts['speakers'], 'speaker')} under {count_noun(facts['themes'], 'theme')}{sources} "
                      "(sampling and analysis: for the researcher to state).")
    if "comments" in facts:
        method.append(f"Open-ended answers: {count_noun(facts['comments'], 'comment')} from "
                      f"{count_noun(facts['commenters'], 'respondent')} on {count_noun(facts['commented_items'], 'item')}.")
    if "findings" in facts:
        integration = (f"The joint display links {count_noun(facts['findings'], 'finding')} to "
                       f"{count_noun(facts['linked_items'], 'survey item')} and {count_noun(facts['linked_quotes'], 'quote')}; "
                       f"the researcher rated {facts['rated']} of the {count_noun(facts['findings'], 'finding')}. "
                       "Who took part in integrating: for the researcher to state.")
    else:
        integration = "No findings file was given, so no joint display links the strands. " + FOR_THE_RESEARCHER
    stated = {3: " ".join(method), 4: integration}
    return pd.DataFrame({"GRAMMS item": range(1, 7), "guideline": GRAMMS,
                         "what the files show": [stated.get(k, FOR_THE_RESEARCHER) for k in range(1, 7)]})


def comment_sample(comments: pd.DataFrame, most: int = MAX_COMMENTS, seed: int = COMMENT_SEED) -> pd.DataFrame:
    """Every comment when there are at most ``most``; else ``most`` of them drawn at random without replacement
    (numpy's ``default_rng(seed)``), shown in file order, so the same run shows the same sample.

    Examples
    --------
    >>> comments = pd.DataFrame({"text": [f"c{i}" for i in range(5)]})
    >>> comment_sample(comments, most=2, seed=1)["text"].tolist() == comment_sample(comments, most=2, seed=1)["text"].tolist()
    True
    >>> len(comment_sample(comments, most=10))
    5
    """
    if len(comments) <= most:
        return comments
    chosen = np.sort(np.random.default_rng(seed).choice(len(comments), size=most, replace=False))
    return comments.iloc[chosen]


def comments_blocks(comments: pd.DataFrame, items: pd.DataFrame) -> list:
    """Per item with a comment column: a heading sentence (how many wrote, of how many respondents) and the
    comments (all, or a stated sample), each as typed, with the commenter's answer to the item."""
    shown = []
    labels = dict(zip(items["item"].astype(str), items["label"], strict=True))
    n = int(items["n_respondents"].max())
    for item, own in comments.groupby("item", sort=False):
        sample = comment_sample(own)
        named = _named({"item": item, "label": labels.get(item, "")})
        said = f"**{named[0].upper()}{named[1:]}**: {count_noun(len(own), 'respondent')} of {n} wrote a comment."
        if len(sample) < len(own):
            said += (f" Shown: {len(sample)} of them, drawn at random (numpy `default_rng({COMMENT_SEED})`, without "
                     "replacement) and listed in file order; every comment is in `data/processed/comments.csv`.")
        shown += [Markdown(said), Html(_comment_list(sample))]
    return shown


def _comment_list(comments: pd.DataFrame) -> str:
    """Each comment as typed, with who wrote it and the answer they gave the item (when they gave one)."""
    answers = comments["answer"].fillna("").astype(str) if "answer" in comments else [""] * len(comments)
    rows = "".join(f'<li style="margin:0.2em 0;white-space:pre-wrap">{html.escape(text)} '
                   f'<span style="color:#555">({html.escape(who)}{", answered " + html.escape(said) if said else ""})'
                   f'</span></li>'
                   for who, said, text in zip(comments["respondent_id"], answers, comments["text"], strict=True))
    return f'<ul class="likertkit-comments" style="max-width:60em">{rows}</ul>'


def mixed_methods_section(tables: dict, counts: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame,
                          item_stats: pd.DataFrame, palette: str = "RdBu", note: str = "") -> list:
    """Everything the report's mixed-methods section shows, in order (the joint display's bars in ``palette``'s
    colours, ``note`` after its sentences: what a weighted report says of its unweighted numbers); empty when the run
    had no study."""
    if not any(name in tables for name in ("quotes", "joint_display", "comments")):
        return []
    shown = [Markdown("## The survey beside the qualitative findings\n\nThe themes, quotes and findings are the "
                      "researcher's, read as given (QUOTES, THEMES, FINDINGS); the survey's statistics beside them are "
                      "computed from the answers. The ratings of convergence (agreement, partial agreement, silence, "
                      "dissonance: O'Cathain, Murphy & Nicholl's triangulation protocol) are the researcher's too; "
                      "this report counts them and judges none.")]
    themes = tables.get("themes", pd.DataFrame(columns=["theme", "name", "description"]))
    if "joint_display" in tables:
        joint = tables["joint_display"]
        shown.append(Markdown("### Joint display\n\n" + " ".join(
            literal(s) for s in joint_sentences(joint, themes, items["item"].astype(str)))
            + " The same display as a page to read or print: `joint_display.html` and `joint_display.pdf`."
            + (f" {note}" if note else "")))
        shown.append(Html(joint_fragment(joint, themes, tables.get("quotes"), counts, items, scale, item_stats,
                                         heading_level=4, palette=palette)))
    if "quotes" in tables:
        quotes = tables["quotes"]
        matrix = speakers_by_theme(quotes, themes)
        shown.append(Markdown(f"### Who speaks\n\nQuotes per speaker and theme: {count_noun(len(quotes), 'quote')} from "
                              f"{count_noun(len(matrix), 'speaker')}."))
        shown.append(matrix)
    if "comments" in tables:
        shown.append(Markdown("### Open-ended answers\n\nEach comment is shown as the respondent wrote it, with their "
                              "id; use the browser's search to find a word."))
        shown += (comments_blocks(tables["comments"], items) if len(tables["comments"])
                  else [Markdown("No comment was read: no column could be paired with an item, or every paired column "
                             "is blank. The cleaning log below says which column each item was paired with, if any.")])
    shown.append(Markdown("### Reporting: the GRAMMS checklist\n\nGood Reporting of A Mixed Methods Study (O'Cathain, "
                          "Murphy & Nicholl 2008): what the files show is filled in; the rest is the researcher's to "
                          "report."))
    shown.append(gramms_table(study_facts(tables, items)))
    return shown
