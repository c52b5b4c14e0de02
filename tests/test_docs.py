"""Docs stay honest: README's commands match .ci/run, and every CLI option is documented."""

from __future__ import annotations

from pathlib import Path

from cleanse.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "cleanse samples/" in commands[0] and "pip install ." in commands[0]
    assert "'.[test]'" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    test_command = _readme_commands()[1].split("&&")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert " && ".join(part.strip() for part in test_command) in ci


def test_every_command_and_option_has_help_and_a_readme_mention() -> None:
    assert main.help
    for name, command in main.commands.items():
        assert command.help, f"{name} has no help text"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in README, f"{name} {opt} is not in README.md"
                    assert getattr(param, "help", None), f"{name} {opt} has no help"
