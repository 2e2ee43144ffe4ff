package dev.kmsg.bench;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java baseline of bench/consume.sh: the pipeline a JVM team would write instead of
 * {@code kmsg consume --group G --topic T --output-topic O --dlq-topic D --schema schema.json}.
 *
 * <p>A consumer-group member (manual commits) that, for each batch returned by {@code poll()}:
 * parses every value as JSON (Jackson) and validates it against the JSON Schema (networknt,
 * format assertions on); sends each valid record, key and headers unchanged, to the output
 * topic and each invalid one to the dead letter topic with kmsg's {@code kmsg.dlq.*} context
 * headers (class, reason, source topic / partition / offset, ...), all with async {@code
 * send()} and a callback; then waits for the batch's sends ({@code flush()}) and, only if every
 * one was acknowledged (acks=all, idempotence), commits the batch's offsets ({@code
 * commitSync}). It stops after {@code --max-messages} outcomes, after {@code --idle-stop}
 * without a record, or on SIGTERM / SIGINT (the batch in hand finishes and is committed).
 *
 * <p>Prints one JSON summary line on stdout. Exit codes: 0 done, 1 a send or commit failed, 2
 * usage.
 */
public final class Pipeline {
  /** The largest {@code kmsg.dlq.error.detail}, as kmsg caps it. */
  private static final int MAX_DETAIL = 4096;

  private static final String USAGE =
      "usage: java -jar java-pipeline.jar --bootstrap B --group G --input-topic T --output-topic O"
          + " --dlq-topic D --schema FILE [--max-messages N] [--idle-stop SECONDS]"
          + " [--consumer-prop K=V]... [--producer-prop K=V]...";

  private final Options opts;
  private final Schema schema;
  private final ObjectMapper mapper = JsonMapper.builder().build();
  private final long startNanos = System.nanoTime();
  private volatile boolean stopping;

  private long consumed;
  private long forwarded;
  private long deadLettered;
  private long commits;
  private final Map<String, Long> byClass = new TreeMap<>();

  private Pipeline(Options opts, Schema schema) {
    this.opts = opts;
    this.schema = schema;
  }

