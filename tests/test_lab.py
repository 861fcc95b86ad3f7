"""JupyterLab: the compendium's kernel, and notebooks saved in the form `make all` writes them."""

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(method, url, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def test_make_lab_starts_jupyterlab_from_its_own_environment_and_saves_a_notebook_as_make_all_writes_it(tmp_path):
    """`make lab` as a teacher runs it (its own .venv-lab, the pre-save hook loaded by Lab's server), headless on a free
    loopback port with a token (set through Jupyter's config folder, which make passes on): a notebook saved through
    the contents API is written in the committed form, and the server's log holds no traceback (issue 30)."""
    port, token = _free_port(), secrets.token_hex(16)
    config = tmp_path / "jupyter-config"
    config.mkdir()
    (config / "jupyter_server_config.json").write_text(json.dumps({
        "ServerApp": {"port": port, "ip": "127.0.0.1", "open_browser": False, "port_retries": 0},
        "IdentityProvider": {"token": token}}))
    log = open(tmp_path / "lab.log", "w+")
    lab_server = subprocess.Popen(["make", "--no-print-directory", "lab"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, "JUPYTER_CONFIG_DIR": str(config)}, start_new_session=True)
    target = ROOT / "build" / "lab-check" / f"saved-{port}.ipynb"
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600  # the first `make lab` builds .venv-lab
        while True:
            assert lab_server.poll() is None, (tmp_path / "lab.log").read_text()
            try:
                _request("GET", f"{base}/api/status", token)
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "lab.log").read_text()
                time.sleep(1)
        committed = notebooks.numbered_notebooks(ROOT / "notebooks")[1]
        nb = json.loads(committed.read_text(encoding="utf-8"))
        nb["metadata"]["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
        nb["cells"][1]["metadata"]["execution"] = {"iopub.execute_input": "2026-11-26T12:00:00Z"}
        target.parent.mkdir(parents=True, exist_ok=True)
        relative = target.relative_to(ROOT).as_posix()
        _request("PUT", f"{base}/api/contents/{relative}", token, {"type": "notebook", "format": "json", "content": nb})
        saved = json.loads(target.read_text(encoding="utf-8"))
        assert saved["metadata"]["kernelspec"] == notebooks.KERNELSPEC, "saved by the hook"
        assert "execution" not in saved["cells"][1]["metadata"]
        assert _request("GET", f"{base}/api/kernelspecs", token)["default"] == notebooks.KERNEL_NAME
    finally:
        os.killpg(lab_server.pid, signal.SIGTERM)
        try:
            lab_server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab_server.pid, signal.SIGKILL)
        target.unlink(missing_ok=True)
    text = (tmp_path / "lab.log").read_text()
    assert "Traceback" not in text and "ModuleNotFoundError" not in text, text
