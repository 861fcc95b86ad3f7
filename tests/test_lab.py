"""JupyterLab: the compendium's kernel, and notebooks saved in the form `make all` writes them."""

import json

from conftest import ROOT

from likertkit import ipynb
from loechting2020 import lab, notebooks


def test_the_kernel_runs_this_python_with_the_package_and_a_path_with_spaces_is_kept_whole(tmp_path):
    prefix = tmp_path / "lab env with spaces"
    folder = lab.install_kernel(prefix=str(prefix))
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert folder.name == notebooks.KERNEL_NAME and str(prefix) in str(folder)
    assert spec["argv"][0].endswith("python") and spec["argv"][1:3] == ["-m", "ipykernel_launcher"]
    assert spec["env"]["PYTHONPATH"] == str(ROOT / "src")


def test_every_notebook_names_the_compendiums_kernel():
    for path in [*notebooks.numbered_notebooks(ROOT / "notebooks"), ROOT / "teaching" / "exercises.ipynb"]:
        assert ipynb.read(path)["metadata"]["kernelspec"] == notebooks.KERNELSPEC, path.name


def test_saving_from_lab_gives_the_committed_bytes():
    """What Lab's save adds (papermill's or Lab's timing, another kernel's name) is stripped before writing."""
    path = notebooks.numbered_notebooks(ROOT / "notebooks")[1]
    committed = path.read_text(encoding="utf-8")
    nb = json.loads(committed)
    nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb["cells"][1]["metadata"]["execution"] = {"iopub.execute_input": "2026-11-26T12:00:00Z"}
    model = {"type": "notebook", "content": nb}
    lab.pre_save(model, path=str(path))
    out = path.parent.parent / "build" / "lab-save-check.ipynb"
    out.parent.mkdir(exist_ok=True)
    ipynb.write(model["content"], out)
    assert out.read_text(encoding="utf-8") == committed
    out.unlink()


def test_the_hook_leaves_other_files_alone():
    model = {"type": "file", "content": "x"}
    lab.pre_save(model)
    assert model == {"type": "file", "content": "x"}
