package dev.caravan.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class BackupApiIT extends BackupApiTest {
}
