package dev.caravan;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One artifact, two faces: with no arguments (or {@code serve}) Caravan runs as a service;
 * with a command ({@code verify}, {@code inspect}, ...) it runs that command and exits with
 * its status.
 */
@QuarkusMain
public class CaravanMain {

    public static void main(String... args) {
        Quarkus.run(CaravanApplication.class, args);
    }
}
