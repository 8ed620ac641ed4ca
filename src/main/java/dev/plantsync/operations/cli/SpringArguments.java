package dev.plantsync.operations.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into the command's own words and Spring-style settings ({@code --server.port=18080},
 * {@code --plantsync.config-dir=/etc/plantsync}): an argument {@code --key=value} whose key holds a dot is a setting
 * for the application, as with any Spring Boot jar; the command's own options never hold a dot. Settings may stand
 * anywhere on the line.
 */
public record SpringArguments(String[] command, String[] settings) {

    public static SpringArguments split(String[] args) {
        List<String> command = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        boolean afterDoubleDash = false;
        for (String arg : args) {
            if (!afterDoubleDash && arg.equals("--")) {
                afterDoubleDash = true; // what follows "--" is the command's, word for word
                command.add(arg);
            } else if (!afterDoubleDash && isSetting(arg)) {
                settings.add(arg);
            } else {
                command.add(arg);
            }
        }
        return new SpringArguments(command.toArray(String[]::new), settings.toArray(String[]::new));
    }

    private static boolean isSetting(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 2 && arg.substring(2, eq).indexOf('.') > 0;
    }
}
