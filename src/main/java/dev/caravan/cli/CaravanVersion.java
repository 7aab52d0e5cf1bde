package dev.caravan.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** {@code caravan --version}: the application's version from the build. */
public class CaravanVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse("unknown");
        return new String[] {"caravan " + version};
    }
}
