package dev.plantsync.console;

/** What the console's forms send: an empty field means "not given". */
final class Forms {

    private Forms() {
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
