package dev.caravan.restore;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RestoreInboxIT extends RestoreInboxTest {

    @Override
    protected void startApplication() {
        // The packaged application runs as a service: Camel and the inbox are started.
    }

    @Override
    protected String backUpTheSource() {
        return TriggerBackups.withThePackagedApplication();
    }
}
