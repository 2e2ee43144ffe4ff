
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
            cand produce 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary'
            cand consume 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable'
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
        &'kmsg;produce'= {
            cand -t 'Topic to write to'
            cand --topic 'Topic to write to'
            cand -g 'Generate messages of this kind (instead of reading stdin)'
            cand --generate 'Generate messages of this kind (instead of reading stdin)'
            cand -f 'Read messages from this file, one per line ("-" for stdin; stdin is the default)'
            cand --file 'Read messages from this file, one per line ("-" for stdin; stdin is the default)'
            cand --value 'Send this one message and print where it landed'
            cand -k 'Key of the single message (--value)'
            cand --key 'Key of the single message (--value)'
            cand -H 'Header on every message, repeatable (-H k=v)'
            cand --header 'Header on every message, repeatable (-H k=v)'
            cand --input 'Format of piped lines'
            cand -K 'Split each piped line into key and value at the first SEP (like kcat -K)'
            cand --key-separator 'Split each piped line into key and value at the first SEP (like kcat -K)'
            cand --on-invalid 'What to do with a line that is not valid input'
            cand --invalid-ratio 'Share of generated messages that are bad on purpose (0..1), for exercising the DLQ'
            cand --seed 'Seed for generated messages, to make a run reproducible [default: random, printed in the summary]'
            cand --size 'Pad generated posts to about this many bytes'
            cand --schema 'Validate each outgoing message against this JSON Schema; invalid ones are not sent'
            cand -r 'Messages per second (0 or absent: as fast as possible)'
            cand --rate 'Messages per second (0 or absent: as fast as possible)'
            cand -n 'Stop after this many messages'
            cand --count 'Stop after this many messages'
            cand -d 'Stop after this long (e.g. 30s, 5m)'
            cand --duration 'Stop after this long (e.g. 30s, 5m)'
            cand -p 'Partition to write every message to [default: by key, like the Java client]'
            cand --partition 'Partition to write every message to [default: by key, like the Java client]'
            cand --acks 'acks: all, 1 or 0'
            cand -z 'Compression codec'
            cand --compression 'Compression codec'
            cand --linger 'How long librdkafka waits to fill a batch (linger.ms)'
            cand --batch-size 'Maximum batch size in bytes (batch.size)'
            cand --delivery-timeout 'How long a message may wait for its acknowledgement before it counts as failed'
            cand --flush-timeout 'After the last message (or Ctrl-C), how long to wait for outstanding acknowledgements'
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
            cand -q 'No progress display'
            cand --quiet 'No progress display'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'kmsg;consume'= {
            cand -g 'Consumer group'
            cand --group 'Consumer group'
            cand -t 'Topic to consume'
            cand --topic 'Topic to consume'
            cand --output-topic 'Topic that valid messages are forwarded to (key and headers preserved); none: only validate'
            cand --dlq-topic 'Dead letter topic [default: <topic>.dlq]'
            cand --schema 'JSON Schema every message must satisfy (draft 7 or later; format assertions on); without it a message only has to be JSON'
            cand --instance-id 'This member''s id, used in logs, metrics and the group [default: <host>-<pid>]'
            cand --max-retries 'Retries of a transient failure after the first attempt (3 = up to 4 attempts); then the message is dead-lettered as retries_exhausted'
            cand --retry-backoff 'First retry delay; doubles per retry, with jitter'
            cand --retry-backoff-max 'Longest retry delay'
            cand --fail-rate 'Fault injection: share of processing attempts that fail transiently (0..1)'
            cand --fail-first 'Fault injection: the first N attempts of every message fail transiently'
            cand --sink-url 'HTTP downstream: POST every valid message here (2xx ok; 5xx/429/timeout retried; other 4xx dead-lettered as downstream_rejected); with --output-topic, forwarded after it accepted'
            cand --sink-timeout 'Longest wait for one downstream call'
            cand --breaker-threshold 'Consecutive transient downstream failures that open the circuit breaker'
            cand --breaker-timeout 'How long the breaker stays open (consumption paused) before probing'
            cand --breaker-probes 'Probe calls allowed in half-open'
            cand --txn-max-messages 'With --exactly-once: commit the transaction after this many messages'
            cand --txn-max-interval 'With --exactly-once: commit the transaction at least this often'
            cand --seed 'Seed of the fault injector, for reproducible runs'
            cand --offset-reset 'Where a group with no committed offsets starts'
            cand --max-messages 'Stop after this many messages have a durable outcome'
            cand --idle-timeout 'Stop when no message arrived for this long'
            cand --commit-interval 'How often committable offsets are committed'
            cand --shutdown-timeout 'On SIGINT/SIGTERM, how long to wait for in-flight outcomes before committing and leaving'
            cand --metrics-addr 'Serve Prometheus metrics at /metrics, plus /healthz and /readyz (e.g. 0.0.0.0:8000)'
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
            cand --exactly-once 'Exactly-once: output records, dead letters and consumed offsets commit atomically in Kafka transactions (needs a stable --instance-id: the transactional.id derives from it)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
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
            cand produce 'Send JSON messages (generated, piped, or one) at a precise rate, with a run summary'
            cand consume 'Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable'
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
        &'kmsg;help;produce'= {
        }
        &'kmsg;help;consume'= {
        }
        &'kmsg;help;completions'= {
        }
        &'kmsg;help;help'= {
        }
    ]
    $completions[$command]
}