  public static void main(String[] args) {
    Options opts;
    Schema schema;
    try {
      opts = Options.parse(args);
      schema = loadSchema(opts.schema);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("java-pipeline: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    int rc = new Pipeline(opts, schema).run();
    System.exit(rc);
  }

  /** Compiles the schema once (draft from its {@code $schema}, draft 7 by default; formats on). */
  static Schema loadSchema(Path path) throws IOException {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, b -> b.schemaRegistryConfig(config));
    try (InputStream in = Files.newInputStream(path)) {
      return registry.getSchema(in);
    } catch (JacksonException e) {
      throw new IOException("the schema " + path + " is not JSON: " + e.getOriginalMessage());
    }
  }

  private int run() {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, opts.bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, opts.group);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "java-pipeline-consumer");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.putAll(opts.consumerProps);

    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, opts.bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "java-pipeline-producer");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "50");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "29000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.putAll(opts.producerProps);

    CountDownLatch done = new CountDownLatch(1);
    int rc = 1;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      Thread main = Thread.currentThread();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopping = true;
                    try {
                      consumer.wakeup();
                    } catch (RuntimeException e) {
                      // already closed: the loop has ended
                    }
                    try {
                      done.await();
                    } catch (InterruptedException e) {
                      main.interrupt();
                    }
                  },
                  "shutdown"));
      rc = loop(consumer, producer);
    } catch (RuntimeException e) {
      System.err.println("java-pipeline: " + e);
      rc = 1;
    } finally {
      printSummary(rc);
      done.countDown();
    }
    return rc;
  }

  private int loop(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer) {
    long[] lastActivity = {System.nanoTime()};
    consumer.subscribe(
        List.of(opts.inputTopic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing in flight here: poll() runs only after the previous batch was committed.
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            lastActivity[0] = System.nanoTime();
          }
        });
    long idleNanos = opts.idleStopSecs > 0 ? (long) (opts.idleStopSecs * 1e9) : Long.MAX_VALUE;
    Duration pollTimeout = Duration.ofMillis(100);
    while (!stopping && (opts.maxMessages <= 0 || consumed < opts.maxMessages)) {
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = consumer.poll(pollTimeout);
      } catch (WakeupException e) {
        break; // SIGTERM: nothing of this poll was taken
      }
      if (records.isEmpty()) {
        if (!consumer.assignment().isEmpty() && System.nanoTime() - lastActivity[0] >= idleNanos) {
          break;
        }
        continue;
      }
      lastActivity[0] = System.nanoTime();
      if (!processBatch(consumer, producer, records)) {
        return 1;
      }
    }
    return 0;
  }

  /**
   * Sends every record of the batch (up to --max-messages) to the output or the DLQ, waits for
   * all of them to be acknowledged, then commits the batch's offsets. False when a send or the
   * commit failed (nothing more is committed then: the group resumes from the last commit).
   */
  private boolean processBatch(
      KafkaConsumer<byte[], byte[]> consumer,
      KafkaProducer<byte[], byte[]> producer,
      ConsumerRecords<byte[], byte[]> records) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback =
        (RecordMetadata md, Exception e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        };
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    long batchForwarded = 0;
    long batchDead = 0;
    long taken = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (opts.maxMessages > 0 && consumed + taken >= opts.maxMessages) {
        break;
      }
      Poison poison = check(r.value());
      if (poison == null) {
        producer.send(
            new ProducerRecord<>(opts.outputTopic, null, r.key(), r.value(), r.headers()),
            callback);
        batchForwarded++;
      } else {
        producer.send(
            new ProducerRecord<>(
                opts.dlqTopic, null, r.key(), r.value(), deadLetterHeaders(r, poison)),
            callback);
        byClass.merge(poison.cls, 1L, Long::sum);
        batchDead++;
      }
      offsets.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      taken++;
    }
    producer.flush();
    if (failure.get() != null) {
      System.err.println(
          "java-pipeline: a send was not acknowledged, nothing of the batch committed: "
              + failure.get());
      return false;
    }
    commit(consumer, offsets);
    consumed += taken;
    forwarded += batchForwarded;
    deadLettered += batchDead;
    return true;
  }

  /** commitSync, retried once when SIGTERM's wakeup() lands in it. */
  private void commit(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      consumer.commitSync(offsets);
    }
    commits++;
  }

  /** Why a value can never be processed: kmsg's stage, class, message and detail. */
  record Poison(String stage, String cls, String message, String detail) {}

  /** Decodes and validates one value: null when valid, else why not. */
  Poison check(byte[] value) {
    if (value == null) {
      return new Poison("decode", "null_value", "the message value is null", "");
    }
    if (value.length == 0) {
      return new Poison("decode", "empty_value", "the message value is empty", "");
    }
    JsonNode doc;
    try {
      doc = mapper.readTree(value);
    } catch (JacksonException e) {
      String why = e.getOriginalMessage();
      boolean utf8 = why != null && why.contains("UTF-8");
      String msg = (utf8 ? "the value is not UTF-8: " : "the value is not JSON: ") + why;
      return new Poison("decode", utf8 ? "not_utf8" : "json_parse", msg, msg);
    }
    if (doc == null || doc.isNull() || doc.isMissingNode()) {
      return new Poison("decode", "null_value", "the value is JSON null", "");
    }
    List<Error> errors = schema.validate(doc);
    if (errors.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>(errors.size());
    for (Error e : errors) {
      String at = e.getInstanceLocation().toString();
      lines.add((at.isEmpty() || at.equals("$") ? "/" : at) + ": " + e.getKeyword() + ": " + e.getMessage());
    }
    String first = lines.get(0);
    String message = errors.size() > 1 ? first + " (+" + (errors.size() - 1) + " more)" : first;
    return new Poison("validate", "schema_validation", message, String.join("\n", lines));
  }

  /** The original headers (less an earlier failure's), then kmsg's dead-letter context. */
  private Headers deadLetterHeaders(ConsumerRecord<byte[], byte[]> r, Poison poison) {
    RecordHeaders h = new RecordHeaders();
    for (Header old : r.headers()) {
      String k = old.key();
      if (!(k.startsWith("kmsg.dlq.error.")
          || k.equals("kmsg.dlq.attempts")
          || k.equals("kmsg.dlq.failed.at"))) {
        h.add(old);
      }
    }
    text(h, "kmsg.dlq.original.topic", r.topic());
    text(h, "kmsg.dlq.original.partition", Integer.toString(r.partition()));
    text(h, "kmsg.dlq.original.offset", Long.toString(r.offset()));
    if (r.timestamp() >= 0) {
      text(h, "kmsg.dlq.original.timestamp", Long.toString(r.timestamp()));
    }
    text(h, "kmsg.dlq.consumer.group", opts.group);
    text(h, "kmsg.dlq.stage", poison.stage);
    text(h, "kmsg.dlq.error.class", poison.cls);
    text(h, "kmsg.dlq.error.message", poison.message.replace('\n', ' '));
    String detail = poison.detail;
    text(h, "kmsg.dlq.error.detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
    text(h, "kmsg.dlq.attempts", "1");
    text(h, "kmsg.dlq.failed.at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    return h;
  }

  private static void text(RecordHeaders h, String key, String value) {
    h.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private void printSummary(int rc) {
    double secs = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder classes = new StringBuilder("{");
    for (Map.Entry<String, Long> e : byClass.entrySet()) {
      if (classes.length() > 1) {
        classes.append(',');
      }
      classes.append('"').append(e.getKey()).append("\":").append(e.getValue());
    }
    classes.append('}');
    System.out.printf(
        "{\"consumed\":%d,\"forwarded\":%d,\"dead_lettered\":%d,\"dead_lettered_by_class\":%s,"
            + "\"commits\":%d,\"seconds\":%.3f,\"msgs_per_sec\":%.0f,\"exit\":%d}%n",
        consumed,
        forwarded,
        deadLettered,
        classes,
        commits,
        secs,
        secs > 0 ? consumed / secs : 0.0,
        rc);
    System.out.flush();
  }

  /** The command line. */
  static final class Options {
    String bootstrap;
    String group;
    String inputTopic;
    String outputTopic;
    String dlqTopic;
    Path schema;
    long maxMessages;
    double idleStopSecs;
    final Map<String, String> consumerProps = new LinkedHashMap<>();
    final Map<String, String> producerProps = new LinkedHashMap<>();

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String v = args[++i];
        switch (flag) {
          case "--bootstrap" -> o.bootstrap = v;
          case "--group" -> o.group = v;
          case "--input-topic" -> o.inputTopic = v;
          case "--output-topic" -> o.outputTopic = v;
          case "--dlq-topic" -> o.dlqTopic = v;
          case "--schema" -> o.schema = Path.of(v);
          case "--max-messages" -> o.maxMessages = number(flag, v);
          case "--idle-stop" -> o.idleStopSecs = number(flag, v);
          case "--consumer-prop" -> prop(o.consumerProps, flag, v);
          case "--producer-prop" -> prop(o.producerProps, flag, v);
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        }
      }
      for (Object[] req :
          new Object[][] {
            {"--bootstrap", o.bootstrap},
            {"--group", o.group},
            {"--input-topic", o.inputTopic},
            {"--output-topic", o.outputTopic},
            {"--dlq-topic", o.dlqTopic},
            {"--schema", o.schema}
          }) {
        if (req[1] == null) {
          throw new IllegalArgumentException(req[0] + " is required");
        }
      }
      if (!Files.isReadable(o.schema)) {
        throw new IllegalArgumentException("--schema: cannot read " + o.schema);
      }
      return o;
    }

    private static long number(String flag, String v) {
      try {
        long n = Long.parseLong(v);
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " takes a whole number of 0 or more, got '" + v + "'");
      }
    }

    private static void prop(Map<String, String> into, String flag, String v) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(flag + " takes KEY=VALUE, got '" + v + "'");
      }
      into.put(v.substring(0, eq), v.substring(eq + 1));
    }
  }
}
