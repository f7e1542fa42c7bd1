from checks.cli import run

run()
