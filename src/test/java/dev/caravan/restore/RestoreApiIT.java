package dev.caravan.restore;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.AfterAll;

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

    @AfterAll
    void forgetTheConfiguration() {
        TriggerBackups.forgetTheConfiguration();
    }
}
