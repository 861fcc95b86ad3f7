"""What a mixed-methods study's joint display and quotes say, counted: who speaks under which theme, and
sentences that count ratings and links. Nothing here judges convergence: the ratings are the researcher's."""

from __future__ import annotations

import pandas as pd

from likertkit.io.printed import split_list
from likertkit.mixed.inputs import RATINGS
from likertkit.mixed.joint import NOT_RATED
from likertkit.wording import count_noun, named

__all__ = ["joint_sentences", "speakers_by_theme"]


def speakers_by_theme(quotes: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker (rows, in order of first appearance) and theme (columns, in ``themes``' order, named by
    their names), with every theme shown even when no one is quoted under it.

    Examples
    --------
    >>> quotes = pd.DataFrame({"speaker": ["P1", "P2", "P1"], "theme": ["T1", "T1", "T2"]})
    >>> themes = pd.DataFrame({"theme": ["T1", "T2", "T3"], "name": ["Time", "Tools", "Trust"]})
    >>> speakers_by_theme(quotes, themes).values.tolist()
    [[1, 1, 0], [1, 0, 0]]
    """
    table = pd.crosstab(pd.Categorical(quotes["speaker"], categories=list(dict.fromkeys(quotes["speaker"]))),
                        pd.Categorical(quotes["theme"], categories=list(themes["theme"])), dropna=False)
    table.index.name, table.columns.name = "speaker", None
    table.columns = list(themes["name"])
    return table


def joint_sentences(joint: pd.DataFrame, themes: pd.DataFrame, items) -> list[str]:
    """Sentences that count what the joint display holds: findings per rating (in the protocol's order, then
    those not yet rated), the themes no finding links to a survey item, and the survey items no finding cites.

    Examples
    --------
    >>> joint = pd.DataFrame({"theme": ["T1", "T2"], "items": ["q1", ""], "rating": ["agreement", "not yet rated"]})
    >>> themes = pd.DataFrame({"theme": ["T1", "T2"], "name": ["Time", "Tools"]})
    >>> for sentence in joint_sentences(joint, themes, ["q1", "q2"]):
    ...     print(sentence)
    The joint display has 2 findings: 1 rated agreement, 1 not yet rated.
    No finding links theme Tools to a survey item.
    No finding cites item q2.
    """
    counts = joint["rating"].value_counts()
    rated = [f"{counts[r]} rated {r}" for r in RATINGS if counts.get(r, 0)]
    rated += [f"{counts[NOT_RATED]} {NOT_RATED}"] if counts.get(NOT_RATED, 0) else []
    sentences = [f"The joint display has {count_noun(len(joint), 'finding')}: {', '.join(rated)}."]
    linked = {theme for theme, cited in zip(joint["theme"], joint["items"], strict=True) if split_list(cited)}
    names = dict(zip(themes["theme"], themes["name"], strict=True))
    alone = [names[t] for t in themes["theme"] if t not in linked]
    if alone:
        sentences.append(f"No finding links {named('theme', alone)} to a survey item.")
    cited = {item for cell in joint["items"] for item in split_list(cell)}
    uncited = [str(i) for i in items if str(i) not in cited]
    if uncited:
        sentences.append(f"No finding cites {named('item', uncited)}.")
    return sentences
