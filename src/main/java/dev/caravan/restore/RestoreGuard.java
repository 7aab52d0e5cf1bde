package dev.caravan.restore;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import dev.caravan.restore.RestoreRefusedException.Reason;

/**
 * At most one restore into a target at a time: two loads into one server (or one file) would
 * interleave their keys and their checks would mean nothing. Targets are told apart by
 * {@link RestoreTarget#key()} ({@code host:port}, or a file's absolute path). The route takes the
 * target before anything is fetched; the exchange gives it back when it completes.
 */
@ApplicationScoped
@Named("restoreGuard")
public class RestoreGuard {

    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    /**
     * Takes {@code target} until {@code exchange} completes, successfully or not.
     *
     * @throws RestoreRefusedException with {@link Reason#CONFLICT} if a restore into it is running
     */
    public void acquire(RestorePlan plan, Exchange exchange) {
        acquire(plan.target(), exchange);
    }

    /** As {@link #acquire(RestorePlan, Exchange)}, for a target. */
    public void acquire(RestoreTarget target, Exchange exchange) {
        String key = target.key();
        acquire(target);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                busy.remove(key);
            }
        });
    }

    void acquire(RestoreTarget target) {
        if (!busy.add(target.key())) {
            throw new RestoreRefusedException(Reason.CONFLICT, "a restore into " + target
                    + " is already running; wait for it to finish (GET /api/restores/{id}) and try again");
        }
    }

    void release(RestoreTarget target) {
        busy.remove(target.key());
    }

    /** True while a restore into {@code target} runs. */
    public boolean busy(RestoreTarget target) {
        return busy.contains(target.key());
    }
}
