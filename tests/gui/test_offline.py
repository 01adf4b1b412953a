"""A day's work in miniature never touches the network.

The window is made as ``workbench open`` makes it (default settings, nothing opted in),
then the seeds are imported, a model installed from a file, a Turkish document
translated with the real test model, a name tagged by keys, the project exported and
the window closed. Every socket call Python makes is recorded through an audit hook
(``socket.connect``, ``socket.getaddrinfo`` and the other resolver and send events) and
any one fails the test. The same run is repeated inside an empty network namespace
(``unshare -rn``, where user namespaces are allowed), where nothing could reach a
network even from below Python: the run must still succeed, the interfaces'
transmitted-byte counters must stay at zero, and where ``strace`` works, every
``socket``/``connect``/``send*`` system call of the process and its threads (Qt's
included) is logged and none may be for an internet address (AF_INET, AF_INET6).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import SEEDS
from tests.gui.driving import select_by_keys, show, stored_mentions
from tests.support.argos_model import build_package
from tests.support.network import recording
from workbench.gui.common.workers import SUCCEEDED

IN_NAMESPACE = "WORKBENCH_TEST_IN_EMPTY_NETNS"


def transmitted_bytes() -> dict[str, int]:
    """Bytes sent per interface of this network namespace (/proc/net/dev)."""
    lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    out = {}
    for line in lines:
        name, _, fields = line.partition(":")
        out[name.strip()] = int(fields.split()[8])
    return out


@pytest.fixture(scope="module")
def tr_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_package(tmp_path_factory.mktemp("model"), "tr", eos_after=10.0)


def test_a_day_of_work_never_touches_the_network(
    qtbot, tmp_path: Path, tr_model: Path, annotator: str, errors: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from workbench.gui.window.main_window import MainWindow

    project = tmp_path / "day.wbproj"
    exported = tmp_path / "day.jsonl"
    sent_before = transmitted_bytes() if os.environ.get(IN_NAMESPACE) else {}
    with recording() as attempts:
        window = MainWindow(project)  # as `workbench open` makes it
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitSignal(window.runner.finished, timeout=60_000) as done:
            window.import_paths([SEEDS])
        assert done.args[0] == SUCCEEDED, done.args
        with qtbot.waitSignal(window.runner.finished, timeout=60_000) as done:
            window.install_model_from_file(tr_model)
        assert done.args[0] == SUCCEEDED, done.args
        doc_id = show(window, "001")  # Turkish
        with qtbot.waitSignal(window.runner.finished, timeout=120_000) as done:
            window.translation.translate_button.click()
        assert done.args[0] == SUCCEEDED, done.args
        view = window.source
        start = view.text.index("Putin")
        select_by_keys(qtbot, view, start, start + len("Putin"))
        qtbot.keyClick(view, Qt.Key.Key_P)
        with qtbot.waitSignal(window.runner.finished, timeout=60_000) as done:
            window.export_dialog(exported)
        assert done.args[0] == SUCCEEDED, done.args
        window.close()
    assert attempts == [], "\n".join(attempts)
    assert errors == []
    assert [row[1:5] for row in stored_mentions(project)] == [(doc_id, start, start + 5, "PER")]
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    [turkish] = [r for r in records if r["id"] == doc_id]
    assert all(s["translation"] for s in turkish["sentences"])
    assert [e["text"] for e in turkish["entities"]] == ["Putin"]
    if os.environ.get(IN_NAMESPACE):
        assert list(transmitted_bytes()) == ["lo"]  # an empty namespace: loopback only
        assert transmitted_bytes() == sent_before == {"lo": 0}


def _empty_namespace() -> list[str] | None:
    """The command prefix that runs a program without any network, or None."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True)
    return [unshare, "-rn"] if probe.returncode == 0 else None


@pytest.mark.slow
def test_the_same_day_inside_an_empty_network_namespace(tmp_path: Path) -> None:
    if os.environ.get(IN_NAMESPACE):
        pytest.skip("already inside the namespace")
    prefix = _empty_namespace()
    if prefix is None:
        pytest.skip("unshare -rn is not permitted here (no user namespaces)")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, IN_NAMESPACE: "1", "QT_QPA_PLATFORM": "offscreen"}
    calls = tmp_path / "syscalls.txt"
    tracer = _syscall_tracer(calls)
    result = subprocess.run(
        [*prefix, *tracer, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + [
            "--basetemp",
            str(tmp_path / "inner"),
            f"{__file__}::{test_a_day_of_work_never_touches_the_network.__name__}",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "1 passed" in result.stdout
    if tracer:
        internet = [line for line in calls.read_text().splitlines() if "AF_INET" in line]
        assert internet == [], "\n".join(internet[:20])


def _syscall_tracer(log: Path) -> list[str]:
    """strace logging the network system calls of a process and its threads, or []."""
    strace = shutil.which("strace")
    if strace is None:
        return []
    command = [strace, "-f", "--seccomp-bpf", "-qq", "-o", str(log)]
    command += ["-e", "trace=socket,connect,sendto,sendmsg,sendmmsg"]
    probe = subprocess.run([*command, "true"], capture_output=True)
    return command if probe.returncode == 0 else []
