"""The command line: one subcommand per task, and combinations that mean nothing refused before any work."""

import pytest

from coursebuild.commands import main, parser


@pytest.mark.parametrize("argv, says", [
    (["--instructor", "--try-pyodide", "314.0.7"], "not allowed with argument --instructor"),
    (["--port", "8001"], "unrecognized arguments: --port 8001"),
    (["build", "--watch"], "unrecognized arguments: --watch"),
    (["measure", "--instructor"], "unrecognized arguments: --instructor"),
    (["measure", "--without", "safari"], "invalid choice: 'safari'"),
    (["publish"], "invalid choice: 'publish'"),
])
def test_a_combination_that_means_nothing_is_refused_in_one_line(argv, says, capsys, tmp_path):
    with pytest.raises(SystemExit) as exited:
        main(argv, root=tmp_path)  # an empty folder: nothing could be built there anyway
    assert exited.value.code == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize("argv, command", [
    (["serve", "--watch", "--instructor", "--port", "0"], "serve"),
    (["measure", "--without", "webkit", "--without", "firefox"], "measure"),
    (["build", "--instructor"], "build"),
])
def test_each_command_takes_its_own_options(argv, command):
    args = parser().parse_args(argv)
    assert args.command == command


def test_no_command_builds_and_grade_keeps_its_own_options(capsys, tmp_path):
    with pytest.raises(SystemExit):
        main(["grade", "--help"], root=tmp_path)
    assert "usage: build.py grade" in capsys.readouterr().out
    assert main(["--instructor"], root=tmp_path) == 1  # a build, failing in one line: no course there
    assert "error: " in capsys.readouterr().out
