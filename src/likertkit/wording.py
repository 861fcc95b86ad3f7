"""Small rules of English that every sentence the package writes follows (imports nothing of the package)."""

from __future__ import annotations

import re

__all__ = ["a_number", "count_noun", "listed", "named", "plural", "shortened"]


def listed(words, conjunction: str = "and") -> str:
    """Words joined as a list is said: ``["6", "10", "11"]`` -> ``"6, 10 and 11"`` (or ``conjunction``); one word
    alone; none -> ``""``.

    Examples
    --------
    >>> listed(["6", "10", "11"]), listed(["often", "always"], "or")
    ('6, 10 and 11', 'often or always')
    >>> listed(["q2"])
    'q2'
    """
    words = [str(word) for word in words]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def a_number(n: int, noun: str) -> str:
    """``"a 5-point scale"``, ``"an 11-point scale"``: a number used as an adjective, with the article its spoken
    form takes (eight, eleven, eighteen, eighty… begin with a vowel sound).

    Examples
    --------
    >>> a_number(5, "point scale"), a_number(11, "point scale"), a_number(8, "point scale")
    ('a 5-point scale', 'an 11-point scale', 'an 8-point scale')
    """
    vowel = n in (11, 18) or str(abs(int(n))).startswith("8")
    return f"{'an' if vowel else 'a'} {n}-{noun}"


def plural(noun: str, n: int) -> str:
    """``noun`` as it goes with ``n``: one ``item``, two ``items``; ``anomaly`` -> ``anomalies``, ``match`` ->
    ``matches``.

    Examples
    --------
    >>> plural("item", 1), plural("item", 0), plural("anomaly", 2), plural("day", 2), plural("match", 3)
    ('item', 'items', 'anomalies', 'days', 'matches')
    """
    if n == 1:
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def count_noun(n: int, noun: str) -> str:
    """A count and its noun: ``"1 respondent"``, ``"40 respondents"``, ``"2 anomalies"`` (:func:`plural`).

    Examples
    --------
    >>> count_noun(1, "respondent"), count_noun(40, "respondent"), count_noun(0, "anomaly")
    ('1 respondent', '40 respondents', '0 anomalies')
    """
    return f"{n} {plural(noun, n)}"


def named(noun: str, values) -> str:
    """Things named after their noun: ``"item 4"``, ``"items 4, 6 and 10"``; none -> ``"no item"``.

    Examples
    --------
    >>> named("item", ["4", "10"]), named("theme", ["T1"]), named("item", [])
    ('items 4 and 10', 'theme T1', 'no item')
    """
    values = [str(value) for value in values]
    return f"no {noun}" if not values else f"{plural(noun, len(values))} {listed(values)}"


def shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last word that fits in ``limit`` characters and ended with an ellipsis
    when it is longer (a word longer than the limit is cut inside).

    Examples
    --------
    >>> shortened("How satisfied are you   with\\nyour salary?", 24), shortened("Salary", 24)
    ('How satisfied are you…', 'Salary')
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–") + "…"
