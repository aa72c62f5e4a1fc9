package io.vigil.ingest.kafka;

import io.quarkus.runtime.StartupEvent;
import io.vigil.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates {@code vigil.samples} when it does not exist yet, so that a fresh cluster gets the intended
 * partition count rather than the broker default. Runs in the background: ingest starts (and the
 * gateway answers 503) even while Kafka is unreachable.
 */
@ApplicationScoped
public class SamplesTopic {
    private static final Logger LOG = Logger.getLogger(SamplesTopic.class);

    private final KafkaSettings settings;

    SamplesTopic(KafkaSettings settings) {
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        Thread.ofVirtual().name("vigil-topic-init").start(this::ensureExists);
    }

    void ensureExists() {
        for (int attempt = 1; attempt <= 60; attempt++) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                admin.createTopics(List.of(new NewTopic(Topics.SAMPLES, settings.samplesPartitions(),
                        settings.replicationFactor()))).all().get(15, TimeUnit.SECONDS);
                LOG.infof("created topic %s with %d partitions", Topics.SAMPLES, settings.samplesPartitions());
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                LOG.warnf("cannot create topic %s yet (attempt %d): %s", Topics.SAMPLES, attempt, e.getCause().toString());
            } catch (Exception e) {
                LOG.warnf(e, "cannot create topic %s yet (attempt %d)", Topics.SAMPLES, attempt);
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
