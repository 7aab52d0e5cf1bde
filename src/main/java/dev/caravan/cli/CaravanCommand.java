package dev.caravan.cli;

import picocli.CommandLine.Command;

/** The top of the CLI: {@code caravan <command>}. Without a command Caravan runs as a service. */
@Command(name = "caravan",
        mixinStandardHelpOptions = true,
        versionProvider = CaravanVersion.class,
        subcommands = {BackupCommand.class, RestoreCommand.class, VerifyCommand.class, InspectCommand.class},
        description = "Redis backup and restore. Without a command, runs the service.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the check failed (for example an invalid snapshot)",
            "2:invalid arguments", "3:an error prevented the command from running"})
public class CaravanCommand {
}
