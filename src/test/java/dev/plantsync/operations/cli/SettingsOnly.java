package dev.plantsync.operations.cli;

import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** A command line given settings (as {@code --key=value} would) but no application: starting one fails the test. */
final class SettingsOnly implements CliContext {

    private final Map<String, Object> settings;

    SettingsOnly(Map<String, Object> settings) {
        this.settings = settings;
    }

    @Override
    public ApplicationContext get() {
        throw new AssertionError("no application needed");
    }

    @Override
    public Environment environment() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("command line", settings));
        return env;
    }
}
