"""A report imports only what it uses (issue 31): seaborn's theme, palettes and heat map, statsmodels' factor fit
and numba's kernels (for a small file) are written out or left unloaded, and each is checked here against the
library it replaces, which the tests import."""

import io
import subprocess
import sys

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
import seaborn as sns
from matplotlib import pyplot as plt

from likertkit.charts import style, views
from likertkit.charts.files import REPRODUCIBLE_RC
from likertkit.defaults import PALETTES

from conftest import ROOT


def test_the_theme_is_seaborns_whitegrid_notebook_theme():
    with mpl.rc_context():
        mpl.rcdefaults()
        sns.set_theme(style="whitegrid", context="notebook")
        theirs = dict(mpl.rcParams)
    with mpl.rc_context():
        mpl.rcdefaults()
        style.apply_style()
        ours = dict(mpl.rcParams)
    for key, value in theirs.items():
        if key == "image.cmap" or key in REPRODUCIBLE_RC:  # seaborn's own colormap; the reproducible files' settings
            continue
        if key == "axes.prop_cycle":
            assert [mpl.colors.to_hex(c["color"]) for c in ours[key]] == [mpl.colors.to_hex(c["color"]) for c in value]
        else:
            assert ours[key] == value, key


@pytest.mark.parametrize("name", [*PALETTES, "crest"])
def test_palettes_are_seaborns_samples(name):
    for n in range(2, 14):
        assert style.colormap_colours(name, n) == sns.color_palette(name, n).as_hex(), (name, n)
    assert list(style.COLOUR_BLIND) == sns.color_palette("colorblind").as_hex()


@pytest.mark.parametrize("shape", [(7, 4), (40, 5), (3, 11)])
def test_the_heat_map_is_seaborns_to_the_byte(shape):
    rng = np.random.default_rng(shape[0])
    grid = pd.DataFrame(rng.uniform(0, 100, shape), columns=range(shape[1]),
                        index=[f"Item {k} with a longer label" for k in range(shape[0])])
    grid.iloc[0, 0] = np.nan
    files = []
    for draw in ("seaborn", "ours"):
        with mpl.rc_context(REPRODUCIBLE_RC):
            fig, ax = plt.subplots(figsize=(11, 0.3 * shape[0] + 1.5))
            if draw == "seaborn":
                sns.heatmap(grid, annot=True, fmt=".0f", cmap="Greys", vmin=0, vmax=100, linewidths=0.5,
                            linecolor="white", cbar_kws={"label": "Percent"}, annot_kws={"fontsize": 8}, ax=ax)
            else:
                views._heatmap(grid, ax, "Percent", fontsize=8)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            plt.close(fig)
        files.append(buffer.getvalue())
    assert files[0] == files[1]


def test_a_small_report_loads_neither_seaborn_nor_statsmodels_nor_numba(tmp_path):
    """Nor nbconvert and the template engine and HTML parser it brings: the report writes its page itself."""
    example = ROOT / "examples" / "made-up-survey"
    code = ("import sys; from likertkit import cli\n"
            "try:\n    cli.main(sys.argv[1:])\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
            "print(sorted(({m.split('.')[0] for m in sys.modules} & {'seaborn', 'statsmodels', 'numba', 'nbconvert', 'jinja2', 'bs4'})\n"
            "             | ({'scipy.stats'} & set(sys.modules))))")
    run = subprocess.run([sys.executable, "-c", code, "report", str(example / "responses.csv"),
                          f"--items={example / 'items.csv'}", f"--scale={example / 'scale.csv'}", "--missing=9",
                          f"--out={tmp_path / 'out'}"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().splitlines()[-1] == "[]"
