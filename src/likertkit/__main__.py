"""``python -m likertkit``: the ``likertkit`` command (:mod:`likertkit.cli`)."""

from likertkit.cli import main

main()
