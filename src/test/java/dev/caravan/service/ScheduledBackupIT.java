package dev.caravan.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ScheduledBackupIT extends ScheduledBackupTest {
}
