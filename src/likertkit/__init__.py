"""likertkit: the shared logic of the Løchting et al. (2020) compendium.

Parsing printed tables, validating Likert survey data, summarising items and
drawing diverging stacked bar charts. The notebooks call these functions and
explain them; the tests in ``tests/`` pin their behaviour.
"""

__version__ = "0.1.0"
