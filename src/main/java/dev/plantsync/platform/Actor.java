package dev.plantsync.platform;

/** Who asked for an action and through which door (cli, api, console, scheduler). */
public record Actor(String name, String channel) {

    public static Actor cli() {
        return new Actor(System.getProperty("user.name", "unknown"), "cli");
    }

    public static Actor scheduler() {
        return new Actor("quartz", "scheduler");
    }
}
