# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kmsg_global_optspecs
    string join \n profile= b/bootstrap= X= security-protocol= sasl-mechanism= sasl-username= sasl-password-file= tls-ca= tls-cert= tls-key= schema-registry= schema-registry-user= schema-registry-password-file= schema-registry-ca= timeout= log-level= log-format= o/output= h/help V/version
end

function __fish_kmsg_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kmsg_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kmsg_using_subcommand
    set -l cmd (__fish_kmsg_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kmsg -n "__fish_kmsg_needs_command" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_needs_command" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_needs_command" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_needs_command" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_needs_command" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_needs_command" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_needs_command" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "topics" -d 'Create, list, describe and delete topics'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "cluster" -d 'Run a real local Kafka cluster (KRaft, no Docker)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "produce" -d 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "consume" -d 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "view" -d 'Read records without joining a group (exit at the end, or --follow)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "metrics" -d 'Consumer group lag per partition (--group), or a running consumer\'s key figures (--from)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "group" -d 'Consumer groups: list, describe (lag in records and seconds), reset offsets, delete'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "verify" -d 'Audit a pipeline\'s topics: every input id in the output or the DLQ, none lost, duplicates counted (exit 3 when the check fails)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "breaker-test" -d 'Check retries, breaker and DLQ end to end against a failing-then-recovering downstream'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "demo" -d 'Run the whole pipeline for a while: producer, three consumers, DLQ, summary (on an embedded in-memory cluster unless --bootstrap is given)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "dlq" -d 'Dead letters: list, show one, stats, replay to their topic, watch'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "acl" -d 'Apply the pipeline\'s least-privilege ACLs, or list ACLs (secure clusters)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "registry" -d 'Schemas in a Confluent-compatible registry: list, get, register, compatibility, delete'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "profile" -d 'Named profiles from the config file (~/.config/kmsg/config.toml or KMSG_CONFIG)'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c kmsg -n "__fish_kmsg_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "create" -d 'Create the pipeline\'s topics (input, output, DLQ), or one named topic; idempotent'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "list" -d 'List topics with partition count and replication factor'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "describe" -d 'Show partitions, leaders, replicas, ISR and non-default configs'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "alter" -d 'Change a topic: set or delete configs (incrementally: others stay), add partitions'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "delete" -d 'Delete topics (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l input-topic -d 'Input topic of the pipeline' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l output-topic -d 'Output topic of the pipeline' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l dlq-topic -d 'Dead letter topic of the pipeline [default: <input-topic>.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s p -l partitions -d 'Number of partitions' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s r -l replication-factor -d 'Replication factor' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s c -l config -d 'Topic config (repeatable), e.g. --config retention.ms=86400000' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -l all -d 'Include internal topics such as __consumer_offsets'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s c -l config -d 'Set a topic config (repeatable), e.g. --config retention.ms=86400000; the topic\'s other configs are left as they are' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l delete-config -d 'Remove the topic\'s own value of a config (repeatable): it falls back to the broker default' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s p -l partitions -d 'Grow the topic to this many partitions (Kafka cannot remove partitions); records with a key map to other partitions afterwards' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -l dry-run -d 'Have the brokers validate the change and report it, changing nothing'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from alter" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm the deletion'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create the pipeline\'s topics (input, output, DLQ), or one named topic; idempotent'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "list" -d 'List topics with partition count and replication factor'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Show partitions, leaders, replicas, ISR and non-default configs'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "alter" -d 'Change a topic: set or delete configs (incrementally: others stay), add partitions'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete topics (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand topics; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "up" -d 'Start the brokers (formats storage on first start, keeps data after that)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "down" -d 'Stop the brokers (all, or one with --node)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "restart" -d 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "status" -d 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "secrets" -d 'Write a secured cluster\'s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and not __fish_seen_subcommand_from up down restart status secrets help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l state-dir -d 'Folder holding the cluster\'s configuration, data and logs' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l kafka-home -d 'Apache Kafka distribution (a folder with libs/*.jar) [default: ./.cache/kafka]' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s n -l brokers -d 'Number of brokers (each is also a KRaft controller)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l base-port -d 'Client port of the first broker; the others follow (9092, 9093, 9094)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l controller-base-port -d 'Controller port of the first broker [default: base port + 1000]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l heap -d 'Java heap per broker' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l jvm-opts -d 'JVM flags of every node besides the heap (garbage collector, JIT), split on spaces, as in Kafka\'s own scripts; a running node keeps the flags it started with' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l wait -d 'How long to wait for the brokers to register and elect a controller' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -l secure -d 'A locked-down cluster: SASL_SSL (SCRAM-SHA-512) for clients, mutual TLS between controllers, ACLs enforced (nothing allowed without one); a CA, certificates and one password per role (admin, producer, consumer, dlq) are written to the state folder'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l state-dir -d 'Folder holding the cluster\'s configuration, data and logs' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l node -d 'Stop only this node id' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -l purge -d 'Also delete the state folder (data and logs)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l state-dir -d 'Folder holding the cluster\'s configuration, data and logs' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l node -d 'Restart only this node id' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l wait -d 'How long each node may take from its stop until the cluster is healed again (every broker registered, every partition led and fully in sync); also how long a cluster that is not healthy before the restart gets to heal' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l stop-timeout -d 'How long a node gets to stop after SIGTERM before SIGKILL' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -l rolling -d 'Restart every node, one after the other'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l state-dir -d 'Folder holding the cluster\'s configuration, data and logs' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l expect-brokers -d 'Brokers expected; with --bootstrap and no local cluster [default: the local cluster\'s size, else 3]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l out -d 'Folder to write into: ca/ (CA key and every password), broker/, and one folder per role (admin, producer, consumer, dlq); an existing CA and passwords are kept' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l host -d 'A name or IP address the brokers are reached at (repeatable); the broker certificate is valid for exactly these' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -l group-readable -d 'Secret files mode 0640 and folders 0750 instead of 0600/0700, for containers that run as different users of one group'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from secrets" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start the brokers (formats storage on first start, keeps data after that)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop the brokers (all, or one with --node)'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "secrets" -d 'Write a secured cluster\'s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them'
complete -c kmsg -n "__fish_kmsg_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s t -l topic -d 'Topic to write to' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s g -l generate -d 'Generate messages of this kind (instead of reading stdin)' -r -f -a "posts\t'Post messages: message_id, sender_id, content, timestamp, metadata'
login\t'User-login events matching schema.json'"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s f -l file -d 'Read messages from this file, one per line ("-" for stdin; stdin is the default)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l value -d 'Send this one message and print where it landed' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s k -l key -d 'Key of the single message (--value)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s H -l header -d 'Header on every message, repeatable (-H k=v)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l input -d 'Format of piped lines' -r -f -a "json\t'One JSON document per line (checked to be JSON)'
json-envelope\t'A JSON envelope per line: key, value, headers, partition (binary-safe, see README)'
raw\t'Any text, one message per line, not checked'"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s K -l key-separator -d 'Split each piped line into key and value at the first SEP (like kcat -K)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l on-invalid -d 'What to do with a line that is not valid input' -r -f -a "abort\t'Stop at the first bad line (exit 1), after flushing what was sent'
skip\t'Skip it, count it in the summary, and carry on'"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l invalid-ratio -d 'Share of generated messages that are bad on purpose (0..1), for exercising the DLQ' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l seed -d 'Seed for generated messages, to make a run reproducible [default: random, printed in the summary]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l size -d 'Pad generated posts to about this many bytes' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l schema -d 'Validate each outgoing message against this JSON Schema; invalid ones are not sent' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l value-schema -d 'Encode each value (JSON) with this registry subject\'s schema (Avro, Protobuf or JSON Schema) into the Confluent wire format; needs --schema-registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l key-schema -d 'Encode each key the same way (a key that is not JSON is taken as a JSON string)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l value-message -d 'The Protobuf message values are written as (full or short name) [default: the schema\'s first message]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l key-message -d 'The Protobuf message keys are written as [default: the schema\'s first message]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s r -l rate -d 'Messages per second (0 or absent: as fast as possible)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s n -l count -d 'Stop after this many messages' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s d -l duration -d 'Stop after this long (e.g. 30s, 5m)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s p -l partition -d 'Partition to write every message to [default: by key, like the Java client]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l acks -d 'acks: all, 1 or 0 [default: all]' -r -f -a "all\t''
-1\t''
1\t''
0\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s z -l compression -d 'Compression codec [default: none]' -r -f -a "none\t''
gzip\t''
snappy\t''
lz4\t''
zstd\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l linger -d 'How long librdkafka waits to fill a batch (linger.ms) [default: 50ms with --rate, else 20ms]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l batch-size -d 'Maximum batch size in bytes (batch.size)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l delivery-timeout -d 'How long a message may wait for its acknowledgement before it counts as failed (message.timeout.ms) [default: 30s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l flush-timeout -d 'After the last message (or Ctrl-C), how long to wait for outstanding acknowledgements' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l metrics-addr -d 'Serve Prometheus metrics (kafka_producer_*) at /metrics, plus /healthz and /readyz, while producing' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l metrics-linger -d 'After the summary, keep serving --metrics-addr this long so a scraper sees the final figures (Ctrl-C or SIGTERM end it early)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s q -l quiet -d 'No progress display'
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand produce" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s g -l group -d 'Consumer group' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s t -l topic -d 'Topic to consume [default: posts, the pipeline\'s input topic, with a note on stderr that the default was taken]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l output-topic -d 'Topic that valid messages are forwarded to (key and headers preserved); none: only validate' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l dlq-topic -d 'Dead letter topic [default: <topic>.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l schema -d 'JSON Schema every message must satisfy (draft 7 or later; format assertions on); without it a message only has to be JSON' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l value-format -d 'How message values are read: json (UTF-8 JSON text) or registry (the schema registry\'s wire format, Avro, Protobuf or JSON Schema, decoded to JSON before --schema; needs --schema-registry). A value that does not decode is dead-lettered with class deserialization; while the registry cannot be asked, messages are held, not dead-lettered' -r -f -a "json\t''
registry\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l instance-id -d 'This member\'s id, used in logs, metrics and the group [default: <host>-<pid>]. Given, it also makes the member static (group.instance.id): restarted within session.timeout.ms it gets its partitions back without a rebalance of the others, and stopped by a signal it does not leave the group (its partitions wait for it)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l max-retries -d 'Retries of a transient failure after the first attempt (3 = up to 4 attempts); then the message is dead-lettered as retries_exhausted' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l retry-backoff -d 'First retry delay; doubles per retry, with jitter' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l retry-backoff-max -d 'Longest retry delay' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l fail-rate -d 'Fault injection: share of processing attempts that fail transiently (0..1)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l fail-first -d 'Fault injection: the first N attempts of every message fail transiently' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sink-url -d 'HTTP downstream: POST every valid message here (2xx ok; 5xx/429/timeout retried; other 4xx dead-lettered as downstream_rejected); with --output-topic, forwarded after it accepted' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sink-timeout -d 'Longest wait for one downstream call' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sink-concurrency -d 'Downstream calls in flight at once (1..=1024), from different partitions: a partition has at most one call in flight, so its messages keep their order' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l breaker-threshold -d 'Consecutive transient downstream failures that open the circuit breaker' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l breaker-timeout -d 'How long the breaker stays open (consumption paused) before probing' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l breaker-probes -d 'Probe calls allowed in half-open' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s z -l compression -d 'Compression of forwarded and dead-lettered record batches (consumers decompress transparently; the bytes of each value and its headers are unchanged). lz4 cuts what the brokers write and replicate several times over for JSON at little CPU cost [default: lz4]' -r -f -a "none\t''
gzip\t''
snappy\t''
lz4\t''
zstd\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l txn-max-messages -d 'With --exactly-once: commit the transaction after this many messages' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l txn-max-interval -d 'With --exactly-once: commit the transaction at least this often' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l seed -d 'Seed of the fault injector, for reproducible runs' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l offset-reset -d 'Where a group with no committed offsets starts' -r -f -a "earliest\t''
latest\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l max-messages -d 'Stop after this many messages have a durable outcome' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l idle-timeout -d 'Stop when no message arrived for this long since the last message or partition assignment, nothing is in flight and the group has no lag on the topic; the clock does not run while the member joins or rebalances' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l commit-interval -d 'How often committable offsets are committed' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l shutdown-timeout -d 'The longest stop, from SIGTERM/SIGINT (or the idle or max-messages stop) to exit: in-flight outcomes get up to three quarters of it (the rest, at most 5 s, is for the commit and leaving the group); what is not durable by then is not committed (consumed again later) and the exit code is 1. Keep it below the pod\'s terminationGracePeriodSeconds' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l metrics-addr -d 'Serve Prometheus metrics at /metrics, plus /healthz and /readyz (e.g. 0.0.0.0:8000)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -l exactly-once -d 'Exactly-once: output records, dead letters and consumed offsets commit atomically in Kafka transactions (needs a stable --instance-id: the transactional.id derives from it)'
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand consume" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s t -l topic -d 'Topic to read' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s p -l partition -d 'Only this partition' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l offset -d 'Start at this offset (needs --partition)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l last -d 'Start N records before the end of each partition' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l since -d 'Start at records newer than this: a duration ago (10m, 2h) or an RFC 3339 time' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l until -d 'Stop each partition at a point: an OFFSET (1500: the records before it), an RFC 3339 TIME (the records stamped before it), or +DURATION after the start (the --since time, else now: `--follow --until +5m` follows for 5 minutes); works with --follow' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l format -d 'Print each record by a kcat -f template, byte for byte as kcat does: %t topic, %p partition, %o offset, %k key, %s value, %K/%S their lengths (-1: null), %R value length as 4 big-endian bytes, %T timestamp (ms), %h headers (name=value,...), %%; escapes \\n \\t \\r \\xNN; no newline is added (e.g. \'%k\\t%s\\n\'); replaces -o' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s n -l max -d 'Stop after this many records' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l filter -d 'Only records for which this jq expression is true, e.g. \'.value.device_type == "iOS"\'; a record is {key, value, headers, topic, partition, offset, timestamp}, its value parsed as JSON when it is JSON (see the README)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l decode -d 'Registry-framed records (Avro, Protobuf, JSON Schema): decode them to JSON through --schema-registry (auto: when a known schema id fits), always (registry), or never (raw)' -r -f -a "auto\t'Decode through the schema registry when the bytes are registry-framed with an id the registry knows (and a registry is given); show the bytes otherwise'
registry\t'Decode every key and value through the registry; say why one does not decode'
raw\t'Show the bytes as they are'"
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l from-beginning -d 'Start at the beginning of each partition (the default)'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s f -l follow -d 'Keep reading new records instead of stopping at the end'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l count -d 'Print only the number of matching records ({"count": N} with -o json)'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -l pretty -d 'Pretty-print JSON values (table and raw output)'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand view" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s g -l group -d 'Consumer group: state, members and their partitions, committed and end offsets, lag in records and seconds, time to drain (as `kmsg group describe`)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s t -l topic -d 'Only these topics (repeatable) [default: every topic the group has offsets or members in]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l rate-window -d 'How long to watch the committed offsets to estimate the group\'s pace and its time to drain the lag (0 turns the estimate off)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l from -d 'A running `kmsg consume --metrics-addr`: e.g. http://localhost:8000 (its /metrics)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s w -l watch -d 'Refresh every interval, in place, until Ctrl-C' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand metrics" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "list" -d 'Consumer groups with state, protocol type, assignor and member count'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "describe" -d 'A group\'s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "reset-offsets" -d 'Move a stopped group\'s committed offsets (dry run unless --execute; backs up first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "delete" -d 'Delete a stopped group and its committed offsets (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "delete-offsets" -d 'Delete a group\'s committed offsets of a topic (or some of its partitions)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and not __fish_seen_subcommand_from list describe reset-offsets delete delete-offsets help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s g -l group -d 'Consumer group' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s t -l topic -d 'Only these topics (repeatable) [default: every topic the group has offsets or members in]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l rate-window -d 'How long to watch the committed offsets to estimate the group\'s pace and its time to drain the lag (0 turns the estimate off)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s g -l group -d 'Consumer group (it must exist and have no members)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s t -l topic -d 'Topic to reset, all its partitions or some: TOPIC or TOPIC:0,2 (repeatable; with --from-file, only these of the file\'s partitions)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l to-offset -d 'To this offset (clamped to what the partition holds)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l to-datetime -d 'To the first record at or after this time (RFC 3339, e.g. 2026-12-03T10:00:00Z)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l by-duration -d 'To the first record at or after this long ago (e.g. 1h, 30m)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l shift-by -d 'Move each committed offset by N records (-10 re-reads ten, +5 skips five)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l from-file -d 'To the offsets in a backup file a reset wrote (undoes that reset)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l backup -d 'Where --execute writes the current offsets first [default: ./kmsg-offsets-<group>-<UTC time>.json]; must not exist yet' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l to-earliest -d 'To the first offset each partition holds'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l to-latest -d 'To the end of each partition (skip everything not yet consumed)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -l execute -d 'Apply the change (without it: a dry run that prints current → new and changes nothing)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from reset-offsets" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s g -l group -d 'Consumer group (it must have no members)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm the deletion'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s g -l group -d 'Consumer group' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s t -l topic -d 'Topic whose offsets to delete: TOPIC or TOPIC:0,2 (repeatable)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from delete-offsets" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'Consumer groups with state, protocol type, assignor and member count'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "describe" -d 'A group\'s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "reset-offsets" -d 'Move a stopped group\'s committed offsets (dry run unless --execute; backs up first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a stopped group and its committed offsets (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "delete-offsets" -d 'Delete a group\'s committed offsets of a topic (or some of its partitions)'
complete -c kmsg -n "__fish_kmsg_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s i -l input -l input-topic -d 'The pipeline\'s input topic: every record id in it must be downstream' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l output-topic -d 'The topic the pipeline forwards to (`--output-topic` like `consume`: `-o/--output` is the output format)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l dlq-topic -l dlq -d 'The pipeline\'s dead letter topic [default: <input>.dlq; when that default does not exist, only the output is read, with a note]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l id-field -d 'Take each record\'s id from this field of its JSON value (a top-level name, or a dotted path like user.id) instead of its key' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l show -d 'List at most this many ids of each kind (lost, duplicated, unexpected) and copies of each duplicate; the counts are always exact' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -l exactly-once -d 'Fail on any duplicate too (exactly-once); without it duplicates are reported but the check passes (at-least-once)'
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand verify" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l messages -d 'Messages to send through the pipeline' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l outage -d 'How long the downstream fails (503) from its first request' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l breaker-threshold -d 'Consecutive failures that open the breaker' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l breaker-timeout -d 'How long the breaker stays open before a probe' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l max-retries -d 'Retries of a transient failure before a message is dead-lettered' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l deadline -d 'Give up (FAIL) when the pipeline has not finished by then' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand breaker-test" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s d -l duration -d 'How long the producer runs' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s r -l rate -d 'Messages per second' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l invalid-ratio -d 'Share of bad messages (they end in the DLQ with their reasons)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l fail-rate -d 'Share of processing attempts of the flaky downstream that fail (retried)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l instances -d 'Consumer instances in the group' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand demo" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "list" -d 'A table of dead letters: when, where from, stage, error class, message'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "show" -d 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "stats" -d 'Counts by error class, by original topic and over time, with a bar chart'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "replay" -d 'Re-send selected dead letters to their original topic (or --to); resumable'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "watch" -d 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and not __fish_seen_subcommand_from list show stats replay watch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s t -l topic -d 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l reason -d 'Only this error class (e.g. schema_validation, retries_exhausted)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l since -d 'Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l original-topic -d 'Only dead letters that came from this topic' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s n -l max -d 'Show at most this many (the newest)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l filter -d 'Only dead letters for which this jq expression is true, e.g. \'.headers["kmsg.dlq.error.class"] == "schema_validation"\'; a record is {key, value, headers, topic, partition, offset, timestamp} (see the README)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l decode -d 'Registry-framed values: decode them to JSON (auto: when a known schema id fits)' -r -f -a "auto\t'Decode through the schema registry when the bytes are registry-framed with an id the registry knows (and a registry is given); show the bytes otherwise'
registry\t'Decode every key and value through the registry; say why one does not decode'
raw\t'Show the bytes as they are'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -l count -d 'Print only the number of matching dead letters ({"count": N} with -o json)'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s t -l topic -d 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l decode -d 'A registry-framed key or value: decode it to JSON (auto: when a known schema id fits)' -r -f -a "auto\t'Decode through the schema registry when the bytes are registry-framed with an id the registry knows (and a registry is given); show the bytes otherwise'
registry\t'Decode every key and value through the registry; say why one does not decode'
raw\t'Show the bytes as they are'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s t -l topic -d 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l since -d 'Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -l per-minute -d 'Count per minute instead of per hour'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s t -l topic -d 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l reason -d 'Only this error class' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l original-topic -d 'Only dead letters that came from this topic' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l to -d 'Send to this topic instead of each record\'s original topic' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l max-replays -d 'Refuse records already replayed this many times (a poison pill must not ping-pong)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l group -d 'Consumer group that records the replay\'s progress, so an interrupted replay resumes [default: derived from the DLQ topic, the filters and --to]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -l dry-run -d 'Show what would be replayed; send and commit nothing'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s t -l topic -d 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s g -l group -d 'Consumer group of the watcher' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l metrics-addr -d 'Serve Prometheus metrics at /metrics, plus /healthz and /readyz' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l idle-timeout -d 'Stop when no dead letter arrived for this long (for scripts)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from watch" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "list" -d 'A table of dead letters: when, where from, stage, error class, message'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "show" -d 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Counts by error class, by original topic and over time, with a bar chart'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Re-send selected dead letters to their original topic (or --to); resumable'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "watch" -d 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics'
complete -c kmsg -n "__fish_kmsg_using_subcommand dlq; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -f -a "apply" -d 'Create the ACLs of the producer, consumer and dlq roles for the pipeline\'s topics and group (idempotent; run it as the admin user)'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -f -a "list" -d 'List the cluster\'s ACLs'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and not __fish_seen_subcommand_from apply list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l input-topic -d 'Input topic: the producer writes it, the consumer reads it, DLQ replay writes it' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l output-topic -d 'Output topic: the consumer writes it' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l dlq-topic -d 'Dead letter topic: the consumer writes it, the dlq user reads it [default: <input-topic>.dlq]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s g -l group -d 'The consumer\'s group (the only group the consumer user may join)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l dlq-group-prefix -d 'Prefix of the groups the dlq user may use (`dlq watch`, `dlq replay`)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l principal -d 'Only the ACLs of this principal (e.g. User:producer, or just producer)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Create the ACLs of the producer, consumer and dlq roles for the pipeline\'s topics and group (idempotent; run it as the admin user)'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the cluster\'s ACLs'
complete -c kmsg -n "__fish_kmsg_using_subcommand acl; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "subjects" -d 'List the registry\'s subjects'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "versions" -d 'List a subject\'s versions'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "get" -d 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "register" -d 'Register a schema file under a subject (its compatibility is checked first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "compatibility" -d 'Show a subject\'s compatibility level, or set it with --set'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "delete" -d 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and not __fish_seen_subcommand_from subjects versions get register compatibility delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from subjects" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from versions" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l id -d 'The schema with this global id' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l type -d 'The schema type [default: from the file\'s extension: .avsc, .proto, .json]' -r -f -a "avro\t''
protobuf\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from register" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l set -d 'Set the level: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from compatibility" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l yes -d 'Confirm the deletion'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -l permanent -d 'Delete the subject for good (after the registry\'s soft delete, which keeps its ids resolvable and lets it be registered again)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "subjects" -d 'List the registry\'s subjects'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "versions" -d 'List a subject\'s versions'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "register" -d 'Register a schema file under a subject (its compatibility is checked first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "compatibility" -d 'Show a subject\'s compatibility level, or set it with --set'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand registry; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'The profiles in the config file, which one is the default, and the file\'s path'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'One profile\'s settings (password files as paths, never their contents)'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'The profiles in the config file, which one is the default, and the file\'s path'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'One profile\'s settings (password files as paths, never their contents)'
complete -c kmsg -n "__fish_kmsg_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l profile -d 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file\'s `default`, if any]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -s b -l bootstrap -d 'Kafka bootstrap servers, comma separated [default: localhost:9092]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -s X -d 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l security-protocol -d 'Security protocol for the client connection' -r -f -a "PLAINTEXT\t''
SSL\t''
SASL_PLAINTEXT\t''
SASL_SSL\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l sasl-mechanism -d 'SASL mechanism' -r -f -a "PLAIN\t''
SCRAM-SHA-256\t''
SCRAM-SHA-512\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l sasl-username -d 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l sasl-password-file -d 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l tls-ca -d 'CA certificate (PEM) to verify the brokers' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l tls-cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l tls-key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l schema-registry -d 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l schema-registry-user -d 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l schema-registry-password-file -d 'File holding the schema registry password (first line)' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l schema-registry-ca -d 'CA certificate (PEM) to verify an https schema registry' -r -F
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l timeout -d 'How long to wait for the cluster before giving up [default: 10s]' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l log-level -d 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info' -r
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -l log-format -d 'Log format on stderr (json: one object per line, for log collectors)' -r -f -a "text\t''
json\t''"
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -s o -l output -d 'How results are printed on stdout' -r -f -a "table\t'Human-readable tables'
json\t'JSON: one document per finite result; streams (view, dlq watch) one object per line'
raw\t'Values only, one per line (view); other commands print tables'"
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kmsg -n "__fish_kmsg_using_subcommand completions" -s V -l version -d 'Print version'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "topics" -d 'Create, list, describe and delete topics'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "cluster" -d 'Run a real local Kafka cluster (KRaft, no Docker)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "produce" -d 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "consume" -d 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "view" -d 'Read records without joining a group (exit at the end, or --follow)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "metrics" -d 'Consumer group lag per partition (--group), or a running consumer\'s key figures (--from)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "group" -d 'Consumer groups: list, describe (lag in records and seconds), reset offsets, delete'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "verify" -d 'Audit a pipeline\'s topics: every input id in the output or the DLQ, none lost, duplicates counted (exit 3 when the check fails)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "breaker-test" -d 'Check retries, breaker and DLQ end to end against a failing-then-recovering downstream'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "demo" -d 'Run the whole pipeline for a while: producer, three consumers, DLQ, summary (on an embedded in-memory cluster unless --bootstrap is given)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "dlq" -d 'Dead letters: list, show one, stats, replay to their topic, watch'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "acl" -d 'Apply the pipeline\'s least-privilege ACLs, or list ACLs (secure clusters)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "registry" -d 'Schemas in a Confluent-compatible registry: list, get, register, compatibility, delete'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "profile" -d 'Named profiles from the config file (~/.config/kmsg/config.toml or KMSG_CONFIG)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "completions" -d 'Print shell completions'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and not __fish_seen_subcommand_from topics cluster produce consume view metrics group verify breaker-test demo dlq acl registry profile completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "create" -d 'Create the pipeline\'s topics (input, output, DLQ), or one named topic; idempotent'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "list" -d 'List topics with partition count and replication factor'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "describe" -d 'Show partitions, leaders, replicas, ISR and non-default configs'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "alter" -d 'Change a topic: set or delete configs (incrementally: others stay), add partitions'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from topics" -f -a "delete" -d 'Delete topics (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "up" -d 'Start the brokers (formats storage on first start, keeps data after that)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "down" -d 'Stop the brokers (all, or one with --node)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "restart" -d 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "secrets" -d 'Write a secured cluster\'s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'Consumer groups with state, protocol type, assignor and member count'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "describe" -d 'A group\'s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "reset-offsets" -d 'Move a stopped group\'s committed offsets (dry run unless --execute; backs up first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "delete" -d 'Delete a stopped group and its committed offsets (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "delete-offsets" -d 'Delete a group\'s committed offsets of a topic (or some of its partitions)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from dlq" -f -a "list" -d 'A table of dead letters: when, where from, stage, error class, message'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from dlq" -f -a "show" -d 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from dlq" -f -a "stats" -d 'Counts by error class, by original topic and over time, with a bar chart'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from dlq" -f -a "replay" -d 'Re-send selected dead letters to their original topic (or --to); resumable'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from dlq" -f -a "watch" -d 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from acl" -f -a "apply" -d 'Create the ACLs of the producer, consumer and dlq roles for the pipeline\'s topics and group (idempotent; run it as the admin user)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from acl" -f -a "list" -d 'List the cluster\'s ACLs'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "subjects" -d 'List the registry\'s subjects'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "versions" -d 'List a subject\'s versions'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "get" -d 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "register" -d 'Register a schema file under a subject (its compatibility is checked first)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "compatibility" -d 'Show a subject\'s compatibility level, or set it with --set'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from registry" -f -a "delete" -d 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'The profiles in the config file, which one is the default, and the file\'s path'
complete -c kmsg -n "__fish_kmsg_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'One profile\'s settings (password files as paths, never their contents)'
