package dev.caravan.restore;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.AfterAll;

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

    @AfterAll
    void forgetTheConfiguration() {
        TriggerBackups.forgetTheConfiguration();
    }
}
