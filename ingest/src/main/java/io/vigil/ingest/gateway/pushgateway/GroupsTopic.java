package io.vigil.ingest.gateway.pushgateway;

import io.vigil.kafka.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates {@code vigil.pushgateway.groups} as a compacted topic when it does not exist: only the last
 * record per group matters, and compaction keeps exactly that (a tombstone too, until
 * delete.retention.ms, so that a replica reading from the start sees the delete).
 */
final class GroupsTopic {
    private static final Logger LOG = Logger.getLogger(GroupsTopic.class);

    private GroupsTopic() {
    }

    static void ensureExists(String bootstrapServers, int partitions, BooleanSupplier stopping) {
        for (int attempt = 1; !stopping.getAsBoolean(); attempt++) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                admin.createTopics(List.of(new NewTopic(Topics.PUSHGATEWAY_GROUPS, partitions, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get(15, TimeUnit.SECONDS);
                LOG.infof("created compacted topic %s with %d partitions", Topics.PUSHGATEWAY_GROUPS, partitions);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                LOG.warnf("cannot create topic %s yet (attempt %d): %s", Topics.PUSHGATEWAY_GROUPS, attempt, e.getCause());
            } catch (Exception e) {
                LOG.warnf("cannot create topic %s yet (attempt %d): %s", Topics.PUSHGATEWAY_GROUPS, attempt, e);
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
