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
