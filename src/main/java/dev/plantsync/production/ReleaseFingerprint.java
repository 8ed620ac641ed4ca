package dev.plantsync.production;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of what was released of one order: sha256 over its canonical content, and over the fact that it
 * was cancelled. Two reads of an unchanged order give the same fingerprint, so it is sent once.
 * <p>
 * {@code backorder_of} is not in it. It is derived from PlantSync's own release history, not read from the order, and
 * does not change for an order once the MES has it; counting it would only make every open backorder released before
 * the column existed look CHANGED with nothing changed in Odoo. Such a backorder gets the column with its next real
 * change. An order that is not a backorder has the same content JSON, so the same fingerprint, as before.
 */
final class ReleaseFingerprint {

    private ReleaseFingerprint() {
    }

    static String of(ReleaseContent content, boolean cancelled) {
        return sha256((cancelled ? "CANCELLED\n" : "ACTIVE\n") + content.withBackorderOf(null).toJson());
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
