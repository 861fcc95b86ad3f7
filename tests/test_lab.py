"""JupyterLab: the compendium's kernel, and notebooks saved in the form `make all` writes them."""

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request

from likertkit import ipynb
from loechting2020 import lab, notebooks

from conftest import ROOT


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


def _stop(server: subprocess.Popen) -> None:
    """Stop a Jupyter server started in its own session, and everything it started."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


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
        _stop(lab_server)
        target.unlink(missing_ok=True)
    text = (tmp_path / "lab.log").read_text()
    assert "Traceback" not in text and "ModuleNotFoundError" not in text, text


async def _run_code(url: str, code: str) -> str:
    """Run ``code`` on a kernel through the server's websocket (Jupyter's messaging protocol) and return what it
    printed."""
    from tornado.websocket import websocket_connect

    connection = await asyncio.wait_for(websocket_connect(url), 60)
    msg_id = secrets.token_hex(8)
    connection.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": secrets.token_hex(8),
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": f"import loechting2020.lab\n{code}", "silent": False, "store_history": False,
                    "user_expressions": {}, "allow_stdin": False}}))
    printed = ""
    while True:
        message = json.loads(await asyncio.wait_for(connection.read_message(), 120))
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "stream":
            printed += message["content"]["text"]
        if message["msg_type"] == "error":
            return "error: " + message["content"]["ename"]
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            connection.close()
            return printed


def test_make_kernel_registers_a_kernel_a_jupyterlab_of_ones_own_starts(tmp_path):
    """`make kernel` writes the kernel into the user's Jupyter data folder (here a scratch one, through Jupyter's own
    JUPYTER_DATA_DIR); a JupyterLab of the user's own (Lab's environment, started by hand, with no hook) lists it,
    starts it, and runs code on it that imports the compendium's packages (issue 30)."""
    data = tmp_path / "jupyter-data"
    env = {**os.environ, "JUPYTER_DATA_DIR": str(data)}
    made = subprocess.run(["make", "--no-print-directory", "kernel"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert made.returncode == 0 and (data / "kernels" / notebooks.KERNEL_NAME / "kernel.json").is_file(), made.stderr
    built = subprocess.run(["make", "--no-print-directory", ".venv-lab/.installed"], cwd=ROOT, capture_output=True,
                           text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp_path / "lab.log", "w+")
    own_lab = subprocess.Popen([str(ROOT / ".venv-lab" / "bin" / "jupyter"), "lab", "--no-browser", f"--port={port}",
                                "--ip=127.0.0.1", "--port-retries=0", f"--IdentityProvider.token={token}",
                                f"--ServerApp.root_dir={tmp_path}", "--allow-root"],
                               cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**env, "PYTHONPATH": "", "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert own_lab.poll() is None, (tmp_path / "lab.log").read_text()
            try:
                specs = _request("GET", f"{base}/api/kernelspecs", token)
                break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "lab.log").read_text()
                time.sleep(1)
        assert notebooks.KERNEL_NAME in specs["kernelspecs"]
        kernel = _request("POST", f"{base}/api/kernels", token, {"name": notebooks.KERNEL_NAME})
        reply = asyncio.run(_run_code(f"ws://127.0.0.1:{port}/api/kernels/{kernel['id']}/channels?token={token}",
                                      "import likertkit, loechting2020, pandas; print(loechting2020.lab.__name__)"))
        assert reply == "loechting2020.lab\n", reply
        _request("DELETE", f"{base}/api/kernels/{kernel['id']}", token)
    finally:
        _stop(own_lab)
    text = (tmp_path / "lab.log").read_text()
    assert "Traceback" not in text, text
