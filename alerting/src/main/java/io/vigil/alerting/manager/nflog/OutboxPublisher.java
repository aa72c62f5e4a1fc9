package io.vigil.alerting.manager.nflog;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.kafka.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to {@code vigil.notifications} in order (key = group key), then marks them
 * published. At least once: a crash between Kafka's acknowledgement and the mark sends the same row,
 * with the same notification id, again; notify delivers each id once. Run on its own thread of the
 * replica holding the dispatcher lease, after each dispatch round.
 */
@ApplicationScoped
public class OutboxPublisher {
    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    private static final int BATCH = 200;

    private final AgroalDataSource dataSource;
    private final String bootstrap;
    private final MeterRegistry metrics;
    private final Counter failures;
    private final AtomicLong backlog = new AtomicLong();
    private KafkaProducer<byte[], byte[]> producer;

    OutboxPublisher(AgroalDataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.bootstrap = bootstrap;
        this.metrics = metrics;
        this.failures = metrics.counter("vigil.notification.publish.failures");
        metrics.gauge("vigil.notification.outbox.backlog", backlog);
    }

    /** Publishes what is waiting; stops at the first failure (kept for the next round, order preserved). */
    public void publishPending() throws SQLException {
        record Row(long seq, String id, String receiver, String groupKey, byte[] payload) {
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, id, receiver, group_key, payload FROM notification_outbox WHERE published_at IS NULL ORDER BY seq LIMIT " + BATCH);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5)));
            }
        }
        // No connection is held while waiting for Kafka.
        for (Row r : rows) {
            if (!send(r.id(), r.groupKey(), r.payload())) {
                break;
            }
            markPublished(r.seq());
            metrics.counter("vigil.notifications.published", "receiver", r.receiver()).increment();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM notification_outbox WHERE published_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
        }
    }

    private boolean send(String id, String groupKey, byte[] payload) {
        try {
            producer().send(new ProducerRecord<>(Topics.NOTIFICATIONS, groupKey.getBytes(StandardCharsets.UTF_8), payload))
                    .get(15, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failures.increment();
            LOG.warnf("notification %s not published yet (%s); retrying next round", id, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void markPublished(long seq) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET published_at = now() WHERE seq = ?")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 12_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-alerting-notifications");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
