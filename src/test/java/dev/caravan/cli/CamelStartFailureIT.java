package dev.caravan.cli;

import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

@QuarkusMainIntegrationTest
class CamelStartFailureIT extends CamelStartFailureTest {
}
