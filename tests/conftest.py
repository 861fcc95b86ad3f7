import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the package, whether or not it is installed


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temporary folder and return its path."""

    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    return write


def pytest_collection_modifyitems(session, config, items):
    """The check of rebuilt outputs runs last, after nbval has re-executed the notebooks that make them."""
    items.sort(key=lambda item: item.path.name == "check_rebuilt_outputs.py")
