"""Execute one numbered notebook with papermill, reproducibly.

    python -m likertkit.run notebooks/02-describe-likert.ipynb [--output OUT.ipynb] [-p NAME VALUE]...

The notebook runs from its own folder on the current Python's kernel. On
success its volatile metadata is stripped, it is written in place (or to
``--output``), and its declared outputs are checked (Make keeps a stamp of the
run; outputs are rewritten only when their bytes change). On failure the partly executed notebook is
kept under ``build/failed/`` and the failing cell's error is shown.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import papermill

from . import notebooks
from .interrupts import owned_name, remove_leftovers, signals_raise
from .paths import PROJECT

KERNEL_PREFIX = "likertkit-kernel-"  # the kernel's sockets, in a folder of the system's temporary folder


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m likertkit.run", description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--output", type=Path, help="where to write the executed notebook (default: in place)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a papermill parameter, passed as a string")
    parser.add_argument("--no-check-outputs", action="store_true",
                        help="do not check the outputs the notebook declares (for runs into another folder)")
    return parser.parse_args(argv)


def execute(notebook: Path, output: Path | None = None, parameters: dict | None = None,
            check_outputs: bool = True, failed_dir: Path | None = None) -> Path:
    """Run ``notebook`` into ``output``; on failure keep the partly run notebook in ``failed_dir``.

    The notebook is executed into a scratch file beside ``output``, which is removed on any failure or
    interruption; only a notebook that ran to the end replaces ``output``.
    """
    notebook = notebook.resolve()
    output = (output or notebook).resolve()
    failed = (failed_dir or PROJECT.build / "failed") / notebook.name
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output.parent, f".{notebook.stem}.", ".ipynb")
    remove_leftovers(Path(tempfile.gettempdir()), KERNEL_PREFIX)
    fd, scratch = tempfile.mkstemp(prefix=owned_name(f".{notebook.stem}."), suffix=".ipynb", dir=output.parent)
    os.close(fd)
    try:
        with tempfile.TemporaryDirectory(prefix=owned_name(KERNEL_PREFIX)) as sockets:
            papermill.execute_notebook(str(notebook), scratch, parameters=parameters or {}, kernel_name="python3",
                                       cwd=str(notebook.parent), progress_bar=False, config=_local_kernel(sockets))
    except papermill.PapermillExecutionError as err:
        if "No space left on device" in str(err.evalue) or "Errno 28" in str(err.evalue):
            Path(scratch).unlink(missing_ok=True)
            raise OSError(errno.ENOSPC, "No space left on device", str(output.parent)) from None
        failed.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(scratch, failed)
        print(re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(err.traceback)), file=sys.stderr)  # no colour codes
        print(f"\n{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}", file=sys.stderr)
        print(f"The partly executed notebook is kept at {failed}; open it to see the error in place.",
              file=sys.stderr)
        raise SystemExit(1) from None
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    executed = notebooks.strip_volatile(notebooks.read(scratch))
    notebooks.write(executed, scratch)
    os.chmod(scratch, 0o644)
    os.replace(scratch, output)
    failed.unlink(missing_ok=True)
    if check_outputs:
        _check_outputs(notebooks.declared_paths(executed)["Outputs"], notebook.name)
    return output


def _local_kernel(folder: str):
    """Talk to the kernel over Unix sockets in ``folder`` (only this user can reach them) instead of TCP on
    localhost, which any local process can connect to and which makes ipykernel warn that the traffic is
    unencrypted. The sockets go when the folder does."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "kernel")}})


def render_html(notebook: Path) -> str:
    """An executed notebook as one HTML page with the code hidden (nbconvert, offline): what a reader sees."""
    import nbformat
    from nbconvert import HTMLExporter

    import jinja2

    # nbconvert's lab template drops the alt text a figure carries in its output metadata
    # (likertkit.reading.show); this one-block extension puts it on the <img>.
    with_alt = jinja2.DictLoader({"likertkit.html.j2": _ALT_TEMPLATE})
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                            extra_loaders=[with_alt], template_file="likertkit.html.j2")
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4),
                                          resources={"likertkit_csp": CONTENT_SECURITY_POLICY})
    return body


# The report is sent around as one file: it loads nothing from the network (no require.js, MathJax or mermaid from a
# CDN, no widgets), and its Content-Security-Policy lets it run no script at all and fetch nothing but its own
# inline images and styles, whatever text a survey's labels hold.
CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_ALT_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy" content="{{ resources.likertkit_csp }}">
{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ ((output | get_metadata('alt', 'image/png')) or '') | escape_html }}">
</div>
{%- endblock data_png %}
"""


def _check_outputs(outputs, name):
    """Every declared output must exist. They are not touched: an output whose bytes did not change keeps its
    time, so Make does not re-run the notebooks that read it."""
    absent = [p for p in outputs if not (PROJECT.root / p).exists()]
    if absent:
        raise SystemExit(f"{name} ran but did not write its declared output(s): {', '.join(absent)}")


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    try:
        with signals_raise():  # SIGTERM (make passes it on) removes the scratch notebook and the kernel's sockets
            execute(args.notebook, args.output, dict(args.parameter), not args.no_check_outputs)
    except KeyboardInterrupt:
        print(f"interrupted: {args.notebook} was left as it was", file=sys.stderr)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
