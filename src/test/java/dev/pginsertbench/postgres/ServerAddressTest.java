package dev.pginsertbench.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void passwordsAreMaskedInUrlParametersUserInfoAndText() {
        ServerAddress address = new ServerAddress("jdbc:postgresql://h:5432/db?user=u&password=p4ss&ssl=true", "u", "p4ss");
        assertThat(address.maskedUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
        assertThat(address.toString()).doesNotContain("p4ss");
        assertThat(ServerAddress.mask("jdbc:postgresql://u:p4ss@h/db", null)).isEqualTo("jdbc:postgresql://u:***@h/db");
        assertThat(ServerAddress.mask("driver said p4ss was wrong", "p4ss")).isEqualTo("driver said *** was wrong");
    }

    @Test
    void endpointIsReadFromTheUrl() {
        ServerAddress.Endpoint endpoint = new ServerAddress("jdbc:postgresql://db.example:6543/thesis", null, null).endpoint();
        assertThat(endpoint).isEqualTo(new ServerAddress.Endpoint("db.example", "6543", "thesis"));
    }

    @Test
    void aUrlThatIsNotPostgresIsRejectedWithoutThePassword() {
        assertThatThrownBy(() -> new ServerAddress("jdbc:mysql://h/db?password=p4ss", null, "p4ss"))
                .hasMessageContaining("not a PostgreSQL JDBC URL")
                .hasMessageNotContaining("p4ss");
    }

    @Test
    void aUrlParameterIsSetReplacingAnyValueItHadAndEncoded() {
        ServerAddress address = new ServerAddress("jdbc:postgresql://h:5432/db?user=u&SSLMODE=prefer&ssl=true", "u", "p4ss");
        assertThat(address.withUrlParameter("sslmode", "require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db?user=u&ssl=true&sslmode=require");
        assertThat(new ServerAddress("jdbc:postgresql://h/db", null, null).withUrlParameter("socketFactoryArg", "/tmp/a b$")
                .jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?socketFactoryArg=%2Ftmp%2Fa+b%24");
        assertThat(address.withUrlParameter("sslmode", "disable").password()).isEqualTo("p4ss");
    }

    @Test
    void theTransportIsWhatTheUrlSays() {
        ServerAddress tcp = new ServerAddress("jdbc:postgresql://localhost:5432/db?sslmode=disable", "u", "secret");
        assertThat(tcp.transport()).isEqualTo(Transport.TCP);
        assertThat(new ServerAddress("jdbc:postgresql://localhost/db", null, null).transport()).isEqualTo(Transport.TCP);
        assertThat(tcp.withUrlParameter("sslmode", "require").transport()).isEqualTo(Transport.TLS);
        assertThat(tcp.withUrlParameter("sslmode", "verify-full").transport()).isEqualTo(Transport.TLS);
        assertThat(tcp.withUrlParameter("socketFactory", PostgresServer.UNIX_SOCKET_FACTORY)
                .withUrlParameter("socketFactoryArg", "/tmp/.s.PGSQL.5432").transport()).isEqualTo(Transport.UNIX_SOCKET);
    }
}
