"""A first run: the xcb check before Qt, `workbench open` as the README says, and the
README's command table kept equal to what every command's ``--help`` says."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli import display
from workbench.cli.display import QT_LIBRARIES, XCB_LIBRARIES, library_problem, missing_libraries
from workbench.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"
X11 = {"DISPLAY": ":0"}


def all_present(soname: str) -> bool:
    return True


def without(*missing: str):  # type: ignore[no-untyped-def]
    return lambda soname: soname not in missing


def test_a_missing_xcb_library_is_named_with_its_install_commands() -> None:
    line = library_problem(X11, "linux", without("libxcb-cursor.so.0"))
    assert line is not None and "\n" not in line
    assert "needs libxcb-cursor.so.0, not installed" in line
    assert "`sudo apt install libxcb-cursor0` (Debian/Ubuntu)" in line
    assert "`sudo dnf install xcb-util-cursor` (Fedora)" in line


def test_several_missing_libraries_share_one_line_and_packages_are_not_repeated() -> None:
    line = library_problem(
        X11, "linux", without("libxcb-icccm.so.4", "libxcb-shape.so.0", "libxcb-xkb.so.1")
    )
    assert line is not None
    assert "libxcb-icccm.so.4, libxcb-shape.so.0, libxcb-xkb.so.1" in line
    assert "`sudo apt install libxcb-icccm4 libxcb-shape0 libxcb-xkb1`" in line
    assert "`sudo dnf install xcb-util-wm libxcb`" in line


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux"),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        (X11, "darwin"),
        (X11, "win32"),
    ],
)
def test_no_check_where_qt_does_not_use_xcb(env: dict[str, str], platform: str) -> None:
    assert library_problem(env, platform, without("libxcb-cursor.so.0")) is None


def test_qt_own_libraries_are_checked_whatever_the_platform() -> None:
    line = library_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", without("libEGL.so.1"))
    assert line is not None and line.startswith("Qt cannot start: Qt needs libEGL.so.1,")
    assert "`sudo apt install libegl1`" in line and "`sudo dnf install libglvnd-egl`" in line
    assert library_problem(X11, "darwin", without("libEGL.so.1")) is None


def test_nothing_to_say_when_every_library_is_there() -> None:
    assert library_problem({"QT_QPA_PLATFORM": "xcb"}, "linux", all_present) is None
    assert missing_libraries(QT_LIBRARIES + XCB_LIBRARIES, all_present) == []


def test_the_real_loader_finds_the_c_library_and_not_a_made_up_one() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the xcb check is for Linux")
    assert display.loadable("libc.so.6")
    assert not display.loadable("libxcb-made-up-for-the-test.so.9")
    assert {lib.soname for lib in XCB_LIBRARIES} >= {"libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}


def test_open_stops_before_qt_with_the_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(display, "loadable", without("libxcb-cursor.so.0"))
    monkeypatch.setattr(sys, "platform", "linux")
    result = CliRunner().invoke(cli, ["open", str(tmp_path / "p.wbproj")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Qt cannot start: Qt's X11 (xcb) support")
    assert "libxcb-cursor0" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "p.wbproj").exists()  # stopped before anything


def test_open_without_a_project_is_not_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # No display: it gets past the arguments and stops at the display check (status 1).
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    result = CliRunner().invoke(cli, ["open"])
    assert result.exit_code == 1, result.output
    assert "no display to open the window on" in result.stderr


# -- the README's command table ------------------------------------------------------------
def readme_rows() -> list[str]:
    """The first cell of each row of the README's command table, as written."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command-line reference", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.match(r"\| `(workbench [^`]*)` \|", line)
        if match:
            rows.append(match.group(1).replace("\\|", "|"))
    return rows


def leaf_commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    out: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out.update(leaf_commands(command, f"{prefix}{name} "))
        else:
            out[prefix + name] = command
    return out


def argument_name(word: str) -> str:
    """``PATH...`` -> ``PATH``, ``FILE.argosmodel`` -> ``FILE``, ``[PATH]...`` -> ``PATH``."""
    return re.sub(r"\.[a-z]+$", "", re.sub(r"[\[\]]|\.\.\.", "", word))


def synopsis(row: str, commands: dict[str, click.Command]) -> tuple[str, list, list]:
    """(command name, [(ARGUMENT, optional)], [(option, optional)]) of a README row."""
    words = row.split()[1:]
    name = next(
        n for n in sorted(commands, key=len, reverse=True) if words[: len(n.split())] == n.split()
    )
    words = words[len(name.split()) :]
    command = commands[name]
    takes_value = {
        opt
        for p in command.params
        if isinstance(p, click.Option) and not p.is_flag
        for opt in p.opts
    }
    arguments, options = [], []
    depth, skip_value = 0, False
    for word in words:
        depth += word.count("[")  # brackets opened before the word's name count
        bare = word.strip("[]")
        optional = depth > 0
        if bare.startswith("-"):
            options.append((bare, optional))
            skip_value = bare in takes_value
        elif skip_value:
            skip_value = False  # an option's value: NAME, FILE.png, a|b|c
        else:
            arguments.append((argument_name(bare), optional))
        depth -= word.count("]")
    return name, arguments, options


def test_the_readme_table_lists_every_command_as_its_help_does() -> None:
    commands = leaf_commands()
    rows = readme_rows()
    seen = set()
    for row in rows:
        name, arguments, options = synopsis(row, commands)
        seen.add(name)
        command = commands[name]
        expected_args = [
            (argument_name(p.human_readable_name), not p.required)
            for p in command.params
            if isinstance(p, click.Argument)
        ]
        assert arguments == expected_args, f"README `{row}` vs `workbench {name} --help`"
        usage = CliRunner().invoke(cli, [*name.split(), "--help"], prog_name="workbench").output
        usage = usage.splitlines()[0]
        assert usage.startswith(f"Usage: workbench {name} [OPTIONS]"), usage
        for param in command.params:
            if isinstance(param, click.Argument):
                assert param.make_metavar(click.Context(command)) in usage, (usage, row)
        documented = {o for o, _ in options}
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                shown = [o for o in param.opts if o in documented]
                assert shown, f"README `{row}` lacks {param.opts[-1]}"
                assert dict(options)[shown[0]] == (not param.required), (
                    f"README `{row}`: {shown[0]}"
                )
        assert documented <= {o for p in command.params for o in getattr(p, "opts", [])}, row
    assert seen == set(commands), f"commands missing from the README: {set(commands) - seen}"


def test_usage_errors_exit_2_and_the_readme_says_so() -> None:
    result = CliRunner().invoke(cli, ["list"])  # PROJECT missing
    assert result.exit_code == 2 and "Missing argument 'PROJECT'" in result.stderr
    assert CliRunner().invoke(cli, ["list", "p.wbproj", "--bogus"]).exit_code == 2
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "exit with status 1" in text and "exits with status 2" in text
