"""Shell completion for `checks`, written from its argument parser, so that
it offers what this version takes: the subcommands, each one's options,
the choices of an option that has some (`--format`), rule codes after
`--select`, `--ignore` and `explain`, and file names elsewhere.

    source <(checks completion bash)        # in ~/.bashrc
    source <(checks completion zsh)         # in ~/.zshrc: zsh runs it through bashcompinit
"""

from __future__ import annotations

import argparse
import shlex

SHELLS = ("bash", "zsh")
# Options whose value is a rule code, or several separated by commas.
_CODES = ("--select", "--ignore")

_BASH = """\
# Completion for checks {version}: `source <(checks completion bash)`.
_checks_complete() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local commands={commands}
    local codes={codes}
    local command=check i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case " $commands " in
            *" ${{COMP_WORDS[i]}} "*) command=${{COMP_WORDS[i]}}; break ;;
        esac
    done
    case "$command $prev" in
{values}
    esac
    if [[ $cur == -* ]]; then
        case $command in
{options}
        esac
        return
    fi
    if [[ $command == explain ]]; then
        COMPREPLY=($(compgen -W "$codes" -- "$cur"))
    elif ((i == COMP_CWORD)); then
        COMPREPLY=($(compgen -W "$commands" -- "$cur") $(compgen -f -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -F _checks_complete checks
"""

_ZSH = """\
# Completion for checks {version} in zsh, through its bash completion.
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
"""


def script(
    shell: str, parser: argparse.ArgumentParser, codes: list[str], version: str
) -> str:
    """The completion script for `shell`, from `parser` (whose subcommands
    are the subparsers) and the rule codes."""
    subparsers = next(
        a for a in parser._actions if isinstance(a, argparse._SubParsersAction)
    )
    commands = dict(subparsers.choices)
    values, options = [], []
    for name, command in commands.items():
        flags = []
        for action in command._actions:
            flags += [f for f in action.option_strings if f.startswith("--")]
            for flag in action.option_strings:
                if action.choices:
                    words = " ".join(map(str, action.choices))
                elif flag in _CODES:
                    words = "$codes"
                else:
                    continue
                values.append(
                    f'        "{name} {flag}") COMPREPLY=($(compgen -W "{words}" -- "$cur")); return ;;'
                )
        options.append(
            f'            {name}) COMPREPLY=($(compgen -W {shlex.quote(" ".join(flags))} -- "$cur")) ;;'
        )
    bash = _BASH.format(
        version=version,
        commands=shlex.quote(" ".join(commands)),
        codes=shlex.quote(" ".join(codes)),
        values="\n".join(values),
        options="\n".join(options),
    )
    if shell == "bash":
        return bash
    return _ZSH.format(version=version) + bash
