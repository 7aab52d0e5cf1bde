package dev.caravan.backup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;

/**
 * Gathers the fan-out's {@link PublishResult}s, one per destination, into a list, and reports each
 * to the backup's {@link BackupProgress} as it lands.
 */
@ApplicationScoped
@Named("publishResults")
public class PublishResults implements AggregationStrategy {

    private final PublishFailure failure;

    public PublishResults(PublishFailure failure) {
        this.failure = failure;
    }

    /**
     * A destination whose publish threw (a route without retries of its own, or no route at all
     * for its type) counts as a failed copy; its exception must not fail the whole backup.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange gathered, Exchange next) {
        PublishResult result;
        if (next.getException() != null) {
            result = failure.failed(next);
            next.setException(null);
        } else {
            result = next.getMessage().getBody(PublishResult.class);
        }
        BackupProgress progress = next.getProperty(BackupProgress.PROPERTY, BackupProgress.class);
        if (progress != null) {
            progress.copied(result);
        }
        if (gathered == null) {
            // A fresh exchange: the first copy's may carry its error handler's marks (handled,
            // exhausted), which would stop the backup route right after the fan-out.
            Exchange first = new DefaultExchange(next.getContext());
            List<PublishResult> results = new ArrayList<>();
            results.add(result);
            first.getMessage().setBody(results);
            return first;
        }
        gathered.getMessage().getBody(List.class).add(result);
        return gathered;
    }
}
