package dev.caravan.backup;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * At most one backup per source at a time: two pulls of one server would double its fork and
 * transfer load for the same data. The {@code backup} route takes the source before the pull; the
 * exchange gives it back when it completes, whatever happened.
 */
@ApplicationScoped
@Named("backupGuard")
public class BackupGuard {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /**
     * Takes the request's source until {@code exchange} completes, successfully or not.
     *
     * @throws BackupAlreadyRunningException if a backup of this source is running
     */
    public void acquire(BackupRequest request, Exchange exchange) {
        String source = request.source();
        acquire(source);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                release(source);
            }
        });
    }

    void acquire(String source) {
        if (!running.add(source)) {
            throw new BackupAlreadyRunningException(source);
        }
    }

    void release(String source) {
        running.remove(source);
    }
}
