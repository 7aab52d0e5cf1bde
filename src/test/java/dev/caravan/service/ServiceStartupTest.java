package dev.caravan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.caravan.config.CaravanConfig.DestinationType;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The start-up check that each configured destination's type has its publish route, and what a
 * command leaves out, on a real CamelContext.
 */
class ServiceStartupTest {

    @Test
    void aDestinationWhoseTypeHasNoPublishRouteIsNamedWithTheRouteItNeeds() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:publish-local").routeId("publish-local").log("publishing");
                    from("direct:publish-sftp?block=false").routeId("publish-sftp").log("publishing");
                }
            });
            camel.start();

            assertThatCode(() -> ServiceStartup.checkPublishRoutes(camel.getRoutes(),
                    Map.of("disk", DestinationType.LOCAL, "far", DestinationType.SFTP))).doesNotThrowAnyException();
            assertThatThrownBy(() -> ServiceStartup.checkPublishRoutes(camel.getRoutes(),
                    Map.of("disk", DestinationType.LOCAL, "bucket", DestinationType.S3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("caravan.destinations.bucket.type=s3 has no route direct:publish-s3")
                    .hasMessageNotContaining("disk");
        }
    }

    @Test
    void aCommandLeavesOutCamelsRouteMetricsAndKeepsEveryOtherPolicyAndNotifier() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            RoutePolicyFactory other = (context, routeId, route) -> null;
            camel.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
            camel.addRoutePolicyFactory(other);
            EventNotifier kept = new EventNotifierSupport() {
                @Override
                public void notify(CamelEvent event) {
                }
            };
            camel.getManagementStrategy().addEventNotifier(new MicrometerExchangeEventNotifier());
            camel.getManagementStrategy().addEventNotifier(new MicrometerRouteEventNotifier());
            camel.getManagementStrategy().addEventNotifier(kept);

            ServiceStartup.leaveOutRouteMetrics(camel);

            assertThat(camel.getRoutePolicyFactories()).containsExactly(other);
            assertThat(camel.getManagementStrategy().getEventNotifiers()).containsExactly(kept);
        }
    }
}
