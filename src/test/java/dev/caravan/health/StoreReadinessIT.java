package dev.caravan.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class StoreReadinessIT extends StoreReadinessTest {
}
