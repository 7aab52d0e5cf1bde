package dev.caravan.restore;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RestoreApiIT extends RestoreApiTest {

    @Override
    protected void startApplication() {
        // The packaged application runs as a service: Camel is started.
    }

    @Override
    protected String backUpTheSource() {
        return TriggerBackups.withThePackagedApplication();
    }
}
