# bash completion for certcheck. Installed as share/bash-completion/completions/certcheck.
# Profile names and rule ids come from the certcheck being completed, at completion time
# (`certcheck profiles`, `certcheck rules --format ids`), so they never go stale.
# Kept in step with the CLI by tests/e2e/install_docs_test.cpp.

_certcheck_query() {
    # $1: the certcheck being completed; the rest: its arguments. Never reads a config file.
    local bin="$1"
    shift
    [[ $bin == "~/"* ]] && bin="$HOME/${bin#\~/}"
    "$bin" "$@" 2>/dev/null
}

_certcheck() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local prev=""
    ((COMP_CWORD > 0)) && prev="${COMP_WORDS[COMP_CWORD - 1]}"
    local bin="${COMP_WORDS[0]}"
    local commands="check scan fix inspect endpoint access exporter merge rules profiles help"
    local cmd="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            check | scan | fix | inspect | endpoint | access | exporter | merge | rules | profiles | help)
                cmd="${COMP_WORDS[i]}"
                break
                ;;
            --config) ((i++)) ;;
        esac
    done
    COMPREPLY=()

    case "$prev" in
        --profile)
            local names
            names="$(_certcheck_query "$bin" profiles | awk '{print $1}')"
            mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
            return 0
            ;;
        --skip | --only)
            # comma-separated ids: complete the last one
            local head="" last="$cur"
            if [[ $cur == *,* ]]; then
                head="${cur%,*},"
                last="${cur##*,}"
            fi
            local ids
            ids="$(_certcheck_query "$bin" rules --format ids)"
            mapfile -t COMPREPLY < <(compgen -P "$head" -W "$ids" -- "$last")
            return 0
            ;;
        --fail-on)
            mapfile -t COMPREPLY < <(compgen -W "error warn" -- "$cur")
            return 0
            ;;
        --format)
            if [[ $cmd == rules ]]; then
                mapfile -t COMPREPLY < <(compgen -W "text json ids" -- "$cur")
            elif [[ $cmd == inspect ]]; then
                mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur")
            elif [[ $cmd == access ]]; then
                mapfile -t COMPREPLY < <(compgen -W "text json csv html" -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W "text json ndjson junit sarif github openmetrics html" -- "$cur")
            fi
            return 0
            ;;
        --progress)
            mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
            return 0
            ;;
        --cert | --certificate-body | --key | --private-key | --chain | --certificate-chain | --output | --config | --bundle | --passphrase-file)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        --trust-store | --trust-anchor | --trust-policy | --targets | --aws-json | --attribute-mapping | --crl)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return 0
            ;;
        --out)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return 0
            ;;
        --passphrase-env)
            mapfile -t COMPREPLY < <(compgen -v -- "$cur")
            return 0
            ;;
        --at | --expiry-warn | --trust-anchor-arn | --jobs | -j | --name | --server-certificate-name | --user-name | --path | --host | --include | --exclude | --servername | --timeout | --shard | --listen | --interval)
            return 0
            ;;
    esac

    local global="--help --version --config --no-config"
    local config="--config --no-config"
    local selection="--profile --skip --only --at --expiry-warn --fail-on --trust-store --trust-anchor --trust-policy --trust-anchor-arn --attribute-mapping --crl"
    local output="--format --output --quiet -q --verbose -v"
    local opts
    case "$cmd" in
        "")
            if [[ $cur == -* ]]; then
                mapfile -t COMPREPLY < <(compgen -W "$global" -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
            fi
            return 0
            ;;
        check)
            opts="--help --aws-json --fetch-missing --cert --certificate-body --key --private-key --chain --certificate-chain --name --server-certificate-name --user-name --path --host $selection $output $config"
            ;;
        scan)
            opts="--help --jobs -j --follow-symlinks --progress --include --exclude --shard --user-name --aws-json $selection $output $config"
            if [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return 0
            fi
            ;;
        exporter)
            opts="--help --listen --interval --endpoint --endpoint-targets --endpoint-timeout --jobs -j --follow-symlinks --include --exclude $selection $config"
            if [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return 0
            fi
            ;;
        merge)
            opts="--help --no-config $output"
            if [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return 0
            fi
            ;;
        fix)
            opts="--help --cert --certificate-body --key --private-key --chain --certificate-chain --bundle --out --force --fetch-missing --name --server-certificate-name --user-name --path --format --passphrase-file --passphrase-env --no-config $selection"
            ;;
        inspect)
            opts="--help --format --at --passphrase-file --passphrase-env --no-config"
            if [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return 0
            fi
            ;;
        endpoint)
            opts="--help --targets --jobs -j --servername --timeout --fetch-missing --cert --certificate-body --chain --certificate-chain $selection $output $config"
            ;;
        access)
            opts="--help --trust-anchor --trust-policy --attribute-mapping --crl --trust-anchor-arn --at --format --output --no-config"
            if [[ $cur != -* ]]; then
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return 0
            fi
            ;;
        rules) opts="--help --profile --format --no-config" ;;
        profiles) opts="--help --no-config" ;;
        help)
            # certcheck help [COMMAND]
            mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
            return 0
            ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
    return 0
}

complete -o bashdefault -o default -F _certcheck certcheck
