package dev.pginsertbench;

import dev.pginsertbench.postgres.PostgresProvisioner;
import dev.pginsertbench.postgres.PostgresServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL server: one per test JVM, started on first use through the
 * suite's own provisioning (so {@code -Dbench.jdbcUrl=...} runs the tests against your server)
 * and stopped when the test run ends.
 */
public final class PostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
                .getOrComputeIfAbsent("server", key -> PostgresProvisioner.startFromEnvironment(), PostgresServer.class);
    }
}
