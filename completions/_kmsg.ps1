
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kmsg' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kmsg'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kmsg' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'Create, list, describe and delete topics')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Run a real local Kafka cluster (KRaft, no Docker)')
            [CompletionResult]::new('produce', 'produce', [CompletionResultType]::ParameterValue, 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary')
            [CompletionResult]::new('consume', 'consume', [CompletionResultType]::ParameterValue, 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Read records without joining a group (exit at the end, or --follow)')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Consumer group lag per partition (--group), or a running consumer''s key figures (--from)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Consumer groups: list, describe (lag in records and seconds), reset offsets, delete')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Audit a pipeline''s topics: every input id in the output or the DLQ, none lost, duplicates counted (exit 3 when the check fails)')
            [CompletionResult]::new('breaker-test', 'breaker-test', [CompletionResultType]::ParameterValue, 'Check retries, breaker and DLQ end to end against a failing-then-recovering downstream')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline for a while: producer, three consumers, DLQ, summary (on an embedded in-memory cluster unless --bootstrap is given)')
            [CompletionResult]::new('dlq', 'dlq', [CompletionResultType]::ParameterValue, 'Dead letters: list, show one, stats, replay to their topic, watch')
            [CompletionResult]::new('acl', 'acl', [CompletionResultType]::ParameterValue, 'Apply the pipeline''s least-privilege ACLs, or list ACLs (secure clusters)')
            [CompletionResult]::new('registry', 'registry', [CompletionResultType]::ParameterValue, 'Schemas in a Confluent-compatible registry: list, get, register, compatibility, delete')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Named profiles from the config file (~/.config/kmsg/config.toml or KMSG_CONFIG)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;topics' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count and replication factor')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show partitions, leaders, replicas, ISR and non-default configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic: set or delete configs (incrementally: others stay), add partitions')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (needs --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;topics;create' {
            [CompletionResult]::new('--input-topic', '--input-topic', [CompletionResultType]::ParameterName, 'Input topic of the pipeline')
            [CompletionResult]::new('--output-topic', '--output-topic', [CompletionResultType]::ParameterName, 'Output topic of the pipeline')
            [CompletionResult]::new('--dlq-topic', '--dlq-topic', [CompletionResultType]::ParameterName, 'Dead letter topic of the pipeline [default: <input-topic>.dlq]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Number of partitions')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Number of partitions')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Replication factor')
            [CompletionResult]::new('--replication-factor', '--replication-factor', [CompletionResultType]::ParameterName, 'Replication factor')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Topic config (repeatable), e.g. --config retention.ms=86400000')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Topic config (repeatable), e.g. --config retention.ms=86400000')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;topics;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include internal topics such as __consumer_offsets')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;topics;describe' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;topics;alter' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Set a topic config (repeatable), e.g. --config retention.ms=86400000; the topic''s other configs are left as they are')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Set a topic config (repeatable), e.g. --config retention.ms=86400000; the topic''s other configs are left as they are')
            [CompletionResult]::new('--delete-config', '--delete-config', [CompletionResultType]::ParameterName, 'Remove the topic''s own value of a config (repeatable): it falls back to the broker default')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Grow the topic to this many partitions (Kafka cannot remove partitions); records with a key map to other partitions afterwards')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Grow the topic to this many partitions (Kafka cannot remove partitions); records with a key map to other partitions afterwards')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Have the brokers validate the change and report it, changing nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;topics;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;topics;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count and replication factor')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show partitions, leaders, replicas, ISR and non-default configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic: set or delete configs (incrementally: others stay), add partitions')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (needs --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;topics;help;create' {
            break
        }
        'kmsg;topics;help;list' {
            break
        }
        'kmsg;topics;help;describe' {
            break
        }
        'kmsg;topics;help;alter' {
            break
        }
        'kmsg;topics;help;delete' {
            break
        }
        'kmsg;topics;help;help' {
            break
        }
        'kmsg;cluster' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the brokers (formats storage on first start, keeps data after that)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the brokers (all, or one with --node)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Write a secured cluster''s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;cluster;up' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Folder holding the cluster''s configuration, data and logs')
            [CompletionResult]::new('--kafka-home', '--kafka-home', [CompletionResultType]::ParameterName, 'Apache Kafka distribution (a folder with libs/*.jar) [default: ./.cache/kafka]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of brokers (each is also a KRaft controller)')
            [CompletionResult]::new('--brokers', '--brokers', [CompletionResultType]::ParameterName, 'Number of brokers (each is also a KRaft controller)')
            [CompletionResult]::new('--base-port', '--base-port', [CompletionResultType]::ParameterName, 'Client port of the first broker; the others follow (9092, 9093, 9094)')
            [CompletionResult]::new('--controller-base-port', '--controller-base-port', [CompletionResultType]::ParameterName, 'Controller port of the first broker [default: base port + 1000]')
            [CompletionResult]::new('--heap', '--heap', [CompletionResultType]::ParameterName, 'Java heap per broker')
            [CompletionResult]::new('--jvm-opts', '--jvm-opts', [CompletionResultType]::ParameterName, 'JVM flags of every node besides the heap (garbage collector, JIT), split on spaces, as in Kafka''s own scripts; a running node keeps the flags it started with')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for the brokers to register and elect a controller')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--secure', '--secure', [CompletionResultType]::ParameterName, 'A locked-down cluster: SASL_SSL (SCRAM-SHA-512) for clients, mutual TLS between controllers, ACLs enforced (nothing allowed without one); a CA, certificates and one password per role (admin, producer, consumer, dlq) are written to the state folder')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;cluster;down' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Folder holding the cluster''s configuration, data and logs')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Stop only this node id')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the state folder (data and logs)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;cluster;restart' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Folder holding the cluster''s configuration, data and logs')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'Restart only this node id')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long each node may take from its stop until the cluster is healed again (every broker registered, every partition led and fully in sync); also how long a cluster that is not healthy before the restart gets to heal')
            [CompletionResult]::new('--stop-timeout', '--stop-timeout', [CompletionResultType]::ParameterName, 'How long a node gets to stop after SIGTERM before SIGKILL')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--rolling', '--rolling', [CompletionResultType]::ParameterName, 'Restart every node, one after the other')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;cluster;status' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Folder holding the cluster''s configuration, data and logs')
            [CompletionResult]::new('--expect-brokers', '--expect-brokers', [CompletionResultType]::ParameterName, 'Brokers expected; with --bootstrap and no local cluster [default: the local cluster''s size, else 3]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;cluster;secrets' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Folder to write into: ca/ (CA key and every password), broker/, and one folder per role (admin, producer, consumer, dlq); an existing CA and passwords are kept')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'A name or IP address the brokers are reached at (repeatable); the broker certificate is valid for exactly these')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--group-readable', '--group-readable', [CompletionResultType]::ParameterName, 'Secret files mode 0640 and folders 0750 instead of 0600/0700, for containers that run as different users of one group')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;cluster;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the brokers (formats storage on first start, keeps data after that)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the brokers (all, or one with --node)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Write a secured cluster''s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;cluster;help;up' {
            break
        }
        'kmsg;cluster;help;down' {
            break
        }
        'kmsg;cluster;help;restart' {
            break
        }
        'kmsg;cluster;help;status' {
            break
        }
        'kmsg;cluster;help;secrets' {
            break
        }
        'kmsg;cluster;help;help' {
            break
        }
        'kmsg;produce' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Topic to write to')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic to write to')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Generate messages of this kind (instead of reading stdin)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Generate messages of this kind (instead of reading stdin)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read messages from this file, one per line ("-" for stdin; stdin is the default)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read messages from this file, one per line ("-" for stdin; stdin is the default)')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'Send this one message and print where it landed')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Key of the single message (--value)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key of the single message (--value)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Header on every message, repeatable (-H k=v)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Header on every message, repeatable (-H k=v)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'Format of piped lines')
            [CompletionResult]::new('-K', '-K ', [CompletionResultType]::ParameterName, 'Split each piped line into key and value at the first SEP (like kcat -K)')
            [CompletionResult]::new('--key-separator', '--key-separator', [CompletionResultType]::ParameterName, 'Split each piped line into key and value at the first SEP (like kcat -K)')
            [CompletionResult]::new('--on-invalid', '--on-invalid', [CompletionResultType]::ParameterName, 'What to do with a line that is not valid input')
            [CompletionResult]::new('--invalid-ratio', '--invalid-ratio', [CompletionResultType]::ParameterName, 'Share of generated messages that are bad on purpose (0..1), for exercising the DLQ')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for generated messages, to make a run reproducible [default: random, printed in the summary]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Pad generated posts to about this many bytes')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Validate each outgoing message against this JSON Schema; invalid ones are not sent')
            [CompletionResult]::new('--value-schema', '--value-schema', [CompletionResultType]::ParameterName, 'Encode each value (JSON) with this registry subject''s schema (Avro, Protobuf or JSON Schema) into the Confluent wire format; needs --schema-registry')
            [CompletionResult]::new('--key-schema', '--key-schema', [CompletionResultType]::ParameterName, 'Encode each key the same way (a key that is not JSON is taken as a JSON string)')
            [CompletionResult]::new('--value-message', '--value-message', [CompletionResultType]::ParameterName, 'The Protobuf message values are written as (full or short name) [default: the schema''s first message]')
            [CompletionResult]::new('--key-message', '--key-message', [CompletionResultType]::ParameterName, 'The Protobuf message keys are written as [default: the schema''s first message]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Messages per second (0 or absent: as fast as possible)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Messages per second (0 or absent: as fast as possible)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many messages')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after this many messages')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 5m)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Stop after this long (e.g. 30s, 5m)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Partition to write every message to [default: by key, like the Java client]')
            [CompletionResult]::new('--partition', '--partition', [CompletionResultType]::ParameterName, 'Partition to write every message to [default: by key, like the Java client]')
            [CompletionResult]::new('--acks', '--acks', [CompletionResultType]::ParameterName, 'acks: all, 1 or 0 [default: all]')
            [CompletionResult]::new('-z', '-z', [CompletionResultType]::ParameterName, 'Compression codec [default: none]')
            [CompletionResult]::new('--compression', '--compression', [CompletionResultType]::ParameterName, 'Compression codec [default: none]')
            [CompletionResult]::new('--linger', '--linger', [CompletionResultType]::ParameterName, 'How long librdkafka waits to fill a batch (linger.ms) [default: 50ms with --rate, else 20ms]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Maximum batch size in bytes (batch.size)')
            [CompletionResult]::new('--delivery-timeout', '--delivery-timeout', [CompletionResultType]::ParameterName, 'How long a message may wait for its acknowledgement before it counts as failed (message.timeout.ms) [default: 30s]')
            [CompletionResult]::new('--flush-timeout', '--flush-timeout', [CompletionResultType]::ParameterName, 'After the last message (or Ctrl-C), how long to wait for outstanding acknowledgements')
            [CompletionResult]::new('--metrics-addr', '--metrics-addr', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics (kafka_producer_*) at /metrics, plus /healthz and /readyz, while producing')
            [CompletionResult]::new('--metrics-linger', '--metrics-linger', [CompletionResultType]::ParameterName, 'After the summary, keep serving --metrics-addr this long so a scraper sees the final figures (Ctrl-C or SIGTERM end it early)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress display')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress display')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;consume' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Topic to consume [default: posts, the pipeline''s input topic, with a note on stderr that the default was taken]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic to consume [default: posts, the pipeline''s input topic, with a note on stderr that the default was taken]')
            [CompletionResult]::new('--output-topic', '--output-topic', [CompletionResultType]::ParameterName, 'Topic that valid messages are forwarded to (key and headers preserved); none: only validate')
            [CompletionResult]::new('--dlq-topic', '--dlq-topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <topic>.dlq]')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'JSON Schema every message must satisfy (draft 7 or later; format assertions on); without it a message only has to be JSON')
            [CompletionResult]::new('--value-format', '--value-format', [CompletionResultType]::ParameterName, 'How message values are read: json (UTF-8 JSON text) or registry (the schema registry''s wire format, Avro, Protobuf or JSON Schema, decoded to JSON before --schema; needs --schema-registry). A value that does not decode is dead-lettered with class deserialization; while the registry cannot be asked, messages are held, not dead-lettered')
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'This member''s id, used in logs, metrics and the group [default: <host>-<pid>]. Given, it also makes the member static (group.instance.id): restarted within session.timeout.ms it gets its partitions back without a rebalance of the others, and stopped by a signal it does not leave the group (its partitions wait for it)')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure after the first attempt (3 = up to 4 attempts); then the message is dead-lettered as retries_exhausted')
            [CompletionResult]::new('--retry-backoff', '--retry-backoff', [CompletionResultType]::ParameterName, 'First retry delay; doubles per retry, with jitter')
            [CompletionResult]::new('--retry-backoff-max', '--retry-backoff-max', [CompletionResultType]::ParameterName, 'Longest retry delay')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Fault injection: share of processing attempts that fail transiently (0..1)')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Fault injection: the first N attempts of every message fail transiently')
            [CompletionResult]::new('--sink-url', '--sink-url', [CompletionResultType]::ParameterName, 'HTTP downstream: POST every valid message here (2xx ok; 5xx/429/timeout retried; other 4xx dead-lettered as downstream_rejected); with --output-topic, forwarded after it accepted')
            [CompletionResult]::new('--sink-timeout', '--sink-timeout', [CompletionResultType]::ParameterName, 'Longest wait for one downstream call')
            [CompletionResult]::new('--sink-concurrency', '--sink-concurrency', [CompletionResultType]::ParameterName, 'Downstream calls in flight at once (1..=1024), from different partitions: a partition has at most one call in flight, so its messages keep their order')
            [CompletionResult]::new('--breaker-threshold', '--breaker-threshold', [CompletionResultType]::ParameterName, 'Consecutive transient downstream failures that open the circuit breaker')
            [CompletionResult]::new('--breaker-timeout', '--breaker-timeout', [CompletionResultType]::ParameterName, 'How long the breaker stays open (consumption paused) before probing')
            [CompletionResult]::new('--breaker-probes', '--breaker-probes', [CompletionResultType]::ParameterName, 'Probe calls allowed in half-open')
            [CompletionResult]::new('-z', '-z', [CompletionResultType]::ParameterName, 'Compression of forwarded and dead-lettered record batches (consumers decompress transparently; the bytes of each value and its headers are unchanged). lz4 cuts what the brokers write and replicate several times over for JSON at little CPU cost [default: lz4]')
            [CompletionResult]::new('--compression', '--compression', [CompletionResultType]::ParameterName, 'Compression of forwarded and dead-lettered record batches (consumers decompress transparently; the bytes of each value and its headers are unchanged). lz4 cuts what the brokers write and replicate several times over for JSON at little CPU cost [default: lz4]')
            [CompletionResult]::new('--txn-max-messages', '--txn-max-messages', [CompletionResultType]::ParameterName, 'With --exactly-once: commit the transaction after this many messages')
            [CompletionResult]::new('--txn-max-interval', '--txn-max-interval', [CompletionResultType]::ParameterName, 'With --exactly-once: commit the transaction at least this often')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the fault injector, for reproducible runs')
            [CompletionResult]::new('--offset-reset', '--offset-reset', [CompletionResultType]::ParameterName, 'Where a group with no committed offsets starts')
            [CompletionResult]::new('--max-messages', '--max-messages', [CompletionResultType]::ParameterName, 'Stop after this many messages have a durable outcome')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Stop when no message arrived for this long since the last message or partition assignment, nothing is in flight and the group has no lag on the topic; the clock does not run while the member joins or rebalances')
            [CompletionResult]::new('--commit-interval', '--commit-interval', [CompletionResultType]::ParameterName, 'How often committable offsets are committed')
            [CompletionResult]::new('--shutdown-timeout', '--shutdown-timeout', [CompletionResultType]::ParameterName, 'The longest stop, from SIGTERM/SIGINT (or the idle or max-messages stop) to exit: in-flight outcomes get up to three quarters of it (the rest, at most 5 s, is for the commit and leaving the group); what is not durable by then is not committed (consumed again later) and the exit code is 1. Keep it below the pod''s terminationGracePeriodSeconds')
            [CompletionResult]::new('--metrics-addr', '--metrics-addr', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at /metrics, plus /healthz and /readyz (e.g. 0.0.0.0:8000)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--exactly-once', '--exactly-once', [CompletionResultType]::ParameterName, 'Exactly-once: output records, dead letters and consumed offsets commit atomically in Kafka transactions (needs a stable --instance-id: the transactional.id derives from it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;view' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Topic to read')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic to read')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only this partition')
            [CompletionResult]::new('--partition', '--partition', [CompletionResultType]::ParameterName, 'Only this partition')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Start at this offset (needs --partition)')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'Start N records before the end of each partition')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start at records newer than this: a duration ago (10m, 2h) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Stop each partition at a point: an OFFSET (1500: the records before it), an RFC 3339 TIME (the records stamped before it), or +DURATION after the start (the --since time, else now: `--follow --until +5m` follows for 5 minutes); works with --follow')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print each record by a kcat -f template, byte for byte as kcat does: %t topic, %p partition, %o offset, %k key, %s value, %K/%S their lengths (-1: null), %R value length as 4 big-endian bytes, %T timestamp (ms), %h headers (name=value,...), %%; escapes \n \t \r \xNN; no newline is added (e.g. ''%k\t%s\n''); replaces -o')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Stop after this many records')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Stop after this many records')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only records for which this jq expression is true, e.g. ''.value.device_type == "iOS"''; a record is {key, value, headers, topic, partition, offset, timestamp}, its value parsed as JSON when it is JSON (see the README)')
            [CompletionResult]::new('--decode', '--decode', [CompletionResultType]::ParameterName, 'Registry-framed records (Avro, Protobuf, JSON Schema): decode them to JSON through --schema-registry (auto: when a known schema id fits), always (registry), or never (raw)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--from-beginning', '--from-beginning', [CompletionResultType]::ParameterName, 'Start at the beginning of each partition (the default)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep reading new records instead of stopping at the end')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep reading new records instead of stopping at the end')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print only the number of matching records ({"count": N} with -o json)')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Pretty-print JSON values (table and raw output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;metrics' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group: state, members and their partitions, committed and end offsets, lag in records and seconds, time to drain (as `kmsg group describe`)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group: state, members and their partitions, committed and end offsets, lag in records and seconds, time to drain (as `kmsg group describe`)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only these topics (repeatable) [default: every topic the group has offsets or members in]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only these topics (repeatable) [default: every topic the group has offsets or members in]')
            [CompletionResult]::new('--rate-window', '--rate-window', [CompletionResultType]::ParameterName, 'How long to watch the committed offsets to estimate the group''s pace and its time to drain the lag (0 turns the estimate off)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'A running `kmsg consume --metrics-addr`: e.g. http://localhost:8000 (its /metrics)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Refresh every interval, in place, until Ctrl-C')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Refresh every interval, in place, until Ctrl-C')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Consumer groups with state, protocol type, assignor and member count')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'A group''s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag')
            [CompletionResult]::new('reset-offsets', 'reset-offsets', [CompletionResultType]::ParameterValue, 'Move a stopped group''s committed offsets (dry run unless --execute; backs up first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stopped group and its committed offsets (needs --yes)')
            [CompletionResult]::new('delete-offsets', 'delete-offsets', [CompletionResultType]::ParameterValue, 'Delete a group''s committed offsets of a topic (or some of its partitions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;group;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group;describe' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only these topics (repeatable) [default: every topic the group has offsets or members in]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Only these topics (repeatable) [default: every topic the group has offsets or members in]')
            [CompletionResult]::new('--rate-window', '--rate-window', [CompletionResultType]::ParameterName, 'How long to watch the committed offsets to estimate the group''s pace and its time to drain the lag (0 turns the estimate off)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group;reset-offsets' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group (it must exist and have no members)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group (it must exist and have no members)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Topic to reset, all its partitions or some: TOPIC or TOPIC:0,2 (repeatable; with --from-file, only these of the file''s partitions)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic to reset, all its partitions or some: TOPIC or TOPIC:0,2 (repeatable; with --from-file, only these of the file''s partitions)')
            [CompletionResult]::new('--to-offset', '--to-offset', [CompletionResultType]::ParameterName, 'To this offset (clamped to what the partition holds)')
            [CompletionResult]::new('--to-datetime', '--to-datetime', [CompletionResultType]::ParameterName, 'To the first record at or after this time (RFC 3339, e.g. 2026-12-03T10:00:00Z)')
            [CompletionResult]::new('--by-duration', '--by-duration', [CompletionResultType]::ParameterName, 'To the first record at or after this long ago (e.g. 1h, 30m)')
            [CompletionResult]::new('--shift-by', '--shift-by', [CompletionResultType]::ParameterName, 'Move each committed offset by N records (-10 re-reads ten, +5 skips five)')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'To the offsets in a backup file a reset wrote (undoes that reset)')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'Where --execute writes the current offsets first [default: ./kmsg-offsets-<group>-<UTC time>.json]; must not exist yet')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--to-earliest', '--to-earliest', [CompletionResultType]::ParameterName, 'To the first offset each partition holds')
            [CompletionResult]::new('--to-latest', '--to-latest', [CompletionResultType]::ParameterName, 'To the end of each partition (skip everything not yet consumed)')
            [CompletionResult]::new('--execute', '--execute', [CompletionResultType]::ParameterName, 'Apply the change (without it: a dry run that prints current → new and changes nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group;delete' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group (it must have no members)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group (it must have no members)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group;delete-offsets' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Topic whose offsets to delete: TOPIC or TOPIC:0,2 (repeatable)')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Topic whose offsets to delete: TOPIC or TOPIC:0,2 (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;group;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Consumer groups with state, protocol type, assignor and member count')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'A group''s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag')
            [CompletionResult]::new('reset-offsets', 'reset-offsets', [CompletionResultType]::ParameterValue, 'Move a stopped group''s committed offsets (dry run unless --execute; backs up first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stopped group and its committed offsets (needs --yes)')
            [CompletionResult]::new('delete-offsets', 'delete-offsets', [CompletionResultType]::ParameterValue, 'Delete a group''s committed offsets of a topic (or some of its partitions)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;group;help;list' {
            break
        }
        'kmsg;group;help;describe' {
            break
        }
        'kmsg;group;help;reset-offsets' {
            break
        }
        'kmsg;group;help;delete' {
            break
        }
        'kmsg;group;help;delete-offsets' {
            break
        }
        'kmsg;group;help;help' {
            break
        }
        'kmsg;verify' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The pipeline''s input topic: every record id in it must be downstream')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The pipeline''s input topic: every record id in it must be downstream')
            [CompletionResult]::new('--input-topic', '--input-topic', [CompletionResultType]::ParameterName, 'The pipeline''s input topic: every record id in it must be downstream')
            [CompletionResult]::new('--output-topic', '--output-topic', [CompletionResultType]::ParameterName, 'The topic the pipeline forwards to (`--output-topic` like `consume`: `-o/--output` is the output format)')
            [CompletionResult]::new('--dlq-topic', '--dlq-topic', [CompletionResultType]::ParameterName, 'The pipeline''s dead letter topic [default: <input>.dlq; when that default does not exist, only the output is read, with a note]')
            [CompletionResult]::new('--dlq', '--dlq', [CompletionResultType]::ParameterName, 'The pipeline''s dead letter topic [default: <input>.dlq; when that default does not exist, only the output is read, with a note]')
            [CompletionResult]::new('--id-field', '--id-field', [CompletionResultType]::ParameterName, 'Take each record''s id from this field of its JSON value (a top-level name, or a dotted path like user.id) instead of its key')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'List at most this many ids of each kind (lost, duplicated, unexpected) and copies of each duplicate; the counts are always exact')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--exactly-once', '--exactly-once', [CompletionResultType]::ParameterName, 'Fail on any duplicate too (exactly-once); without it duplicates are reported but the check passes (at-least-once)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;breaker-test' {
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'Messages to send through the pipeline')
            [CompletionResult]::new('--outage', '--outage', [CompletionResultType]::ParameterName, 'How long the downstream fails (503) from its first request')
            [CompletionResult]::new('--breaker-threshold', '--breaker-threshold', [CompletionResultType]::ParameterName, 'Consecutive failures that open the breaker')
            [CompletionResult]::new('--breaker-timeout', '--breaker-timeout', [CompletionResultType]::ParameterName, 'How long the breaker stays open before a probe')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries of a transient failure before a message is dead-lettered')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up (FAIL) when the pipeline has not finished by then')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;demo' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'How long the producer runs')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long the producer runs')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Messages per second')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Messages per second')
            [CompletionResult]::new('--invalid-ratio', '--invalid-ratio', [CompletionResultType]::ParameterName, 'Share of bad messages (they end in the DLQ with their reasons)')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Share of processing attempts of the flaky downstream that fail (retried)')
            [CompletionResult]::new('--instances', '--instances', [CompletionResultType]::ParameterName, 'Consumer instances in the group')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A table of dead letters: when, where from, stage, error class, message')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts by error class, by original topic and over time, with a bar chart')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send selected dead letters to their original topic (or --to); resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;dlq;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only this error class (e.g. schema_validation, retries_exhausted)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time')
            [CompletionResult]::new('--original-topic', '--original-topic', [CompletionResultType]::ParameterName, 'Only dead letters that came from this topic')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many (the newest)')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Show at most this many (the newest)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only dead letters for which this jq expression is true, e.g. ''.headers["kmsg.dlq.error.class"] == "schema_validation"''; a record is {key, value, headers, topic, partition, offset, timestamp} (see the README)')
            [CompletionResult]::new('--decode', '--decode', [CompletionResultType]::ParameterName, 'Registry-framed values: decode them to JSON (auto: when a known schema id fits)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print only the number of matching dead letters ({"count": N} with -o json)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq;show' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--decode', '--decode', [CompletionResultType]::ParameterName, 'A registry-framed key or value: decode it to JSON (auto: when a known schema id fits)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq;stats' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only dead letters newer than this: a duration ago (10m) or an RFC 3339 time')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--per-minute', '--per-minute', [CompletionResultType]::ParameterName, 'Count per minute instead of per hour')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq;replay' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Only this error class')
            [CompletionResult]::new('--original-topic', '--original-topic', [CompletionResultType]::ParameterName, 'Only dead letters that came from this topic')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Send to this topic instead of each record''s original topic')
            [CompletionResult]::new('--max-replays', '--max-replays', [CompletionResultType]::ParameterName, 'Refuse records already replayed this many times (a poison pill must not ping-pong)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group that records the replay''s progress, so an interrupted replay resumes [default: derived from the DLQ topic, the filters and --to]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be replayed; send and commit nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq;watch' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'Dead letter topic [default: <INPUT_TOPIC>.dlq, i.e. posts.dlq]')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Consumer group of the watcher')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Consumer group of the watcher')
            [CompletionResult]::new('--metrics-addr', '--metrics-addr', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at /metrics, plus /healthz and /readyz')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Stop when no dead letter arrived for this long (for scripts)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;dlq;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A table of dead letters: when, where from, stage, error class, message')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts by error class, by original topic and over time, with a bar chart')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send selected dead letters to their original topic (or --to); resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;dlq;help;list' {
            break
        }
        'kmsg;dlq;help;show' {
            break
        }
        'kmsg;dlq;help;stats' {
            break
        }
        'kmsg;dlq;help;replay' {
            break
        }
        'kmsg;dlq;help;watch' {
            break
        }
        'kmsg;dlq;help;help' {
            break
        }
        'kmsg;acl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create the ACLs of the producer, consumer and dlq roles for the pipeline''s topics and group (idempotent; run it as the admin user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cluster''s ACLs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;acl;apply' {
            [CompletionResult]::new('--input-topic', '--input-topic', [CompletionResultType]::ParameterName, 'Input topic: the producer writes it, the consumer reads it, DLQ replay writes it')
            [CompletionResult]::new('--output-topic', '--output-topic', [CompletionResultType]::ParameterName, 'Output topic: the consumer writes it')
            [CompletionResult]::new('--dlq-topic', '--dlq-topic', [CompletionResultType]::ParameterName, 'Dead letter topic: the consumer writes it, the dlq user reads it [default: <input-topic>.dlq]')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'The consumer''s group (the only group the consumer user may join)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The consumer''s group (the only group the consumer user may join)')
            [CompletionResult]::new('--dlq-group-prefix', '--dlq-group-prefix', [CompletionResultType]::ParameterName, 'Prefix of the groups the dlq user may use (`dlq watch`, `dlq replay`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;acl;list' {
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'Only the ACLs of this principal (e.g. User:producer, or just producer)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;acl;help' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create the ACLs of the producer, consumer and dlq roles for the pipeline''s topics and group (idempotent; run it as the admin user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cluster''s ACLs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;acl;help;apply' {
            break
        }
        'kmsg;acl;help;list' {
            break
        }
        'kmsg;acl;help;help' {
            break
        }
        'kmsg;registry' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'List the registry''s subjects')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List a subject''s versions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a schema file under a subject (its compatibility is checked first)')
            [CompletionResult]::new('compatibility', 'compatibility', [CompletionResultType]::ParameterValue, 'Show a subject''s compatibility level, or set it with --set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;registry;subjects' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;versions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;get' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The schema with this global id')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;register' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'The schema type [default: from the file''s extension: .avsc, .proto, .json]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;compatibility' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set the level: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--permanent', '--permanent', [CompletionResultType]::ParameterName, 'Delete the subject for good (after the registry''s soft delete, which keeps its ids resolvable and lets it be registered again)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;registry;help' {
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'List the registry''s subjects')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List a subject''s versions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a schema file under a subject (its compatibility is checked first)')
            [CompletionResult]::new('compatibility', 'compatibility', [CompletionResultType]::ParameterValue, 'Show a subject''s compatibility level, or set it with --set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;registry;help;subjects' {
            break
        }
        'kmsg;registry;help;versions' {
            break
        }
        'kmsg;registry;help;get' {
            break
        }
        'kmsg;registry;help;register' {
            break
        }
        'kmsg;registry;help;compatibility' {
            break
        }
        'kmsg;registry;help;delete' {
            break
        }
        'kmsg;registry;help;help' {
            break
        }
        'kmsg;profile' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file, which one is the default, and the file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile''s settings (password files as paths, never their contents)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;profile;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;profile;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;profile;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file, which one is the default, and the file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile''s settings (password files as paths, never their contents)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;profile;help;list' {
            break
        }
        'kmsg;profile;help;show' {
            break
        }
        'kmsg;profile;help;help' {
            break
        }
        'kmsg;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take defaults from this profile of the config file ($XDG_CONFIG_HOME/kmsg/config.toml, ~/.config/kmsg/config.toml, or KMSG_CONFIG); a flag or its env var still wins [default: the file''s `default`, if any]')
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('--bootstrap', '--bootstrap', [CompletionResultType]::ParameterName, 'Kafka bootstrap servers, comma separated [default: localhost:9092]')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. It wins over a typed flag left at its default, and is refused with one given explicitly (e.g. --acks 1 -X acks=all); connection keys (--bootstrap, --security-protocol, --sasl-*, --tls-*) and keys kmsg sets itself (group.id, enable.auto.commit, ...) are refused')
            [CompletionResult]::new('--security-protocol', '--security-protocol', [CompletionResultType]::ParameterName, 'Security protocol for the client connection')
            [CompletionResult]::new('--sasl-mechanism', '--sasl-mechanism', [CompletionResultType]::ParameterName, 'SASL mechanism')
            [CompletionResult]::new('--sasl-username', '--sasl-username', [CompletionResultType]::ParameterName, 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)')
            [CompletionResult]::new('--sasl-password-file', '--sasl-password-file', [CompletionResultType]::ParameterName, 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD')
            [CompletionResult]::new('--tls-ca', '--tls-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the brokers')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--schema-registry', '--schema-registry', [CompletionResultType]::ParameterName, 'Schema registry (Confluent-compatible API root), e.g. http://localhost:8081 or http://apicurio:8080/apis/ccompat/v7: decodes registry-framed records in view and dlq, and is needed by produce --value-schema, consume --value-format registry, registry')
            [CompletionResult]::new('--schema-registry-user', '--schema-registry-user', [CompletionResultType]::ParameterName, 'Schema registry user for basic auth (the password comes from env SCHEMA_REGISTRY_PASSWORD or --schema-registry-password-file)')
            [CompletionResult]::new('--schema-registry-password-file', '--schema-registry-password-file', [CompletionResultType]::ParameterName, 'File holding the schema registry password (first line)')
            [CompletionResult]::new('--schema-registry-ca', '--schema-registry-ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify an https schema registry')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the cluster before giving up [default: 10s]')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format on stderr (json: one object per line, for log collectors)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How results are printed on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kmsg;help' {
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'Create, list, describe and delete topics')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Run a real local Kafka cluster (KRaft, no Docker)')
            [CompletionResult]::new('produce', 'produce', [CompletionResultType]::ParameterValue, 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary')
            [CompletionResult]::new('consume', 'consume', [CompletionResultType]::ParameterValue, 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Read records without joining a group (exit at the end, or --follow)')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'Consumer group lag per partition (--group), or a running consumer''s key figures (--from)')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Consumer groups: list, describe (lag in records and seconds), reset offsets, delete')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Audit a pipeline''s topics: every input id in the output or the DLQ, none lost, duplicates counted (exit 3 when the check fails)')
            [CompletionResult]::new('breaker-test', 'breaker-test', [CompletionResultType]::ParameterValue, 'Check retries, breaker and DLQ end to end against a failing-then-recovering downstream')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole pipeline for a while: producer, three consumers, DLQ, summary (on an embedded in-memory cluster unless --bootstrap is given)')
            [CompletionResult]::new('dlq', 'dlq', [CompletionResultType]::ParameterValue, 'Dead letters: list, show one, stats, replay to their topic, watch')
            [CompletionResult]::new('acl', 'acl', [CompletionResultType]::ParameterValue, 'Apply the pipeline''s least-privilege ACLs, or list ACLs (secure clusters)')
            [CompletionResult]::new('registry', 'registry', [CompletionResultType]::ParameterValue, 'Schemas in a Confluent-compatible registry: list, get, register, compatibility, delete')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Named profiles from the config file (~/.config/kmsg/config.toml or KMSG_CONFIG)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kmsg;help;topics' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List topics with partition count and replication factor')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show partitions, leaders, replicas, ISR and non-default configs')
            [CompletionResult]::new('alter', 'alter', [CompletionResultType]::ParameterValue, 'Change a topic: set or delete configs (incrementally: others stay), add partitions')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete topics (needs --yes)')
            break
        }
        'kmsg;help;topics;create' {
            break
        }
        'kmsg;help;topics;list' {
            break
        }
        'kmsg;help;topics;describe' {
            break
        }
        'kmsg;help;topics;alter' {
            break
        }
        'kmsg;help;topics;delete' {
            break
        }
        'kmsg;help;cluster' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the brokers (formats storage on first start, keeps data after that)')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop the brokers (all, or one with --node)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart nodes one at a time (one with --node, all with --rolling), each time waiting until the cluster has no under-replicated partition; exit 3 when it does not heal within --wait')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing')
            [CompletionResult]::new('secrets', 'secrets', [CompletionResultType]::ParameterValue, 'Write a secured cluster''s CA, broker certificate and role passwords for brokers run elsewhere (docker-compose.secure.yml): one folder per container that needs them')
            break
        }
        'kmsg;help;cluster;up' {
            break
        }
        'kmsg;help;cluster;down' {
            break
        }
        'kmsg;help;cluster;restart' {
            break
        }
        'kmsg;help;cluster;status' {
            break
        }
        'kmsg;help;cluster;secrets' {
            break
        }
        'kmsg;help;produce' {
            break
        }
        'kmsg;help;consume' {
            break
        }
        'kmsg;help;view' {
            break
        }
        'kmsg;help;metrics' {
            break
        }
        'kmsg;help;group' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Consumer groups with state, protocol type, assignor and member count')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'A group''s state, members, and per partition committed/end offsets, lag in records and seconds, and the estimated time to drain the lag')
            [CompletionResult]::new('reset-offsets', 'reset-offsets', [CompletionResultType]::ParameterValue, 'Move a stopped group''s committed offsets (dry run unless --execute; backs up first)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a stopped group and its committed offsets (needs --yes)')
            [CompletionResult]::new('delete-offsets', 'delete-offsets', [CompletionResultType]::ParameterValue, 'Delete a group''s committed offsets of a topic (or some of its partitions)')
            break
        }
        'kmsg;help;group;list' {
            break
        }
        'kmsg;help;group;describe' {
            break
        }
        'kmsg;help;group;reset-offsets' {
            break
        }
        'kmsg;help;group;delete' {
            break
        }
        'kmsg;help;group;delete-offsets' {
            break
        }
        'kmsg;help;verify' {
            break
        }
        'kmsg;help;breaker-test' {
            break
        }
        'kmsg;help;demo' {
            break
        }
        'kmsg;help;dlq' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A table of dead letters: when, where from, stage, error class, message')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One dead letter in full: coordinates, decoded headers, value (PARTITION:OFFSET)')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Counts by error class, by original topic and over time, with a bar chart')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Re-send selected dead letters to their original topic (or --to); resumable')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'A long-running group member that logs every dead letter and serves kafka_dlq_* metrics')
            break
        }
        'kmsg;help;dlq;list' {
            break
        }
        'kmsg;help;dlq;show' {
            break
        }
        'kmsg;help;dlq;stats' {
            break
        }
        'kmsg;help;dlq;replay' {
            break
        }
        'kmsg;help;dlq;watch' {
            break
        }
        'kmsg;help;acl' {
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create the ACLs of the producer, consumer and dlq roles for the pipeline''s topics and group (idempotent; run it as the admin user)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cluster''s ACLs')
            break
        }
        'kmsg;help;acl;apply' {
            break
        }
        'kmsg;help;acl;list' {
            break
        }
        'kmsg;help;registry' {
            [CompletionResult]::new('subjects', 'subjects', [CompletionResultType]::ParameterValue, 'List the registry''s subjects')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'List a subject''s versions')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a schema: SUBJECT[:VERSION] (latest by default) or --id N')
            [CompletionResult]::new('register', 'register', [CompletionResultType]::ParameterValue, 'Register a schema file under a subject (its compatibility is checked first)')
            [CompletionResult]::new('compatibility', 'compatibility', [CompletionResultType]::ParameterValue, 'Show a subject''s compatibility level, or set it with --set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a subject (softly, or --permanent), or one version with SUBJECT:VERSION (needs --yes)')
            break
        }
        'kmsg;help;registry;subjects' {
            break
        }
        'kmsg;help;registry;versions' {
            break
        }
        'kmsg;help;registry;get' {
            break
        }
        'kmsg;help;registry;register' {
            break
        }
        'kmsg;help;registry;compatibility' {
            break
        }
        'kmsg;help;registry;delete' {
            break
        }
        'kmsg;help;profile' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The profiles in the config file, which one is the default, and the file''s path')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One profile''s settings (password files as paths, never their contents)')
            break
        }
        'kmsg;help;profile;list' {
            break
        }
        'kmsg;help;profile;show' {
            break
        }
        'kmsg;help;completions' {
            break
        }
        'kmsg;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
