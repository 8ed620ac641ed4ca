package dev.plantsync.odoo;

/**
 * Who PlantSync is in Odoo. The secret (password or API key) is read from the environment or a file by
 * {@link OdooProperties}; it is never logged: {@link #toString()} hides it.
 */
public record OdooCredentials(String database, String login, String secret) {

    @Override
    public String toString() {
        return "OdooCredentials[database=" + database + ", login=" + login + ", secret=***]";
    }
}
