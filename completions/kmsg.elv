
use builtin;
use str;

set edit:completion:arg-completer[kmsg] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'kmsg'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'kmsg'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand topics 'Create, list, describe and delete topics'
            cand cluster 'Run a real local Kafka cluster (KRaft, no Docker)'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;topics'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent'
            cand list 'List topics with partition count and replication factor'
            cand describe 'Show partitions, leaders, replicas, ISR and non-default configs'
            cand delete 'Delete topics (needs --yes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;topics;create'= {
            cand --input-topic 'Input topic of the pipeline'
            cand --output-topic 'Output topic of the pipeline'
            cand --dlq-topic 'Dead letter topic of the pipeline [default: <input-topic>.dlq]'
            cand -p 'Number of partitions'
            cand --partitions 'Number of partitions'
            cand -r 'Replication factor'
            cand --replication-factor 'Replication factor'
            cand -c 'Topic config (repeatable), e.g. --config retention.ms=86400000'
            cand --config 'Topic config (repeatable), e.g. --config retention.ms=86400000'
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;topics;list'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand --all 'Include internal topics such as __consumer_offsets'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;topics;describe'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;topics;delete'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand --yes 'Confirm the deletion'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;topics;help'= {
            cand create 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent'
            cand list 'List topics with partition count and replication factor'
            cand describe 'Show partitions, leaders, replicas, ISR and non-default configs'
            cand delete 'Delete topics (needs --yes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;topics;help;create'= {
        }
        &'kmsg;topics;help;list'= {
        }
        &'kmsg;topics;help;describe'= {
        }
        &'kmsg;topics;help;delete'= {
        }
        &'kmsg;topics;help;help'= {
        }
        &'kmsg;cluster'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start the brokers (formats storage on first start, keeps data after that)'
            cand down 'Stop the brokers (all, or one with --node)'
            cand status 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;cluster;up'= {
            cand --state-dir 'Folder holding the cluster''s configuration, data and logs'
            cand --kafka-home 'Apache Kafka distribution (a folder with libs/*.jar) [default: ./.cache/kafka]'
            cand -n 'Number of brokers (each is also a KRaft controller)'
            cand --brokers 'Number of brokers (each is also a KRaft controller)'
            cand --base-port 'Client port of the first broker; the others follow (9092, 9093, 9094)'
            cand --controller-base-port 'Controller port of the first broker [default: base port + 1000]'
            cand --heap 'Java heap per broker'
            cand --wait 'How long to wait for the brokers to register and elect a controller'
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;cluster;down'= {
            cand --state-dir 'Folder holding the cluster''s configuration, data and logs'
            cand --node 'Stop only this node id'
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand --purge 'Also delete the state folder (data and logs)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;cluster;status'= {
            cand --state-dir 'Folder holding the cluster''s configuration, data and logs'
            cand --expect-brokers 'Brokers expected; with --bootstrap and no local cluster [default: the local cluster''s size, else 3]'
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;cluster;help'= {
            cand up 'Start the brokers (formats storage on first start, keeps data after that)'
            cand down 'Stop the brokers (all, or one with --node)'
            cand status 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;cluster;help;up'= {
        }
        &'kmsg;cluster;help;down'= {
        }
        &'kmsg;cluster;help;status'= {
        }
        &'kmsg;cluster;help;help'= {
        }
        &'kmsg;completions'= {
            cand -b 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand --bootstrap 'Kafka bootstrap servers, comma separated [default: localhost:9092]'
            cand -X 'Pass a librdkafka property through (repeatable), e.g. -X queue.buffering.max.ms=50. Keys that have a typed flag (--bootstrap, --security-protocol, --sasl-*, --tls-*) are refused'
            cand --security-protocol 'Security protocol for the client connection'
            cand --sasl-mechanism 'SASL mechanism'
            cand --sasl-username 'SASL user name (the password comes from env KMSG_SASL_PASSWORD or --sasl-password-file)'
            cand --sasl-password-file 'File holding the SASL password (first line); alternatively set env KMSG_SASL_PASSWORD'
            cand --tls-ca 'CA certificate (PEM) to verify the brokers'
            cand --tls-cert 'Client certificate (PEM) for mutual TLS'
            cand --tls-key 'Client private key (PEM) for mutual TLS'
            cand --timeout 'How long to wait for the cluster before giving up'
            cand --log-level 'Log level or filter (overrides RUST_LOG), e.g. debug or kmsg=debug,librdkafka=info'
            cand --log-format 'Log format on stderr'
            cand -o 'How results are printed on stdout'
            cand --output 'How results are printed on stdout'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;help'= {
            cand topics 'Create, list, describe and delete topics'
            cand cluster 'Run a real local Kafka cluster (KRaft, no Docker)'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'kmsg;help;topics'= {
            cand create 'Create the pipeline''s topics (input, output, DLQ), or one named topic; idempotent'
            cand list 'List topics with partition count and replication factor'
            cand describe 'Show partitions, leaders, replicas, ISR and non-default configs'
            cand delete 'Delete topics (needs --yes)'
        }
        &'kmsg;help;topics;create'= {
        }
        &'kmsg;help;topics;list'= {
        }
        &'kmsg;help;topics;describe'= {
        }
        &'kmsg;help;topics;delete'= {
        }
        &'kmsg;help;cluster'= {
            cand up 'Start the brokers (formats storage on first start, keeps data after that)'
            cand down 'Stop the brokers (all, or one with --node)'
            cand status 'Show brokers, controller and under-replicated partitions; exit 3 when brokers are missing'
        }
        &'kmsg;help;cluster;up'= {
        }
        &'kmsg;help;cluster;down'= {
        }
        &'kmsg;help;cluster;status'= {
        }
        &'kmsg;help;completions'= {
        }
        &'kmsg;help;help'= {
        }
    ]
    $completions[$command]
}
