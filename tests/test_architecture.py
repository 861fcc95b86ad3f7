"""The two packages keep their rooms: likertkit knows nothing of the article and imports only downwards.

Stages, in the order the data walk through them: io -> scales -> stats -> audit -> counting -> survey -> mixed -> charts
-> report -> cli.
A module may import its own stage and those before it (and errors, interrupts, ipynb, wording, formats, defaults,
lazy, which import nothing of the package); never loechting2020.
"""

import ast
import re

from conftest import ROOT

LIBRARY = ROOT / "src" / "likertkit"
STAGES = ["errors", "interrupts", "ipynb", "wording", "formats", "defaults", "lazy", "io", "scales", "stats", "audit", "counting",
          "survey", "mixed", "charts", "report", "cli",
          "__main__"]
ARTICLE_WORDS = re.compile(r"caseworker|return to work|l(ø|oe)chting|\bNAV\b|sick leave|sick-listed", re.IGNORECASE)


def _modules():
    for path in sorted(LIBRARY.rglob("*.py")):
        parts = path.relative_to(LIBRARY).with_suffix("").parts
        yield path, parts[0] if parts != ("__init__",) else "__init__"


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            yield from ((alias.name, []) for alias in node.names)


def test_likertkit_never_imports_the_article_package():
    found = [(p.name, m) for p, _ in _modules() for m, _ in _imports(p) if m.split(".")[0] == "loechting2020"]
    assert not found


def test_likertkit_imports_only_its_own_stage_or_earlier_ones():
    upward = []
    for path, stage in _modules():
        if stage == "__init__":
            continue
        for module, names in _imports(path):
            parts = module.split(".")
            if parts[0] != "likertkit":
                continue
            target = parts[1] if len(parts) > 1 else None
            if target is None:  # from likertkit import __version__, or a subpackage
                targets = [n for n in names if n in STAGES]
                assert names == ["__version__"] or targets, (path, names)
            else:
                targets = [target]
            upward += [(path.relative_to(LIBRARY).as_posix(), t) for t in targets
                       if STAGES.index(t) > STAGES.index(stage)]
    assert not upward


def test_likertkit_says_nothing_of_the_article():
    found = [(p.relative_to(LIBRARY).as_posix(), i) for p in LIBRARY.rglob("*") if p.suffix in (".py", ".ipynb")
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if ARTICLE_WORDS.search(line)]
    assert not found


def _is_submodule(module, name: str) -> bool:
    import importlib.util

    return hasattr(module, "__path__") and importlib.util.find_spec(f"{module.__name__}.{name}") is not None


def test_every_module_of_likertkit_says_what_it_offers():
    """Each module and subpackage has an ``__all__``, naming only what it holds (or its submodules)."""
    import importlib

    lacking, absent = [], []
    for path, _ in _modules():
        if path.name == "__main__.py":
            continue
        name = ".".join(("likertkit", *path.relative_to(LIBRARY).with_suffix("").parts)).removesuffix(".__init__")
        module = importlib.import_module(name)
        if not hasattr(module, "__all__"):
            lacking.append(name)
            continue
        for public in module.__all__:
            if not hasattr(module, public) and not _is_submodule(module, public):
                absent.append(f"{name}.{public}")
    assert not lacking and not absent, (lacking, absent)


def test_the_article_package_uses_likertkit_as_any_user_would():
    """loechting2020 imports from likertkit only the names a module offers in its ``__all__`` (or submodules), and
    uses of a module it imported (``charts.plot_diverging``) are names of that module's ``__all__`` too."""
    import importlib

    def offered(module_name: str, name: str) -> bool:
        module = importlib.import_module(module_name)
        return name in getattr(module, "__all__", ()) or _is_submodule(module, name)

    private = []
    for path in sorted((ROOT / "src" / "loechting2020").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {}  # local name -> likertkit module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "likertkit":
                for alias in node.names:
                    if not offered(node.module, alias.name):
                        private.append(f"{path.name}: {node.module}.{alias.name}")
                    elif _is_submodule(importlib.import_module(node.module), alias.name):
                        modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
                if not offered(modules[node.value.id], node.attr):
                    private.append(f"{path.name}: {modules[node.value.id]}.{node.attr}")
    assert not private, sorted(set(private))


def test_one_module_reads_small_csv_files():
    """``likertkit.io.files`` owns reading small CSV files; the survey's own CSV is read by the scanner
    (``io.batches`` and ``io.scan``), its header and dialect by ``io.formats.text``; nothing else opens a CSV."""
    readers = re.compile(r"\bcsv\.reader\(|\bread_csv\(|pa_csv\.")
    found = {p.relative_to(LIBRARY).as_posix() for p, _ in _modules() if readers.search(p.read_text(encoding="utf-8"))}
    assert found <= {"io/files.py", "io/batches.py", "io/formats/text.py"}, found


HEAVY = ("pandas", "numpy", "matplotlib", "seaborn", "scipy", "numba", "pyarrow")


def test_the_commands_help_loads_nothing_heavy():
    """`likertkit --help` and `likertkit report --help` name every option and its default without importing pandas,
    seaborn, scipy or numba (it took 2.9 s, importing them for two constants; issue 31)."""
    import subprocess
    import sys

    probe = ("import sys\nfrom likertkit import cli\nfor argv in (['--help'], ['report', '--help'], ['audit', '--help']):\n"
             "    try:\n        cli.main(argv)\n    except SystemExit:\n        pass\n"
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert found.stdout.strip().splitlines()[-1] == "[]", found.stdout[-300:]
    assert "--palette" in found.stdout and "RdBu" in found.stdout and "(default 5)" in found.stdout
