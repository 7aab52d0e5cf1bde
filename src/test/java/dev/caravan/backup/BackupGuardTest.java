package dev.caravan.backup;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class BackupGuardTest {

    @Test
    void oneBackupPerSourceAtATime() {
        BackupGuard guard = new BackupGuard();
        guard.acquire("main");
        assertThatCode(() -> guard.acquire("other")).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.acquire("main"))
                .isInstanceOf(BackupAlreadyRunningException.class)
                .hasMessage("a backup of source 'main' is already running; try again when it ends");
        guard.release("main");
        assertThatCode(() -> guard.acquire("main")).doesNotThrowAnyException();
    }

    @Test
    void theRouteExchangeGivesTheSourceBackWhenItCompletesEvenAfterAFailure() {
        BackupGuard guard = new BackupGuard();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        guard.acquire(new BackupRequest("main"), exchange);
        assertThatThrownBy(() -> guard.acquire("main")).isInstanceOf(BackupAlreadyRunningException.class);
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        completions.forEach(s -> s.onFailure(exchange));
        assertThatCode(() -> guard.acquire("main")).doesNotThrowAnyException();
    }
}
