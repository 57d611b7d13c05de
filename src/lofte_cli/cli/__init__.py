"""The command line: the only code that imports Typer or Rich, prompts, prints or exits."""
