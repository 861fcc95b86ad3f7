"""``python -m likertkit``: the ``likertkit`` command (:mod:`likertkit.cli`)."""

from likertkit.cli import main

if __name__ == "__main__":  # not when a helper process started by spawn imports this module
    main()
