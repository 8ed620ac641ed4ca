package dev.plantsync.odoo.sim;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users of the simulated Odoo: the administrator (uid 2) and a user without purchase rights (uid 7), each with a
 * password and an API key; keys can be given an expiry to test what PlantSync does when one runs out.
 */
public final class SimUsers {

    /** A user's credentials. */
    record User(int uid, String login, String name, String password, Set<String> deniedModels, Object tz) {
    }

    public static final String ADMIN_LOGIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String ADMIN_API_KEY = "sim-admin-api-key";
    public static final String LIMITED_LOGIN = "norights";
    public static final String LIMITED_API_KEY = "sim-norights-api-key";

    private final Map<String, User> byLogin = new ConcurrentHashMap<>();
    private final Map<String, Integer> apiKeys = new ConcurrentHashMap<>();
    private final Map<String, Instant> keyExpiry = new ConcurrentHashMap<>();

    SimUsers() {
        add(new User(2, ADMIN_LOGIN, "Mitchell Admin", ADMIN_PASSWORD, Set.of(), "Europe/Brussels"), ADMIN_API_KEY);
        add(new User(7, LIMITED_LOGIN, "PlantSync No Rights", "norights-password",
                Set.of("purchase.order", "purchase.order.line"), false), LIMITED_API_KEY);
    }

    private void add(User user, String apiKey) {
        byLogin.put(user.login(), user);
        apiKeys.put(apiKey, user.uid());
    }

    /** The uid for login + password or API key (Odoo accepts a key where a password is asked), else null. */
    Integer authenticate(String login, Object secret) {
        User user = byLogin.get(login);
        if (user == null || !(secret instanceof String s)) {
            return null;
        }
        if (s.equals(user.password())) {
            return user.uid();
        }
        Integer keyUid = keyUid(s);
        return keyUid != null && keyUid == user.uid() ? user.uid() : null;
    }

    boolean check(int uid, Object secret) {
        return byLogin.values().stream().anyMatch(u -> u.uid() == uid && authenticate(u.login(), secret) != null);
    }

    /** The uid of a valid, unexpired API key, else null. */
    Integer keyUid(String key) {
        Integer uid = apiKeys.get(key);
        Instant expiry = keyExpiry.get(key);
        return uid == null || (expiry != null && !Instant.now().isBefore(expiry)) ? null : uid;
    }

    /**
     * Makes the placeholders of the recorded transcripts valid secrets ({@code <PASSWORD>} for every user,
     * {@code <API_KEY>} for the administrator), so recordings replay byte for byte.
     */
    void acceptRecordedPlaceholders() {
        byLogin.replaceAll((login, u) -> new User(u.uid(), u.login(), u.name(), "<PASSWORD>", u.deniedModels(), u.tz()));
        apiKeys.put("<API_KEY>", 2);
    }

    /** The recordings' user without rights had another id on the other version's database. */
    void renumberLimited(int uid) {
        byLogin.computeIfPresent(LIMITED_LOGIN, (l, u) -> new User(uid, u.login(), u.name(), u.password(),
                u.deniedModels(), u.tz()));
        apiKeys.replaceAll((k, v) -> v == 7 ? uid : v);
    }

    /** Gives a key to a user (and clears its expiry). */
    public void assignKey(String key, int uid) {
        apiKeys.put(key, uid);
        keyExpiry.remove(key);
    }

    Object tz(int uid) {
        return byLogin.values().stream().filter(u -> u.uid() == uid).map(User::tz).findFirst().orElse(false);
    }

    public void expireKey(String key, Instant when) {
        keyExpiry.put(key, when);
    }

    boolean mayAccess(int uid, String model) {
        return byLogin.values().stream().noneMatch(u -> u.uid() == uid && u.deniedModels().contains(model));
    }

    void checkAccess(int uid, String model, int version) {
        if (mayAccess(uid, model)) {
            return;
        }
        String groups = version >= 19
                ? "\t- Accounting/Invoicing\n\t- Inventory/User\n\t- Purchase/Administrator\n\t- Purchase/User\n\t- Role / Portal\n\t- Show Accounting Features - Readonly"
                : "\t- Inventory/User\n\t- Invoicing/Invoicing\n\t- Purchase/Administrator\n\t- Purchase/User\n\t- Technical/Show Accounting Features - Readonly\n\t- User types/Portal";
        String label = model.equals("purchase.order") ? "Purchase Order" : "Purchase Order Line";
        throw SimError.access("You are not allowed to access '" + label + "' (" + model + ") records.\n\n"
                + "This operation is allowed for the following groups:\n" + groups
                + "\n\nContact your administrator to request access if necessary.");
    }
}
