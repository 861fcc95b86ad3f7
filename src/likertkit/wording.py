"""Small rules of English that every sentence the package writes follows (imports nothing of the package)."""

from __future__ import annotations


def listed(words) -> str:
    """Words joined as a list is said: ``["6", "10", "11"]`` -> ``"6, 10 and 11"``; one word alone; none -> ``""``.

    Examples
    --------
    >>> listed(["6", "10", "11"])
    '6, 10 and 11'
    >>> listed(["q2"])
    'q2'
    """
    words = [str(word) for word in words]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


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
