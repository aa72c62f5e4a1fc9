package io.vigil.notify.channel.email;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link EmailChannelFactory} on its own Vert.x for one test class, closed after it:
 * {@code @RegisterExtension static final EmailFactoryExtension EMAIL = new EmailFactoryExtension();}
 */
final class EmailFactoryExtension implements BeforeAllCallback, AfterAllCallback {
    private Vertx vertx;
    private EmailChannelFactory factory;

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
        factory = new EmailChannelFactory(vertx);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    EmailChannelFactory factory() {
        return factory;
    }
}
