"""Help and shell completion for the commands of the tooling area (init, schema, fmt)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app


@pytest.mark.parametrize("command", ["init", "schema", "fmt"])
def test_help_shows_an_example_and_the_exit_codes(command):
    result = CliRunner().invoke(build_app(), [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"kotacerdas {command} " in result.stdout
    assert "Exit codes:" in result.stdout


def test_shell_completion_is_available():
    result = CliRunner().invoke(build_app(), ["--show-completion", "bash"], prog_name="kotacerdas")
    assert "--install-completion" in CliRunner().invoke(build_app(), ["--help"]).stdout
    assert result.exit_code == 0 and "complete" in result.stdout
