package dev.caravan.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

import dev.caravan.CaravanMain;
import dev.caravan.backup.BackupSettings;
import dev.caravan.config.CaravanConfig.DestinationType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.micrometer.eventnotifier.AbstractMicrometerEventNotifier;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.ManagementStrategy;
import org.jboss.logging.Logger;

/**
 * What Camel's start adds to the routes files: a check that every configured destination type has
 * its publish route wherever the backup route is loaded (a build without one fails at start, not
 * at the first backup), and, in the service only (a CLI command must not start schedules), one
 * {@code scheduled-backup} route per source with a {@code schedule}, from the template in
 * routes/backup-triggers.camel.yaml. Camel is started
 * by {@code CaravanApplication} (or a test), after Quarkus's start-up event registers this.
 */
@ApplicationScoped
public class ServiceStartup implements ExtendedStartupListener {

    static final String SCHEDULE_TEMPLATE = "scheduled-backup";
    /** The route that hands each backup to its destinations' publish routes. */
    static final String BACKUP_ROUTE = "backup";

    private static final Logger LOG = Logger.getLogger(ServiceStartup.class);

    @Inject
    BackupSettings settings;

    @Inject
    @CommandLineArguments
    String[] args;

    void register(@Observes StartupEvent started, CamelContext camel) throws Exception {
        camel.addStartupListener(this);
        if (!CaravanMain.isService(args)) {
            leaveOutRouteMetrics(camel);
        }
    }

    /**
     * A command has no metrics endpoint to read Camel's route and exchange meters from, and making
     * them (a policy per route, event notifiers) took about 0.1 s of each command's start. Its
     * routes are created after this, when Camel starts. Caravan's own meters are not Camel's.
     */
    static void leaveOutRouteMetrics(CamelContext camel) {
        camel.getRoutePolicyFactories().removeIf(MicrometerRoutePolicyFactory.class::isInstance);
        ManagementStrategy management = camel.getManagementStrategy();
        for (EventNotifier notifier : List.copyOf(management.getEventNotifiers())) {
            if (notifier instanceof AbstractMicrometerEventNotifier<?>) {
                management.removeEventNotifier(notifier);
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        if (camel.getRoute(BACKUP_ROUTE) == null) {
            return; // a command that does not back up leaves the backup and publish routes unloaded
        }
        Map<String, DestinationType> types = new TreeMap<>();
        settings.destinationNames().forEach(name -> types.put(name, settings.destination(name).type()));
        checkPublishRoutes(camel.getRoutes(), types);
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) throws Exception {
        if (!CaravanMain.isService(args)) {
            return;
        }
        for (Map.Entry<String, String> schedule : settings.schedules().entrySet()) {
            // Quartz reads a URI's '+' as a space; the template puts the expression in a URI.
            TemplatedRouteBuilder.builder(camel, SCHEDULE_TEMPLATE)
                    .routeId(SCHEDULE_TEMPLATE + "-" + schedule.getKey())
                    .parameter("source", schedule.getKey())
                    .parameter("cron", schedule.getValue().trim().replaceAll("\\s+", "+"))
                    .add();
            LOG.infof("source '%s' is backed up on the schedule '%s'", schedule.getKey(), schedule.getValue());
        }
    }

    /**
     * @throws IllegalStateException naming each destination whose type has no
     *                               {@code direct:publish-<type>} route among Camel's routes
     */
    static void checkPublishRoutes(Collection<Route> routes, Map<String, DestinationType> destinations) {
        Set<String> consumed = new TreeSet<>();
        for (Route route : routes) {
            consumed.add(route.getEndpoint().getEndpointBaseUri());
        }
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, DestinationType> destination : destinations.entrySet()) {
            String name = destination.getKey();
            DestinationType type = destination.getValue();
            if (!consumed.contains("direct://publish-" + type.id())) {
                missing.add("caravan.destinations." + name + ".type=" + type.id() + " has no route direct:publish-"
                        + type.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot publish to every configured destination: "
                    + String.join("; ", missing) + " (routes/publish.camel.yaml in this build, or"
                    + " camel.main.routes-include-pattern)");
        }
    }
}
